"""The top bar on every screen: the agency's emblem and title, Back and Home where the screen
allows them, the language toggle (naming the other language) and the large-text toggle."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.i18n import CHINESE, LANGUAGE_NAMES, current_language, in_language
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import make_label


class Header(QFrame):
    back_clicked = Signal()
    home_clicked = Signal()
    language_clicked = Signal()
    large_text_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING.xl, SPACING.m, SPACING.xl, SPACING.m)
        layout.setSpacing(SPACING.s + 4)

        self.emblem = QLabel(self)
        self.emblem.setObjectName("headerEmblem")
        self.emblem.setPixmap(pixmap("shield", PALETTE.on_dark, 44))
        self.emblem.setFixedSize(48, 48)
        self.title = make_label("", object_name="headerTitle", parent=self)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.title.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)

        self.back_button = KioskButton("backButton", kind="header", icon_name="back", parent=self)
        self.home_button = KioskButton("homeButton", kind="header", icon_name="home", parent=self)
        self.language_button = KioskButton(
            "languageButton", kind="header", icon_name="globe", parent=self
        )
        self.large_text_button = KioskButton(
            "largeTextButton", kind="header", icon_name="text-size", checkable=True, parent=self
        )

        layout.addWidget(self.emblem)
        layout.addWidget(self.title, 1)
        layout.addSpacing(SPACING.m)
        for button in self._buttons():
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.back_button.clicked.connect(self.back_clicked)
        self.home_button.clicked.connect(self.home_clicked)
        self.language_button.clicked.connect(self.language_clicked)
        self.large_text_button.clicked.connect(self.large_text_clicked)
        self._title_text = ""
        self._bilingual = False
        self.title.installEventFilter(self)
        self.set_navigation(back=False, home=False)
        self.retranslate()

    def sizeHint(self) -> QSize:
        # Room for the title on two lines (a long English title at 1280 px in large text),
        # or for the buttons, whichever is taller; a word-wrapped label's own hint is too tall.
        margins = self.contentsMargins().top() + self.layout().contentsMargins().top() * 2
        title = self.title.fontMetrics().lineSpacing() * 2
        buttons = max(b.sizeHint().height() for b in self._buttons())
        return QSize(super().sizeHint().width(), max(title, buttons) + margins)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def _buttons(self) -> tuple[KioskButton, ...]:
        return (self.back_button, self.home_button, self.language_button, self.large_text_button)

    def set_navigation(self, *, back: bool, home: bool) -> None:
        """Show Back and Home only where the current screen says they make sense."""
        self.back_button.setVisible(back)
        self.home_button.setVisible(home)

    def set_bilingual(self, on: bool) -> None:
        """For the out-of-service screen, which shows both languages at once: the title in
        both too, and no language or large-text toggle (they would have nothing to change)."""
        self._bilingual = on
        self.language_button.setVisible(not on)
        self.large_text_button.setVisible(not on)
        self.retranslate()

    def set_large_text(self, on: bool) -> None:
        """Show the large-text toggle as on or off (the controller owns the setting)."""
        self.large_text_button.setChecked(on)

    def retranslate(self) -> None:
        self._title_text = self.tr("Social Security Card Self-Service")
        if self._bilingual:
            source = "Social Security Card Self-Service"  # the same source as just above
            chinese = in_language(CHINESE, "Header", source)
            self._title_text = f"{chinese}  {source}"
        self.title.setAccessibleName(self._title_text)
        self._fit_title()
        self.back_button.set_text(self.tr("Back"))
        self.home_button.set_text(self.tr("Home"))
        other = LANGUAGE_NAMES["en" if current_language() == CHINESE else CHINESE]
        # The toggle names the language it switches to, in that language, so that a visitor
        # who cannot read the current one still recognises their own.
        self.language_button.set_text(
            other, self.tr("Change language to {language}").format(language=other)
        )
        self.large_text_button.set_text(self.tr("Larger text"))

    def _fit_title(self) -> None:
        """One line if it fits, else two lines split at the space that balances them (Qt's
        own wrapping would break "Self-Service" at its hyphen)."""
        text = self._title_text
        metrics = self.title.fontMetrics()
        width = self.title.width()
        if " " in text and metrics.horizontalAdvance(text) > width > 0:
            spaces = [i for i, ch in enumerate(text) if ch == " "]
            best = min(
                spaces,
                key=lambda i: max(
                    metrics.horizontalAdvance(text[:i]), metrics.horizontalAdvance(text[i + 1 :])
                ),
            )
            text = f"{text[:best]}\n{text[best + 1 :]}"
        self.title.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The title's room changes when Back or Home appear, not only when the header resizes.
        if watched is self.title and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self._fit_title()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

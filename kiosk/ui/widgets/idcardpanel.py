"""The resident ID card panel of the steps where a person identifies themself without the
social security card (issue 15): "lay your ID card on the reader" with an illustration, then
the ID card read (masked: the person needs to see whose card it is, not to check its digits,
and anyone passing sees the screen), what went wrong with a card laid on, and the way out to
typing ("Type the number instead") or to another ID card ("Use another ID card")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.idcard import IdCardProblem, IdCardRead
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import make_label


def problem_text(problem: IdCardProblem) -> str:
    """Why the ID card laid on was not taken, in one or two plain sentences."""
    if problem is IdCardProblem.UNSUPPORTED:
        return QCoreApplication.translate(
            "IdCardPanel",
            "This kind of ID card cannot be read here. Please type the number instead.",
        )
    if problem is IdCardProblem.HOLDER_CARD:
        return QCoreApplication.translate(
            "IdCardPanel",
            "This ID card is the cardholder's. Please lay your own ID card on the reader.",
        )
    if problem is IdCardProblem.AGENT_CARD:
        return QCoreApplication.translate(
            "IdCardPanel",
            "This ID card is yours, not the cardholder's. Please lay the cardholder's "
            "ID card on the reader.",
        )
    return QCoreApplication.translate(
        "IdCardPanel",
        "The ID card could not be read. Take it away and lay it flat on the reader again.",
    )


class IdCardPanel(QFrame):
    """Ask for the ID card, or show the one read. `whose`: "holder" (the cardholder's, or the
    person's own at a lookup) or "agent" (the person reporting for someone else)."""

    type_instead = Signal()
    clear_card = Signal()

    def __init__(self, object_name: str, whose: str = "holder", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "card")
        self._whose = whose
        self._read: IdCardRead | None = None
        self._problem: IdCardProblem | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.m, SPACING.l, SPACING.m)
        layout.setSpacing(SPACING.l)
        self.picture = QLabel(self)
        self.picture.setObjectName(f"{object_name}Picture")
        self.picture.setFixedSize(88, 88)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout()
        column.setSpacing(SPACING.xs)
        self.headline = make_label("heading", object_name=f"{object_name}Headline")
        self.detail = make_label("lead", object_name=f"{object_name}Detail")
        self.problem = make_label("body", object_name=f"{object_name}Problem", tone="error")
        self.button = KioskButton(f"{object_name}Button", kind="secondary", icon_name="keypad")
        self.button.clicked.connect(self._clicked)
        column.addWidget(self.headline)
        column.addWidget(self.detail)
        column.addWidget(self.problem)
        column.addSpacing(SPACING.xs)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(column, 1)
        self.show_card(None, None)

    @property
    def read(self) -> IdCardRead | None:
        return self._read

    def show_card(self, read: IdCardRead | None, problem: IdCardProblem | None) -> None:
        self._read, self._problem = read, problem
        self.retranslate()

    def _clicked(self) -> None:
        if self._read is not None:
            self.clear_card.emit()
        else:
            self.type_instead.emit()

    def retranslate(self) -> None:
        read, problem = self._read, self._problem
        if read is not None:
            self.picture.setPixmap(pixmap("check-circle", PALETTE.ok, 64))
            self.headline.setText(self.tr("ID card read"))
            self.detail.setText(f"{read.masked_name}\u2003{read.masked_id_number}")
            self.button.set_text(self.tr("Use another ID card"))
            self.button.set_icon_name("id-card")
        else:
            self.picture.setPixmap(pixmap("id-card-reader", PALETTE.brand, 80))
            # One sentence says what and where: at 1280x800 in large text a second one pushed
            # the mobile number's field below the fold.
            if self._whose == "agent":
                self.headline.setText(
                    self.tr("Lay your own ID card on the reader below the screen")
                )
            else:
                self.headline.setText(self.tr("Lay the ID card on the reader below the screen"))
            self.detail.setText("")
            self.button.set_text(self.tr("Type the number instead"))
            self.button.set_icon_name("keypad")
        self.problem.setText(problem_text(problem) if problem is not None else "")
        self.problem.setVisible(problem is not None)
        # What went wrong says what to do: the guidance makes room for it (large text).
        self.detail.setVisible(read is not None)
        self.setAccessibleName(f"{self.headline.text()} {self.detail.text()}".strip())

    def wipe(self) -> None:
        self.show_card(None, None)

"""The step indicator of a multi-step flow: numbered dots joined by lines, the current step
highlighted, the steps already done ticked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.parts import make_label


def _card_steps() -> list[str]:
    # Translated at call time, so a language switch re-reads them.
    return [
        QCoreApplication.translate("StepBar", "Your card"),
        QCoreApplication.translate("StepBar", "Enter PIN"),
        QCoreApplication.translate("StepBar", "Your records"),
    ]


# Flows by name: their step labels, in order.
FLOWS: dict[str, Callable[[], list[str]]] = {"card": _card_steps}

_DOT = 40


class StepBar(QWidget):
    def __init__(
        self,
        steps: Callable[[], Sequence[str]] = _card_steps,
        current: int = 0,
        *,
        object_name: str = "stepBar",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._steps = steps
        self._current = current
        self._dots: list[QLabel] = []
        self._texts: list[QLabel] = []
        self._lines: list[QFrame] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s + 4)
        for i, _ in enumerate(steps()):
            if i:
                line = QFrame(self)
                line.setProperty("role", "stepLine")
                line.setMinimumWidth(24)
                line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                self._lines.append(line)
                layout.addWidget(line, 1, Qt.AlignmentFlag.AlignVCenter)
            dot = make_label("stepDot", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
            dot.setFixedSize(_DOT, _DOT)
            text = make_label("stepText", object_name=f"{object_name}Step{i}", wrap=False)
            self._dots.append(dot)
            self._texts.append(text)
            layout.addWidget(dot, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(text, 0, Qt.AlignmentFlag.AlignVCenter)
        self.set_current(current)

    @property
    def current(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        self._current = index
        for i, (dot, text) in enumerate(zip(self._dots, self._texts, strict=True)):
            state = "done" if i < index else "current" if i == index else "todo"
            set_style_property(dot, "state", state)
            set_style_property(text, "state", state)
            if state == "done":
                dot.setPixmap(pixmap("check", PALETTE.on_dark, 24))
            else:
                dot.clear()
                dot.setText(str(i + 1))
        for i, line in enumerate(self._lines):
            set_style_property(line, "state", "done" if i < index else "todo")
        self.retranslate()

    def retranslate(self) -> None:
        labels = list(self._steps())
        total = len(labels)
        for i, (dot, text) in enumerate(zip(self._dots, self._texts, strict=True)):
            text.setText(labels[i])
            dot.setAccessibleName(self.tr("Step {n} of {total}").format(n=i + 1, total=total))
        self.setAccessibleName(
            self.tr("Step {n} of {total}: {step}").format(
                n=self._current + 1, total=total, step=labels[self._current]
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

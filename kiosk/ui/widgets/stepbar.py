"""The step indicator of a multi-step flow: numbered dots joined by lines, each named, the
current step highlighted, the steps already done ticked. `BusinessStepBar` follows a business
wizard through its phases (kiosk.flows.business.Phase), which stay the same whatever is chosen
on the way, so the bar never changes shape mid-flow."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.flows.business import BusinessView, Phase
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.parts import make_label


def card_steps() -> list[str]:
    # Translated at call time, so a language switch re-reads them.
    return [
        QCoreApplication.translate("StepBar", "Your card"),
        QCoreApplication.translate("StepBar", "Enter PIN"),
        QCoreApplication.translate("StepBar", "Your records"),
    ]


_DOT = 40


class StepBar(QWidget):
    def __init__(
        self,
        steps: Callable[[], Sequence[str]] = card_steps,
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
        self._compact = False  # only the current step's name shown (set by a subclass)
        self._dots: list[QLabel] = []
        self._texts: list[QLabel] = []
        self._lines: list[QFrame] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s + 4)
        self._build()
        self.set_current(current)

    def _build(self) -> None:
        layout = self.layout()
        object_name = self.objectName()
        for i, _ in enumerate(self._steps()):
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

    def set_steps(self, steps: Callable[[], Sequence[str]], current: int = 0) -> None:
        """Show another list of steps (a wizard whose path changed), `current` highlighted."""
        layout = self.layout()
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self._dots, self._texts, self._lines = [], [], []
        self._steps = steps
        self._current = current
        self._build()
        self.set_current(current)

    @property
    def labels(self) -> list[str]:
        """The step names as shown now (in the current language)."""
        return [text.text() for text in self._texts]

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
        self._fit()

    def retranslate(self) -> None:
        labels = list(self._steps())
        total = len(labels)
        if not labels:
            self.setAccessibleName("")
            return
        for i, (dot, text) in enumerate(zip(self._dots, self._texts, strict=True)):
            text.setText(labels[i])
            dot.setAccessibleName(self.tr("Step {n} of {total}").format(n=i + 1, total=total))
        if 0 <= self._current < total:
            self.setAccessibleName(
                self.tr("Step {n} of {total}: {step}").format(
                    n=self._current + 1, total=total, step=labels[self._current]
                )
            )
        else:  # past the last step, or outside the path (a refusal)
            self.setAccessibleName(self.tr("Steps"))

    def _fit(self) -> None:
        """Compact bars name every step if all names fit the width, else only the current
        one (a wizard of nine steps in large text): the dots always show where one is."""
        if not self._compact:
            return
        spacing = self.layout().spacing()
        needed = sum(_DOT + spacing for _ in self._dots) + sum(24 + spacing for _ in self._lines)
        needed += sum(t.fontMetrics().horizontalAdvance(t.text()) + spacing for t in self._texts)
        show_all = self.isVisible() and needed <= self.width()
        for i, text in enumerate(self._texts):
            text.setVisible(show_all or i == self._current)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        # Whether every name fits is only known once the bar is shown at its real width.
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit()
        elif event.type() == QEvent.Type.FontChange:
            self._fit()
        super().changeEvent(event)


def phase_label(phase: Phase, *, reissue: bool = False) -> str:
    """A wizard phase's name in the current language; the last phase of a path that ends with
    a new card is "Voucher" (the card receipt voucher), of the others "Receipt"."""
    labels = {
        Phase.PIN: QCoreApplication.translate("StepBar", "Enter PIN"),
        Phase.IDENTIFY: QCoreApplication.translate("StepBar", "Identify"),
        Phase.REQUEST: QCoreApplication.translate("StepBar", "Your request"),
        Phase.REVIEW: QCoreApplication.translate("StepBar", "Review"),
        Phase.CONFIRM: QCoreApplication.translate("StepBar", "Confirm"),
        Phase.RECEIPT: (
            QCoreApplication.translate("StepBar", "Voucher")
            if reissue
            else QCoreApplication.translate("StepBar", "Receipt")
        ),
        Phase.FIND: QCoreApplication.translate("StepBar", "Find"),
        Phase.STATUS: QCoreApplication.translate("StepBar", "Status"),
    }
    return labels[phase]


def phase_labels(phases: Sequence[Phase], *, reissue: bool = False) -> list[str]:
    return [phase_label(phase, reissue=reissue) for phase in phases]


class BusinessStepBar(StepBar):
    """The step bar of the business wizards: `show_view(view)` shows the wizard's phases
    (`view.phases`, fixed for the whole wizard) with the one on screen current, and rebuilds
    itself only when the wizard changed. A bar too long for the width in large text names
    only the current phase."""

    def __init__(self, *, object_name: str = "businessStepBar", parent: QWidget | None = None):
        self._path: tuple[Phase, ...] = ()
        super().__init__(
            lambda: phase_labels(self._path), 0, object_name=object_name, parent=parent
        )
        self._compact = True

    @property
    def path(self) -> tuple[Phase, ...]:
        return self._path

    def show_view(self, view: BusinessView) -> None:
        phases = view.phases
        current = phases.index(view.phase) if view.phase in phases else len(phases)

        def labels() -> list[str]:
            return phase_labels(phases, reissue=view.reissue)

        if phases != self._path:
            self._path = phases
            self.set_steps(labels, current)
        else:
            self._steps = labels
            self.set_current(current)
        self.setVisible(bool(phases))

    def clear(self) -> None:
        """No path, as the bar was built: a wiped screen shows nobody's steps."""
        self._path = ()
        self.set_steps(lambda: phase_labels(self._path))

"""Where to collect the new card (PRODUCT.md flow 7): every outlet that hands out cards as a
large row to tap, with its address, opening hours and phone; the chosen one is marked, and
Next goes on once one is chosen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.records import Outlet
from kiosk.flows.business import BStep
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.business_parts import BusinessScreen, outlet_lines, outlet_name
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.parts import clear_layout, make_label


class OutletRow(QAbstractButton):
    """One outlet as a large button: a round mark (ticked when chosen), the name, and the
    address, opening hours and phone below it."""

    def __init__(self, outlet: Outlet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outlet = outlet
        self.setObjectName(f"outlet_{outlet.code}")
        self.setProperty("role", "outletRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(SPACING.touch + SPACING.l)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.m, SPACING.l, SPACING.m)
        layout.setSpacing(SPACING.l)
        self.mark = make_label("outletMark", object_name=f"outletMark_{outlet.code}", wrap=False)
        self.mark.setFixedSize(44, 44)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.name_label = make_label("outletName")
        text.addWidget(self.name_label)
        self.detail_labels = [make_label("outletDetail") for _ in range(3)]
        for label in self.detail_labels:
            text.addWidget(label)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        for child in (self.mark, self.name_label, *self.detail_labels):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._selected: bool | None = None
        self.set_selected(False)
        self.retranslate()

    @property
    def selected(self) -> bool:
        return bool(self._selected)

    def set_selected(self, selected: bool) -> None:
        if selected == self._selected:
            return
        self._selected = selected
        set_style_property(self, "selected", "true" if selected else "false")
        set_style_property(self.mark, "selected", "true" if selected else "false")
        set_style_property(self.name_label, "selected", "true" if selected else "false")
        if selected:
            self.mark.setPixmap(pixmap("check", PALETTE.on_dark, 28))
        else:
            self.mark.clear()
        self._update_accessible_name()

    def retranslate(self) -> None:
        self.name_label.setText(outlet_name(self.outlet))
        lines = outlet_lines(self.outlet)
        for i, label in enumerate(self.detail_labels):
            label.setText(lines[i] if i < len(lines) else "")
            label.setVisible(i < len(lines))
        self._update_accessible_name()

    def _update_accessible_name(self) -> None:
        lines = outlet_lines(self.outlet)
        name = ", ".join([outlet_name(self.outlet), lines[0]])
        if self._selected:
            name = self.tr("{outlet} (chosen)").format(outlet=name)
        self.setAccessibleName(name)

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The style sheet draws the background and border (a QAbstractButton draws nothing).
        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.end()


class OutletScreen(BusinessScreen):
    name = BStep.OUTLET.value

    chosen = Signal(str)  # outlet code
    next_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OutletRow] = []
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(SPACING.m)
        self.empty = make_label("lead", object_name="outletEmpty")
        self.body.addLayout(self.list_layout)
        self.body.addWidget(self.empty)
        self.body.addStretch(1)
        self.next_button = self.add_next_button("outletNextButton")
        self.next_button.clicked.connect(self._on_next)
        self.retranslate()

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        return tuple(row.outlet for row in self.rows)

    def row(self, code: str) -> OutletRow | None:
        return next((row for row in self.rows if row.outlet.code == code), None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Where will you collect your new card?"))
        self.guidance.setText(
            self.tr("Tap the service outlet that suits you best. You will collect the card there.")
        )
        self.next_button.set_text(self.tr("Next"))
        self.empty.setText(
            self.tr("No outlet can hand out cards right now. Please ask at a service counter.")
        )
        for row in self.rows:
            row.retranslate()
        self._render()

    def _render(self) -> None:
        view = self._view
        outlets = view.outlets if view else ()
        if outlets != self.outlets:
            self.rows = []
            clear_layout(self.list_layout)
            for outlet in outlets:
                row = OutletRow(outlet)
                row.clicked.connect(lambda _=False, code=outlet.code: self._on_row(code))
                self.rows.append(row)
                self.list_layout.addWidget(row)
        chosen = view.outlet.code if view and view.outlet else None
        busy = bool(view and view.busy)
        for row in self.rows:
            row.set_selected(row.outlet.code == chosen)
            row.setEnabled(not busy)
        self.empty.setVisible(view is not None and not outlets)
        self.next_button.setEnabled(chosen is not None and not busy)
        self.note.setText("" if chosen or not outlets else self.tr("Choose an outlet to go on."))

    def _on_row(self, code: str) -> None:
        if self._view is not None and not self._view.busy:
            self.chosen.emit(code)

    def _on_next(self) -> None:
        if self._view is not None and not self._view.busy and self._view.outlet is not None:
            self.next_clicked.emit()

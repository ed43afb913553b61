"""The kiosk window: the header, one stacked page per screen, the idle overlay, and kiosk mode
(full screen, frameless, no keyboard way out: S6). It lays out and shows; the controller acts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.flows.business import BStep
from kiosk.ui.screens.agent import AgentScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.confirm import ConfirmScreen
from kiosk.ui.screens.identify import IdentifyScreen
from kiosk.ui.screens.lookup import LookupScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screens.materials import MaterialsScreen
from kiosk.ui.screens.outlet import OutletScreen
from kiosk.ui.screens.pickup import PickupScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.problem import ProblemScreen
from kiosk.ui.screens.reading import ReadingScreen
from kiosk.ui.screens.receipt import ReceiptScreen
from kiosk.ui.screens.records import RecordsScreen
from kiosk.ui.screens.refused import RefusedScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.screens.what_happened import WhatHappenedScreen
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.idle import IdleOverlay

# Keys that would leave, close or switch away from the kiosk in an ordinary desktop session.
_BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Cancel,
)
_BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
_BLOCKED_CONTROL_KEYS = {Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_F4}


class KioskKeyGuard(QObject):
    """Application-wide filter that swallows Esc, Alt+F4, Ctrl+Q, Ctrl+W, Alt+Tab and friends."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if any(key_event.matches(sequence) for sequence in _BLOCKED_SEQUENCES):
                return True
            key, modifiers = key_event.key(), key_event.modifiers()
            alt_or_meta = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
            control = modifiers & Qt.KeyboardModifier.ControlModifier
            # Standard key bindings depend on the platform theme, so name the usual ones too.
            if (
                key == Qt.Key.Key_Escape
                or (modifiers & alt_or_meta and key in _BLOCKED_KEYS)
                or (control and key in _BLOCKED_CONTROL_KEYS)
            ):
                return True
        return False


class KioskWindow(QWidget):
    def __init__(self, *, kiosk_mode: bool) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("社会保障卡自助服务 Social Security Card Self-Service")
        self.kiosk_mode = kiosk_mode
        self.allow_close = not kiosk_mode  # the service entry may set it on purpose
        self.header = Header(self)
        self.attract = AttractScreen()
        self.reading = ReadingScreen()
        self.summary = SummaryScreen()
        self.pin = PinScreen()
        self.records = RecordsScreen()
        self.problem = ProblemScreen()
        # The business wizards (flows 5-8), one screen per kiosk.flows.business.BStep.
        self.identify = IdentifyScreen()
        self.agent = AgentScreen()
        self.what_happened = WhatHappenedScreen()
        self.outlet = OutletScreen()
        self.materials = MaterialsScreen()
        self.pickup = PickupScreen()
        self.review = ReviewScreen()
        self.confirm = ConfirmScreen()
        self.receipt = ReceiptScreen()
        self.refused = RefusedScreen()
        self.lookup = LookupScreen()
        self.lookup_result = LookupResultScreen()
        self.business_screens: dict[BStep, Screen] = {
            BStep(screen.name): screen
            for screen in (
                self.identify,
                self.agent,
                self.what_happened,
                self.outlet,
                self.materials,
                self.pickup,
                self.review,
                self.confirm,
                self.receipt,
                self.refused,
                self.lookup,
                self.lookup_result,
            )
        }
        self.screens: tuple[Screen, ...] = (
            self.attract,
            self.reading,
            self.summary,
            self.pin,
            self.records,
            self.problem,
            *self.business_screens.values(),
        )
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("screenStack")
        for screen in self.screens:
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.idle = IdleOverlay(self)
        self.idle.hide()
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)

    def show_screen(self, screen: QWidget, *, back: bool, home: bool) -> None:
        self.stack.setCurrentWidget(screen)
        self.header.set_navigation(back=back, home=home)

    @property
    def current(self) -> QWidget:
        return self.stack.currentWidget()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.idle.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            event.ignore()  # S6: no way out but the service entry

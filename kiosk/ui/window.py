"""The kiosk window: the header, one stacked page per screen, the idle overlay, kiosk mode
(full screen, frameless, no keyboard way out: S6) and the tap guard (R9). It lays out and
shows; the controller acts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.outage import Outage, Reason
from kiosk.flows.business import BStep
from kiosk.ui.screens.agent import AgentScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.confirm import ConfirmScreen
from kiosk.ui.screens.identify import IdentifyScreen
from kiosk.ui.screens.lookup import LookupScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screens.materials import MaterialsScreen
from kiosk.ui.screens.out_of_service import OutOfServiceScreen
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

if TYPE_CHECKING:
    from kiosk.ui.screens.staff.base import StaffScreen
    from kiosk.ui.screens.staff.entry import (
        LeaveKioskScreen,
        ServiceCodeScreen,
        StaffLoginScreen,
        StaffMenuScreen,
    )
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


# A tap, whether the screen reports a finger or a mouse (touch screens often send the latter).
_TAP_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
}


class TapGuard(QObject):
    """Swallows every tap on `window` for `seconds` after `arm()`: armed at each screen change,
    a double tap meant for one screen never lands on the next one's button, however the two
    are laid out (R9: "信息无误" and "确认办理" once sat on the same spot). Keys pass: the QR
    scanner types, and a scan must not lose characters."""

    def __init__(
        self,
        window: QWidget,
        seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.seconds = seconds
        self._clock = clock
        self._until = 0.0
        self._installed = False

    @property
    def armed(self) -> bool:
        return self._clock() < self._until

    def arm(self) -> None:
        if self.seconds <= 0:
            return
        self._until = self._clock() + self.seconds
        if not self._installed:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._installed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _TAP_EVENTS or not isinstance(watched, QWidget):
            return False
        return watched.window() is self._window and self.armed


class KioskWindow(QWidget):
    def __init__(self, *, kiosk_mode: bool, tap_guard_seconds: float = 0.5) -> None:
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
        self.out_of_service = OutOfServiceScreen()
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
            self.out_of_service,
        )
        # Staff mode's screens, by name: none until add_staff_screens() (a kiosk with no
        # service entry has none, and the others make them after the attract screen is up).
        self.staff_screens: dict[str, StaffScreen] = {}
        self.staff_code: ServiceCodeScreen
        self.staff_login: StaffLoginScreen
        self.staff_menu: StaffMenuScreen
        self.staff_leave: LeaveKioskScreen
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
        self.tap_guard = TapGuard(self, tap_guard_seconds)
        # While out of service, the screen the controller last asked for (shown on recovery).
        self._outage: Outage | None = None
        self._wanted: tuple[QWidget, bool, bool] = (self.attract, False, False)
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)

    def add_staff_screens(self) -> None:
        """Make staff mode's screens (kiosk.ui.staff_controller): the entry, login, menu and
        leave screens and every area's. Called once, in start-up's second phase: they are many,
        and the citizen's attract screen does not wait for them (P5)."""
        from kiosk.ui.screens.staff import AREA_SCREENS
        from kiosk.ui.screens.staff.entry import (
            LeaveKioskScreen,
            ServiceCodeScreen,
            StaffLoginScreen,
            StaffMenuScreen,
        )

        if self.staff_screens:
            return
        self.staff_code = ServiceCodeScreen()
        self.staff_login = StaffLoginScreen()
        self.staff_menu = StaffMenuScreen()
        self.staff_leave = LeaveKioskScreen()
        staff: list[StaffScreen] = [
            self.staff_code,
            self.staff_login,
            self.staff_menu,
            self.staff_leave,
        ]
        for area in AREA_SCREENS:
            staff.extend(area.make())
        for screen in staff:
            self.staff_screens[screen.name] = screen
            self.stack.addWidget(screen)

    def show_screen(self, screen: QWidget, *, back: bool, home: bool) -> None:
        """Show `screen`; while out of service, only remember it for when service returns (but
        a staff screen over maintenance: the technician at work is shown their screens)."""
        self._wanted = (screen, back, home)
        if self._outage is not None:
            if not self._staff_over_maintenance(screen):
                self._cover()
                return
            self.header.set_bilingual(False)
        if screen is not self.stack.currentWidget():
            self.tap_guard.arm()
        self.stack.setCurrentWidget(screen)
        self.header.set_navigation(back=back, home=home)

    @property
    def outage(self) -> Outage | None:
        """Why the kiosk is out of service, or None while it serves."""
        return self._outage

    @property
    def in_maintenance(self) -> bool:
        """Out of service because staff took the kiosk out for maintenance (not a fault)."""
        return self._outage is not None and self._outage.reason is Reason.MAINTENANCE

    def show_out_of_service(self, outage: Outage) -> None:
        """The out-of-service screen over everything, until `back_in_service()`: no Back, no
        Home, no toggles (the screen is in both languages), no idle warning. For maintenance,
        a staff member at work on the staff screens keeps them: the screen shows when they
        leave staff mode."""
        self._outage = outage
        self.out_of_service.show_outage(outage)
        if self._staff_over_maintenance(self.stack.currentWidget()):
            return
        self._cover()

    def _staff_over_maintenance(self, screen: QWidget) -> bool:
        return self.in_maintenance and any(s is screen for s in self.staff_screens.values())

    def _cover(self) -> None:
        if self.stack.currentWidget() is not self.out_of_service:
            self.tap_guard.arm()
        self.idle.hide()
        self.stack.setCurrentWidget(self.out_of_service)
        self.header.set_navigation(back=False, home=False)
        self.header.set_bilingual(True)

    def back_in_service(self) -> None:
        """Serving again: the screen the controller last asked for (the attract screen)."""
        if self._outage is None:
            return
        self._outage = None
        self.header.set_bilingual(False)
        screen, back, home = self._wanted
        self.show_screen(screen, back=back, home=home)

    def show_idle_warning(self) -> None:
        """The "need more time?" overlay, over whatever screen is shown: a screen change too."""
        if self._outage is not None:
            return
        self.tap_guard.arm()
        self.idle.show()
        self.idle.raise_()

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

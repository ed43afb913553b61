"""The staff controller: the hidden entry's long press opens staff mode (only from the attract
screen, with no citizen session: the citizen controller steps aside), taps go into the staff
flow (kiosk.flows.staff) and its areas, their commands run on the kiosk's worker as
kiosk.flows.staff_runner plans them, and the staff screens are shown.

When staff mode ends (Log out, Cancel, 2 minutes idle), every staff screen is wiped and the
window goes back to the citizen controller on the attract screen; results of work asked for
before then are dropped. An area that follows the card readers live (`live_readers`, the
Readers page) gets the kiosk's reader events while it is open: the controller subscribes to
them through the services (StaffServices.readers.watch) when it opens and unsubscribes when it
closes or staff mode ends; they arrive on the GUI thread (kiosk.ui.bridge.ReaderBridge). The
citizen controller still ignores cards meanwhile. When leaving kiosk mode has been recorded,
`quit_requested` tells the composition root to end the program.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.domain.devices import ReaderEvent
from kiosk.domain.idcard import IdCardNotice
from kiosk.domain.staff import IdleWatch
from kiosk.flows.runner import Action, Job, Later, Now
from kiosk.flows.staff import ModeEnded, QuitKiosk, ServiceChanged, SStep, StaffFlow
from kiosk.flows.staff_runner import StaffRunner
from kiosk.ui.bridge import ReaderBridge
from kiosk.ui.controller import CitizenController
from kiosk.ui.screens.staff import AREA_SCREENS
from kiosk.ui.screens.staff.base import StaffScreen
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

IDLE_CHECK_MS = 1000
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StaffController(QObject):
    view_shown = Signal(str)  # a staff screen's name, after it is shown
    mode_changed = Signal(bool)  # staff mode on (True) or over (False)
    quit_requested = Signal()  # leaving kiosk mode was recorded: end the program
    service_changed = Signal(object)  # a ServiceState: out of service for maintenance, or back

    def __init__(
        self,
        window: KioskWindow,
        citizen: CitizenController,
        runner: StaffRunner,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.citizen = citizen
        self.runner = runner
        self.flow: StaffFlow = runner.flow
        self.clock = clock
        self.idle: IdleWatch | None = None
        self._generation = 0
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._readers: ReaderBridge | None = None  # reader events, while a live area is open
        self._connect()

    # Wiring -------------------------------------------------------------------------------------

    def _connect(self) -> None:
        w = self.window
        w.attract.service_corner.long_pressed.connect(self.open)
        w.out_of_service.service_corner.long_pressed.connect(self.open)  # maintenance
        w.staff_code.code_entered.connect(lambda code: self._apply(self.flow.code_entered(code)))
        w.staff_code.cancel_clicked.connect(lambda: self._apply(self.flow.logout()))
        w.staff_login.login_entered.connect(
            lambda login, password: self._apply(self.flow.login_entered(login, password))
        )
        w.staff_login.cancel_clicked.connect(lambda: self._apply(self.flow.logout()))
        w.staff_menu.area_chosen.connect(lambda key: self._apply(self.flow.choose(key)))
        w.staff_menu.leave_clicked.connect(lambda: self._apply(self.flow.leave_requested()))
        w.staff_menu.service_clicked.connect(
            lambda in_service: self._apply(self.flow.set_service(in_service))
        )
        w.staff_leave.confirm_clicked.connect(lambda: self._apply(self.flow.leave_confirmed()))
        w.staff_leave.cancel_clicked.connect(lambda: self._apply(self.flow.menu()))
        for screen in w.staff_screens.values():
            screen.logout_clicked.connect(lambda: self._apply(self.flow.logout()))
        for area in AREA_SCREENS:
            area.connect(w.staff_screens, self.send)
        w.header.back_clicked.connect(self._back)
        w.header.home_clicked.connect(self._home)
        QApplication.instance().installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.flow.active

    def send(self, kind: type, fn: Callable[[Any], list[Any]]) -> None:
        """An area screen's input: `fn(target)` where target is the open area if it is a
        `kind`, or else the area's open sub-flow (`area.sub`, e.g. one action on a voucher)
        if that is one. Input for a flow no longer open is dropped."""
        if self.flow.view.step is not SStep.AREA:
            return
        area = self.flow.area
        for target in (area, getattr(area, "sub", None)):
            if isinstance(target, kind):
                self._apply(fn(target))
                return

    # Opening and closing ------------------------------------------------------------------------

    def open(self) -> None:
        """The hidden corner was long-pressed: the code pad, if the citizen side can step
        aside (no citizen session, the kiosk in service)."""
        if self.active or not self.citizen.suspend():
            return
        log.info("staff.entry")
        self._generation += 1
        self.idle = IdleWatch(self.clock)
        self._idle_timer.start()
        self.mode_changed.emit(True)
        self._apply(self.flow.open())

    def _end(self) -> None:
        log.info("staff.ended")
        self._generation += 1
        self._idle_timer.stop()
        self.idle = None
        self._follow_readers()
        for screen in self.window.staff_screens.values():
            screen.wipe()
        self.mode_changed.emit(False)
        self.citizen.resume()

    def _back(self) -> None:
        if self.active:
            self._apply(self.flow.back())

    def _home(self) -> None:
        if self.active:
            self._apply(self.flow.menu())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.idle is not None and event.type() in _ACTIVITY:
            self.idle.touch()
        return False

    def check_idle(self) -> None:
        if self.active and self.idle is not None and self.idle.expired():
            log.info("staff.idle_logout")
            self._apply(self.flow.idle_expired())

    # Commands -----------------------------------------------------------------------------------

    def _apply(self, commands: list[Any]) -> None:
        ended = False
        for command in commands:
            if isinstance(command, ModeEnded):
                ended = True
            elif isinstance(command, QuitKiosk):
                log.info("staff.quit")
                self.quit_requested.emit()
            elif isinstance(command, ServiceChanged):
                # The menu's button now means the opposite, in the same place: the second tap
                # of a double tap must not undo what the first one did.
                self.window.tap_guard.arm()
                self.service_changed.emit(command.state)
            else:
                self._carry(self.runner.plan(command))
        if ended:
            self._end()
        elif self.active:
            self._render()
        self._follow_readers()

    def _carry(self, action: Action | None) -> None:
        match action:
            case Job():
                generation = self._generation

                def current(then: Callable[[Any], list[Any]]) -> Callable[[Any], None]:
                    def deliver(value: Any) -> None:
                        if generation == self._generation:
                            self._apply(then(value))
                        else:
                            log.info("staff.stale_result_dropped")

                    return deliver

                worker = self.citizen.worker
                worker.submit(action.work, current(action.done), current(action.failed))
            case Later():
                generation = self._generation
                QTimer.singleShot(
                    3000,
                    self,
                    lambda: self._apply(action.then()) if generation == self._generation else None,
                )
            case Now():
                self._apply(action.then())

    # Reader events, for an area that follows them --------------------------------------------

    def _live_area(self) -> Any:
        area = self.flow.area
        if self.active and self.flow.view.step is SStep.AREA and area is not None:
            return area if getattr(area, "live_readers", False) else None
        return None

    def _follow_readers(self) -> None:
        """Subscribed to the reader events while a live area is open, and only then."""
        wanted = self._live_area() is not None
        if wanted and self._readers is None:
            readers = getattr(self.runner.services, "readers", None)
            if readers is None:
                return
            self._readers = ReaderBridge(readers.watch, self)
            self._readers.event.connect(self._reader_event)
            # The ID card reader's notices: the citizen controller's bridge already brings
            # them to the GUI thread (and passes them on while it is suspended).
            self.citizen.id_card_notice.connect(self._id_card_notice)
            log.info("staff.readers_followed")
        elif not wanted and self._readers is not None:
            bridge, self._readers = self._readers, None
            bridge.detach()
            bridge.event.disconnect(self._reader_event)
            bridge.deleteLater()
            self.citizen.id_card_notice.disconnect(self._id_card_notice)
            log.info("staff.readers_left")

    def _reader_event(self, event: ReaderEvent) -> None:
        area = self._live_area()
        if area is not None:  # an event queued before the area closed is dropped
            self._apply(area.reader_event(event))

    def _id_card_notice(self, notice: IdCardNotice) -> None:
        area = self._live_area()
        if area is not None and hasattr(area, "id_card_notice"):
            self._apply(area.id_card_notice(notice))

    # Output -------------------------------------------------------------------------------------

    def _render(self) -> None:
        flow, w = self.flow, self.window
        page = flow.page
        screen: StaffScreen = w.staff_screens[page]
        screen.show_session(flow.session)
        area = flow.area
        screen.show_view(area.view if flow.view.step is SStep.AREA and area else flow.view)
        home = flow.view.step in (SStep.AREA, SStep.LEAVE)
        w.show_screen(screen, back=flow.can_go_back, home=home)
        log.info("screen.shown name=%s", page)
        self.view_shown.emit(page)

    def shutdown(self) -> None:
        self._idle_timer.stop()
        if self._readers is not None:
            self._readers.detach()
            self._readers = None
            self.citizen.id_card_notice.disconnect(self._id_card_notice)
        QApplication.instance().removeEventFilter(self)

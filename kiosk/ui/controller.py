"""The citizen controller: reader events and taps go into the flows, the flows' commands run on
the worker thread as kiosk.flows.citizen_runner plans them, and the views are shown.

Two flows: the card session (kiosk.flows.citizen) and, while it is at Step.BUSINESS, one
business wizard (kiosk.flows.business: report a loss, cancel it, replace a card, look up a
voucher), whose screens and commands kiosk.ui.business_controller handles. Every command of
either runs on the same worker under the same session generation, so a result that comes back
after the session ended is dropped.

What each command runs, and what its result or error means to the flow, is the runner's
(plain Python, tested without Qt); this controller only carries the runner's actions out: on
the worker thread, after a pause, or at once, and drops results of a session that has ended.
Every session end (card removed, idle, Home, reader lost) wipes every screen back to its
initial state (S3) before anything else is shown, and says so with `session_ended`: the
composition root then restores the kiosk's own language and text size, so the next citizen
starts where the first one did.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.domain.devices import ReaderEvent, ReaderEventKind
from kiosk.domain.idcard import IdCardNotice, IdNoticeKind
from kiosk.domain.voucher_data import Language
from kiosk.flows.business import BCommand, BusinessFlow
from kiosk.flows.citizen import CitizenFlow, Command, Step, View
from kiosk.flows.citizen_runner import CitizenRunner
from kiosk.flows.idle import IdleState, IdleWatch
from kiosk.flows.runner import Action, Job, Later, Now
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService
from kiosk.ui.bridge import IdCardBridge, ReaderBridge, Worker
from kiosk.ui.business_controller import BusinessController
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

# How long the print button stays off after a statement print: the paper takes a moment to
# come out, and a second tap meanwhile must not print the statement again.
STATEMENT_PAUSE_MS = 3000

_TOUCH_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class CitizenController(QObject):
    """Drives the citizen's screens. `view_shown` fires after each screen change (tests, tour)."""

    view_shown = Signal(str)  # the screen's name
    reader_event = Signal(object)  # every reader event, after the flow has seen it
    id_card_notice = Signal(object)  # every ID card reader notice, after the flow has seen it
    session_ended = Signal()  # a session (with a card or without) ended; screens are wiped

    def __init__(
        self,
        window: KioskWindow,
        session: CardSessionService,
        bridge: ReaderBridge,
        *,
        business: BusinessService,
        kiosk_id: str,
        language: Callable[[], Language] = lambda: "zh_CN",
        reader_name: str = "",
        idle: IdleWatch | None = None,
        clock: Callable[[], float] = time.monotonic,
        id_bridge: IdCardBridge | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.flow = CitizenFlow()
        self.runner = CitizenRunner(
            self.flow, session, business, kiosk_id=kiosk_id, language=language
        )
        self.worker = Worker(self)
        self.idle = idle or IdleWatch()
        self.clock = clock
        self._reader_name = reader_name
        self._inserted_at: float | None = None
        self._generation = 0  # bumped at each session start and end; older results are dropped
        self._in_session = False  # as last rendered: a session ends when this turns False
        self._suspended = False  # staff mode has the window (kiosk.ui.staff_controller)
        # A fleet kiosk's centre did not answer its last check (kiosk.app sets it): a loss report
        # without the card, which needs the centre, is refused before the form (R7).
        self.centre_away = False
        self._bridge = bridge
        self.last_insert_to_summary: float | None = None  # seconds, for P4 and the tour
        self._wizard = BusinessController(
            window, self.runner.business, self.flow, apply=self._apply, home=self.home
        )
        bridge.event.connect(self._on_reader_event)
        # The resident ID card reader (issue 15); None: the kiosk has none (typing only).
        self._id_bridge = id_bridge
        if id_bridge is not None:
            self.runner.business.id_reader = id_bridge.watch.online
            id_bridge.notice.connect(self._on_id_card_notice)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(250)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._connect_screens()
        window.attract.set_cardless_services(True)
        self._render()

    @property
    def business(self) -> BusinessFlow | None:
        """The business wizard on screen, while the citizen flow is at BUSINESS; else None."""
        return self._wizard.flow

    # Inputs -----------------------------------------------------------------------------------

    def _connect_screens(self) -> None:
        w = self.window
        w.summary.view_records_clicked.connect(lambda: self._apply(self.flow.view_records()))
        w.pin.pin_entered.connect(lambda pin: self._apply(self.flow.pin_entered(pin)))
        w.records.year_selected.connect(lambda year: self._apply(self.flow.select_year(year)))
        w.records.print_clicked.connect(lambda year: self._apply(self.flow.print_statement(year)))
        w.problem.done_clicked.connect(self.home)
        w.summary.replace_clicked.connect(lambda: self._apply(self.flow.replace_card()))
        w.problem.cancel_loss_clicked.connect(lambda: self._apply(self.flow.cancel_loss()))
        w.header.back_clicked.connect(self._back)
        w.header.home_clicked.connect(self.home)
        w.idle.more_time.connect(self._more_time)
        w.idle.end_session.connect(lambda: self._apply(self.flow.idle_timeout()))
        w.attract.report_loss_clicked.connect(
            lambda: self.start_cardless(
                lambda business: business.start_loss_report(centre_away=self.centre_away)
            )
        )
        w.attract.voucher_lookup_clicked.connect(
            lambda: self.start_cardless(BusinessFlow.start_voucher_lookup)
        )
        QApplication.instance().installEventFilter(self)

    # Staff mode ---------------------------------------------------------------------------------

    @property
    def suspended(self) -> bool:
        return self._suspended

    def suspend(self) -> bool:
        """Step aside for staff mode: only on the attract screen, with no session and no card
        being read, and while the kiosk serves or is out of service for maintenance. Until
        `resume()`, cards inserted and removed are ignored (no citizen session starts behind
        the staff screens)."""
        # Out of service for maintenance, the citizen's screen under it does not matter (the
        # reader the technician came to replace may be unplugged): only no session.
        maintenance = self.window.in_maintenance
        if (
            self._suspended
            or self.flow.in_session
            or (self.flow.view.step is not Step.ATTRACT and not maintenance)
            or (self.window.outage is not None and not maintenance)
        ):
            return False
        self._suspended = True
        self._generation += 1
        self.idle.stop()
        log.info("citizen.suspended")
        return True

    def resume(self) -> None:
        """Staff mode is over: the attract screen again, as a citizen left it."""
        if not self._suspended:
            return
        self._suspended = False
        self._generation += 1
        log.info("citizen.resumed")
        if not self._bridge.watch.reader_names():
            self._apply(self.flow.reader_lost())
        elif self.flow.view.step is Step.READER_UNAVAILABLE:  # plugged in during staff mode
            self._apply(self.flow.reader_back())
        else:
            self._render()

    # Taps that mean the same on every screen ---------------------------------------------------

    def home(self) -> None:
        if self._suspended:
            return
        self._apply(self.flow.home())

    def _back(self) -> None:
        if self._suspended:
            return
        if self.flow.in_business:
            self._wizard.input(BusinessFlow.back)
        else:
            self._apply(self.flow.back())

    def start_cardless(self, start: Callable[[BusinessFlow], list[BCommand]]) -> None:
        """Report a loss or look up a voucher, from attract: no card needed."""
        if self._suspended:
            return
        commands = self.flow.start_business()
        if not self.flow.in_business:
            self._apply(commands)
            return
        log.info("business.start card=0")
        self._generation += 1  # a session of its own
        business = self._wizard.start()
        self._apply([*commands, *start(business)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS and not self.window.idle.isVisible():
            self.idle.touch(self.clock())
        return False

    def _on_reader_event(self, event: ReaderEvent) -> None:
        if self._reader_name and event.reader and event.reader != self._reader_name:
            return
        if self._suspended:
            # Staff mode: no citizen session behind it (the status strip still hears).
            log.info("reader.ignored kind=%s mode=staff", event.kind.value)
            self.reader_event.emit(event)
            return
        if event.kind is ReaderEventKind.CARD_INSERTED and self.window.in_maintenance:
            # Out of service for maintenance: no session behind the out-of-service screen.
            log.info("reader.ignored kind=%s mode=maintenance", event.kind.value)
        elif event.kind is ReaderEventKind.CARD_INSERTED:
            log.info("card.inserted")
            self._inserted_at = time.perf_counter()
            self._apply(self.flow.card_inserted(event.reader))
        elif event.kind is ReaderEventKind.CARD_REMOVED:
            log.info("card.removed")
            self._apply(self.flow.card_removed(event.reader))
        elif event.kind in (ReaderEventKind.SERVICE_LOST, ReaderEventKind.READER_REMOVED):
            log.info("reader.unavailable kind=%s", event.kind.value)
            if event.kind is ReaderEventKind.SERVICE_LOST or not self._readers_left(event):
                self._apply(self.flow.reader_lost())
        elif event.kind in (ReaderEventKind.SERVICE_BACK, ReaderEventKind.READER_ADDED):
            log.info("reader.available")
            self._apply(self.flow.reader_back())
        self.reader_event.emit(event)

    def _on_id_card_notice(self, notice: IdCardNotice) -> None:
        """An ID card laid on, unreadable, taken away, or the reader lost or back: the
        business on screen hears it (only its identification steps take a card). Nothing of
        the card is logged."""
        kind = notice.kind
        log.info("idcard.notice kind=%s", kind.value)
        if kind in (IdNoticeKind.READER_LOST, IdNoticeKind.READER_BACK):
            online = kind is IdNoticeKind.READER_BACK
            self.runner.business.id_reader = online
            self._wizard.input(lambda f: f.id_reader_changed(online))
        elif self._suspended or self.window.in_maintenance:
            pass  # no citizen session behind staff mode or the out-of-service screen
        elif kind is IdNoticeKind.LAID and notice.read is not None:
            read = notice.read
            self._wizard.input(lambda f: f.id_card_laid(read))
        elif kind in (IdNoticeKind.UNREADABLE, IdNoticeKind.UNSUPPORTED):
            unsupported = kind is IdNoticeKind.UNSUPPORTED
            self._wizard.input(lambda f: f.id_card_unreadable(unsupported=unsupported))
        self.id_card_notice.emit(notice)

    def _readers_left(self, event: ReaderEvent) -> bool:
        return any(name != event.reader for name in self._bridge.watch.reader_names())

    def _more_time(self) -> None:
        self.idle.touch(self.clock())
        self.check_idle()

    def check_idle(self) -> None:
        if self._suspended:
            return
        status = self.idle.status(self.clock())
        if status.state is IdleState.ACTIVE:
            self.window.idle.hide()
        elif status.state is IdleState.WARNING:
            self.window.idle.set_remaining(status.remaining)
            if not self.window.idle.isVisible():
                log.info("idle.warning")
                self.window.show_idle_warning()
        else:
            log.info("idle.timeout")
            self._apply(self.flow.idle_timeout())

    # Commands ---------------------------------------------------------------------------------

    def _apply(self, commands: list[Command] | list[BCommand]) -> None:
        for command in commands:
            self._carry(self.runner.plan(command))
        if not self.flow.in_business and self.business is not None:
            self._wizard.end()
        self._render()

    def _carry(self, action: Action | None) -> None:
        """One action the runner planned: work on the worker, a pause, or flow inputs now."""
        match action:
            case Job():
                if action.new_session:
                    # A new session, or the end of one: results of older jobs no longer count.
                    self._generation += 1
                self._submit(
                    action.work,
                    lambda value: self._apply(action.done(value)),
                    lambda error: self._apply(action.failed(error)),
                )
            case Later():
                self._after(STATEMENT_PAUSE_MS, lambda: self._apply(action.then()))
            case Now():
                self._apply(action.then())

    def _after(self, ms: int, then: Callable[[], None]) -> None:
        """`then` in `ms` milliseconds, unless the session has ended or changed by then."""
        generation = self._generation

        def due() -> None:
            if generation == self._generation:
                then()

        QTimer.singleShot(ms, self, due)

    def _submit(
        self,
        job: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        generation = self._generation

        def current(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if generation == self._generation:
                    callback(value)
                else:
                    log.info("session.stale_result_dropped")

            return deliver

        self.worker.submit(job, current(on_result), current(on_error))

    # Output -----------------------------------------------------------------------------------

    def _render(self) -> None:
        view, w = self.flow.view, self.window
        if not self.flow.in_session:
            self._wipe()
            if self._in_session:
                log.info("session.ended")
                self.session_ended.emit()
        self._in_session = self.flow.in_session
        screen = self._screen_for(view)
        navigable = view.step in (Step.PIN, Step.RECORDS) and not view.busy
        if self.flow.in_business:
            navigable = self.business is not None and self.business.can_go_back
        home = self.flow.in_session and getattr(screen, "home_allowed", True)
        w.show_screen(screen, back=navigable, home=home)
        if view.step is Step.ATTRACT:
            self.idle.stop()
            w.idle.hide()
        elif not self.idle.watching:
            self.idle.start(self.clock())
        if view.step is Step.SUMMARY and self._inserted_at is not None:
            self.last_insert_to_summary = time.perf_counter() - self._inserted_at
            self._inserted_at = None
        name = getattr(screen, "name", view.step.value)
        log.info("screen.shown name=%s", name)
        self.view_shown.emit(name if self.flow.in_business else view.step.value)

    def _screen_for(self, view: View):  # -> QWidget
        w = self.window
        if view.step is Step.ATTRACT:
            w.attract.set_take_card_hint(view.take_card_hint)
            return w.attract
        if view.step is Step.READING:
            return w.reading
        if view.step is Step.SUMMARY:
            assert view.summary is not None
            w.summary.show_summary(view.summary)
            w.summary.set_busy(view.busy)
            return w.summary
        if view.step is Step.PIN:
            w.pin.set_purpose(view.pin_purpose)
            w.pin.set_tries(view.tries_left or 0, after_wrong=view.after_wrong_pin)
            w.pin.set_busy(view.busy)
            return w.pin
        if view.step is Step.RECORDS:
            assert view.records is not None
            if w.records.records is not view.records:
                w.records.show_records(view.records)
            if view.year is not None:
                w.records.show_year(view.year)
            w.records.set_statement(
                printing=view.printing, outcome=view.statement, year=view.statement_year
            )
            w.records.set_print_enabled(not view.busy and not view.print_paused)
            return w.records
        if view.step is Step.BUSINESS:
            business = self.business
            if business is None:  # the card's holder is being looked up after the PIN
                w.pin.set_busy(True)
                return w.pin
            screen = w.business_screens[business.view.step]
            screen.show_view(business.view)
            return screen
        if view.step is Step.READER_UNAVAILABLE:
            w.problem.show_reader_unavailable()
            return w.problem
        assert view.problem is not None
        summary = view.summary
        w.problem.show_problem(
            view.problem,
            expiry_date=summary.expiry_date if summary else None,
            reissue=summary.reissue if summary else None,
        )
        w.problem.set_busy(view.busy)
        return w.problem

    def _wipe(self) -> None:
        for screen in self.window.screens:
            screen.wipe()

    def shutdown(self) -> None:
        self._idle_timer.stop()
        QApplication.instance().removeEventFilter(self)
        self.worker.shutdown()
        self.session.end()
        self._bridge.detach()
        if self._id_bridge is not None:
            self._id_bridge.detach()

"""The citizen controller: reader events and taps go into the flow, the flow's commands run on
the worker thread through the card session service, and the flow's view is shown on screen.

It is the only place where Qt, the flow and the services meet. Every session end (card
removed, idle, Home, reader lost) wipes every screen (S3) before anything else is shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from drivers.readers.base import ReaderEvent, ReaderEventKind
from drivers.readers.errors import CardRemoved, ReaderError
from kiosk.card.errors import PinBlocked, PinWrong
from kiosk.domain.session import CardProblem
from kiosk.flows.citizen import (
    AskTries,
    CitizenFlow,
    Command,
    EndSession,
    LoadRecords,
    LoadYear,
    ReadCard,
    Step,
    VerifyPin,
    View,
)
from kiosk.flows.idle import IdleState, IdleWatch
from kiosk.services.card_session import CardSessionService, SessionProblem
from kiosk.ui.bridge import ReaderBridge, Worker
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

_TOUCH_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class CitizenController(QObject):
    """Drives the citizen's screens. `view_shown` fires after each screen change (tests, tour)."""

    view_shown = Signal(str)  # the screen's name
    reader_event = Signal(object)  # every reader event, after the flow has seen it

    def __init__(
        self,
        window: KioskWindow,
        session: CardSessionService,
        bridge: ReaderBridge,
        *,
        reader_name: str = "",
        idle: IdleWatch | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.flow = CitizenFlow()
        self.worker = Worker(self)
        self.idle = idle or IdleWatch()
        self.clock = clock
        self._reader_name = reader_name
        self._inserted_at: float | None = None
        self._generation = 0  # bumped at each session start and end; older results are dropped
        self._bridge = bridge
        self.last_insert_to_summary: float | None = None  # seconds, for P4 and the tour
        bridge.event.connect(self._on_reader_event)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(250)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._connect_screens()
        # Reporting a loss without the card and looking up a voucher come with their flows.
        window.attract.set_cardless_services(False)
        self._render()

    # Inputs -----------------------------------------------------------------------------------

    def _connect_screens(self) -> None:
        w = self.window
        w.summary.view_records_clicked.connect(lambda: self._apply(self.flow.view_records()))
        w.pin.pin_entered.connect(lambda pin: self._apply(self.flow.pin_entered(pin)))
        w.records.year_selected.connect(lambda year: self._apply(self.flow.select_year(year)))
        w.problem.done_clicked.connect(lambda: self._apply(self.flow.home()))
        w.header.back_clicked.connect(lambda: self._apply(self.flow.back()))
        w.header.home_clicked.connect(lambda: self._apply(self.flow.home()))
        w.idle.more_time.connect(self._more_time)
        w.idle.end_session.connect(lambda: self._apply(self.flow.idle_timeout()))
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS and not self.window.idle.isVisible():
            self.idle.touch(self.clock())
        return False

    def _on_reader_event(self, event: ReaderEvent) -> None:
        if self._reader_name and event.reader and event.reader != self._reader_name:
            return
        if event.kind is ReaderEventKind.CARD_INSERTED:
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

    def _readers_left(self, event: ReaderEvent) -> bool:
        return any(info.name != event.reader for info in self._bridge.backend.readers())

    def _more_time(self) -> None:
        self.idle.touch(self.clock())
        self.check_idle()

    def check_idle(self) -> None:
        status = self.idle.status(self.clock())
        if status.state is IdleState.ACTIVE:
            self.window.idle.hide()
        elif status.state is IdleState.WARNING:
            self.window.idle.set_remaining(status.remaining)
            if not self.window.idle.isVisible():
                log.info("idle.warning")
                self.window.idle.show()
                self.window.idle.raise_()
        else:
            log.info("idle.timeout")
            self._apply(self.flow.idle_timeout())

    # Commands ---------------------------------------------------------------------------------

    def _apply(self, commands: list[Command]) -> None:
        for command in commands:
            self._run(command)
        self._render()

    def _run(self, command: Command) -> None:
        session, flow = self.session, self.flow
        if isinstance(command, ReadCard | EndSession):
            # A new session, or the end of one: results of older commands no longer count.
            self._generation += 1
        if isinstance(command, EndSession):
            # On the worker, after any job still running: the service forgets the card there.
            self._submit(session.end, lambda _: None)
        elif isinstance(command, ReadCard):
            self._submit(
                lambda: session.read_summary(command.reader),
                lambda summary: self._apply(flow.read_done(summary)),
            )
        elif isinstance(command, AskTries):
            self._submit(session.tries_left, lambda n: self._apply(flow.tries_known(n)))
        elif isinstance(command, VerifyPin):
            self._submit(
                lambda: session.verify_pin(command.pin),
                lambda _: self._apply(flow.pin_ok()),
                self._pin_failed,
            )
        elif isinstance(command, LoadRecords):
            self._submit(session.load_records, lambda r: self._apply(flow.records_loaded(r)))
        elif isinstance(command, LoadYear):
            self._submit(
                lambda: session.load_year(command.year),
                lambda y: self._apply(flow.year_loaded(y)),
            )

    def _submit(
        self,
        job: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        generation = self._generation
        handle_error = on_error or self._failed

        def current(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if generation == self._generation:
                    callback(value)
                else:
                    log.info("session.stale_result_dropped")

            return deliver

        self.worker.submit(job, current(on_result), current(handle_error))

    def _pin_failed(self, error: BaseException) -> None:
        if isinstance(error, PinWrong):
            log.info("pin.wrong tries_left=%d", error.tries_left)
            self._apply(self.flow.pin_wrong(error.tries_left))
        elif isinstance(error, PinBlocked):
            log.info("pin.blocked")
            self._apply(self.flow.pin_blocked())
        else:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, SessionProblem):
            log.info("session.problem problem=%s", error.problem.value)
            if self.flow.view.step is Step.READING:
                self._apply(self.flow.read_failed(error.problem))
            else:
                self._apply(self.flow.failed(error.problem))
        elif isinstance(error, CardRemoved):
            # The removal event ends the session; a read cut short shows nothing half-read.
            log.info("session.card_removed_mid_command")
        elif isinstance(error, ReaderError):
            log.warning("session.reader_error kind=%s", type(error).__name__)
            self._apply(self.flow.failed(CardProblem.UNREADABLE))
        else:
            log.error("session.unexpected_error kind=%s", type(error).__name__)
            self._apply(self.flow.failed(CardProblem.UNREADABLE))

    # Output -----------------------------------------------------------------------------------

    def _render(self) -> None:
        view, w = self.flow.view, self.window
        if not self.flow.in_session:
            self._wipe()
        screen = self._screen_for(view)
        navigable = view.step in (Step.PIN, Step.RECORDS)
        home = self.flow.in_session and getattr(screen, "home_allowed", True)
        w.show_screen(screen, back=navigable and not view.busy, home=home)
        if view.step is Step.ATTRACT:
            self.idle.stop()
            w.idle.hide()
        elif not self.idle.watching:
            self.idle.start(self.clock())
        if view.step is Step.SUMMARY and self._inserted_at is not None:
            self.last_insert_to_summary = time.perf_counter() - self._inserted_at
            self._inserted_at = None
        log.info("screen.shown name=%s", getattr(screen, "name", view.step.value))
        self.view_shown.emit(view.step.value)

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
            w.pin.set_tries(view.tries_left or 0, after_wrong=view.after_wrong_pin)
            w.pin.set_busy(view.busy)
            return w.pin
        if view.step is Step.RECORDS:
            assert view.records is not None
            if w.records.records is not view.records:
                w.records.show_records(view.records)
            if view.year is not None:
                w.records.show_year(view.year)
            return w.records
        if view.step is Step.READER_UNAVAILABLE:
            w.problem.show_reader_unavailable()
            return w.problem
        assert view.problem is not None
        expiry = view.summary.expiry_date if view.summary else None
        w.problem.show_problem(view.problem, expiry_date=expiry)
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

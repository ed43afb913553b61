"""The citizen controller: reader events and taps go into the flows, the flows' commands run on
the worker thread through the card session and business services, and the views are shown.

Two flows: the card session (kiosk.flows.citizen) and, while it is at Step.BUSINESS, one
business wizard (kiosk.flows.business: report a loss, cancel it, replace a card, look up a
voucher), whose screens and commands kiosk.ui.business_controller handles. Every command of
either runs on the same worker under the same session generation, so a result that comes back
after the session ended is dropped.

It is the only place where Qt, the flows and the services meet. Every session end (card
removed, idle, Home, reader lost) wipes every screen back to its initial state (S3) before
anything else is shown, and says so with `session_ended`: the composition root then restores
the kiosk's own language and text size, so the next citizen starts where the first one did.
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
from kiosk.domain.business import PrintOutcome
from kiosk.domain.session import CardProblem
from kiosk.domain.voucher_data import Language
from kiosk.flows.business import BCommand, BusinessFlow
from kiosk.flows.citizen import (
    AskTries,
    CitizenFlow,
    Command,
    EndSession,
    LoadRecords,
    LoadYear,
    PausePrinting,
    PrintStatement,
    ReadCard,
    StartBusiness,
    Step,
    VerifyPin,
    View,
)
from kiosk.flows.idle import IdleState, IdleWatch
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService, SessionProblem
from kiosk.ui.bridge import ReaderBridge, Worker
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
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.business_service = business
        self.flow = CitizenFlow()
        self._language = language  # statements print in the language on screen
        self.worker = Worker(self)
        self.idle = idle or IdleWatch()
        self.clock = clock
        self._reader_name = reader_name
        self._inserted_at: float | None = None
        self._generation = 0  # bumped at each session start and end; older results are dropped
        self._in_session = False  # as last rendered: a session ends when this turns False
        self._bridge = bridge
        self.last_insert_to_summary: float | None = None  # seconds, for P4 and the tour
        self._wizard = BusinessController(
            window,
            business,
            self.flow,
            kiosk_id=kiosk_id,
            language=language,
            submit=self._submit,
            apply=self._apply,
            home=self.home,
        )
        bridge.event.connect(self._on_reader_event)
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
            lambda: self.start_cardless(BusinessFlow.start_loss_report)
        )
        w.attract.voucher_lookup_clicked.connect(
            lambda: self.start_cardless(BusinessFlow.start_voucher_lookup)
        )
        QApplication.instance().installEventFilter(self)

    # Taps that mean the same on every screen ---------------------------------------------------

    def home(self) -> None:
        self._apply(self.flow.home())

    def _back(self) -> None:
        if self.flow.in_business:
            self._wizard.input(BusinessFlow.back)
        else:
            self._apply(self.flow.back())

    def start_cardless(self, start: Callable[[BusinessFlow], list[BCommand]]) -> None:
        """Report a loss or look up a voucher, from attract: no card needed."""
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
                self.window.show_idle_warning()
        else:
            log.info("idle.timeout")
            self._apply(self.flow.idle_timeout())

    # Commands ---------------------------------------------------------------------------------

    def _apply(self, commands: list[Command] | list[BCommand]) -> None:
        for command in commands:
            if isinstance(command, BCommand):
                self._wizard.run(command)
            else:
                self._run(command)
        if not self.flow.in_business and self.business is not None:
            self._wizard.end()
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
        elif isinstance(command, PrintStatement):
            self._print_statement(command)
        elif isinstance(command, PausePrinting):
            self._after(STATEMENT_PAUSE_MS, lambda: self._apply(flow.print_pause_over()))
        elif isinstance(command, StartBusiness):
            self._wizard.start_with_card(command.purpose, session.identity)

    def _print_statement(self, command: PrintStatement) -> None:
        """The statement of the records on screen, in the language on screen, on the worker."""
        view, flow, service = self.flow.view, self.flow, self.business_service
        if view.records is None:
            return
        records = view.records
        language = self._language()

        def failed(error: BaseException) -> None:
            # print_statement never raises; should it all the same, the citizen hears "failed".
            log.error("statement.unexpected_error kind=%s", type(error).__name__)
            self._apply(flow.statement_printed(PrintOutcome.FAILED))

        self._submit(
            lambda: service.print_statement(records, command.year, language),
            lambda outcome: self._apply(flow.statement_printed(outcome)),
            failed,
        )

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

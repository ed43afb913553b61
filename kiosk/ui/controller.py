"""The citizen controller: reader events and taps go into the flows, the flows' commands run on
the worker thread through the card session and business services, and the views are shown.

Two flows: the card session (kiosk.flows.citizen) and, while it is at Step.BUSINESS, one
business wizard (kiosk.flows.business: report a loss, cancel it, replace a card, look up a
voucher). Every command of either runs on the same worker under the same session generation,
so a result that comes back after the session ended is dropped.

It is the only place where Qt, the flows and the services meet. Every session end (card
removed, idle, Home, reader lost) wipes every screen (S3) before anything else is shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from drivers.printers.base import PrinterState, PrinterStatus
from drivers.readers.base import ReaderEvent, ReaderEventKind
from drivers.readers.errors import CardRemoved, ReaderError
from kiosk.card.errors import PinBlocked, PinWrong
from kiosk.domain.business import Identified, NotEligible, PrintOutcome, Refusal
from kiosk.domain.session import CardProblem, Records, YearOfContributions
from kiosk.domain.voucher_data import Language
from kiosk.flows.business import (
    BCommand,
    BStep,
    BusinessFlow,
    CheckPrinter,
    Choice,
    Identify,
    Leave,
    LoadReissueOptions,
    LookupPerson,
    LookupVoucher,
    PrintVoucher,
    Purpose,
    Reprint,
    SubmitCancellation,
    SubmitLoss,
    SubmitReissue,
)
from kiosk.flows.citizen import (
    AskTries,
    CitizenFlow,
    Command,
    EndSession,
    LoadRecords,
    LoadYear,
    PinPurpose,
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
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

_CARD_PURPOSES = {
    PinPurpose.CANCEL_LOSS: Purpose.CANCEL_LOSS,
    PinPurpose.REPLACE: Purpose.REPLACE_DAMAGED,
}

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
        self.business: BusinessFlow | None = None  # while the citizen flow is at BUSINESS
        self._kiosk_id = kiosk_id
        self._language = language  # vouchers print in the language on screen
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
        window.attract.set_cardless_services(True)
        self._render()

    # Inputs -----------------------------------------------------------------------------------

    def _connect_screens(self) -> None:
        w = self.window
        w.summary.view_records_clicked.connect(lambda: self._apply(self.flow.view_records()))
        w.pin.pin_entered.connect(lambda pin: self._apply(self.flow.pin_entered(pin)))
        w.records.year_selected.connect(lambda year: self._apply(self.flow.select_year(year)))
        w.records.print_clicked.connect(lambda: self._apply(self.flow.print_statement()))
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
        self._connect_business_screens()
        QApplication.instance().installEventFilter(self)

    def _connect_business_screens(self) -> None:
        w, b = self.window, self._business_input
        w.identify.submitted.connect(
            lambda ssn, mobile, agent: b(lambda f: f.identify(ssn, mobile, agent))
        )
        w.agent.submitted.connect(lambda id_, name, rel: b(lambda f: f.agent_given(id_, name, rel)))
        w.what_happened.chosen.connect(lambda value: b(lambda f: f.choose(Choice(value))))
        w.outlet.chosen.connect(lambda code: b(lambda f: f.choose_outlet(code)))
        for screen in (w.outlet, w.materials, w.pickup, w.review):
            # Next means "on from this screen": a late tap on a screen already left is nothing.
            step = BStep(screen.name)
            screen.next_clicked.connect(
                lambda step=step: b(lambda f: f.next() if f.view.step is step else [])
            )
        w.confirm.confirmed.connect(lambda: b(BusinessFlow.confirm))
        w.receipt.done_clicked.connect(self.home)
        w.refused.done_clicked.connect(self.home)
        w.refused.retry_clicked.connect(lambda: b(BusinessFlow.retry))
        w.lookup.by_number.connect(lambda number: b(lambda f: f.lookup_number(number)))
        w.lookup.by_person.connect(lambda ssn, mobile: b(lambda f: f.lookup_person(ssn, mobile)))
        w.lookup_result.reprint.connect(lambda number: b(lambda f: f.reprint(number)))
        w.lookup_result.done_clicked.connect(self.home)

    # Taps that mean the same on every screen ---------------------------------------------------

    def home(self) -> None:
        self._apply(self.flow.home())

    def _back(self) -> None:
        if self.flow.in_business:
            self._business_input(BusinessFlow.back)
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
        business = self._new_business()
        self._apply([*commands, *start(business)])

    def _business_input(self, change: Callable[[BusinessFlow], list[BCommand]]) -> None:
        business = self.business
        if business is None or not self.flow.in_business:
            return  # a late signal from a screen whose business already ended
        self._apply(change(business))

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

    def _apply(self, commands: list[Command] | list[BCommand]) -> None:
        for command in commands:
            if isinstance(command, _BUSINESS_COMMANDS):
                self._run_business(command)
            else:
                self._run(command)
        if not self.flow.in_business and self.business is not None:
            self._end_business()
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
        elif isinstance(command, StartBusiness):
            self._start_card_business(_CARD_PURPOSES[command.purpose])

    def _print_statement(self, command: PrintStatement) -> None:
        """The statement of the records on screen, in the language on screen, on the worker."""
        view, flow, service = self.flow.view, self.flow, self.business_service
        if view.records is None:
            return
        records = _with_year(view.records, view.year)
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

    # Business commands --------------------------------------------------------------------------

    def _start_card_business(self, purpose: Purpose) -> None:
        """After the PIN: who holds this card, then the business flow takes over the screen."""
        service, session = self.business_service, self.session
        log.info("business.start card=1 purpose=%s", purpose.value)

        def identify() -> Identified:
            ssn, card_number = session.identity()
            return service.identify_card(ssn, card_number)

        def started(identified: Identified) -> None:
            business = self._new_business()
            if purpose is Purpose.CANCEL_LOSS:
                self._apply(business.start_cancel(identified))
            else:
                self._apply(business.start_replace(identified))

        def refused(error: BaseException) -> None:
            self._apply(self._new_business().cannot_start(purpose, _refusal(error)))

        self._submit(identify, started, refused)

    def _new_business(self) -> BusinessFlow:
        self.business = BusinessFlow(self._kiosk_id)
        return self.business

    def _run_business(self, command: BCommand) -> None:
        business, service = self.business, self.business_service
        if business is None:
            return
        if isinstance(command, Leave):
            self._apply(self.flow.leave_business())
            return

        def fed(change: Callable[[Any], list[BCommand]]) -> Callable[[Any], None]:
            return lambda value: self._apply(change(value))

        refused = fed(lambda error: business.refused(_refusal(error)))
        if isinstance(command, Identify):
            self._submit(
                lambda: service.identify(command.ssn, command.mobile),
                fed(business.identified),
                refused,
            )
        elif isinstance(command, LoadReissueOptions):
            self._submit(
                lambda: (service.outlets(), service.pickup_quote()),
                fed(lambda options: business.options_loaded(*options)),
                refused,
            )
        elif isinstance(command, CheckPrinter):
            self._submit(
                service.printer_status,
                fed(business.printer_checked),
                fed(lambda _e: business.printer_checked(PrinterStatus(PrinterState.ERROR))),
            )
        elif isinstance(command, SubmitLoss):
            self._submit(
                lambda: service.report_loss(command.request), fed(business.submitted), refused
            )
        elif isinstance(command, SubmitReissue):
            self._submit(
                lambda: service.apply_reissue(command.request), fed(business.submitted), refused
            )
        elif isinstance(command, SubmitCancellation):
            self._submit(
                lambda: service.cancel_loss_report(command.request),
                fed(business.submitted),
                refused,
            )
        elif isinstance(command, PrintVoucher):
            language = self._language()
            self._submit(
                lambda: service.print_voucher(command.voucher_number, language),
                fed(business.printed),
                fed(lambda error: business.printed(_print_failed(error))),
            )
        elif isinstance(command, LookupVoucher):
            self._submit(
                lambda: [service.lookup_voucher(command.voucher_number)],
                fed(business.looked_up),
                refused,
            )
        elif isinstance(command, LookupPerson):
            self._submit(
                lambda: service.lookup_person(command.ssn, command.mobile),
                fed(business.looked_up),
                refused,
            )
        elif isinstance(command, Reprint):
            language = self._language()

            def reprint_failed(error: BaseException) -> list[BCommand]:
                if isinstance(error, NotEligible):
                    return business.refused(error.refusal)
                return business.reprinted(_print_failed(error))

            self._submit(
                lambda: service.reprint_self_service(command.voucher_number, language),
                fed(business.reprinted),
                fed(reprint_failed),
            )

    def _end_business(self) -> None:
        """The business is over (Home, idle, card pulled, Back out of it): forget it and wipe
        its screens; a submit still running finishes in the database, unseen."""
        self.business = None
        for screen in self.window.business_screens.values():
            screen.wipe()

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
            w.pin.set_tries(view.tries_left or 0, after_wrong=view.after_wrong_pin)
            w.pin.set_busy(view.busy)
            return w.pin
        if view.step is Step.RECORDS:
            assert view.records is not None
            if w.records.records is not view.records:
                w.records.show_records(view.records)
            if view.year is not None:
                w.records.show_year(view.year)
            w.records.set_statement(printing=view.printing, outcome=view.statement)
            w.records.set_print_enabled(not view.busy)
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
        expiry = view.summary.expiry_date if view.summary else None
        w.problem.show_problem(view.problem, expiry_date=expiry)
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


_BUSINESS_COMMANDS = (
    Identify,
    LoadReissueOptions,
    CheckPrinter,
    SubmitLoss,
    SubmitReissue,
    SubmitCancellation,
    PrintVoucher,
    LookupVoucher,
    LookupPerson,
    Reprint,
    Leave,
)


def _refusal(error: BaseException) -> Refusal:
    """What the citizen is told when a business command fails. Anything unexpected counts as
    the back end being away: nothing the citizen did, and a retry with the same idempotency
    key cannot record anything twice."""
    if isinstance(error, NotEligible):
        log.info("business.refused refusal=%s", error.refusal.value)
        return error.refusal
    log.error("business.unexpected_error kind=%s", type(error).__name__)
    return Refusal.BACKEND_OFFLINE


def _with_year(records: Records, year: YearOfContributions | None) -> Records:
    """`records` with the year on screen among the loaded contributions: a year loaded after
    the records (LoadYear) lives in the view, and the statement prints the year shown."""
    if year is None or records.contributions.get(year.year) is year:
        return records
    return replace(records, contributions={**records.contributions, year.year: year})


def _print_failed(error: BaseException) -> PrintOutcome:
    log.warning("voucher.print_failed kind=%s", type(error).__name__)
    return PrintOutcome.FAILED

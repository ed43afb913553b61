"""The business half of the citizen controller: the session's one business wizard
(kiosk.flows.business: report a loss, cancel it, replace a card, look up a voucher), the taps of
its screens, and its commands run through the BusinessService on the worker.

It is handed, by name, the few things of the CitizenController it uses instead of the controller
itself: `submit` (the worker under the session generation, so a result that comes back after the
session ended is dropped), `apply` (run commands, then render) and `home`. That keeps the
dependency one-way and shows at the constructor all this class can touch; the session, its
generation and the screen on show stay with the CitizenController. The citizen flow comes in as
it is: it says whether the session is still at BUSINESS and takes the session back at Leave.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from drivers.printers.base import PrinterState, PrinterStatus
from kiosk.domain.business import Identified, NotEligible, PrintOutcome, Refusal
from kiosk.domain.voucher_data import Language
from kiosk.flows.business import (
    PIN_PURPOSES,
    BCommand,
    BStep,
    BusinessFlow,
    CheckPrinter,
    Choice,
    Identify,
    Leave,
    LoadReissueOptions,
    LookupCode,
    LookupPerson,
    PrintVoucher,
    Purpose,
    Reprint,
    SubmitCancellation,
    SubmitLoss,
    SubmitReissue,
)
from kiosk.flows.citizen import CitizenFlow, Command, PinPurpose
from kiosk.services.business import BusinessService
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

Submit = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
Apply = Callable[[list[Command] | list[BCommand]], None]


class BusinessController:
    """Owns the session's BusinessFlow (`flow`, None outside a business) and runs its commands."""

    def __init__(
        self,
        window: KioskWindow,
        service: BusinessService,
        citizen: CitizenFlow,
        *,
        kiosk_id: str,
        language: Callable[[], Language],
        submit: Submit,
        apply: Apply,
        home: Callable[[], None],
    ) -> None:
        self.window = window
        self.service = service
        self.flow: BusinessFlow | None = None  # while the citizen flow is at BUSINESS
        self._citizen = citizen
        self._kiosk_id = kiosk_id
        self._language = language  # vouchers print in the language on screen
        self._submit = submit
        self._apply = apply
        self._connect_screens(home)

    def _connect_screens(self, home: Callable[[], None]) -> None:
        w, b = self.window, self.input
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
        w.receipt.done_clicked.connect(home)
        w.refused.done_clicked.connect(home)
        w.refused.retry_clicked.connect(lambda: b(BusinessFlow.retry))
        w.lookup.by_code.connect(lambda code: b(lambda f: f.lookup_code(code)))
        w.lookup.by_person.connect(lambda ssn, mobile: b(lambda f: f.lookup_person(ssn, mobile)))
        w.lookup_result.reprint.connect(lambda number: b(lambda f: f.reprint(number)))
        w.lookup_result.done_clicked.connect(home)

    def input(self, change: Callable[[BusinessFlow], list[BCommand]]) -> None:
        """A tap on a business screen (or Back) as a change of the current business flow."""
        business = self.flow
        if business is None or not self._citizen.in_business:
            return  # a late signal from a screen whose business already ended
        self._apply(change(business))

    def start(self) -> BusinessFlow:
        """A fresh business flow for the session; the caller says which wizard it starts."""
        self.flow = BusinessFlow(self._kiosk_id)
        return self.flow

    def start_with_card(self, purpose: PinPurpose, identity: Callable[[], tuple[str, str]]) -> None:
        """After the PIN: who holds this card (`identity` runs on the worker), then the business
        flow takes over the screen."""
        business_purpose = PIN_PURPOSES[purpose]
        service = self.service
        log.info("business.start card=1 purpose=%s", business_purpose.value)

        def identify() -> Identified:
            ssn, card_number = identity()
            return service.identify_card(ssn, card_number)

        def started(identified: Identified) -> None:
            business = self.start()
            if business_purpose is Purpose.CANCEL_LOSS:
                self._apply(business.start_cancel(identified))
            else:
                self._apply(business.start_replace(identified))

        def refused(error: BaseException) -> None:
            self._apply(self.start().cannot_start(business_purpose, _refusal(error).refusal))

        self._submit(identify, started, refused)

    def run(self, command: BCommand) -> None:
        """One command of the business flow, through the service on the worker."""
        business, service = self.flow, self.service
        if business is None:
            return
        if isinstance(command, Leave):
            self._apply(self._citizen.leave_business())
            return

        def fed(change: Callable[[Any], list[BCommand]]) -> Callable[[Any], None]:
            return lambda value: self._apply(change(value))

        def refuse(error: BaseException) -> list[BCommand]:
            said = _refusal(error)
            return business.refused(
                said.refusal, attempts_left=said.attempts_left, until=said.until
            )

        refused = fed(refuse)
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
                lambda: service.print_voucher(command.code, language),
                fed(business.printed),
                fed(lambda error: business.printed(_print_failed(error))),
            )
        elif isinstance(command, LookupCode):
            self._submit(
                lambda: service.lookup_code(command.code), fed(business.looked_up), refused
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
                    return refuse(error)
                return business.reprinted(_print_failed(error))

            self._submit(
                lambda: service.reprint_self_service(
                    command.voucher_number, language, command.access
                ),
                fed(business.reprinted),
                fed(reprint_failed),
            )

    def end(self) -> None:
        """The business is over (Home, idle, card pulled, Back out of it): forget it and wipe
        its screens; a submit still running finishes in the database, unseen."""
        self.flow = None
        for screen in self.window.business_screens.values():
            screen.wipe()


def _refusal(error: BaseException) -> NotEligible:
    """What the citizen is told when a business command fails. Anything unexpected counts as
    the back end being away: nothing the citizen did, and a retry with the same idempotency
    key cannot record anything twice."""
    if isinstance(error, NotEligible):
        log.info("business.refused refusal=%s", error.refusal.value)
        return error
    log.error("business.unexpected_error kind=%s", type(error).__name__)
    return NotEligible(Refusal.BACKEND_OFFLINE)


def _print_failed(error: BaseException) -> PrintOutcome:
    log.warning("voucher.print_failed kind=%s", type(error).__name__)
    return PrintOutcome.FAILED

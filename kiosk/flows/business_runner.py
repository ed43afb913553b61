"""The business wizard's commands (kiosk.flows.business) as actions for the controller: each one a
call of the BusinessService on the worker, and its result or error fed back to the wizard. No
Qt; the pattern is kiosk.flows.runner's.

It owns the session's one business flow (`flow`, None outside a business): made when a business
starts, dropped when it ends, so that a command of a business that has ended runs nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.domain.business import Identified, NotEligible, PrintOutcome, Refusal
from kiosk.domain.devices import PrinterState, PrinterStatus
from kiosk.domain.voucher_data import Language
from kiosk.flows.business import (
    PIN_PURPOSES,
    BCommand,
    BusinessFlow,
    CheckPrinter,
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
from kiosk.flows.citizen import CitizenFlow, PinPurpose
from kiosk.flows.runner import Action, Commands, CommandTable, Job, Now
from kiosk.services.business import BusinessService

log = logging.getLogger(__name__)


class BusinessRunner:
    """The business flow of the session and what its commands run. `table` holds a plan for
    every business command; the citizen runner includes it."""

    def __init__(
        self,
        service: BusinessService,
        citizen: CitizenFlow,
        *,
        kiosk_id: str,
        language: Callable[[], Language],
    ) -> None:
        self.service = service
        self.flow: BusinessFlow | None = None  # while the citizen flow is at BUSINESS
        self._citizen = citizen
        self._kiosk_id = kiosk_id
        self._language = language  # vouchers print in the language on screen, when asked
        # The kiosk has a resident ID card reader that answers (issue 15): a business started
        # now asks for the ID card first. The controller keeps it true.
        self.id_reader = False
        self.table = CommandTable()
        plans: dict[type, Callable[[BusinessFlow, Any], Action]] = {
            Identify: self._identify,
            LoadReissueOptions: self._load_options,
            CheckPrinter: self._check_printer,
            SubmitLoss: self._submit_loss,
            SubmitReissue: self._submit_reissue,
            SubmitCancellation: self._submit_cancellation,
            PrintVoucher: self._print_voucher,
            LookupCode: self._lookup_code,
            LookupPerson: self._lookup_person,
            Reprint: self._reprint,
            Leave: self._leave,
        }
        for kind, plan in plans.items():
            self.table.add(kind, self._while_open(plan))

    # The business's life ----------------------------------------------------------------------

    def start(self) -> BusinessFlow:
        """A fresh business flow for the session; the caller says which wizard it starts."""
        self.flow = BusinessFlow(self._kiosk_id, id_reader=self.id_reader)
        return self.flow

    def end(self) -> None:
        """The business is over: its commands still out are answered to nobody."""
        self.flow = None

    def start_with_card(self, purpose: PinPurpose, identity: Callable[[], tuple[str, str]]) -> Job:
        """After the PIN: who holds this card (`identity`, on the worker), then the business
        flow of `purpose` takes over."""
        business_purpose = PIN_PURPOSES[purpose]
        service = self.service
        log.info("business.start card=1 purpose=%s", business_purpose.value)

        def identify() -> Identified:
            ssn, card_number = identity()
            return service.identify_card(ssn, card_number)

        def started(identified: Identified) -> Commands:
            business = self.start()
            if business_purpose is Purpose.CANCEL_LOSS:
                return business.start_cancel(identified)
            return business.start_replace(identified)

        def refused(error: BaseException) -> Commands:
            return self.start().cannot_start(business_purpose, refusal(error).refusal)

        return Job(identify, started, refused)

    def plan(self, command: BCommand) -> Action | None:
        return self.table.plan(command)

    # One plan per command ---------------------------------------------------------------------

    def _while_open(
        self, plan: Callable[[BusinessFlow, Any], Action]
    ) -> Callable[[Any], Action | None]:
        def planned(command: Any) -> Action | None:
            business = self.flow
            return None if business is None else plan(business, command)

        return planned

    def _identify(self, business: BusinessFlow, command: Identify) -> Action:
        service = self.service
        return Job(
            lambda: service.identify(command.ssn, command.mobile),
            business.identified,
            _refused(business),
        )

    def _load_options(self, business: BusinessFlow, command: LoadReissueOptions) -> Action:
        service = self.service
        return Job(
            lambda: (service.outlets(), service.pickup_quote()),
            lambda options: business.options_loaded(*options),
            _refused(business),
        )

    def _check_printer(self, business: BusinessFlow, command: CheckPrinter) -> Action:
        # printer_status never raises; should it all the same, the printer counts as in error.
        return Job(
            self.service.printer_status,
            business.printer_checked,
            lambda _error: business.printer_checked(PrinterStatus(PrinterState.ERROR)),
        )

    def _submit_loss(self, business: BusinessFlow, command: SubmitLoss) -> Action:
        service = self.service
        return Job(
            lambda: service.report_loss(command.request), business.submitted, _refused(business)
        )

    def _submit_reissue(self, business: BusinessFlow, command: SubmitReissue) -> Action:
        service = self.service
        return Job(
            lambda: service.apply_reissue(command.request), business.submitted, _refused(business)
        )

    def _submit_cancellation(self, business: BusinessFlow, command: SubmitCancellation) -> Action:
        service = self.service
        return Job(
            lambda: service.cancel_loss_report(command.request),
            business.submitted,
            _refused(business),
        )

    def _print_voucher(self, business: BusinessFlow, command: PrintVoucher) -> Action:
        service, language = self.service, self._language()
        return Job(
            lambda: service.print_voucher(command.code, language),
            business.printed,
            lambda error: business.printed(print_failed(error)),
        )

    def _lookup_code(self, business: BusinessFlow, command: LookupCode) -> Action:
        service = self.service
        return Job(
            lambda: service.lookup_code(command.code), business.looked_up, _refused(business)
        )

    def _lookup_person(self, business: BusinessFlow, command: LookupPerson) -> Action:
        service = self.service
        return Job(
            lambda: service.lookup_person(command.ssn, command.mobile),
            business.looked_up,
            _refused(business),
        )

    def _reprint(self, business: BusinessFlow, command: Reprint) -> Action:
        service, language = self.service, self._language()

        def failed(error: BaseException) -> Commands:
            if isinstance(error, NotEligible):  # the service's word: this reprint is used up
                return _refused(business)(error)
            return business.reprinted(print_failed(error))

        return Job(
            lambda: service.reprint_self_service(command.voucher_number, language, command.access),
            business.reprinted,
            failed,
        )

    def _leave(self, business: BusinessFlow, command: Leave) -> Action:
        # Back from the wizard's first step: the citizen flow takes the session back.
        return Now(self._citizen.leave_business)


def _refused(business: BusinessFlow) -> Callable[[BaseException], Commands]:
    def told(error: BaseException) -> Commands:
        said = refusal(error)
        return business.refused(said.refusal, attempts_left=said.attempts_left, until=said.until)

    return told


def refusal(error: BaseException) -> NotEligible:
    """What the citizen is told when a business command fails. Anything unexpected counts as
    the back end being away: nothing the citizen did, and a retry with the same idempotency
    key cannot record anything twice."""
    if isinstance(error, NotEligible):
        log.info("business.refused refusal=%s", error.refusal.value)
        return error
    log.error("business.unexpected_error kind=%s", type(error).__name__)
    return NotEligible(Refusal.BACKEND_OFFLINE)


def print_failed(error: BaseException) -> PrintOutcome:
    log.warning("voucher.print_failed kind=%s", type(error).__name__)
    return PrintOutcome.FAILED

"""The citizen session's commands (kiosk.flows.citizen) as actions for the controller: each one a
call of the card session service (or of the business service, for a statement) on the worker,
and its result or its domain error fed back to the flow. No Qt; the pattern is
kiosk.flows.runner's, and the business wizard's commands come from kiosk.flows.business_runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.domain.business import PrintOutcome
from kiosk.domain.session import CardProblem, CardPulled, PinBlocked, PinWrong, SessionProblem
from kiosk.domain.voucher_data import Language
from kiosk.flows.business_runner import BusinessRunner
from kiosk.flows.citizen import (
    AskTries,
    CitizenFlow,
    EndSession,
    LoadRecords,
    LoadYear,
    PausePrinting,
    PrintStatement,
    ReadCard,
    StartBusiness,
    Step,
    VerifyPin,
)
from kiosk.flows.runner import Action, Commands, CommandTable, Job, Later
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService

log = logging.getLogger(__name__)


class CitizenRunner:
    """What each command of the citizen flow, and of the business wizard it hands over to, runs.
    `plan(command)` gives the controller the action to carry out (None: nothing to do)."""

    def __init__(
        self,
        flow: CitizenFlow,
        session: CardSessionService,
        business: BusinessService,
        *,
        kiosk_id: str,
        language: Callable[[], Language],
    ) -> None:
        self.flow = flow
        self.session = session
        self.business_service = business
        self._language = language  # statements print in the language on screen
        self.business = BusinessRunner(business, flow, kiosk_id=kiosk_id, language=language)
        self.table = CommandTable()
        plans: dict[type, Callable[[Any], Action | None]] = {
            ReadCard: self._read_card,
            AskTries: self._ask_tries,
            VerifyPin: self._verify_pin,
            LoadRecords: self._load_records,
            LoadYear: self._load_year,
            PrintStatement: self._print_statement,
            PausePrinting: self._pause_printing,
            StartBusiness: self._start_business,
            EndSession: self._end_session,
        }
        for kind, plan in plans.items():
            self.table.add(kind, plan)
        self.table.include(self.business.table)

    def plan(self, command: object) -> Action | None:
        return self.table.plan(command)

    # One plan per command ---------------------------------------------------------------------

    def _read_card(self, command: ReadCard) -> Action:
        session, flow = self.session, self.flow
        return Job(
            lambda: session.read_summary(command.reader),
            flow.read_done,
            self.failed,
            new_session=True,
        )

    def _ask_tries(self, command: AskTries) -> Action:
        return Job(self.session.tries_left, self.flow.tries_known, self.failed)

    def _verify_pin(self, command: VerifyPin) -> Action:
        session, flow = self.session, self.flow
        return Job(
            lambda: session.verify_pin(command.pin), lambda _: flow.pin_ok(), self.pin_failed
        )

    def _load_records(self, command: LoadRecords) -> Action:
        return Job(self.session.load_records, self.flow.records_loaded, self.failed)

    def _load_year(self, command: LoadYear) -> Action:
        session = self.session
        return Job(lambda: session.load_year(command.year), self.flow.year_loaded, self.failed)

    def _print_statement(self, command: PrintStatement) -> Action | None:
        """The statement of the records on screen, in the language on screen."""
        flow, service = self.flow, self.business_service
        records = flow.view.records
        if records is None:
            return None
        language = self._language()

        def failed(error: BaseException) -> Commands:
            # print_statement never raises; should it all the same, the citizen hears "failed".
            log.error("statement.unexpected_error kind=%s", type(error).__name__)
            return flow.statement_printed(PrintOutcome.FAILED)

        return Job(
            lambda: service.print_statement(records, command.year, language),
            flow.statement_printed,
            failed,
        )

    def _pause_printing(self, command: PausePrinting) -> Action:
        return Later(self.flow.print_pause_over)

    def _start_business(self, command: StartBusiness) -> Action:
        return self.business.start_with_card(command.purpose, self.session.identity)

    def _end_session(self, command: EndSession) -> Action:
        # On the worker, after any job still running: the service forgets the card there.
        return Job(self.session.end, lambda _: [], self.failed, new_session=True)

    # Errors, in the flow's terms --------------------------------------------------------------

    def pin_failed(self, error: BaseException) -> Commands:
        if isinstance(error, PinWrong):
            log.info("pin.wrong tries_left=%d", error.tries_left)
            return self.flow.pin_wrong(error.tries_left)
        if isinstance(error, PinBlocked):
            log.info("pin.blocked")
            return self.flow.pin_blocked()
        return self.failed(error)

    def failed(self, error: BaseException) -> Commands:
        """A card session command failed: the card session service says why in domain terms;
        anything else is unexpected, and the citizen is told the card could not be read."""
        if isinstance(error, SessionProblem):
            log.info("session.problem problem=%s", error.problem.value)
            if self.flow.view.step is Step.READING:
                return self.flow.read_failed(error.problem)
            return self.flow.failed(error.problem)
        if isinstance(error, CardPulled):
            # The removal event ends the session; a read cut short shows nothing half-read.
            log.info("session.card_removed_mid_command")
            return []
        log.error("session.unexpected_error kind=%s", type(error).__name__)
        return self.flow.failed(CardProblem.UNREADABLE)

"""Printing the citizen's records statement (个人权益记录, PRODUCT.md flow 4), audited."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.business import PrintOutcome
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.masking import mask_id_number
from kiosk.domain.session import Records
from kiosk.domain.statement_data import StatementData
from kiosk.domain.voucher_data import Language
from kiosk.reports.statement import render_statement
from kiosk.services.context import KioskContext
from kiosk.services.printing import send
from kiosk.store.seal import AuditAnchorError

log = logging.getLogger(__name__)


class Statements:
    def __init__(self, context: KioskContext) -> None:
        self.context = context

    def print_statement(
        self, records: Records, year: int | None, language: Language
    ) -> PrintOutcome:
        """Print the citizen's records statement (个人权益记录) with the contributions of `year`
        (the year the print button named; None: the newest year), name and ID number masked.
        Never raises: printer trouble is the outcome, as for print_voucher().

        The year asked for is the year printed, or nothing is: a year whose contributions are
        not loaded fails (FAILED) rather than printing another year than the button said.
        Audited as "statement.printed" (failed prints too, with their outcome). A database that
        cannot be reached does not stop the print: the records came from it moments ago.
        """
        ctx = self.context
        now = ctx.now()
        if year is not None and year in records.years and year not in records.contributions:
            log.error("statement.year_not_loaded")
            return PrintOutcome.FAILED
        try:
            data = StatementData.from_records(records, ctx.kiosk, now, language, year)
            pdf = render_statement(data, ctx.layout)
        except Exception as exc:  # nothing to print: say so, never a traceback on screen
            log.error("statement.render_failed error=%s", type(exc).__name__)
            return PrintOutcome.FAILED
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
        # The job name is seen by the print queue: kiosk and time only, nothing personal.
        job_name = f"statement-{ctx.kiosk.kiosk_id}-{stamp}"
        outcome = send(ctx.printer, pdf, job_name, "statement.print_error")
        if outcome is PrintOutcome.PRINTED:
            log.info("statement.printed")
        else:
            log.warning("statement.print_failed outcome=%s", outcome.value)
        self._audit(records, data, outcome, now)
        return outcome

    def _audit(
        self, records: Records, data: StatementData, outcome: PrintOutcome, now: dt.datetime
    ) -> None:
        year = data.contributions.year if data.contributions is not None else None
        try:
            with self.context.uow() as uow:
                uow.audit.append(
                    chain=self.context.kiosk.kiosk_id,
                    actor_kind=ActorKind.CITIZEN,
                    actor=mask_id_number(records.ssn),
                    action="statement.printed",
                    outcome=Outcome.OK if outcome is PrintOutcome.PRINTED else Outcome.FAILED,
                    at=now,
                    detail={"year": year, "language": data.language, "print": outcome.value},
                )
                uow.commit()
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("statement.audit_failed error=%s", type(exc).__name__)

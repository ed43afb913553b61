"""The citizen's business (PRODUCT.md flows 5-8) as one service the controller calls on its
worker thread: identify, check eligibility, quote a reissue, submit once per idempotency key,
print the voucher, look vouchers up. No Qt.

Every refusal is a `NotEligible` with a `Refusal`; a database that cannot be reached is
NotEligible(BACKEND_OFFLINE), for reads and submits alike (a submit keeps its key: the retry
records exactly one transaction). Printing never raises: a failed print leaves the transaction
as it is and says how it failed (R6).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from drivers.printers.base import (
    Printer,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrinterStatus,
)
from kiosk.domain import voucher_data as vd
from kiosk.domain.business import (
    BusinessReceipt,
    CancellationRequest,
    Identified,
    Material,
    PickupQuote,
    PrintOutcome,
    RecordedBusiness,
    Refusal,
    ReissueRequest,
    VoucherAccess,
    VoucherLookup,
    VoucherRecord,
    VoucherStatus,
    materials_for,
)
from kiosk.domain.calendar import add_working_days_checked, local_date
from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReportable,
    CardUnknown,
    NotUnderTemporaryLoss,
    ReissueUnderWay,
    ReprintUsed,
)
from kiosk.domain.journal import (
    ActorKind,
    Agent,
    LossReportKind,
    LossReportRequest,
    Outcome,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.proof import ProofLimits
from kiosk.domain.records import Card, Cardholder, CardStatus, Outlet
from kiosk.domain.session import Records
from kiosk.domain.statement_data import StatementData
from kiosk.domain.voucher_data import KioskInfo, Language
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.reports import wording
from kiosk.reports.statement import render_statement
from kiosk.reports.vouchers import Layout, render_voucher
from kiosk.services import voucher_codes
from kiosk.services.proof import VOUCHER_HOLDER, ProofService, load_holder
from kiosk.services.refusals import reading, refused
from kiosk.store.db import read_session
from kiosk.store.journal import (
    record_loss_cancellation,
    record_loss_report,
    record_reissue,
    record_voucher_print,
)
from kiosk.store.repositories import (
    CalendarRepository,
    JournalRepository,
    OutletRepository,
)
from kiosk.store.seal import AuditAnchorError, AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

PICKUP_WORKING_DAYS = 15


def _refusal_for_status(status: CardStatus) -> Refusal | None:
    if status is CardStatus.CANCELLED:
        return Refusal.CARD_CANCELLED
    if status in (CardStatus.LOST, CardStatus.REPLACED):
        return Refusal.CARD_LOST
    return None


@contextmanager
def _submitting(event: str) -> Iterator[None]:
    """The store's refusals in the citizen's terms; the database away is BACKEND_OFFLINE."""
    with reading(event):
        try:
            yield
        except ReissueUnderWay:
            raise refused(event, Refusal.REISSUE_UNDER_WAY) from None
        except NotUnderTemporaryLoss:
            raise refused(event, Refusal.NOT_UNDER_TEMPORARY_LOSS) from None
        except CardNotReportable as exc:
            # Cancelled, or lost / replaced / already under temporary loss: nothing to report.
            refusal = _refusal_for_status(CardStatus(exc.status)) or Refusal.CARD_LOST
            raise refused(event, refusal) from None
        except CardholderUnknown:
            raise refused(event, Refusal.NO_MATCH) from None
        except CardUnknown:
            raise refused(event, Refusal.CARD_UNKNOWN) from None


def _send(printer: Printer, pdf: bytes, job_name: str, error_event: str) -> PrintOutcome:
    """Print `pdf`; the printer's trouble is the outcome, never an exception (R6)."""
    try:
        printer.print(pdf, job_name=job_name)
    except PrinterOffline:
        return PrintOutcome.PRINTER_OFFLINE
    except PrinterOutOfPaper:
        return PrintOutcome.OUT_OF_PAPER
    except Exception as exc:  # PrintJobFailed, or any surprise of a driver
        log.warning("%s error=%s", error_event, type(exc).__name__)
        return PrintOutcome.FAILED
    return PrintOutcome.PRINTED


class BusinessService:
    def __init__(
        self,
        engine: Engine,
        kiosk: KioskInfo,
        *,
        signing_key: bytes,
        audit_seal: AuditSeal,
        printer: Printer,
        pickup_working_days: int = PICKUP_WORKING_DAYS,
        fee_fen: int = 0,
        proof_limits: ProofLimits | None = None,
        layout: Layout = "receipt80",
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.engine = engine
        self.kiosk = kiosk
        self.printer = printer
        # The paper in `printer`: an 80 mm roll or A4 sheets. Vouchers and the records statement
        # come out of the same printer, so both follow it.
        self.layout = layout
        self.pickup_working_days = pickup_working_days
        self.fee_fen = fee_fen
        self._key = signing_key
        self._seal = audit_seal
        self._clock = clock
        self.proofs = ProofService(
            engine,
            kiosk.kiosk_id,
            signing_key=signing_key,
            audit_seal=audit_seal,
            limits=proof_limits or ProofLimits(),
            clock=clock,
        )

    def _uow(self) -> UnitOfWork:
        """A unit of work that seals its audit entries with the kiosk's key."""
        return UnitOfWork(self.engine, self._seal)

    # Identification and eligibility -----------------------------------------------------------

    def identify(self, ssn: str, mobile: str) -> Identified:
        """A cardholder by ID number and registered mobile number.

        Raises NotEligible(NO_MATCH) for an unknown ID number and for a wrong mobile number
        alike, with the attempts the ID number has left; ID_LOCKED or KIOSK_PAUSED when the
        limits of S8 are reached (kiosk.services.proof counts and audits every failure);
        CARD_LOST / CARD_CANCELLED / REISSUE_UNDER_WAY when nothing can be reported;
        BACKEND_OFFLINE when the database cannot be reached.

        The card concerned is the cardholder's current one: the newest card not replaced. A
        cardholder without a mobile number on file cannot be identified this way (NO_MATCH:
        the counter can).
        """
        found = self.proofs.identify(ssn, mobile, purpose="loss_report")
        assert found.holder is not None  # a proof that holds names a cardholder
        current = next((c for c in found.cards if c.status is not CardStatus.REPLACED), None)
        if current is None:
            raise refused("identify", Refusal.CARD_LOST if found.cards else Refusal.CARD_UNKNOWN)
        identified = self._eligible(found.holder, current, found.reissue_under_way, by_card=False)
        log.info("business.identify.ok status=%s", current.status.value)
        return identified

    def identify_card(self, ssn: str, card_number: str) -> Identified:
        """The cardholder of an inserted card whose PIN was verified (flows 6 and 7).

        NotEligible(CARD_UNKNOWN) when the back end does not know this card for this ID
        number; CARD_LOST, CARD_CANCELLED as for identify(). A card under temporary loss report
        passes (cancelling it is flow 6), and so does one whose replacement is under way:
        `Identified.reissue_under_way` tells the flow that no second reissue is possible.
        """
        with reading("identify_card"), read_session(self.engine) as session:
            found = load_holder(session, ssn)
        card = next((c for c in found.cards if c.card_number == card_number), None)
        if found.holder is None or card is None:
            raise refused("identify_card", Refusal.CARD_UNKNOWN)
        identified = self._eligible(found.holder, card, found.reissue_under_way, by_card=True)
        log.info("business.identify_card.ok status=%s", card.status.value)
        return identified

    def _eligible(
        self, holder: Cardholder, card: Card, reissue_under_way: bool, *, by_card: bool
    ) -> Identified:
        event = "identify_card" if by_card else "identify"
        refusal = _refusal_for_status(card.status)
        if refusal is not None:
            raise refused(event, refusal)
        if reissue_under_way and not by_card and card.status is not CardStatus.NORMAL:
            # Already blocked and a new card on its way: nothing left to do here.
            raise refused(event, Refusal.REISSUE_UNDER_WAY)
        return Identified(
            ssn=holder.ssn,
            card_number=card.card_number,
            masked_name=mask_name(holder.name),
            masked_ssn=mask_id_number(holder.ssn),
            masked_card_number=mask_card_number(card.card_number),
            card_status=card.status,
            photo_on_file=holder.photo_on_file,
            by_card=by_card,
            reissue_under_way=reissue_under_way,
        )

    # A reissue's details ----------------------------------------------------------------------

    def outlets(self) -> list[Outlet]:
        """The service outlets that hand out cards, for the pickup choice."""
        with reading("outlets"), read_session(self.engine) as session:
            return OutletRepository(session).list(issuing_only=True)

    def pickup_quote(self) -> PickupQuote:
        """15 working days (configurable) from today on the Chinese working-day calendar,
        with the store's calendar overrides, and the fee."""
        today = local_date(self._clock())
        with reading("pickup_quote"), read_session(self.engine) as session:
            overrides = CalendarRepository(session).overrides(start=today)
        result = add_working_days_checked(today, self.pickup_working_days, overrides)
        if not result.exact:
            log.info("business.pickup_quote.approximate")
        return PickupQuote(
            expected_date=result.date,
            exact=result.exact,
            working_days=self.pickup_working_days,
            fee_fen=self.fee_fen,
        )

    # Submitting (each one database transaction, once per key: R4, R5) -------------------------

    @staticmethod
    def new_key() -> str:
        """A fresh idempotency key; the flow makes one when the confirm screen opens."""
        return uuid.uuid4().hex

    def report_loss(self, request: LossReportRequest) -> BusinessReceipt:
        """A temporary loss report (card blocked at once, reversible).

        A final loss report always comes with a reissue: submit it through apply_reissue().
        IdempotencyKeyReused (a client bug, never a retry) is not a refusal and propagates.
        """
        if request.kind is not LossReportKind.TEMPORARY:
            raise ValueError("a final loss report is submitted with its reissue")
        with _submitting("report_loss"):
            receipt = record_loss_report(self._uow(), request, now=self._clock())
        return BusinessReceipt(
            idempotency_key=receipt.idempotency_key,
            voucher_number=receipt.voucher_number,
            qr_payload=voucher_codes.sign(receipt.voucher_number, self._key),
            issued_at=receipt.reported_at,
            loss_kind=receipt.kind,
            replayed=receipt.replayed,
        )

    def apply_reissue(self, request: ReissueRequest) -> BusinessReceipt:
        """Lost or stolen: final loss report and reissue application in one transaction.
        Damaged: a replacement application for a readable card, which keeps working until the
        new card is collected (its status stays normal).

        The pickup date is quoted now; a replay returns the date recorded the first time. An
        outlet that does not hand out cards (OutletNotIssuing) and IdempotencyKeyReused are
        client bugs, not refusals, and propagate.
        """
        quote = self.pickup_quote()
        with _submitting("apply_reissue"):
            recorded = record_reissue(self._uow(), request, pickup=quote, now=self._clock())
        return self._receipt(recorded)

    def cancel_loss_report(self, request: CancellationRequest) -> BusinessReceipt:
        """Cancel a temporary loss report; the card works again at once."""
        with _submitting("cancel_loss_report"):
            recorded = record_loss_cancellation(self._uow(), request, now=self._clock())
        return self._receipt(recorded)

    def _receipt(self, recorded: RecordedBusiness) -> BusinessReceipt:
        pickup = None
        materials: tuple[Material, ...] = ()
        if recorded.pickup_date is not None:
            pickup = PickupQuote(
                expected_date=recorded.pickup_date,
                exact=recorded.pickup_date_exact,
                working_days=self.pickup_working_days,
                fee_fen=recorded.fee_fen,
            )
            materials = materials_for(agent=recorded.agent, photo_required=recorded.photo_required)
        return BusinessReceipt(
            idempotency_key=recorded.idempotency_key,
            voucher_number=recorded.voucher_number,
            qr_payload=voucher_codes.sign(recorded.voucher_number, self._key),
            issued_at=recorded.recorded_at,
            loss_kind=recorded.loss_kind,
            reason=recorded.reason,
            outlet=recorded.outlet,
            pickup=pickup,
            materials=materials,
            replayed=recorded.replayed,
        )

    # Printing (R6: a failed print never undoes the transaction) --------------------------------

    def printer_status(self) -> PrinterStatus:
        """The printer's status; never raises (a printer that cannot say is in ERROR)."""
        try:
            return self.printer.status()
        except Exception as exc:  # a driver's surprise must not stop the confirm screen
            log.warning("business.printer_status.failed error=%s", type(exc).__name__)
            return PrinterStatus(PrinterState.ERROR, "printer status unavailable")

    def print_voucher(self, code: str, language: Language) -> PrintOutcome:
        """Print the voucher a business just recorded, in `language`; records the print on
        success. `code` is the receipt's signed QR payload (BusinessReceipt.qr_payload): the
        proof of holding the voucher that every print needs (S8).

        Never raises for the printer or the database: the outcome says what happened and the
        voucher waits for a reprint (R6). The first print is the original; should the voucher
        have been printed already (a replayed submit), this is the citizen's one reprint.
        NotEligible(PROOF_REQUIRED) for a code that is not this kiosk's signature,
        REPRINT_USED when that reprint is used up, VOUCHER_NOT_FOUND for an unknown voucher.
        """
        try:
            number = voucher_codes.verify(code, self._key).number
        except voucher_codes.InvalidVoucherCode:
            raise refused("print", Refusal.PROOF_REQUIRED) from None
        try:
            record = self._voucher_record(number)
        except SQLAlchemyError as exc:
            log.warning("business.print.backend_offline error=%s", type(exc).__name__)
            return PrintOutcome.FAILED
        if record is None:
            raise refused("print", Refusal.VOUCHER_NOT_FOUND)
        reprint = record.next_print_no >= 1
        if reprint and record.citizen_reprints >= 1:
            raise refused("print", Refusal.REPRINT_USED)
        actor = _holder_actor(record)
        return self._print(record, language, actor, self_service=reprint)

    def _print(
        self,
        record: VoucherRecord,
        language: Language,
        actor: tuple[ActorKind, str],
        *,
        self_service: bool,
    ) -> PrintOutcome:
        """Render and print; record the print under `actor` (kind, masked name of who asked)."""
        now = self._clock()
        reprint = None
        if record.next_print_no >= 1:
            by = wording.reprinted_by(self.kiosk.kiosk_id, language)
            reprint = vd.Reprint(number=record.next_print_no, at=now, by=by)
        try:
            pdf = render_voucher(
                self._voucher_data(record, language, reprint),
                voucher_codes.sign(record.number, self._key),
                self.layout,
            )
        except Exception as exc:  # a surprise: the voucher waits for a reprint (R6)
            log.warning("business.print.error error=%s", type(exc).__name__)
            return self._not_printed(PrintOutcome.FAILED)
        outcome = _send(self.printer, pdf, record.number, "business.print.error")
        if outcome is not PrintOutcome.PRINTED:
            return self._not_printed(outcome)
        actor_kind, actor_name = actor
        try:
            record_voucher_print(
                self._uow(),
                record.number,
                kiosk_id=self.kiosk.kiosk_id,
                actor_kind=actor_kind,
                actor=actor_name,
                self_service=self_service,
                now=now,
            )
        except ReprintUsed:  # another kiosk printed it in the meantime: the paper is out
            log.warning("business.print.unrecorded reason=reprint_used")
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("business.print.unrecorded error=%s", type(exc).__name__)
        log.info("business.print.ok reprint=%d", record.next_print_no)
        return PrintOutcome.PRINTED

    @staticmethod
    def _not_printed(outcome: PrintOutcome) -> PrintOutcome:
        log.warning("business.print.failed outcome=%s", outcome.value)
        return outcome

    def _voucher_data(
        self, record: VoucherRecord, language: Language, reprint: vd.Reprint | None
    ) -> vd.VoucherData:
        kiosk = (
            self.kiosk
            if record.kiosk_id == self.kiosk.kiosk_id
            else KioskInfo(record.kiosk_id, "—")  # another kiosk's voucher (central database)
        )
        pickup = None
        if record.kind is VoucherKind.CARD_RECEIPT and record.outlet and record.pickup_date:
            items = materials_for(
                agent=record.agent is not None, photo_required=record.photo_required
            )
            pickup = vd.Pickup(
                outlet=wording.pickup_outlet(record.outlet, language),
                expected_date=record.pickup_date,
                date_exact=record.pickup_date_exact,
                materials=wording.materials(items, language),
                materials_note=wording.materials_note(language),
                fee=wording.fee(record.fee_fen, language),
                reimbursement=wording.reimbursement(
                    record.transaction_kind, record.loss_kind, language
                ),
            )
        agent = None
        if record.agent is not None:
            a: Agent = record.agent
            relationship = wording.relationship(a.relationship, language)
            agent = vd.Agent.from_full(a.name, a.id_number, relationship)
        return vd.VoucherData(
            kind=record.kind,
            kiosk=kiosk,
            issued_at=record.issued_at,
            business_type=wording.business_type(
                record.transaction_kind, record.loss_kind, language
            ),
            reason=wording.reason(
                record.transaction_kind, record.loss_kind, record.reason, language
            ),
            voucher_number=record.number,
            cardholder=vd.Cardholder.from_full(record.holder_name, record.ssn, record.card_number),
            language=language,
            agent=agent,
            pickup=pickup,
            reprint=reprint,
        )

    def _voucher_record(self, number: str) -> VoucherRecord | None:
        normal = normalize_voucher_number(number)
        if normal is None:
            return None
        with read_session(self.engine) as session:
            return JournalRepository(session).voucher_record(normal)

    def _known_voucher(self, number: str, event: str) -> VoucherRecord:
        """NotEligible(VOUCHER_NOT_FOUND) when unknown, BACKEND_OFFLINE when unreachable."""
        with reading(event):
            record = self._voucher_record(number)
        if record is None:
            raise refused(event, Refusal.VOUCHER_NOT_FOUND)
        return record

    # Voucher lookup (flow 8): only on proof (S8) -----------------------------------------------

    def lookup_code(self, code: str) -> VoucherLookup:
        """The voucher whose QR code was scanned: holding it is the proof.

        NotEligible: VOUCHER_CODE_INVALID (malformed, altered, another key's), KIOSK_PAUSED
        after too many of those (kiosk.services.proof), VOUCHER_NOT_FOUND for a genuine code
        this back end does not know, BACKEND_OFFLINE.
        """
        number = self.proofs.voucher_code(code)
        record = self._known_voucher(number, "lookup_code")
        return self._looked_up([record], ActorKind.ANONYMOUS, VOUCHER_HOLDER, "voucher_code")

    def lookup_person(self, ssn: str, mobile: str) -> VoucherLookup:
        """The cardholder's vouchers, newest first (none: an empty lookup), after
        identification under the limits of S8; NotEligible as for identify()."""
        found = self.proofs.identify(ssn, mobile, purpose="voucher_lookup")
        records: list[VoucherRecord] = []
        with reading("lookup_person"), read_session(self.engine) as session:
            journal = JournalRepository(session)
            for number in journal.voucher_numbers_for(found.holder_id or 0):
                record = journal.voucher_record(number)
                if record is not None:
                    records.append(record)
        return self._looked_up(records, ActorKind.CITIZEN, mask_id_number(ssn), "id_and_mobile")

    def _looked_up(
        self, records: list[VoucherRecord], actor_kind: ActorKind, actor: str, proof: str
    ) -> VoucherLookup:
        """Audit the lookup under its true actor and open the vouchers found to reprints."""
        numbers = [record.number for record in records]
        with reading("lookup"), self._uow() as uow:
            uow.audit.append(
                chain=self.kiosk.kiosk_id,
                actor_kind=actor_kind,
                actor=actor,
                action="voucher.looked_up",
                outcome=Outcome.OK,
                at=self._clock(),
                detail={"proof": proof, "vouchers": numbers},
            )
            uow.commit()
        log.info("business.lookup.ok proof=%s vouchers=%d", proof, len(records))
        return VoucherLookup(
            vouchers=tuple(_status(record) for record in records),
            access=self.proofs.grant(numbers, actor_kind, actor),
        )

    def reprint_self_service(
        self, voucher_number: str, language: Language, access: VoucherAccess
    ) -> PrintOutcome:
        """The citizen's one reprint (marked 补打 / REPRINT 1) of a voucher a lookup opened
        (`access`, which also names who asked, for the audit log). NotEligible:
        PROOF_REQUIRED without that access, REPRINT_USED after the one reprint (counter staff
        reprint further ones).

        A voucher whose first print failed prints as the original and leaves the reprint
        unused. Printer trouble is an outcome, as for print_voucher(), and uses nothing up.
        """
        self.proofs.check(access, voucher_number)
        record = self._known_voucher(voucher_number, "reprint")
        if record.citizen_reprints >= 1:
            raise refused("reprint", Refusal.REPRINT_USED)
        actor = (access.actor_kind, access.actor)
        return self._print(record, language, actor, self_service=True)

    # The records statement (flow 4) -------------------------------------------------------------

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
        now = self._clock()
        if year is not None and year in records.years and year not in records.contributions:
            log.error("statement.year_not_loaded")
            return PrintOutcome.FAILED
        try:
            data = StatementData.from_records(records, self.kiosk, now, language, year)
            pdf = render_statement(data, self.layout)
        except Exception as exc:  # nothing to print: say so, never a traceback on screen
            log.error("statement.render_failed error=%s", type(exc).__name__)
            return PrintOutcome.FAILED
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
        # The job name is seen by the print queue: kiosk and time only, nothing personal.
        job_name = f"statement-{self.kiosk.kiosk_id}-{stamp}"
        outcome = _send(self.printer, pdf, job_name, "statement.print_error")
        if outcome is PrintOutcome.PRINTED:
            log.info("statement.printed")
        else:
            log.warning("statement.print_failed outcome=%s", outcome.value)
        self._audit_statement(records, data, outcome, now)
        return outcome

    def _audit_statement(
        self, records: Records, data: StatementData, outcome: PrintOutcome, now: dt.datetime
    ) -> None:
        year = data.contributions.year if data.contributions is not None else None
        try:
            with self._uow() as uow:
                uow.audit.append(
                    chain=self.kiosk.kiosk_id,
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


def _holder_actor(record: VoucherRecord) -> tuple[ActorKind, str]:
    """Who the first print of a voucher is for: the agent if one acted, else the cardholder
    (they have just done the business at this kiosk)."""
    if record.agent is not None:
        return ActorKind.AGENT, mask_id_number(record.agent.id_number)
    return ActorKind.CITIZEN, mask_id_number(record.ssn)


def _status(record: VoucherRecord) -> VoucherStatus:
    return VoucherStatus(
        voucher_number=record.number,
        kind=record.kind.value,
        issued_at=record.issued_at,
        masked_name=mask_name(record.holder_name),
        progress=record.progress,
        outlet=record.outlet,
        expected_pickup_date=record.pickup_date,
        self_reprint_available=record.citizen_reprints == 0,
    )


__all__ = ["Agent", "BusinessService"]

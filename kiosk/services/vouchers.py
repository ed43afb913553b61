"""Vouchers (PRODUCT.md flows 5-8): printing the one a business just recorded, looking vouchers
up on proof (S8), the citizen's one reprint, and the record of every print with its audit entry.

Printing never raises for the printer or the database: a failed print leaves the transaction as
it is and says how it failed; the voucher waits for a reprint (R6).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain import voucher_data as vd
from kiosk.domain.business import (
    PrintOutcome,
    Refusal,
    VoucherAccess,
    VoucherLookup,
    VoucherRecord,
    VoucherStatus,
    materials_for,
)
from kiosk.domain.desk import PROGRESS_ORDER
from kiosk.domain.errors import ReprintUsed
from kiosk.domain.journal import (
    PRINT_ACTIONS,
    SELF_SERVICE_ACTORS,
    ActorKind,
    Agent,
    Outcome,
    ReissueProgress,
    VoucherKind,
)
from kiosk.domain.masking import mask_id_number, mask_name
from kiosk.domain.voucher_data import KioskInfo, Language
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.reports import wording
from kiosk.reports.vouchers import render_voucher
from kiosk.services import voucher_codes
from kiosk.services.centre import CentreReissue
from kiosk.services.context import KioskContext
from kiosk.services.printing import send
from kiosk.services.proof import VOUCHER_HOLDER, ProofService
from kiosk.services.refusals import reading, refused
from kiosk.services.registry import LocalRegistry, Registry
from kiosk.services.voucher_codes import signed_content
from kiosk.store.db import read_session
from kiosk.store.repositories import OutletRepository, VoucherRepository
from kiosk.store.seal import AuditAnchorError
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)


class Vouchers:
    def __init__(
        self, context: KioskContext, proofs: ProofService, registry: Registry | None = None
    ) -> None:
        self.context = context
        self.proofs = proofs
        self.registry = registry or LocalRegistry(proofs)

    # Printing (R6: a failed print never undoes the transaction) --------------------------------

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
            number = self.context.codes().verify(code).number
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
        return self._print(record, language, _holder_actor(record), self_service=reprint)

    def _print(
        self,
        record: VoucherRecord,
        language: Language,
        actor: tuple[ActorKind, str],
        *,
        self_service: bool,
        staff_account_id: int | None = None,
        reason: str | None = None,
    ) -> PrintOutcome:
        """Render and print; record the print under `actor` (kind, masked name of who asked)."""
        ctx = self.context
        now = ctx.now()
        reprint = None
        if record.next_print_no >= 1:
            by = wording.reprinted_by(ctx.kiosk.kiosk_id, language)
            reprint = vd.Reprint(number=record.next_print_no, at=now, by=by)
        try:
            pdf = render_voucher(
                self._voucher_data(record, language, reprint),
                ctx.codes().sign(signed_content(record)),
                ctx.layout,
            )
        except Exception as exc:  # a surprise: the voucher waits for a reprint (R6)
            log.warning("business.print.error error=%s", type(exc).__name__)
            return _not_printed(PrintOutcome.FAILED)
        outcome = send(ctx.printer, pdf, record.number, "business.print.error")
        if outcome is not PrintOutcome.PRINTED:
            return _not_printed(outcome)
        actor_kind, actor_name = actor
        try:
            record_voucher_print(
                ctx.uow(),
                record.number,
                kiosk_id=ctx.kiosk.kiosk_id,
                actor_kind=actor_kind,
                actor=actor_name,
                staff_account_id=staff_account_id,
                reason=reason,
                self_service=self_service,
                now=now,
            )
        except ReprintUsed:  # another kiosk printed it in the meantime: the paper is out
            log.warning("business.print.unrecorded reason=reprint_used")
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("business.print.unrecorded error=%s", type(exc).__name__)
        log.info("business.print.ok reprint=%d", record.next_print_no)
        return PrintOutcome.PRINTED

    def print_for_staff(
        self,
        record: VoucherRecord,
        language: Language,
        *,
        login: str,
        staff_account_id: int,
        reason: str,
    ) -> PrintOutcome:
        """A reprint at the voucher desk (kiosk.services.voucher_desk): numbered REPRINT n and
        recorded with the clerk and the reason. Printer trouble is an outcome, as for
        print_voucher(), and records nothing."""
        return self._print(
            record,
            language,
            (ActorKind.STAFF, login),
            self_service=False,
            staff_account_id=staff_account_id,
            reason=reason,
        )

    def _voucher_data(
        self, record: VoucherRecord, language: Language, reprint: vd.Reprint | None
    ) -> vd.VoucherData:
        kiosk = (
            self.context.kiosk
            if record.kiosk_id == self.context.kiosk.kiosk_id
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
        with read_session(self.context.engine) as session:
            return VoucherRepository(session).voucher_record(normal)

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
        return self._looked_up(
            self._with_progress([record]), ActorKind.ANONYMOUS, VOUCHER_HOLDER, "voucher_code"
        )

    def lookup_person(self, ssn: str, mobile: str) -> VoucherLookup:
        """The cardholder's vouchers, newest first (none: an empty lookup), after
        identification under the limits of S8; NotEligible as for identify()."""
        found = self.registry.identify(ssn, mobile, purpose="voucher_lookup")
        records: list[VoucherRecord] = []
        with reading("lookup_person"), read_session(self.context.engine) as session:
            vouchers = VoucherRepository(session)
            for number in vouchers.voucher_numbers_for(found.holder_id or 0):
                record = vouchers.voucher_record(number)
                if record is not None:
                    records.append(record)
        records = self._with_progress(records)
        here = {record.number for record in records}
        elsewhere = [
            reissue for reissue in self.registry.holder_reissues(ssn) if reissue.voucher not in here
        ]
        name = found.holder.name if found.holder is not None else ""
        return self._looked_up(
            records,
            ActorKind.CITIZEN,
            mask_id_number(ssn),
            "id_and_mobile",
            elsewhere=tuple(self._elsewhere(reissue, name) for reissue in elsewhere),
        )

    def _with_progress(self, records: list[VoucherRecord]) -> list[VoucherRecord]:
        """Fleet: each reissue's progress as the centre has it (set there, or by a counter
        kiosk's staff), written into the local reissue row too so the desk sees it. The
        centre away: the progress known here."""
        numbers = [r.number for r in records if r.progress is not None]
        known = self.registry.reissues(numbers) if numbers else {}
        if not known:
            return records
        moved: list[VoucherRecord] = []
        for record in records:
            reissue = known.get(record.number)
            if (
                reissue is not None
                and record.progress is not None
                and _ahead(reissue.progress, record.progress)
            ):
                self._note_progress(record.number, reissue)
                record = replace(record, progress=reissue.progress)
            moved.append(record)
        return moved

    def _note_progress(self, number: str, reissue: CentreReissue) -> None:
        at = reissue.progress_at or self.context.now()
        try:
            with self.context.uow() as uow:
                row = uow.desk.lock_reissue(number)
                if row is not None and _ahead(reissue.progress, row.progress):
                    uow.desk.set_progress(row, reissue.progress, at)
                    uow.commit()
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("business.lookup.progress_unsaved error=%s", type(exc).__name__)

    def _elsewhere(self, reissue: CentreReissue, holder_name: str) -> VoucherStatus:
        outlet = None
        if reissue.outlet:
            try:
                with read_session(self.context.engine) as session:
                    outlet = OutletRepository(session).get(reissue.outlet)
            except SQLAlchemyError:
                outlet = None
        return VoucherStatus(
            voucher_number=reissue.voucher,
            kind=VoucherKind.CARD_RECEIPT.value,
            # Its voucher was issued when its kiosk recorded it, not when it last moved on.
            issued_at=reissue.applied_at or reissue.progress_at or self.context.now(),
            masked_name=mask_name(holder_name),
            progress=reissue.progress,
            outlet=outlet,
            expected_pickup_date=reissue.expected_pickup_date,
            self_reprint_available=False,
            recorded_at_kiosk=reissue.kiosk_id or "?",
        )

    def _looked_up(
        self,
        records: list[VoucherRecord],
        actor_kind: ActorKind,
        actor: str,
        proof: str,
        elsewhere: tuple[VoucherStatus, ...] = (),
    ) -> VoucherLookup:
        """Audit the lookup under its true actor and open the vouchers found to reprints."""
        numbers = [record.number for record in records]
        with reading("lookup"), self.context.uow() as uow:
            uow.audit.append(
                chain=self.context.kiosk.kiosk_id,
                actor_kind=actor_kind,
                actor=actor,
                action="voucher.looked_up",
                outcome=Outcome.OK,
                at=self.context.now(),
                detail={"proof": proof, "vouchers": numbers},
            )
            uow.commit()
        log.info("business.lookup.ok proof=%s vouchers=%d", proof, len(records))
        return VoucherLookup(
            vouchers=tuple(_status(record) for record in records) + elsewhere,
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


def record_voucher_print(
    uow: UnitOfWork,
    voucher_number: str,
    *,
    kiosk_id: str,
    actor_kind: ActorKind,
    actor: str,
    staff_account_id: int | None = None,
    reason: str | None = None,
    self_service: bool = False,
    now: dt.datetime | None = None,
) -> int:
    """Record a print of a voucher with its audit entry; returns the reprint number (0 = the
    original). `actor` must already be masked for a citizen.

    `self_service`: the citizen's own reprint at the kiosk, allowed once per voucher (prints
    by anyone but staff numbered 1 or more); the second raises ReprintUsed and records
    nothing. A voucher whose first print failed is printed as the original (0), which does
    not use that reprint.
    """
    if self_service and actor_kind not in SELF_SERVICE_ACTORS:
        raise ValueError("a self-service reprint is made at the kiosk, not by staff")
    now = now or utcnow()
    with uow:
        voucher = uow.vouchers.voucher_by_number(voucher_number)
        if voucher is None:
            raise LookupError("no such voucher")
        if self_service and uow.vouchers.citizen_reprints(voucher.id) >= 1:
            raise ReprintUsed()
        reprint_no = uow.vouchers.add_voucher_print(
            voucher.id,
            at=now,
            actor_kind=actor_kind,
            staff_account_id=staff_account_id,
            reason=reason,
        )
        uow.audit.append(
            chain=kiosk_id,
            actor_kind=actor_kind,
            actor=actor,
            action=PRINT_ACTIONS[0] if reprint_no == 0 else PRINT_ACTIONS[1],
            outcome=Outcome.OK,
            at=now,
            transaction_key=uow.journal.transaction_key(voucher.transaction_id),
            detail={"voucher": voucher_number, "reprint": reprint_no, "reason": reason},
        )
        uow.commit()
    return reprint_no


def _ahead(progress: ReissueProgress, than: ReissueProgress) -> bool:
    """Progress only moves on (docs/fleet.md), never back."""
    return PROGRESS_ORDER.index(progress) > PROGRESS_ORDER.index(than)


def _not_printed(outcome: PrintOutcome) -> PrintOutcome:
    log.warning("business.print.failed outcome=%s", outcome.value)
    return outcome


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

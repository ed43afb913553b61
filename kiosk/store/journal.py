"""The kiosk's business transactions as single database transactions.

A loss report is: the transaction row under its idempotency key, the card's new status and its
history row, the loss report, its voucher, an audit entry and an outbox message for the central
back end, all committed together or not at all (R5). Submitting the same key again, after a double
tap, a timeout or a restart, returns what the first submit recorded and writes nothing (R4).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from sqlalchemy.exc import IntegrityError

from kiosk.domain.calendar import local_date
from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReportable,
    CardUnknown,
    IdempotencyKeyReused,
)
from kiosk.domain.journal import (
    ActorKind,
    LossReportKind,
    LossReportReceipt,
    LossReportRequest,
    Outcome,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number, mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.store.audit import canonical_json
from kiosk.store.models import Transaction
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

# Which statuses a card may be reported from, and the status it gets.
_REPORTABLE = {
    LossReportKind.TEMPORARY: ({CardStatus.NORMAL}, CardStatus.TEMPORARY_LOSS),
    LossReportKind.FINAL: ({CardStatus.NORMAL, CardStatus.TEMPORARY_LOSS}, CardStatus.LOST),
}
_REASONS = {
    LossReportKind.TEMPORARY: "temporary loss report at kiosk",
    LossReportKind.FINAL: "loss report at kiosk",
}


def request_hash(kind: TransactionKind, fields: dict[str, object]) -> str:
    return hashlib.sha256(canonical_json([kind.value, fields]).encode()).hexdigest()


def record_loss_report(
    uow: UnitOfWork, request: LossReportRequest, *, now: dt.datetime | None = None
) -> LossReportReceipt:
    """Record a loss report with its voucher, audit entry and outbox message, once per key.

    Raises CardholderUnknown, CardUnknown, CardNotReportable, or IdempotencyKeyReused when the
    key was used before for a different request.
    """
    fingerprint = request_hash(TransactionKind.LOSS_REPORT, request.fingerprint_fields())
    try:
        with uow:
            previous = _replay(uow, request.idempotency_key, fingerprint)
            if previous is not None:
                return previous
            receipt = _write_loss_report(uow, request, fingerprint, now or utcnow())
            uow.commit()
    except IntegrityError:
        # A twin submit with the same key committed between our look-up and our insert
        # (PostgreSQL; SQLite's write lock taken at BEGIN rules this out). Its result is ours.
        with uow:
            previous = _replay(uow, request.idempotency_key, fingerprint)
        if previous is None:
            raise
        log.info("journal.loss_report.replayed race=1")
        return previous
    log.info("journal.loss_report.recorded kind=%s", request.kind.value)
    return receipt


def _replay(uow: UnitOfWork, key: str, fingerprint: str) -> LossReportReceipt | None:
    try:
        found = uow.journal.loss_report_receipt(key)
    except LookupError:
        raise IdempotencyKeyReused() from None
    if found is None:
        return None
    stored_hash, receipt = found
    if stored_hash != fingerprint:
        raise IdempotencyKeyReused()
    log.info("journal.loss_report.replayed")
    return receipt


def _write_loss_report(
    uow: UnitOfWork, request: LossReportRequest, fingerprint: str, now: dt.datetime
) -> LossReportReceipt:
    holder_id = uow.cardholders.id_for_ssn(request.ssn)
    if holder_id is None:
        raise CardholderUnknown()
    # The transaction row first: a duplicate key fails here, before any other write.
    tx = uow.journal.add_transaction(
        key=request.idempotency_key,
        request_hash=fingerprint,
        kind=TransactionKind.LOSS_REPORT,
        kiosk_id=request.kiosk_id,
        at=now,
        cardholder_id=holder_id,
    )
    card = uow.cards.lock_for_change(holder_id, request.card_number)
    if card is None:
        raise CardUnknown()
    allowed, new_status = _REPORTABLE[request.kind]
    if card.status not in allowed:
        raise CardNotReportable(card.status.value)
    tx.card_id = card.id

    uow.cards.change_status(
        card, new_status, reason=_REASONS[request.kind], at=now, transaction_id=tx.id
    )
    uow.journal.add_loss_report(
        transaction_id=tx.id, card_id=card.id, kind=request.kind, at=now, agent=request.agent
    )
    voucher = uow.journal.next_voucher_number(request.kiosk_id, local_date(now))
    uow.journal.add_voucher(
        number=voucher, kind=VoucherKind.LOSS_RECEIPT, transaction_id=tx.id, at=now
    )
    if request.agent is None:
        actor_kind, actor = ActorKind.CITIZEN, mask_id_number(request.ssn)
    else:
        actor_kind, actor = ActorKind.AGENT, mask_id_number(request.agent.id_number)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=actor_kind,
        actor=actor,
        action="loss_report.recorded",
        outcome=Outcome.OK,
        at=now,
        transaction_key=request.idempotency_key,
        detail={
            "kind": request.kind.value,
            "card": mask_card_number(card.card_number),
            "voucher": voucher,
        },
    )
    # The central back end is told everything it needs to block the card there too.
    uow.outbox.add(
        "loss_report",
        {
            "idempotency_key": request.idempotency_key,
            "kiosk_id": request.kiosk_id,
            "kind": request.kind.value,
            "ssn": request.ssn,
            "card_number": card.card_number,
            "status": new_status.value,
            "voucher": voucher,
            "reported_at": now.astimezone(dt.UTC).isoformat(),
            "agent": None
            if request.agent is None
            else {
                "id_number": request.agent.id_number,
                "name": request.agent.name,
                "relationship": request.agent.relationship,
            },
        },
        at=now,
        transaction_id=tx.id,
    )
    return LossReportReceipt(
        idempotency_key=request.idempotency_key,
        kind=request.kind,
        card_number=card.card_number,
        ssn=request.ssn,
        voucher_number=voucher,
        reported_at=now,
    )


def record_voucher_print(
    uow: UnitOfWork,
    voucher_number: str,
    *,
    kiosk_id: str,
    actor_kind: ActorKind,
    actor: str,
    staff_account_id: int | None = None,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Record a print of a voucher with its audit entry; returns the reprint number (0 = the
    original). `actor` must already be masked for a citizen."""
    now = now or utcnow()
    with uow:
        voucher = uow.journal.voucher_by_number(voucher_number)
        if voucher is None:
            raise LookupError("no such voucher")
        reprint_no = uow.journal.add_voucher_print(
            voucher.id,
            at=now,
            actor_kind=actor_kind,
            staff_account_id=staff_account_id,
            reason=reason,
        )
        tx = uow.session.get_one(Transaction, voucher.transaction_id)
        uow.audit.append(
            chain=kiosk_id,
            actor_kind=actor_kind,
            actor=actor,
            action="voucher.printed" if reprint_no == 0 else "voucher.reprinted",
            outcome=Outcome.OK,
            at=now,
            transaction_key=tx.idempotency_key,
            detail={"voucher": voucher_number, "reprint": reprint_no, "reason": reason},
        )
        uow.commit()
    return reprint_no

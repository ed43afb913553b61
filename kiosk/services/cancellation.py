"""Cancelling a temporary loss report (PRODUCT.md flow 6): the card works again at once.

One database transaction, once per idempotency key: the card's status back to normal, the
cancellation, its receipt voucher (解挂回执), an audit entry and an outbox message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.domain import card_rules
from kiosk.domain.business import (
    Business,
    BusinessReceipt,
    CancellationRequest,
    RecordedBusiness,
)
from kiosk.domain.journal import BUSINESS_ACTIONS, ActorKind, Outcome, TransactionKind, VoucherKind
from kiosk.domain.masking import mask_card_number, mask_id_number
from kiosk.services.context import KioskContext
from kiosk.services.refusals import submitting
from kiosk.services.transaction import add_voucher, business_receipt, open_on_card
from kiosk.store.once import record_once, replay_recorded, request_hash
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork


class Cancellations:
    def __init__(self, context: KioskContext, *, pickup_working_days: int) -> None:
        self.context = context
        self.pickup_working_days = pickup_working_days

    def cancel_loss_report(self, request: CancellationRequest) -> BusinessReceipt:
        """Cancel a temporary loss report; the card works again at once."""
        ctx = self.context
        with submitting("cancel_loss_report", Business.CANCEL):
            recorded = record_loss_cancellation(ctx.uow(), request, now=ctx.now())
        receipt = business_receipt(recorded, ctx.codes(), self.pickup_working_days)
        return replace(receipt, centre_pending=ctx.centre_pending(receipt.idempotency_key))


def record_loss_cancellation(
    uow: UnitOfWork, request: CancellationRequest, *, now: dt.datetime | None = None
) -> RecordedBusiness:
    """Cancel a temporary loss report (the card works again at once), with its receipt
    voucher (解挂回执), audit entry and outbox message, once per key.

    The cancellation points at the card's open temporary loss report made at a kiosk, or at
    none when it was reported elsewhere (at a counter). Raises CardholderUnknown, CardUnknown,
    NotUnderTemporaryLoss, IdempotencyKeyReused.
    """
    kind = TransactionKind.LOSS_CANCELLATION
    fingerprint = request_hash(kind, request.fingerprint_fields())
    return record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        replay_recorded,
        lambda: _write_cancellation(uow, request, fingerprint, now or utcnow()),
    )


def _write_cancellation(
    uow: UnitOfWork, request: CancellationRequest, fingerprint: str, now: dt.datetime
) -> RecordedBusiness:
    _, tx, card = open_on_card(uow, request, TransactionKind.LOSS_CANCELLATION, fingerprint, now)
    card_rules.check(Business.CANCEL, card.status)
    new_status = card_rules.status_after(Business.CANCEL, card.status)
    uow.journal.attach_card(tx, card)
    report_id = uow.journal.open_temporary_report(card.id)

    uow.cards.change_status(
        card,
        new_status,
        reason="temporary loss report cancelled at kiosk",
        at=now,
        transaction_id=tx.id,
    )
    uow.journal.add_loss_cancellation(transaction_id=tx.id, loss_report_id=report_id, at=now)
    voucher = add_voucher(uow, request.kiosk_id, VoucherKind.CANCELLATION_RECEIPT, tx.id, now)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=ActorKind.CITIZEN,
        actor=mask_id_number(request.ssn),
        action=BUSINESS_ACTIONS[TransactionKind.LOSS_CANCELLATION],
        outcome=Outcome.OK,
        at=now,
        transaction_key=request.idempotency_key,
        detail={
            "card": mask_card_number(card.card_number),
            "reported_at_kiosk": report_id is not None,
            "voucher": voucher,
        },
    )
    uow.outbox.add(
        "loss_cancellation",
        {
            "idempotency_key": request.idempotency_key,
            "kiosk_id": request.kiosk_id,
            "ssn": request.ssn,
            "card_number": card.card_number,
            "status": new_status.value,
            "voucher": voucher,
            "cancelled_at": now.astimezone(dt.UTC).isoformat(),
        },
        at=now,
        transaction_id=tx.id,
    )
    return RecordedBusiness(
        idempotency_key=request.idempotency_key,
        kind=TransactionKind.LOSS_CANCELLATION,
        voucher_number=voucher,
        recorded_at=now,
    )

"""The temporary loss report (PRODUCT.md flow 5): the card blocked at once, reversible.

One database transaction, once per idempotency key: the transaction row, the card's new status
and its history row, the loss report, its voucher, an audit entry and an outbox message for the
central back end, all committed together or not at all (R4, R5).
"""

from __future__ import annotations

import datetime as dt

from kiosk.domain import card_rules
from kiosk.domain.business import Business, BusinessReceipt
from kiosk.domain.journal import (
    BUSINESS_ACTIONS,
    LossReportKind,
    LossReportReceipt,
    LossReportRequest,
    Outcome,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number
from kiosk.services import voucher_codes
from kiosk.services.context import KioskContext
from kiosk.services.refusals import submitting
from kiosk.services.transaction import actor, add_voucher, agent_payload, open_on_card
from kiosk.store.once import record_once, replay_loss_report, request_hash
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork

_BUSINESS = {
    LossReportKind.TEMPORARY: Business.TEMPORARY,
    LossReportKind.FINAL: Business.FINAL_REPORT,
}
_REASONS = {
    LossReportKind.TEMPORARY: "temporary loss report at kiosk",
    LossReportKind.FINAL: "loss report at kiosk",
}


class LossReports:
    def __init__(self, context: KioskContext) -> None:
        self.context = context

    def report_loss(self, request: LossReportRequest) -> BusinessReceipt:
        """A temporary loss report (card blocked at once, reversible).

        A final loss report always comes with a reissue: submit it through apply_reissue().
        IdempotencyKeyReused (a client bug, never a retry) is not a refusal and propagates.
        """
        if request.kind is not LossReportKind.TEMPORARY:
            raise ValueError("a final loss report is submitted with its reissue")
        ctx = self.context
        with submitting("report_loss", Business.TEMPORARY):
            receipt = record_loss_report(ctx.uow(), request, now=ctx.now())
        return BusinessReceipt(
            idempotency_key=receipt.idempotency_key,
            voucher_number=receipt.voucher_number,
            qr_payload=ctx.codes().sign(
                voucher_codes.VoucherContent(
                    receipt.voucher_number, kind=VoucherKind.LOSS_RECEIPT.value
                )
            ),
            issued_at=receipt.reported_at,
            loss_kind=receipt.kind,
            replayed=receipt.replayed,
            centre_pending=ctx.centre_pending(receipt.idempotency_key),
        )


def record_loss_report(
    uow: UnitOfWork, request: LossReportRequest, *, now: dt.datetime | None = None
) -> LossReportReceipt:
    """Record a loss report with its voucher, audit entry and outbox message, once per key.

    Raises CardholderUnknown, CardUnknown, CardNotReportable, or IdempotencyKeyReused when the
    key was used before for a different request.
    """
    kind = TransactionKind.LOSS_REPORT
    fingerprint = request_hash(kind, request.fingerprint_fields())
    return record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        replay_loss_report,
        lambda: _write_loss_report(uow, request, fingerprint, now or utcnow()),
        detail=f" kind={request.kind.value}",
    )


def _write_loss_report(
    uow: UnitOfWork, request: LossReportRequest, fingerprint: str, now: dt.datetime
) -> LossReportReceipt:
    _, tx, card = open_on_card(uow, request, TransactionKind.LOSS_REPORT, fingerprint, now)
    business = _BUSINESS[request.kind]
    card_rules.check(business, card.status)
    new_status = card_rules.status_after(business, card.status)
    uow.journal.attach_card(tx, card)

    uow.cards.change_status(
        card, new_status, reason=_REASONS[request.kind], at=now, transaction_id=tx.id
    )
    uow.journal.add_loss_report(
        transaction_id=tx.id, card_id=card.id, kind=request.kind, at=now, agent=request.agent
    )
    voucher = add_voucher(uow, request.kiosk_id, VoucherKind.LOSS_RECEIPT, tx.id, now)
    actor_kind, actor_name = actor(request.ssn, request.agent)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=actor_kind,
        actor=actor_name,
        action=BUSINESS_ACTIONS[TransactionKind.LOSS_REPORT],
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
            "agent": agent_payload(request.agent),
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

"""A new card (PRODUCT.md flow 7): the reissue of a lost or stolen card with its final loss
report, and the replacement of a damaged one; the outlets and the pickup date they offer.

One database transaction, once per idempotency key: the loss report (lost or stolen), the
reissue application, its voucher (领卡凭证), an audit entry and an outbox message.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from kiosk.domain import card_rules
from kiosk.domain.business import (
    Business,
    BusinessReceipt,
    PickupQuote,
    RecordedBusiness,
    ReissueRequest,
)
from kiosk.domain.calendar import add_working_days_checked, local_date
from kiosk.domain.errors import OutletNotIssuing
from kiosk.domain.journal import (
    BUSINESS_ACTIONS,
    LossReportKind,
    Outcome,
    ReissueReason,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number
from kiosk.domain.records import Outlet
from kiosk.services.context import KioskContext
from kiosk.services.refusals import reading, submitting
from kiosk.services.transaction import (
    actor,
    add_voucher,
    agent_payload,
    business_receipt,
    open_on_card,
)
from kiosk.store.db import read_session
from kiosk.store.once import record_once, replay_recorded, request_hash
from kiosk.store.repositories import CalendarRepository, OutletRepository
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

PICKUP_WORKING_DAYS = 15


class Reissues:
    def __init__(
        self,
        context: KioskContext,
        *,
        pickup_working_days: int = PICKUP_WORKING_DAYS,
        fee_fen: int = 0,
    ) -> None:
        self.context = context
        self.pickup_working_days = pickup_working_days
        self.fee_fen = fee_fen

    def outlets(self) -> list[Outlet]:
        """The service outlets that hand out cards, for the pickup choice."""
        with reading("outlets"), read_session(self.context.engine) as session:
            return OutletRepository(session).list(issuing_only=True)

    def pickup_quote(self) -> PickupQuote:
        """15 working days (configurable) from today on the Chinese working-day calendar,
        with the store's calendar overrides, and the fee."""
        today = local_date(self.context.now())
        with reading("pickup_quote"), read_session(self.context.engine) as session:
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

    def apply_reissue(self, request: ReissueRequest) -> BusinessReceipt:
        """Lost or stolen: final loss report and reissue application in one transaction.
        Damaged: a replacement application for a readable card, which keeps working until the
        new card is collected (its status stays normal).

        The pickup date is quoted now; a replay returns the date recorded the first time. An
        outlet that does not hand out cards (OutletNotIssuing) and IdempotencyKeyReused are
        client bugs, not refusals, and propagate.
        """
        quote = self.pickup_quote()
        ctx = self.context
        with submitting("apply_reissue", _business(request.reason)):
            recorded = record_reissue(ctx.uow(), request, pickup=quote, now=ctx.now())
        receipt = business_receipt(recorded, ctx.codes(), self.pickup_working_days)
        return replace(receipt, centre_pending=ctx.centre_pending(receipt.idempotency_key))


def _business(reason: ReissueReason) -> Business:
    return Business.DAMAGED if reason is ReissueReason.DAMAGED else Business.FINAL


def record_reissue(
    uow: UnitOfWork,
    request: ReissueRequest,
    *,
    pickup: PickupQuote,
    now: dt.datetime | None = None,
) -> RecordedBusiness:
    """A reissue application with its voucher (领卡凭证), audit entry and outbox message, once
    per key.

    Lost or stolen: the card (normal or under temporary loss report) is reported lost for good
    in the same transaction (status LOST, a final loss report row).

    Damaged: the card must be normal; expiry does not matter (the new card replaces it either
    way). The card keeps its status: a damaged card may still work at a hospital or a bank
    until the new card is collected, and the agency cancels it when it hands out the new one.

    `pickup` is what the citizen was quoted; a replay returns what was recorded, not `pickup`.
    Raises CardholderUnknown, CardUnknown, CardNotReportable (CardNotReplaceable for a damaged
    card), ReissueUnderWay, OutletNotIssuing, IdempotencyKeyReused.
    """
    kind = (
        TransactionKind.REPLACEMENT
        if request.reason is ReissueReason.DAMAGED
        else TransactionKind.REISSUE
    )
    fingerprint = request_hash(kind, request.fingerprint_fields())
    return record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        replay_recorded,
        lambda: _write_reissue(uow, request, kind, fingerprint, pickup, now or utcnow()),
    )


def _write_reissue(
    uow: UnitOfWork,
    request: ReissueRequest,
    kind: TransactionKind,
    fingerprint: str,
    pickup: PickupQuote,
    now: dt.datetime,
) -> RecordedBusiness:
    holder_id, tx, card = open_on_card(uow, request, kind, fingerprint, now)
    business = _business(request.reason)
    # After the card's lock: a twin application on this card has committed or rolled back.
    card_rules.check(
        business, card.status, reissue_under_way=uow.journal.reissue_under_way(holder_id)
    )
    outlet_id = uow.journal.issuing_outlet_id(request.outlet_code)
    if outlet_id is None:
        raise OutletNotIssuing()
    uow.journal.attach_card(tx, card)
    photo_required = not uow.cardholders.photo_on_file(holder_id)

    loss_kind = None
    if business is Business.FINAL:
        loss_kind = LossReportKind.FINAL
        uow.cards.change_status(
            card,
            card_rules.status_after(business, card.status),
            reason="loss report with reissue at kiosk",
            at=now,
            transaction_id=tx.id,
        )
        uow.journal.add_loss_report(
            transaction_id=tx.id, card_id=card.id, kind=loss_kind, at=now, agent=request.agent
        )
    uow.journal.add_reissue(
        transaction_id=tx.id,
        card_id=card.id,
        reason=request.reason,
        outlet_id=outlet_id,
        expected_pickup_date=pickup.expected_date,
        pickup_date_exact=pickup.exact,
        fee_fen=pickup.fee_fen,
        photo_required=photo_required,
        at=now,
        agent=request.agent,
    )
    voucher = add_voucher(uow, request.kiosk_id, VoucherKind.CARD_RECEIPT, tx.id, now)
    actor_kind, actor_name = actor(request.ssn, request.agent)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=actor_kind,
        actor=actor_name,
        action=BUSINESS_ACTIONS[kind],
        outcome=Outcome.OK,
        at=now,
        transaction_key=request.idempotency_key,
        detail={
            "reason": request.reason.value,
            "card": mask_card_number(card.card_number),
            "outlet": request.outlet_code,
            "pickup": pickup.expected_date.isoformat(),
            "voucher": voucher,
        },
    )
    uow.outbox.add(
        "reissue",
        {
            "idempotency_key": request.idempotency_key,
            "kiosk_id": request.kiosk_id,
            "kind": kind.value,
            "reason": request.reason.value,
            "ssn": request.ssn,
            "card_number": card.card_number,
            "status": card.status.value,
            "outlet": request.outlet_code,
            "expected_pickup_date": pickup.expected_date.isoformat(),
            "pickup_date_exact": pickup.exact,
            "fee_fen": pickup.fee_fen,
            "photo_required": photo_required,
            "voucher": voucher,
            "applied_at": now.astimezone(dt.UTC).isoformat(),
            "agent": agent_payload(request.agent),
        },
        at=now,
        transaction_id=tx.id,
    )
    outlet = uow.outlets.get(request.outlet_code)
    return RecordedBusiness(
        idempotency_key=request.idempotency_key,
        kind=kind,
        voucher_number=voucher,
        recorded_at=now,
        loss_kind=loss_kind,
        reason=request.reason,
        outlet=outlet,
        pickup_date=pickup.expected_date,
        pickup_date_exact=pickup.exact,
        fee_fen=pickup.fee_fen,
        photo_required=photo_required,
        agent=request.agent is not None,
    )

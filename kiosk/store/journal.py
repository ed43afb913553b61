"""The kiosk's business transactions as single database transactions.

A loss report is: the transaction row under its idempotency key, the card's new status and its
history row, the loss report, its voucher, an audit entry and an outbox message for the central
back end, all committed together or not at all (R5). Submitting the same key again, after a double
tap, a timeout or a restart, returns what the first submit recorded and writes nothing (R4).

The same shape holds for the other three: a cancellation of a temporary loss report
(`record_loss_cancellation`), a loss report with reissue and the replacement of a damaged card
(`record_reissue`). Their replays return a `RecordedBusiness` with the first voucher number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from sqlalchemy.exc import IntegrityError

from kiosk.domain.business import (
    CancellationRequest,
    PickupQuote,
    RecordedBusiness,
    ReissueRequest,
)
from kiosk.domain.calendar import local_date
from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReplaceable,
    CardNotReportable,
    CardUnknown,
    IdempotencyKeyReused,
    NotUnderTemporaryLoss,
    OutletNotIssuing,
    ReissueUnderWay,
    ReprintUsed,
)
from kiosk.domain.journal import (
    SELF_SERVICE_ACTORS,
    ActorKind,
    Agent,
    LossReportKind,
    LossReportReceipt,
    LossReportRequest,
    Outcome,
    ReissueReason,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number, mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.store.audit import canonical_json
from kiosk.store.models import Card, Cardholder, Transaction
from kiosk.store.types import utcnow
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

_R = TypeVar("_R", LossReportReceipt, RecordedBusiness)

# The audit entry each kind of business transaction writes (`kiosk db check` holds every
# transaction to exactly this entry, and every such entry to its transaction).
BUSINESS_ACTIONS = {
    TransactionKind.LOSS_REPORT: "loss_report.recorded",
    TransactionKind.LOSS_CANCELLATION: "loss_report.cancelled",
    TransactionKind.REISSUE: "reissue.applied",
    TransactionKind.REPLACEMENT: "replacement.applied",
}
# The audit entries of a voucher's prints: the original (reprint 0), then the reprints.
PRINT_ACTIONS = ("voucher.printed", "voucher.reprinted")

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


def _record_once(
    uow: UnitOfWork,
    kind: TransactionKind,
    key: str,
    fingerprint: str,
    replay: Callable[[UnitOfWork, str, str], _R | None],
    write: Callable[[], _R],
    *,
    detail: str = "",
) -> _R:
    """Run `write` in one unit of work unless `key` was recorded before: then return what
    `replay` gives back for it (which raises IdempotencyKeyReused for a different request)."""
    try:
        with uow:
            previous = replay(uow, key, fingerprint)
            if previous is not None:
                log.info("journal.%s.replayed", kind.value)
                return previous
            recorded = write()
            uow.commit()
    except IntegrityError:
        # A twin submit with the same key committed between our look-up and our insert
        # (PostgreSQL; SQLite's write lock taken at BEGIN rules this out). Its result is ours.
        with uow:
            previous = replay(uow, key, fingerprint)
        if previous is None:
            raise
        log.info("journal.%s.replayed race=1", kind.value)
        return previous
    log.info("journal.%s.recorded%s", kind.value, detail)
    return recorded


def _replay(uow: UnitOfWork, key: str, fingerprint: str) -> LossReportReceipt | None:
    """The receipt of the loss report recorded under `key`, if any."""
    try:
        found = uow.journal.loss_report_receipt(key)
    except LookupError:  # the key belongs to another kind of transaction
        raise IdempotencyKeyReused() from None
    return _same_request(found, fingerprint)


def _replay_recorded(uow: UnitOfWork, key: str, fingerprint: str) -> RecordedBusiness | None:
    """What a reissue, replacement or cancellation recorded under `key`, if anything."""
    return _same_request(uow.journal.recorded(key), fingerprint)


def _same_request(found: tuple[str, _R] | None, fingerprint: str) -> _R | None:
    if found is None:
        return None
    stored_hash, previous = found
    if stored_hash != fingerprint:
        raise IdempotencyKeyReused()
    return previous


class _CardRequest(Protocol):
    """What every request on a card carries."""

    @property
    def idempotency_key(self) -> str: ...
    @property
    def kiosk_id(self) -> str: ...
    @property
    def ssn(self) -> str: ...
    @property
    def card_number(self) -> str | None: ...


def _open_on_card(
    uow: UnitOfWork,
    request: _CardRequest,
    kind: TransactionKind,
    fingerprint: str,
    now: dt.datetime,
) -> tuple[int, Transaction, Card]:
    """The cardholder's id, the new transaction row and the card, locked until commit.

    Raises CardholderUnknown or CardUnknown.
    """
    holder_id = uow.cardholders.id_for_ssn(request.ssn)
    if holder_id is None:
        raise CardholderUnknown()
    # The transaction row first: a duplicate key fails here, before any other write.
    tx = uow.journal.add_transaction(
        key=request.idempotency_key,
        request_hash=fingerprint,
        kind=kind,
        kiosk_id=request.kiosk_id,
        at=now,
        cardholder_id=holder_id,
    )
    card = uow.cards.lock_for_change(holder_id, request.card_number)
    if card is None:
        raise CardUnknown()
    return holder_id, tx, card


def _add_voucher(
    uow: UnitOfWork, kiosk_id: str, kind: VoucherKind, transaction_id: int, now: dt.datetime
) -> str:
    """The transaction's voucher under the kiosk's next number of the day; returns the number."""
    number = uow.journal.next_voucher_number(kiosk_id, local_date(now))
    uow.journal.add_voucher(number=number, kind=kind, transaction_id=transaction_id, at=now)
    return number


def _actor(ssn: str, agent: Agent | None) -> tuple[ActorKind, str]:
    if agent is None:
        return ActorKind.CITIZEN, mask_id_number(ssn)
    return ActorKind.AGENT, mask_id_number(agent.id_number)


def _agent_payload(agent: Agent | None) -> dict[str, str] | None:
    if agent is None:
        return None
    return {"id_number": agent.id_number, "name": agent.name, "relationship": agent.relationship}


def record_loss_report(
    uow: UnitOfWork, request: LossReportRequest, *, now: dt.datetime | None = None
) -> LossReportReceipt:
    """Record a loss report with its voucher, audit entry and outbox message, once per key.

    Raises CardholderUnknown, CardUnknown, CardNotReportable, or IdempotencyKeyReused when the
    key was used before for a different request.
    """
    kind = TransactionKind.LOSS_REPORT
    fingerprint = request_hash(kind, request.fingerprint_fields())
    return _record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        _replay,
        lambda: _write_loss_report(uow, request, fingerprint, now or utcnow()),
        detail=f" kind={request.kind.value}",
    )


def _write_loss_report(
    uow: UnitOfWork, request: LossReportRequest, fingerprint: str, now: dt.datetime
) -> LossReportReceipt:
    _, tx, card = _open_on_card(uow, request, TransactionKind.LOSS_REPORT, fingerprint, now)
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
    voucher = _add_voucher(uow, request.kiosk_id, VoucherKind.LOSS_RECEIPT, tx.id, now)
    actor_kind, actor = _actor(request.ssn, request.agent)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=actor_kind,
        actor=actor,
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
            "agent": _agent_payload(request.agent),
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
        voucher = uow.journal.voucher_by_number(voucher_number)
        if voucher is None:
            raise LookupError("no such voucher")
        if self_service and uow.journal.citizen_reprints(voucher.id) >= 1:
            raise ReprintUsed()
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
            action=PRINT_ACTIONS[0] if reprint_no == 0 else PRINT_ACTIONS[1],
            outcome=Outcome.OK,
            at=now,
            transaction_key=tx.idempotency_key,
            detail={"voucher": voucher_number, "reprint": reprint_no, "reason": reason},
        )
        uow.commit()
    return reprint_no


# --- reissue, replacement and cancellation -------------------------------------------------------


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
    return _record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        _replay_recorded,
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
    holder_id, tx, card = _open_on_card(uow, request, kind, fingerprint, now)
    # After the card's lock: a twin application on this card has committed or rolled back.
    if uow.journal.reissue_under_way(holder_id):
        raise ReissueUnderWay()
    damaged = kind is TransactionKind.REPLACEMENT
    if damaged and card.status is not CardStatus.NORMAL:
        raise CardNotReplaceable(card.status.value)
    allowed, lost = _REPORTABLE[LossReportKind.FINAL]
    if not damaged and card.status not in allowed:
        raise CardNotReportable(card.status.value)
    outlet_id = uow.journal.issuing_outlet_id(request.outlet_code)
    if outlet_id is None:
        raise OutletNotIssuing()
    tx.card_id = card.id
    photo_required = not uow.session.get_one(Cardholder, holder_id).photo_on_file

    loss_kind = None
    if not damaged:
        loss_kind = LossReportKind.FINAL
        uow.cards.change_status(
            card, lost, reason="loss report with reissue at kiosk", at=now, transaction_id=tx.id
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
    voucher = _add_voucher(uow, request.kiosk_id, VoucherKind.CARD_RECEIPT, tx.id, now)
    actor_kind, actor = _actor(request.ssn, request.agent)
    uow.audit.append(
        chain=request.kiosk_id,
        actor_kind=actor_kind,
        actor=actor,
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
            "agent": _agent_payload(request.agent),
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
    return _record_once(
        uow,
        kind,
        request.idempotency_key,
        fingerprint,
        _replay_recorded,
        lambda: _write_cancellation(uow, request, fingerprint, now or utcnow()),
    )


def _write_cancellation(
    uow: UnitOfWork, request: CancellationRequest, fingerprint: str, now: dt.datetime
) -> RecordedBusiness:
    _, tx, card = _open_on_card(uow, request, TransactionKind.LOSS_CANCELLATION, fingerprint, now)
    if card.status is not CardStatus.TEMPORARY_LOSS:
        raise NotUnderTemporaryLoss()
    tx.card_id = card.id
    report_id = uow.journal.open_temporary_report(card.id)

    uow.cards.change_status(
        card,
        CardStatus.NORMAL,
        reason="temporary loss report cancelled at kiosk",
        at=now,
        transaction_id=tx.id,
    )
    uow.journal.add_loss_cancellation(transaction_id=tx.id, loss_report_id=report_id, at=now)
    voucher = _add_voucher(uow, request.kiosk_id, VoucherKind.CANCELLATION_RECEIPT, tx.id, now)
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
            "status": CardStatus.NORMAL.value,
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

"""What every business transaction on a card writes besides its own rows: the transaction under
its idempotency key, the card locked until commit, the voucher of the day, who acted, and the
receipt the citizen is handed."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from kiosk.domain.business import (
    BusinessReceipt,
    Material,
    PickupQuote,
    RecordedBusiness,
    materials_for,
)
from kiosk.domain.calendar import local_date
from kiosk.domain.errors import CardholderUnknown, CardUnknown
from kiosk.domain.journal import ActorKind, Agent, TransactionKind, VoucherKind
from kiosk.domain.masking import mask_id_number
from kiosk.services import voucher_codes
from kiosk.store.models import Card, Transaction
from kiosk.store.unitofwork import UnitOfWork


class CardRequest(Protocol):
    """What every request on a card carries."""

    @property
    def idempotency_key(self) -> str: ...
    @property
    def kiosk_id(self) -> str: ...
    @property
    def ssn(self) -> str: ...
    @property
    def card_number(self) -> str | None: ...


def open_on_card(
    uow: UnitOfWork,
    request: CardRequest,
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


def add_voucher(
    uow: UnitOfWork, kiosk_id: str, kind: VoucherKind, transaction_id: int, now: dt.datetime
) -> str:
    """The transaction's voucher under the kiosk's next number of the day; returns the number."""
    number = uow.vouchers.next_voucher_number(kiosk_id, local_date(now))
    uow.vouchers.add_voucher(number=number, kind=kind, transaction_id=transaction_id, at=now)
    return number


def actor(ssn: str, agent: Agent | None) -> tuple[ActorKind, str]:
    """Who acted, for the audit log: the citizen, or the agent acting for them (masked)."""
    if agent is None:
        return ActorKind.CITIZEN, mask_id_number(ssn)
    return ActorKind.AGENT, mask_id_number(agent.id_number)


def agent_payload(agent: Agent | None) -> dict[str, str] | None:
    """The agent as the central back end is told."""
    if agent is None:
        return None
    return {"id_number": agent.id_number, "name": agent.name, "relationship": agent.relationship}


_VOUCHER_KINDS = {
    TransactionKind.LOSS_REPORT: VoucherKind.LOSS_RECEIPT,
    TransactionKind.LOSS_CANCELLATION: VoucherKind.CANCELLATION_RECEIPT,
    TransactionKind.REISSUE: VoucherKind.CARD_RECEIPT,
    TransactionKind.REPLACEMENT: VoucherKind.CARD_RECEIPT,
}


def business_receipt(
    recorded: RecordedBusiness, codes: voucher_codes.VoucherCodes, working_days: int
) -> BusinessReceipt:
    """The receipt of a recorded reissue, replacement or cancellation, its voucher signed over
    what the receipt knows of it (the holder's name is signed on the printed voucher)."""
    pickup = None
    materials: tuple[Material, ...] = ()
    if recorded.pickup_date is not None:
        pickup = PickupQuote(
            expected_date=recorded.pickup_date,
            exact=recorded.pickup_date_exact,
            working_days=working_days,
            fee_fen=recorded.fee_fen,
        )
        materials = materials_for(agent=recorded.agent, photo_required=recorded.photo_required)
    return BusinessReceipt(
        idempotency_key=recorded.idempotency_key,
        voucher_number=recorded.voucher_number,
        qr_payload=codes.sign(
            voucher_codes.VoucherContent(
                recorded.voucher_number,
                kind=_VOUCHER_KINDS[recorded.kind].value,
                pickup_date=recorded.pickup_date,
                outlet=recorded.outlet.code if recorded.outlet else None,
            )
        ),
        issued_at=recorded.recorded_at,
        loss_kind=recorded.loss_kind,
        reason=recorded.reason,
        outlet=recorded.outlet,
        pickup=pickup,
        materials=materials,
        replayed=recorded.replayed,
        centre_pending=recorded.centre_pending,
    )

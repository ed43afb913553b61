"""What a printed voucher carries: frozen, already-masked data for kiosk.reports (S2).

Personal values enter only through the `from_full` constructors, which mask them with
kiosk.domain.masking; the data objects themselves never hold a full name, ID or card number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from kiosk.domain.journal import VoucherKind
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name

Language = Literal["zh_CN", "en"]
LANGUAGES: tuple[Language, ...] = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class KioskInfo:
    kiosk_id: str
    location: str


@dataclass(frozen=True, slots=True)
class MaskedPerson:
    """A cardholder or agent as paper shows them: masked strings only."""

    name: str
    id_number: str

    @classmethod
    def from_full(cls, name: str, id_number: str) -> MaskedPerson:
        return cls(name=mask_name(name), id_number=mask_id_number(id_number))


@dataclass(frozen=True, slots=True)
class Cardholder:
    name: str  # masked
    id_number: str  # masked
    card_number: str  # masked old card number

    @classmethod
    def from_full(cls, name: str, id_number: str, card_number: str) -> Cardholder:
        return cls(
            name=mask_name(name),
            id_number=mask_id_number(id_number),
            card_number=mask_card_number(card_number),
        )


@dataclass(frozen=True, slots=True)
class Agent:
    """Someone acting for the cardholder (代办人)."""

    name: str  # masked
    id_number: str  # masked
    relationship: str

    @classmethod
    def from_full(cls, name: str, id_number: str, relationship: str) -> Agent:
        return cls(
            name=mask_name(name), id_number=mask_id_number(id_number), relationship=relationship
        )


@dataclass(frozen=True, slots=True)
class PickupOutlet:
    name: str
    address: str
    hours: str
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Pickup:
    """The card receipt voucher's pickup details."""

    outlet: PickupOutlet
    expected_date: dt.date
    # False when the date was counted on weekends alone (calendar not published for that year).
    date_exact: bool = True
    materials: tuple[str, ...] = ()
    materials_note: str | None = None  # under the checklist: what may stand in for an ID card
    fee: str | None = None  # already formatted, e.g. "¥20.00" or "免费"
    reimbursement: str | None = None  # medical expenses of the loss period; None: no loss


@dataclass(frozen=True, slots=True)
class Reprint:
    number: int
    at: dt.datetime
    by: str  # a staff ID, masked or not: never a citizen's data

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("reprint number starts at 1")
        if self.at.tzinfo is None:
            raise ValueError("reprint time must be timezone-aware")


@dataclass(frozen=True, slots=True)
class VoucherData:
    kind: VoucherKind
    kiosk: KioskInfo
    issued_at: dt.datetime  # aware; printed in China time
    business_type: str
    reason: str
    voucher_number: str
    cardholder: Cardholder
    language: Language = "zh_CN"
    agent: Agent | None = None
    pickup: Pickup | None = None
    reprint: Reprint | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())  # further label/value lines

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("voucher time must be timezone-aware")
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported voucher language {self.language!r}")
        if self.kind is VoucherKind.CARD_RECEIPT and self.pickup is None:
            raise ValueError("a card receipt voucher needs pickup details")

"""What the agency knows about a cardholder and their card, as plain frozen data.

The store hands these out (never ORM objects), so screens and services hold no database state.
Money is kept in fen (1/100 yuan) as integers: exact, and the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal


class Gender(enum.Enum):
    """Gender codes as the card and the identity number carry them."""

    MALE = "1"
    FEMALE = "2"


class CardStatus(enum.Enum):
    """A card's status in the back end. Expiry is not a status: see `Card.is_expired`."""

    NORMAL = "normal"
    TEMPORARY_LOSS = "temporary_loss"  # blocked, can be unblocked with the card and its PIN
    LOST = "lost"  # final loss report: a reissue follows
    CANCELLED = "cancelled"
    REPLACED = "replaced"  # superseded by a reissued or replacement card


class InsuranceType(enum.Enum):
    PENSION = "pension"
    MEDICAL = "medical"
    UNEMPLOYMENT = "unemployment"
    WORK_INJURY = "work_injury"
    MATERNITY = "maternity"


class EnrolmentStatus(enum.Enum):
    ACTIVE = "active"  # contributions being paid
    SUSPENDED = "suspended"  # enrolled, contributions interrupted
    RECEIVING = "receiving"  # drawing benefits (a pensioner's pension insurance)
    TERMINATED = "terminated"


class AccountType(enum.Enum):
    """The two personal accounts the agency keeps for a cardholder."""

    PENSION = "pension"
    MEDICAL = "medical"


class AssessmentKind(enum.Enum):
    WORK_INJURY = "work_injury"
    OCCUPATIONAL_DISEASE = "occupational_disease"


def fen_to_yuan(fen: int) -> Decimal:
    """An amount in fen as yuan with two decimals, for display."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Cardholder:
    ssn: str  # the social security number, which is the 18-character citizen identity number
    name: str
    gender: Gender
    birth_date: dt.date
    ethnicity: str  # GB 3304 two-digit code, "01" = Han
    birthplace: str  # GB/T 2260 six-digit region code
    mobile: str | None
    photo_on_file: bool


@dataclass(frozen=True, slots=True)
class Card:
    card_number: str  # 8 characters + check character
    card_id_code: str  # 32 hex digits (16 bytes)
    ssn: str
    card_type: str
    spec_version: str
    issuer_org: str
    issue_date: dt.date
    expiry_date: dt.date
    status: CardStatus
    status_changed_at: dt.datetime | None

    def is_expired(self, today: dt.date) -> bool:
        """The expiry date is the last day the card is valid."""
        return today > self.expiry_date


@dataclass(frozen=True, slots=True)
class CardStatusChange:
    card_number: str
    from_status: CardStatus | None
    to_status: CardStatus
    changed_at: dt.datetime
    reason: str
    transaction_key: str | None  # idempotency key of the kiosk transaction, if one made it


@dataclass(frozen=True, slots=True)
class Enrolment:
    insurance_type: InsuranceType
    status: EnrolmentStatus
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Contribution:
    """One month's contribution paid (or owed) by one employer for one cardholder."""

    year: int
    month: int
    employer: str
    base_fen: int
    employer_fen: int
    personal_fen: int
    paid: bool


@dataclass(frozen=True, slots=True)
class PersonalAccount:
    account_type: AccountType
    balance_fen: int
    year: int  # the year the credits and debits below belong to
    credits_fen: int
    debits_fen: int
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Qualification:
    title: str
    level: str | None
    certificate_no: str
    issued_on: dt.date
    issuer: str


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    employer: str
    position: str | None
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True, slots=True)
class InjuryAssessment:
    kind: AssessmentKind
    assessed_on: dt.date
    disability_grade: int | None  # 1 (most severe) to 10; None: assessed, no disability grade
    description: str


@dataclass(frozen=True, slots=True)
class Outlet:
    code: str
    name: str
    name_en: str | None
    address: str
    address_en: str | None
    opening_hours: str
    phone: str | None
    issues_cards: bool
    opening_hours_en: str | None = None

    # English where the store has it, else the Chinese original: a name is better than none.
    def name_in(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def address_in(self, language: str) -> str:
        return self.address_en if language == "en" and self.address_en else self.address

    def hours_in(self, language: str) -> str:
        return (
            self.opening_hours_en
            if language == "en" and self.opening_hours_en
            else self.opening_hours
        )

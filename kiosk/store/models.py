"""The tables: the agency's records behind each card, and the kiosk's own journal.

Typed SQLAlchemy 2 models, the same on SQLite (the kiosk) and PostgreSQL (the central back end).
Only the store touches these; everything outside it gets the plain data of `kiosk.domain`.
Any change here needs a migration in `migrations/versions` (a test compares the two).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.domain.journal import (
    AccountRole,
    ActorKind,
    LossReportKind,
    Outcome,
    ReissueProgress,
    ReissueReason,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.proof import ProofMethod
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    CardStatus,
    EnrolmentStatus,
    Gender,
    InsuranceType,
)
from kiosk.store.types import UTCDateTime, enum_type

# Named constraints: the same names on both databases, and SQLite batch migrations can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SSN = sa.String(18)
CARD_NUMBER = sa.String(9)
KIOSK_ID = sa.String(12)
IDEMPOTENCY_KEY = sa.String(64)
HASH = sa.String(64)  # SHA-256, hex


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute as is
        dt.datetime: UTCDateTime(),
        int: sa.Integer(),
        str: sa.String(100),
    }


# --- the agency's records ------------------------------------------------------------------------


class Employer(Base):
    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    credit_code: Mapped[str | None] = mapped_column(sa.String(18), unique=True)  # 统一社会信用代码
    region: Mapped[str | None] = mapped_column(sa.String(6))


class Cardholder(Base):
    __tablename__ = "cardholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    ssn: Mapped[str] = mapped_column(SSN, unique=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    gender: Mapped[Gender] = mapped_column(enum_type(Gender))
    birth_date: Mapped[dt.date]
    ethnicity: Mapped[str] = mapped_column(sa.String(2))
    birthplace: Mapped[str] = mapped_column(sa.String(6))
    mobile: Mapped[str | None] = mapped_column(sa.String(11))
    photo_on_file: Mapped[bool] = mapped_column(default=False)

    cards: Mapped[list[Card]] = relationship(back_populates="cardholder")


class Card(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_number: Mapped[str] = mapped_column(CARD_NUMBER, unique=True)
    card_id_code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), index=True)
    card_type: Mapped[str] = mapped_column(sa.String(1))
    spec_version: Mapped[str] = mapped_column(sa.String(8))
    issuer_org: Mapped[str] = mapped_column(sa.String(12))
    issue_date: Mapped[dt.date]
    expiry_date: Mapped[dt.date]
    status: Mapped[CardStatus] = mapped_column(enum_type(CardStatus))
    status_changed_at: Mapped[dt.datetime | None]
    # The card this one was issued to replace (reissue after a loss, or a damaged card).
    replaces_card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cards.id"))

    cardholder: Mapped[Cardholder] = relationship(back_populates="cards")


class CardStatusChange(Base):
    __tablename__ = "card_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(sa.ForeignKey("cards.id"), index=True)
    from_status: Mapped[CardStatus | None] = mapped_column(enum_type(CardStatus))
    to_status: Mapped[CardStatus] = mapped_column(enum_type(CardStatus))
    changed_at: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(sa.String(200))
    # None for changes made elsewhere (at a counter, before the kiosk).
    transaction_id: Mapped[int | None] = mapped_column(sa.ForeignKey("transactions.id"))


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (sa.UniqueConstraint("cardholder_id", "insurance_type", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"))
    insurance_type: Mapped[InsuranceType] = mapped_column(enum_type(InsuranceType))
    status: Mapped[EnrolmentStatus] = mapped_column(enum_type(EnrolmentStatus))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]


class Contribution(Base):
    """One month, one employer. The largest table by far (10 years x every cardholder).

    The primary key is the lookup path, and on SQLite the table is WITHOUT ROWID: rows are stored
    in key order, so a cardholder's year is one short range read and there is no second B-tree.
    `month` is YYYYMM as an integer: compact, and a year is a plain range on both databases.
    """

    __tablename__ = "contributions"
    __table_args__ = ({"sqlite_with_rowid": False},)

    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), primary_key=True)
    month: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id"), primary_key=True)
    base_fen: Mapped[int]
    employer_fen: Mapped[int]
    personal_fen: Mapped[int]
    paid: Mapped[bool]


class PersonalAccount(Base):
    __tablename__ = "personal_accounts"

    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), primary_key=True)
    account_type: Mapped[AccountType] = mapped_column(enum_type(AccountType), primary_key=True)
    balance_fen: Mapped[int] = mapped_column(sa.BigInteger)
    year: Mapped[int]
    credits_fen: Mapped[int] = mapped_column(sa.BigInteger)
    debits_fen: Mapped[int] = mapped_column(sa.BigInteger)
    updated_at: Mapped[dt.datetime]


class Qualification(Base):
    __tablename__ = "qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), index=True)
    title: Mapped[str]
    level: Mapped[str | None] = mapped_column(sa.String(20))
    certificate_no: Mapped[str] = mapped_column(sa.String(40))
    issued_on: Mapped[dt.date]
    issuer: Mapped[str]


class WorkPeriod(Base):
    __tablename__ = "work_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id"))
    position: Mapped[str | None] = mapped_column(sa.String(60))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]


class InjuryAssessment(Base):
    __tablename__ = "injury_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cardholder_id: Mapped[int] = mapped_column(sa.ForeignKey("cardholders.id"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(enum_type(AssessmentKind))
    assessed_on: Mapped[dt.date]
    disability_grade: Mapped[int | None]
    description: Mapped[str] = mapped_column(sa.String(200))


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    name: Mapped[str]
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str] = mapped_column(sa.String(200))
    address_en: Mapped[str | None] = mapped_column(sa.String(300))
    opening_hours: Mapped[str] = mapped_column(sa.String(200))
    opening_hours_en: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(20))
    issues_cards: Mapped[bool]


class CalendarOverride(Base):
    """A local correction to the published working-day calendar (see kiosk.domain.calendar)."""

    __tablename__ = "calendar_overrides"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str]


# --- the kiosk's journal -------------------------------------------------------------------------


class Transaction(Base):
    """One business transaction, made once per client idempotency key (R4)."""

    __tablename__ = "transactions"
    __table_args__ = (sa.Index("ix_transactions_kiosk_created", "kiosk_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(IDEMPOTENCY_KEY, unique=True)
    # SHA-256 over what the request asked for: a reused key with another request is refused.
    request_hash: Mapped[str] = mapped_column(HASH)
    kind: Mapped[TransactionKind] = mapped_column(enum_type(TransactionKind))
    kiosk_id: Mapped[str] = mapped_column(KIOSK_ID)
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    cardholder_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cardholders.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cards.id"))


class LossReport(Base):
    __tablename__ = "loss_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(sa.ForeignKey("transactions.id"), unique=True)
    card_id: Mapped[int] = mapped_column(sa.ForeignKey("cards.id"), index=True)
    kind: Mapped[LossReportKind] = mapped_column(enum_type(LossReportKind))
    reported_at: Mapped[dt.datetime]
    agent_id_number: Mapped[str | None] = mapped_column(SSN)
    agent_name: Mapped[str | None] = mapped_column(sa.String(60))
    agent_relationship: Mapped[str | None] = mapped_column(sa.String(20))


class LossCancellation(Base):
    __tablename__ = "loss_cancellations"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(sa.ForeignKey("transactions.id"), unique=True)
    # None when the temporary loss was reported elsewhere (at a counter, before the kiosk): the
    # transaction's card_id still says which card was unblocked.
    loss_report_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("loss_reports.id"), unique=True
    )
    cancelled_at: Mapped[dt.datetime]


class ReissueApplication(Base):
    __tablename__ = "reissue_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(sa.ForeignKey("transactions.id"), unique=True)
    card_id: Mapped[int] = mapped_column(sa.ForeignKey("cards.id"), index=True)  # the old card
    new_card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cards.id"))
    reason: Mapped[ReissueReason] = mapped_column(enum_type(ReissueReason))
    outlet_id: Mapped[int] = mapped_column(sa.ForeignKey("outlets.id"))
    expected_pickup_date: Mapped[dt.date]
    # False when the date was counted past the published holiday calendar (weekends only).
    pickup_date_exact: Mapped[bool]
    progress: Mapped[ReissueProgress] = mapped_column(enum_type(ReissueProgress))
    progress_changed_at: Mapped[dt.datetime]
    fee_fen: Mapped[int] = mapped_column(default=0)
    photo_required: Mapped[bool]
    agent_id_number: Mapped[str | None] = mapped_column(SSN)
    agent_name: Mapped[str | None] = mapped_column(sa.String(60))
    agent_relationship: Mapped[str | None] = mapped_column(sa.String(20))


class Voucher(Base):
    __tablename__ = "vouchers"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[VoucherKind] = mapped_column(enum_type(VoucherKind))
    transaction_id: Mapped[int] = mapped_column(sa.ForeignKey("transactions.id"), index=True)
    issued_at: Mapped[dt.datetime]


class VoucherPrint(Base):
    """Every print of a voucher: the original is reprint 0, then 1, 2... (补打 / REPRINT n)."""

    __tablename__ = "voucher_prints"
    __table_args__ = (sa.UniqueConstraint("voucher_id", "reprint_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    voucher_id: Mapped[int] = mapped_column(sa.ForeignKey("vouchers.id"))
    reprint_no: Mapped[int]
    printed_at: Mapped[dt.datetime]
    actor_kind: Mapped[ActorKind] = mapped_column(enum_type(ActorKind))
    staff_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_accounts.id"))
    reason: Mapped[str | None] = mapped_column(sa.String(200))


class MedicalReimbursement(Base):
    """Medical expenses of a loss period, reimbursed once per voucher after review; the unique
    voucher_id is what refuses a second one, even from two desks at the same moment."""

    __tablename__ = "medical_reimbursements"
    __table_args__ = (sa.CheckConstraint("amount_fen > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    voucher_id: Mapped[int] = mapped_column(sa.ForeignKey("vouchers.id"), unique=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    reviewer: Mapped[str] = mapped_column(sa.String(60))
    reviewed_on: Mapped[dt.date]
    recorded_at: Mapped[dt.datetime]
    staff_account_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_accounts.id"))


class VoucherCounter(Base):
    """Each kiosk's voucher sequence for each day, bumped in the voucher's own transaction."""

    __tablename__ = "voucher_counters"

    kiosk_id: Mapped[str] = mapped_column(KIOSK_ID, primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    last_seq: Mapped[int]


class StaffAccount(Base):
    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(sa.String(32), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(60))
    role: Mapped[AccountRole] = mapped_column(enum_type(AccountRole))
    password_hash: Mapped[str] = mapped_column(sa.String(200))  # Argon2id encoded hash
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime]


class AuditLogEntry(Base):
    """The audit log (S5): one chain per kiosk (`chain`), so kiosks sharing the central
    database never wait on each other's chain head. `hash` is the entry's seal: HMAC-SHA256
    under the key `key_id` names (kiosk.store.seal), or plain SHA-256 for a legacy entry written
    before the chain was keyed (`key_id` None, seq up to the head's `legacy_seq`)."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.UniqueConstraint("chain", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(sa.String(32))
    seq: Mapped[int]
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(enum_type(ActorKind))
    actor: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(64))
    outcome: Mapped[Outcome] = mapped_column(enum_type(Outcome))
    # The key, not a foreign key: an entry stands on its own and is hashed as written.
    transaction_key: Mapped[str | None] = mapped_column(IDEMPOTENCY_KEY, index=True)
    detail: Mapped[str] = mapped_column(sa.Text)  # canonical JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(HASH)
    hash: Mapped[str] = mapped_column(HASH)
    key_id: Mapped[str | None] = mapped_column(sa.String(16))


class AuditHead(Base):
    """The last sequence number and seal of each chain, written with every entry: a deleted
    last entry leaves the head pointing past the end, which the check reports. (Deleting the
    entry and the head's move together is found by the anchor file outside the database.)"""

    __tablename__ = "audit_heads"

    chain: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(HASH)
    # Entries 1..legacy_seq were written before the chain was keyed (migration 0005).
    legacy_seq: Mapped[int] = mapped_column(default=0, server_default="0")


class KioskServiceState(Base):
    """Whether a kiosk serves citizens, as a technician or administrator last set it (on the
    service screens or `kiosk diag service`): out of service for maintenance survives a
    restart. One row per kiosk, none until it is first set (in service); every change is in
    the audit log too, written in the same transaction."""

    __tablename__ = "kiosk_service"

    kiosk_id: Mapped[str] = mapped_column(KIOSK_ID, primary_key=True)
    in_service: Mapped[bool]
    changed_at: Mapped[dt.datetime]
    changed_by: Mapped[str] = mapped_column(sa.String(64))  # the audit entry's actor


class IdentificationGuard(Base):
    """One row per ID number tried for identification (by kiosk.domain.proof.person_subject):
    locked while an attempt on that number is decided, so kiosks sharing the back end count
    its failures one after the other; `cleared_at` is its last success, which ends the count."""

    __tablename__ = "identification_guards"

    subject: Mapped[str] = mapped_column(HASH, primary_key=True)
    cleared_at: Mapped[dt.datetime | None]


class ProofFailure(Base):
    """A failed proof of identity or of holding a voucher (S8), counted per ID number
    (`subject`, None where there is none) and per kiosk. The audit log says the rest."""

    __tablename__ = "proof_failures"
    __table_args__ = (
        sa.Index("ix_proof_failures_subject_at", "subject", "at"),
        sa.Index("ix_proof_failures_kiosk_at", "kiosk_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(KIOSK_ID)
    at: Mapped[dt.datetime]
    method: Mapped[ProofMethod] = mapped_column(enum_type(ProofMethod))
    subject: Mapped[str | None] = mapped_column(HASH)


class OutboxMessage(Base):
    """What the central back end still has to be told, written in the same transaction (R7)."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index("ix_outbox_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int | None] = mapped_column(sa.ForeignKey("transactions.id"), index=True)
    topic: Mapped[str] = mapped_column(sa.String(40))
    payload: Mapped[str] = mapped_column(sa.Text)  # JSON
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(200))

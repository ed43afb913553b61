"""What the kiosk itself records: business transactions, vouchers, the audit log, as plain data."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class TransactionKind(enum.Enum):
    LOSS_REPORT = "loss_report"
    LOSS_CANCELLATION = "loss_cancellation"
    REISSUE = "reissue"
    REPLACEMENT = "replacement"  # a damaged but readable card replaced from the card summary


class LossReportKind(enum.Enum):
    TEMPORARY = "temporary"  # 临时挂失: blocked, can be undone at the kiosk with the card and PIN
    FINAL = "final"  # 挂失补卡: final, a reissue follows


class ReissueReason(enum.Enum):
    LOST = "lost"
    STOLEN = "stolen"
    DAMAGED = "damaged"


class ReissueProgress(enum.Enum):
    APPLIED = "applied"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    COLLECTED = "collected"


class VoucherKind(enum.Enum):
    LOSS_RECEIPT = "loss_receipt"  # 挂失回执
    CANCELLATION_RECEIPT = "cancellation_receipt"  # 解挂回执
    CARD_RECEIPT = "card_receipt"  # 领卡凭证


class ActorKind(enum.Enum):
    CITIZEN = "citizen"
    AGENT = "agent"  # 代办: someone acting for the citizen
    STAFF = "staff"
    TECHNICIAN = "technician"
    SYSTEM = "system"
    # Someone at the kiosk who has not proven who they are: a failed identification (the
    # actor is the masked ID number typed), or whoever holds a scanned voucher.
    ANONYMOUS = "anonymous"


# Who prints at the kiosk without staff: their reprints are the one self-service reprint.
SELF_SERVICE_ACTORS = frozenset({ActorKind.CITIZEN, ActorKind.AGENT, ActorKind.ANONYMOUS})


class AccountRole(enum.Enum):
    """A staff account's role; what each may do is kiosk.domain.staff's `may`."""

    CLERK = "clerk"  # the counter clerk: the voucher desk
    TECHNICIAN = "technician"  # diagnostics, leaving kiosk mode
    ADMINISTRATOR = "administrator"  # everything, accounts and the calendar too


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
# The audit entries of what the voucher desk does with a reissue's voucher: the new card handed
# over, the loss period's medical expenses reimbursed (the day report lists both; `kiosk db
# check` holds each reimbursement to its entry).
HAND_OVER_ACTION = "reissue.collected"
REIMBURSEMENT_ACTION = "reimbursement.recorded"


class Outcome(enum.Enum):
    OK = "ok"
    REFUSED = "refused"  # a rule said no (wrong state, wrong password...)
    FAILED = "failed"  # something broke


class Relationship(enum.Enum):
    """How an agent is related to the cardholder, as the agent screen offers it."""

    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    RELATIVE = "relative"  # another relative
    OTHER = "other"

    @classmethod
    def of(cls, code: str) -> Relationship:
        """The relationship a stored code names; anything the kiosk does not offer is OTHER."""
        try:
            return cls(code)
        except ValueError:
            return cls.OTHER


@dataclass(frozen=True, slots=True)
class Agent:
    """Someone reporting for the cardholder (代办); they give their own ID number and name."""

    id_number: str
    name: str
    relationship: str  # a Relationship value, as stored


@dataclass(frozen=True, slots=True)
class LossReportRequest:
    """A loss report as the kiosk submits it.

    `idempotency_key` is made by the kiosk before the first attempt and reused on every retry, so
    a double tap, a retry after a timeout or a restart mid-submit records one report (R4).
    """

    idempotency_key: str
    kiosk_id: str
    ssn: str
    kind: LossReportKind
    card_number: str | None = None  # None: the cardholder's current card
    agent: Agent | None = None

    def fingerprint_fields(self) -> dict[str, object]:
        """What must be equal for a retry to count as the same request."""
        return {
            "kiosk_id": self.kiosk_id,
            "ssn": self.ssn,
            "kind": self.kind.value,
            "card_number": self.card_number,
            "agent": None
            if self.agent is None
            else [self.agent.id_number, self.agent.name, self.agent.relationship],
        }


@dataclass(frozen=True, slots=True)
class LossReportReceipt:
    """What the kiosk needs after a loss report: enough to print and show the receipt."""

    idempotency_key: str
    kind: LossReportKind
    card_number: str
    ssn: str
    voucher_number: str
    reported_at: dt.datetime
    replayed: bool = False  # True: this key had been recorded before; nothing new was written
    # Fleet deployment (docs/fleet.md): the centre had not confirmed the report yet (R7): the
    # card is blocked there when the kiosk's outbox gets through.
    centre_pending: bool = False


@dataclass(frozen=True, slots=True)
class StaffAccount:
    login: str
    display_name: str
    role: AccountRole
    password_hash: str  # Argon2id encoded hash (S4); never shown or logged
    failed_attempts: int
    locked_until: dt.datetime | None
    active: bool
    id: int | None = None  # the row's id (voucher_prints.staff_account_id); None: not stored


@dataclass(frozen=True, slots=True)
class AuditEntry:
    chain: str
    seq: int
    at: dt.datetime
    actor_kind: ActorKind
    actor: str  # masked for citizens
    action: str  # short event name, e.g. "loss_report.recorded"
    outcome: Outcome
    transaction_key: str | None
    detail: dict[str, object] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""

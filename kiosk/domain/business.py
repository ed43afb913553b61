"""The citizen's business at the kiosk (PRODUCT.md flows 5-8) as plain data.

What the business service hands the flows and takes back from them: who was identified, what
they may do, what a reissue will look like, what a submit recorded, and why something was
refused. No Qt and no database here; the flows hold these for the length of one session and
forget them at its end (S3).

Full ID and card numbers appear only in `Identified` (needed to submit) and in the requests;
anything meant for a screen has a `masked_` twin.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kiosk.domain.journal import (
    ActorKind,
    Agent,
    LossReportKind,
    ReissueProgress,
    ReissueReason,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.records import CardStatus, Outlet


class Business(enum.Enum):
    """What a citizen does at the kiosk, as screens and vouchers name it."""

    TEMPORARY = "temporary"  # temporary loss report
    FINAL = "final"  # loss report (lost or stolen) and a new card
    FINAL_REPORT = "final_report"  # a final loss report alone: recorded elsewhere, reprinted here
    CANCEL = "cancel"  # cancel a temporary loss report
    DAMAGED = "damaged"  # replace a damaged card


def business_for(kind: TransactionKind, loss_kind: LossReportKind | None) -> Business:
    """The business a recorded transaction was."""
    if kind is TransactionKind.LOSS_CANCELLATION:
        return Business.CANCEL
    if kind is TransactionKind.REPLACEMENT:
        return Business.DAMAGED
    if kind is TransactionKind.REISSUE:
        return Business.FINAL
    return Business.TEMPORARY if loss_kind is LossReportKind.TEMPORARY else Business.FINAL_REPORT


class Refusal(enum.Enum):
    """Why the kiosk cannot do what was asked; each has a plain sentence on screen."""

    # ID number and mobile number do not match a cardholder. Deliberately one reason for
    # "unknown ID number" and "wrong mobile": the kiosk never hints which ID numbers exist.
    NO_MATCH = "no_match"
    # Too many wrong mobile numbers for this ID number (on any kiosk sharing the back end):
    # identification with it is locked until NotEligible.until (S8). Said for any ID number,
    # known or not, so it reveals nothing either.
    ID_LOCKED = "id_locked"
    # Too many failed proofs (identification, voucher codes) at this kiosk lately: it takes
    # none until NotEligible.until, which stops a sweep over many ID numbers (S8).
    KIOSK_PAUSED = "kiosk_paused"
    VOUCHER_CODE_INVALID = "voucher_code_invalid"  # scanned, but not a genuine voucher code
    # Looking a voucher up or reprinting it needs proof: its scanned code or identification.
    PROOF_REQUIRED = "proof_required"
    CARD_LOST = "card_lost"  # already reported lost for good, or already replaced
    CARD_CANCELLED = "card_cancelled"
    REISSUE_UNDER_WAY = "reissue_under_way"  # an application is open: see voucher lookup
    CARD_UNKNOWN = "card_unknown"  # an inserted card the back end does not know
    NOT_UNDER_TEMPORARY_LOSS = "not_under_temporary_loss"  # nothing to cancel
    BACKEND_OFFLINE = "backend_offline"  # the records cannot be reached now: try later
    REPRINT_USED = "reprint_used"  # the one self-service reprint was already printed
    VOUCHER_NOT_FOUND = "voucher_not_found"


class NotEligible(Exception):
    """A refusal the citizen is told about in plain words. Carries no personal data (S1).

    `attempts_left`: with NO_MATCH, the wrong attempts this ID number has left before it is
    locked. `until`: with ID_LOCKED and KIOSK_PAUSED, when the lock lifts.
    """

    def __init__(
        self,
        refusal: Refusal,
        *,
        attempts_left: int | None = None,
        until: dt.datetime | None = None,
    ) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.attempts_left = attempts_left
        self.until = until


class Material(enum.Enum):
    """What to bring to collect a new card (PRODUCT.md flow 7)."""

    ORIGINAL_ID_CARD = "original_id_card"
    THIS_VOUCHER = "this_voucher"
    AGENT_ID_CARD = "agent_id_card"  # only when an agent acted
    PHOTO = "photo"  # one-inch colour photo, only when no ID photo is on file


def materials_for(*, agent: bool, photo_required: bool) -> tuple[Material, ...]:
    """The checklist for collecting a new card, in the order it is printed."""
    items = [Material.ORIGINAL_ID_CARD, Material.THIS_VOUCHER]
    if agent:
        items.append(Material.AGENT_ID_CARD)
    if photo_required:
        items.append(Material.PHOTO)
    return tuple(items)


@dataclass(frozen=True)
class Identified:
    """A cardholder identified at the kiosk, by ID + mobile or by their card and PIN."""

    ssn: str = field(repr=False)  # full: needed to submit; never shown, never logged
    card_number: str = field(repr=False)  # full number of the current card; never shown
    masked_name: str
    masked_ssn: str
    masked_card_number: str
    card_status: CardStatus
    photo_on_file: bool
    by_card: bool = False  # identified by the inserted card and its PIN
    # A new card is already being made (a damaged card being replaced): the card in use can
    # still be blocked, but no second reissue can be applied for.
    reissue_under_way: bool = False

    # Both ask kiosk.domain.card_rules, the one place that says which status allows what (it
    # imports this module, hence the import at call time).

    @property
    def temporary_report_allowed(self) -> bool:
        from kiosk.domain import card_rules

        return card_rules.refusal_for(Business.TEMPORARY, self.card_status) is None

    @property
    def final_report_allowed(self) -> bool:
        from kiosk.domain import card_rules

        refusal = card_rules.refusal_for(
            Business.FINAL, self.card_status, reissue_under_way=self.reissue_under_way
        )
        return refusal is None


@dataclass(frozen=True)
class PickupQuote:
    """When and for how much a reissued card can be collected."""

    expected_date: dt.date
    exact: bool  # False: counted past the published holiday calendar (weekends only)
    working_days: int
    fee_fen: int  # 0 = free


@dataclass(frozen=True)
class ReissueRequest:
    """A reissue as the kiosk submits it: lost or stolen (with a final loss report in the same
    transaction), or damaged (a readable card replaced from the card summary, PIN verified)."""

    idempotency_key: str
    kiosk_id: str
    ssn: str = field(repr=False)
    card_number: str = field(repr=False)
    reason: ReissueReason
    outlet_code: str
    agent: Agent | None = field(default=None, repr=False)

    def fingerprint_fields(self) -> dict[str, object]:
        """What must be equal for a retry to count as the same request."""
        return {
            "kiosk_id": self.kiosk_id,
            "ssn": self.ssn,
            "card_number": self.card_number,
            "reason": self.reason.value,
            "outlet": self.outlet_code,
            "agent": None
            if self.agent is None
            else [self.agent.id_number, self.agent.name, self.agent.relationship],
        }


@dataclass(frozen=True)
class CancellationRequest:
    """Cancelling a temporary loss report with the card in the reader and its PIN verified."""

    idempotency_key: str
    kiosk_id: str
    ssn: str = field(repr=False)
    card_number: str = field(repr=False)

    def fingerprint_fields(self) -> dict[str, object]:
        return {"kiosk_id": self.kiosk_id, "ssn": self.ssn, "card_number": self.card_number}


@dataclass(frozen=True)
class BusinessReceipt:
    """What a submit recorded: enough to show the receipt screen and print the voucher."""

    idempotency_key: str
    voucher_number: str
    qr_payload: str  # the signed code (services.voucher_codes), shown when printing fails (R6)
    issued_at: dt.datetime
    loss_kind: LossReportKind | None = None  # None for a cancellation or a damaged card
    reason: ReissueReason | None = None  # set for a reissue
    outlet: Outlet | None = None  # set for a reissue
    pickup: PickupQuote | None = None  # set for a reissue
    materials: tuple[Material, ...] = ()
    replayed: bool = False  # the key had been recorded before; nothing new was written
    # Fleet deployment (docs/fleet.md): recorded at this kiosk, the centre had not confirmed it
    # yet (R7): the card is blocked there when the kiosk's outbox gets through.
    centre_pending: bool = False


class PrintOutcome(enum.Enum):
    PRINTED = "printed"
    PRINTER_OFFLINE = "printer_offline"
    OUT_OF_PAPER = "out_of_paper"
    FAILED = "failed"  # the job failed part way: the voucher waits for a reprint


@dataclass(frozen=True)
class VoucherStatus:
    """One voucher as voucher lookup shows it: masked, safe for the screen."""

    voucher_number: str
    kind: str  # kiosk.domain.journal.VoucherKind value
    issued_at: dt.datetime
    masked_name: str
    progress: ReissueProgress | None  # None: not a card receipt voucher
    outlet: Outlet | None
    expected_pickup_date: dt.date | None
    self_reprint_available: bool
    # Fleet (docs/fleet.md): a reissue recorded at another kiosk, as the centre knows it: the
    # kiosk's id. It can be shown here, not reprinted (its voucher is that kiosk's).
    recorded_at_kiosk: str | None = None


@dataclass(frozen=True)
class RecordedBusiness:
    """What a use case recorded under one idempotency key (kiosk.store.once), before the
    service signs the voucher number and looks the pickup up in its own words."""

    idempotency_key: str
    kind: TransactionKind
    voucher_number: str
    recorded_at: dt.datetime
    loss_kind: LossReportKind | None = None  # the loss report written with it, if any
    reason: ReissueReason | None = None
    outlet: Outlet | None = None
    pickup_date: dt.date | None = None
    pickup_date_exact: bool = True
    fee_fen: int = 0
    photo_required: bool = False
    agent: bool = False  # an agent acted
    replayed: bool = False
    # Fleet deployment (docs/fleet.md): the centre had not confirmed this business's message when
    # the receipt was made: it is recorded at this kiosk and reaches the centre when it can.
    centre_pending: bool = False


@dataclass(frozen=True)
class VoucherRecord:
    """One voucher with everything needed to print it or show its status.

    Holds full personal values: it lives inside BusinessService only, which masks them (through
    kiosk.domain.voucher_data's `from_full` constructors) before anything leaves it.
    """

    number: str
    kind: VoucherKind
    issued_at: dt.datetime
    transaction_kind: TransactionKind
    transaction_key: str
    kiosk_id: str
    holder_name: str
    ssn: str
    card_number: str
    loss_kind: LossReportKind | None
    reason: ReissueReason | None
    agent: Agent | None
    outlet: Outlet | None
    pickup_date: dt.date | None
    pickup_date_exact: bool
    fee_fen: int
    photo_required: bool
    progress: ReissueProgress | None
    next_print_no: int  # 0: never printed; n: the next print is REPRINT n
    citizen_reprints: int  # self-service reprints printed so far (reprint number >= 1)

    def __repr__(self) -> str:  # never personal data in a log or a traceback (S1)
        return f"VoucherRecord(number={self.number!r}, kind={self.kind.value})"


@dataclass(frozen=True)
class VoucherAccess:
    """What one proof opened: the vouchers a lookup found, which the same session may then
    reprint, and who proved it (for the audit log). Made and checked by the business service
    alone: `token` is its signature over the rest, so nothing else can widen it."""

    numbers: tuple[str, ...]
    actor_kind: ActorKind  # CITIZEN (identified) or ANONYMOUS (holds the voucher)
    actor: str  # the masked ID number, or the voucher holder's words
    expires_at: dt.datetime
    token: str = field(repr=False)


@dataclass(frozen=True)
class VoucherLookup:
    """A voucher lookup's answer: the vouchers found (newest first) and the access to them."""

    vouchers: tuple[VoucherStatus, ...]
    access: VoucherAccess

"""The voucher desk's words and rules: who acts, what a clerk may do to which voucher (hand-over,
progress, reimbursement, reprint reasons), and the voucher with its history as the desk shows it.

The services (kiosk.services.voucher_desk) ask these rules and never decide on their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass

from kiosk.domain.business import Business, business_for
from kiosk.domain.journal import (
    AccountRole,
    LossReportKind,
    ReissueProgress,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.staff import Permission, may
from kiosk.domain.vocabulary import Term

REASON_MAX_CHARS = 200  # voucher_prints.reason
REVIEWER_MAX_CHARS = 60  # medical_reimbursements.reviewer
# One reimbursement above a million yuan is a typing mistake, not a medical bill.
MAX_REIMBURSEMENT_FEN = 100_000_000
FIND_LIMIT_MAX = 100
FIND_SPAN_MAX_DAYS = 366

# Who may work at the voucher desk (the stored role decides, not the caller's word): the roles
# kiosk.domain.staff gives the voucher desk.
DESK_ROLES = frozenset(role for role in AccountRole if may(role, Permission.VOUCHER_DESK))

# A reissue's progress in order; COLLECTED is reached only by the hand-over.
PROGRESS_ORDER = (
    ReissueProgress.APPLIED,
    ReissueProgress.IN_PRODUCTION,
    ReissueProgress.READY,
    ReissueProgress.COLLECTED,
)
# The transactions that end with a new card to hand over.
NEW_CARD_KINDS = frozenset({TransactionKind.REISSUE, TransactionKind.REPLACEMENT})


@dataclass(frozen=True, slots=True)
class StaffActor:
    """The staff user acting at the desk, as a staff session names them.

    Kept here until the staff accounts' own module provides it (kiosk.domain.staff)."""

    login: str
    role: AccountRole


class DeskRefusal(enum.Enum):
    """Why the desk says no; each is one plain sentence on the staff screen."""

    STAFF_NOT_ALLOWED = "staff_not_allowed"  # unknown, disabled, or not a desk role
    CODE_INVALID = "code_invalid"  # a scanned code that is not a genuine voucher code
    NUMBER_INVALID = "number_invalid"  # not a voucher number (or its check character is wrong)
    ID_NUMBER_INVALID = "id_number_invalid"
    DATES_INVALID = "dates_invalid"  # end before start, or a span too long
    LIMIT_INVALID = "limit_invalid"  # asked for no results, or more than FIND_LIMIT_MAX
    VOUCHER_NOT_FOUND = "voucher_not_found"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    PRINTED_SINCE = "printed_since"  # printed after the clerk looked (a double tap, another desk)
    NOT_A_REISSUE = "not_a_reissue"  # no new card behind this voucher
    NOT_READY = "not_ready"  # the new card is not ready to hand over yet
    ALREADY_COLLECTED = "already_collected"
    ID_NOT_CHECKED = "id_not_checked"  # the original ID card was not confirmed as checked
    PROGRESS_BACKWARD = "progress_backward"
    USE_HAND_OVER = "use_hand_over"  # "collected" is the hand-over's, not a progress move
    NOT_REIMBURSABLE = "not_reimbursable"  # no loss period behind this voucher
    ALREADY_REIMBURSED = "already_reimbursed"
    AMOUNT_INVALID = "amount_invalid"
    REVIEWER_REQUIRED = "reviewer_required"
    REVIEW_DATE_INVALID = "review_date_invalid"  # in the future, or before the voucher
    # Fleet: another kiosk's voucher, known here from the centre only (docs/fleet.md).
    CENTRE_UNREACHABLE = "centre_unreachable"  # its progress cannot be known now
    REPRINT_ELSEWHERE = "reprint_elsewhere"  # reprinted where its records are: its issuing kiosk
    REIMBURSE_ELSEWHERE = "reimburse_elsewhere"  # once across the fleet: at the issuing kiosk


class DeskRefused(Exception):
    """A desk use case refused; `refusal` says why. Never carries personal data."""

    def __init__(self, refusal: DeskRefusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


# --- rules ---------------------------------------------------------------------------------------


def clean_text(text: str, max_chars: int, empty: DeskRefusal, too_long: DeskRefusal) -> str:
    """Typed free text as stored: control characters dropped, whitespace collapsed; refuses
    blank text and text over `max_chars`."""
    kept = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    cleaned = " ".join(kept.split())
    if not cleaned:
        raise DeskRefused(empty)
    if len(cleaned) > max_chars:
        raise DeskRefused(too_long)
    return cleaned


def reprint_reason(text: str) -> str:
    """A staff reprint's reason: required, at most REASON_MAX_CHARS characters."""
    return clean_text(
        text, REASON_MAX_CHARS, DeskRefusal.REASON_REQUIRED, DeskRefusal.REASON_TOO_LONG
    )


class ReprintReason(enum.Enum):
    """The common reasons for a staff reprint, offered as buttons (the on-screen keyboard cannot
    type Chinese); anything else is typed as OTHER."""

    LOST = "lost"
    DAMAGED = "damaged"
    PRINTER = "printer"
    OTHER = "other"


# A preset reason is stored in both languages' words, so the record reads the same whatever
# language the clerk's screen showed; the screen shows the term in its own language.
REPRINT_REASONS: dict[ReprintReason, Term] = {
    ReprintReason.LOST: Term("市民遗失凭证", "The citizen lost the voucher"),
    ReprintReason.DAMAGED: Term("凭证损坏或无法辨认", "The voucher is damaged or unreadable"),
    ReprintReason.PRINTER: Term("打印机卡纸或缺纸", "The printer jammed or ran out of paper"),
    ReprintReason.OTHER: Term("其他", "Other"),
}


def reprint_reason_text(reason: ReprintReason, typed: str = "") -> str:
    """The reason as stored: a preset's words in both languages ("市民遗失凭证 / The citizen
    lost the voucher"), or for OTHER the typed text, cleaned (refused when blank)."""
    if reason is ReprintReason.OTHER:
        return reprint_reason(typed)
    term = REPRINT_REASONS[reason]
    return reprint_reason(f"{term.zh_CN} / {term.en}")


def progress_move(current: ReissueProgress, target: ReissueProgress) -> bool:
    """Whether moving `current` to `target` changes anything: False for the same step again
    (a double tap), True for a step forward. Refuses a step back, any move after collection
    and a move to COLLECTED (that is the hand-over's)."""
    if current is ReissueProgress.COLLECTED:
        raise DeskRefused(DeskRefusal.ALREADY_COLLECTED)
    if target is ReissueProgress.COLLECTED:
        raise DeskRefused(DeskRefusal.USE_HAND_OVER)
    if PROGRESS_ORDER.index(target) < PROGRESS_ORDER.index(current):
        raise DeskRefused(DeskRefusal.PROGRESS_BACKWARD)
    return target is not current


def progress_steps_forward(current: ReissueProgress | None) -> tuple[ReissueProgress, ...]:
    """The steps a clerk may move `current` on to (never back, never to COLLECTED: that is the
    hand-over's); none for a voucher with no new card behind it."""
    if current is None or current is ReissueProgress.COLLECTED:
        return ()
    return tuple(
        step
        for step in PROGRESS_ORDER
        if step is not ReissueProgress.COLLECTED and _moves(current, step)
    )


def _moves(current: ReissueProgress, target: ReissueProgress) -> bool:
    try:
        return progress_move(current, target)
    except DeskRefused:
        return False


def furthest(first: ReissueProgress, second: ReissueProgress | None) -> ReissueProgress:
    """The later of two steps: what the centre says and what this desk moved it to itself."""
    if second is None or PROGRESS_ORDER.index(second) <= PROGRESS_ORDER.index(first):
        return first
    return second


def check_held_here(held_here: bool, elsewhere: DeskRefusal) -> None:
    """A reprint or a reimbursement needs the voucher's records, which only its issuing kiosk
    holds: refused with `elsewhere` for another kiosk's voucher (known from the centre only).
    A reprint prints the records' content; a reimbursement must happen once across the fleet,
    which this version keeps at the issuing kiosk's counter (docs/fleet.md)."""
    if not held_here:
        raise DeskRefused(elsewhere)


def check_has_new_card(voucher_kind: VoucherKind, transaction_kind: TransactionKind) -> None:
    """Only a card receipt of a reissue or a replacement has a new card behind it."""
    if voucher_kind is not VoucherKind.CARD_RECEIPT or transaction_kind not in NEW_CARD_KINDS:
        raise DeskRefused(DeskRefusal.NOT_A_REISSUE)


def check_hand_over(
    voucher_kind: VoucherKind,
    transaction_kind: TransactionKind,
    progress: ReissueProgress | None,
    *,
    id_checked: bool,
) -> None:
    """A new card is handed over once, when it is ready, after the original ID was checked."""
    check_has_new_card(voucher_kind, transaction_kind)
    if progress is ReissueProgress.COLLECTED:
        raise DeskRefused(DeskRefusal.ALREADY_COLLECTED)
    if progress is not ReissueProgress.READY:
        raise DeskRefused(DeskRefusal.NOT_READY)
    if not id_checked:
        raise DeskRefused(DeskRefusal.ID_NOT_CHECKED)


def reimbursable(
    voucher_kind: VoucherKind, transaction_kind: TransactionKind, loss_kind: LossReportKind | None
) -> bool:
    """Medical expenses of a loss period are reimbursed with the card receipt of a reissue
    after a loss (the voucher that prints the reimbursement note), not for a damaged card."""
    return (
        voucher_kind is VoucherKind.CARD_RECEIPT
        and business_for(transaction_kind, loss_kind) is Business.FINAL
    )


def check_reimbursement(
    amount_fen: int, reviewed_on: dt.date, *, issued_on: dt.date, today: dt.date
) -> None:
    """An amount of 1 fen to MAX_REIMBURSEMENT_FEN, reviewed between the voucher and today."""
    if isinstance(amount_fen, bool) or not 0 < amount_fen <= MAX_REIMBURSEMENT_FEN:
        raise DeskRefused(DeskRefusal.AMOUNT_INVALID)
    if not issued_on <= reviewed_on <= today:
        raise DeskRefused(DeskRefusal.REVIEW_DATE_INVALID)


_YUAN = re.compile(r"([0-9]{1,9})(?:\.([0-9]{0,2}))?")


def parse_yuan(text: str) -> int | None:
    """An amount typed in yuan ("1234.5", "80", "0.05": digits, at most one point and two
    decimals) as fen; None when it is not such an amount. The range is check_reimbursement's."""
    match = _YUAN.fullmatch(text.strip())
    if match is None:
        return None
    whole, decimals = match.group(1), (match.group(2) or "")
    return int(whole) * 100 + int(decimals.ljust(2, "0"))


def check_find_limit(limit: int) -> None:
    if isinstance(limit, bool) or not 1 <= limit <= FIND_LIMIT_MAX:
        raise DeskRefused(DeskRefusal.LIMIT_INVALID)


def check_find_dates(start: dt.date, end: dt.date, limit: int) -> None:
    """A search by issue date covers at most FIND_SPAN_MAX_DAYS and returns at most
    FIND_LIMIT_MAX vouchers."""
    if end < start or (end - start).days >= FIND_SPAN_MAX_DAYS:
        raise DeskRefused(DeskRefusal.DATES_INVALID)
    check_find_limit(limit)


def check_not_printed_since(seen_prints: int | None, prints: int) -> None:
    """A reprint is of the voucher as the clerk saw it: if it was printed since (a double tap
    on the reprint button, another desk), no second paper comes out."""
    if seen_prints is not None and seen_prints != prints:
        raise DeskRefused(DeskRefusal.PRINTED_SINCE)


# --- what the desk shows -------------------------------------------------------------------------


class HistoryKind(enum.Enum):
    ISSUED = "issued"
    PRINTED = "printed"
    REPRINTED = "reprinted"
    PROGRESS = "progress"
    COLLECTED = "collected"
    REIMBURSED = "reimbursed"


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One thing that happened to a voucher; `by` is a staff login or the kind of actor."""

    at: dt.datetime
    kind: HistoryKind
    by: str
    reprint_no: int | None = None
    reason: str | None = None
    progress: ReissueProgress | None = None
    amount_fen: int | None = None


@dataclass(frozen=True, slots=True)
class Reimbursement:
    amount_fen: int
    reviewer: str
    reviewed_on: dt.date
    recorded_at: dt.datetime
    recorded_by: str  # staff login


@dataclass(frozen=True, slots=True)
class DeskVoucher:
    """A voucher as the desk shows it: masked personal data (kiosk.domain.masking), its state
    and its history, oldest first.

    `held_here` False: another kiosk's voucher in a fleet, known from the centre only: its
    issuing kiosk, masked card number, progress, pickup date and outlet are the centre's (and
    the masked holder its scanned code's, if scanned); its issue time is not known here (None).
    `progress_unconfirmed`: the progress shown was moved at this desk and the centre does not
    show it yet (its message is waiting to be sent, or on its way)."""

    number: str
    kind: VoucherKind
    transaction_kind: TransactionKind
    loss_kind: LossReportKind | None
    kiosk_id: str
    issued_at: dt.datetime | None
    masked_name: str
    masked_id_number: str
    masked_card_number: str
    progress: ReissueProgress | None
    pickup_date: dt.date | None
    outlet_code: str | None
    prints: int  # the original and its reprints
    reimbursement: Reimbursement | None
    history: tuple[HistoryEvent, ...]
    held_here: bool = True
    progress_unconfirmed: bool = False


@dataclass(frozen=True, slots=True)
class DeskFind:
    """What a search found, newest first; `truncated`: more matched than were returned."""

    vouchers: tuple[DeskVoucher, ...]
    truncated: bool = False

"""A kiosk's day as staff see it: what was done that day (masked), its totals by kind, the
vouchers printed and reprinted, the audit log's totals by outcome, the audit chain head the
day-end slip anchors the log with, and the queue of messages not yet sent to the central back
end."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import Outcome
from kiosk.domain.vocabulary import Term
from kiosk.domain.voucher_data import KioskInfo


class DayKind(enum.Enum):
    """What a line of the day is: a business transaction of the journal (a loss report split
    by its kind), or what the desk did with a voucher (a hand-over, a reimbursement)."""

    LOSS_TEMPORARY = "loss_temporary"
    LOSS_FINAL = "loss_final"  # a final loss report alone (with a new card it is a REISSUE)
    LOSS_CANCELLATION = "loss_cancellation"
    REISSUE = "reissue"
    REPLACEMENT = "replacement"
    HAND_OVER = "hand_over"  # a reissue's new card collected at the desk
    REIMBURSEMENT = "reimbursement"  # the loss period's medical expenses, recorded at the desk


# The kinds in the order the totals list them, with their names as totals on screen and paper.
KIND_TERMS: dict[DayKind, Term] = {
    DayKind.LOSS_TEMPORARY: Term("临时挂失", "Temporary loss reports"),
    DayKind.LOSS_FINAL: Term("正式挂失", "Final loss reports"),
    DayKind.LOSS_CANCELLATION: Term("解除临时挂失", "Loss report cancellations"),
    DayKind.REISSUE: Term("补卡申请", "Reissue applications"),
    DayKind.REPLACEMENT: Term("损坏换卡", "Damaged card replacements"),
    DayKind.HAND_OVER: Term("新卡领取", "New cards handed over"),
    DayKind.REIMBURSEMENT: Term("医疗费用报销", "Medical reimbursements"),
}
# One line of the day, on screen and in the CSV.
LINE_TERMS: dict[DayKind, Term] = {
    DayKind.LOSS_TEMPORARY: Term("临时挂失", "Temporary loss report"),
    DayKind.LOSS_FINAL: Term("正式挂失", "Final loss report"),
    DayKind.LOSS_CANCELLATION: Term("解除临时挂失", "Loss report cancellation"),
    DayKind.REISSUE: Term("补卡申请", "Reissue application"),
    DayKind.REPLACEMENT: Term("损坏换卡", "Damaged card replacement"),
    DayKind.HAND_OVER: Term("新卡领取", "New card handed over"),
    DayKind.REIMBURSEMENT: Term("医疗费用报销", "Medical reimbursement"),
}
PRINTED_TERM = Term("凭证打印", "Vouchers printed")
REPRINTED_TERM = Term("凭证补打", "Vouchers reprinted")
OUTCOME_TERMS: dict[Outcome, Term] = {
    Outcome.OK: Term("成功", "Done"),
    Outcome.REFUSED: Term("拒绝", "Refused"),
    Outcome.FAILED: Term("失败", "Failed"),
}


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The day in China as an aware [start, end) interval: the journal keeps UTC."""
    start = dt.datetime.combine(day, dt.time(0), CHINA_TZ)
    return start, start + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayLine:
    """One transaction of the day; every personal field is already masked."""

    at: dt.datetime
    kind: DayKind
    voucher_number: str  # "" when the transaction has no voucher
    # The reissue's reason as stored ("lost"...), a reimbursement's amount in yuan ("123.45"),
    # or "" for none.
    detail: str
    holder_id: str  # masked ID number
    holder_name: str  # masked name
    card_number: str  # masked card number
    agent: bool  # done by an agent (代办)
    outlet: str  # pickup outlet code ("" if none)
    pickup_date: dt.date | None


@dataclass(frozen=True, slots=True)
class ChainHead:
    """Where the kiosk's audit chain stood: the slip prints it so paper anchors the log."""

    chain: str
    seq: int
    hash: str


@dataclass(frozen=True)
class DayReport:
    kiosk: KioskInfo
    day: dt.date
    made_at: dt.datetime
    lines: tuple[DayLine, ...]
    # Audit entries of the day on this kiosk's chain, by outcome (refusals and failures are
    # only in the audit log: the journal keeps what was done).
    audit_outcomes: dict[Outcome, int] = field(default_factory=dict)
    head: ChainHead | None = None
    printed: int = 0  # vouchers printed for the first time on this kiosk that day
    reprinted: int = 0  # and printed again (补打), by the citizen or at the desk

    @property
    def by_kind(self) -> dict[DayKind, int]:
        """Every kind, zero included, in the order of KIND_TERMS."""
        counts = dict.fromkeys(KIND_TERMS, 0)
        for line in self.lines:
            counts[line.kind] += 1
        return counts

    @property
    def by_outcome(self) -> dict[Outcome, int]:
        return {o: self.audit_outcomes.get(o, 0) for o in OUTCOME_TERMS}

    @property
    def total(self) -> int:
        return len(self.lines)


@dataclass(frozen=True, slots=True)
class OutboxQueue:
    """The kiosk's messages not yet sent to the central back end: how many, and since when."""

    waiting: int
    oldest: dt.datetime | None  # when the oldest waiting one was written; None if none wait

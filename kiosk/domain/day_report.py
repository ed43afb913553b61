"""A kiosk's day as staff see it: the day's transactions (masked), their totals by kind and the
audit log's totals by outcome, and the audit chain head the day-end slip anchors the log with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import Outcome, TransactionKind
from kiosk.domain.vocabulary import Term
from kiosk.domain.voucher_data import KioskInfo

# The transaction kinds in the order the totals list them, with their names on paper.
KIND_TERMS: dict[TransactionKind, Term] = {
    TransactionKind.LOSS_REPORT: Term("挂失", "Loss reports"),
    TransactionKind.LOSS_CANCELLATION: Term("解除临时挂失", "Loss report cancellations"),
    TransactionKind.REISSUE: Term("补卡申请", "Reissue applications"),
    TransactionKind.REPLACEMENT: Term("损坏换卡", "Damaged card replacements"),
}
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
    kind: TransactionKind
    voucher_number: str  # "" when the transaction has no voucher
    detail: str  # the loss report's kind or the reissue's reason, as stored ("" if none)
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

    @property
    def by_kind(self) -> dict[TransactionKind, int]:
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

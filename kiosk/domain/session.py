"""What a citizen's card session shows: plain data built by the card session service and
handed to the flows and the screens. Nothing here is personal until the PIN is verified:
`CardSummary` holds masked values only (and, for a card reported lost, where and when its
replacement can be collected); `Records` exists only after a correct PIN. Also what a session's
card commands can end in instead (`SessionProblem`, `PinWrong`, `PinBlocked`, `CardPulled`)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kiosk.domain.errors import DomainError
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.records import (
    CardStatus,
    Contribution,
    Enrolment,
    InjuryAssessment,
    Outlet,
    PersonalAccount,
    Qualification,
    WorkPeriod,
)


class CardProblem(enum.Enum):
    """Why a card session cannot go on; each has a screen with a plain explanation, which
    promises only what can be done for that card."""

    UNREADABLE = "unreadable"  # damaged, mute, out of profile
    NOT_SOCIAL_SECURITY = "not_social_security"  # some other chip card
    NEEDS_SAM = "needs_sam"  # 3rd-generation card needing a secure access module
    UNKNOWN = "unknown"  # the back end does not know this card
    EXPIRED = "expired"
    TEMPORARY_LOSS = "temporary_loss"  # under temporary loss report: its PIN cancels it here
    # Under temporary loss report with the PIN blocked: no VERIFY can cancel it, a counter can.
    TEMPORARY_LOSS_PIN_BLOCKED = "temporary_loss_pin_blocked"
    LOST = "lost"  # final loss report (CardSummary.reissue: the new card under way, if any)
    REPLACED = "replaced"  # a new card was issued in its place
    CANCELLED = "cancelled"
    PIN_BLOCKED = "pin_blocked"
    BACKEND_OFFLINE = "backend_offline"  # the records cannot be reached now


@dataclass(frozen=True)
class ReissueUnderWay:
    """The new card applied for in place of the inserted one, not collected yet: from when and
    where it can be collected. Nothing personal in it (S2)."""

    expected_date: dt.date
    date_exact: bool  # False: counted past the published holiday calendar (an estimate)
    progress: ReissueProgress
    outlet: Outlet

    @property
    def ready(self) -> bool:
        return self.progress is ReissueProgress.READY


@dataclass(frozen=True)
class CardSummary:
    """The card summary screen: masked, safe to show to anyone standing at the kiosk."""

    masked_name: str  # 张*三
    masked_ssn: str  # 1101**********002X
    masked_card_number: str  # A1*****3X
    issue_date: dt.date
    expiry_date: dt.date
    status: CardStatus | None  # None: the back end does not know the card
    expired: bool
    problem: CardProblem | None  # what stops the session, if anything
    reissue: ReissueUnderWay | None = None  # a card reported lost whose new card is under way


@dataclass(frozen=True)
class YearOfContributions:
    year: int
    months: tuple[Contribution, ...]  # ordered by month, then employer

    @property
    def paid_months(self) -> int:
        return len({c.month for c in self.months if c.paid})

    @property
    def owed_months(self) -> int:
        return len({c.month for c in self.months if not c.paid})


@dataclass(frozen=True)
class Records:
    """The cardholder's own records, shown only after the PIN. Full name and ID number are
    allowed here (S2: the citizen looks at their own record)."""

    name: str
    ssn: str
    enrolments: tuple[Enrolment, ...]
    accounts: tuple[PersonalAccount, ...]
    years: tuple[int, ...]  # years with contributions, newest first
    contributions: dict[int, YearOfContributions] = field(default_factory=dict)  # loaded years
    work_history: tuple[WorkPeriod, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    injuries: tuple[InjuryAssessment, ...] = ()


# What a session's card commands can end in besides their result. The card session service
# translates the card layer's and the readers' errors into these at its edge, so nothing above
# the services knows a status word or a reader backend.


class SessionProblem(DomainError):
    """The session cannot go on; `problem` says why in the citizen's terms."""

    def __init__(self, problem: CardProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class PinWrong(DomainError):
    """VERIFY refused the PIN; `tries_left` more before it is blocked."""

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinBlocked(DomainError):
    """The PIN is blocked (no tries left): only a counter can unblock it."""

    def __init__(self) -> None:
        super().__init__("PIN blocked")
        self.tries_left = 0


class CardPulled(DomainError):
    """The card left the reader before the command finished. Nothing half-read is shown: the
    reader's removal event ends the session."""

    def __init__(self) -> None:
        super().__init__("the card was removed during the command")

"""What the business wizards (kiosk.flows.business) show and ask for: their steps and phases,
the view the screens draw, and the commands the controller runs. Kept apart from the state
machine so that the screens, the runner and the flow share one small vocabulary.

CONTRACT (issue 5): the names below are what the controller and the screens code against;
kiosk.flows.business re-exports them under their old names.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kiosk.domain.business import (
    BusinessReceipt,
    CancellationRequest,
    Identified,
    Material,
    PickupQuote,
    PrintOutcome,
    Refusal,
    ReissueRequest,
    VoucherAccess,
    VoucherStatus,
)
from kiosk.domain.devices import PrinterStatus
from kiosk.domain.idcard import IdCardProblem, IdCardRead
from kiosk.domain.journal import Agent, LossReportRequest, ReissueReason
from kiosk.domain.records import Outlet
from kiosk.flows.citizen import PinPurpose


class BStep(enum.Enum):
    IDENTIFY = "identify"
    AGENT = "agent"
    WHAT_HAPPENED = "what_happened"
    OUTLET = "outlet"
    MATERIALS = "materials"
    PICKUP = "pickup"
    REVIEW = "review"
    CONFIRM = "confirm"
    RECEIPT = "receipt"
    REFUSED = "refused"  # outside the step bar
    LOOKUP = "lookup"
    LOOKUP_RESULT = "lookup_result"


class Phase(enum.Enum):
    """What the step bar names: a stage of a wizard, one screen or several."""

    PIN = "pin"  # the card paths start at the PIN, chosen on the card's summary or problem
    IDENTIFY = "identify"  # ID number and mobile, and the agent's details
    REQUEST = "request"  # what happened, and for a new card: outlet, materials, pickup date
    REVIEW = "review"
    CONFIRM = "confirm"
    RECEIPT = "receipt"
    FIND = "find"  # voucher lookup
    STATUS = "status"


_PHASE_OF = {
    BStep.IDENTIFY: Phase.IDENTIFY,
    BStep.AGENT: Phase.IDENTIFY,
    BStep.WHAT_HAPPENED: Phase.REQUEST,
    BStep.OUTLET: Phase.REQUEST,
    BStep.MATERIALS: Phase.REQUEST,
    BStep.PICKUP: Phase.REQUEST,
    BStep.REVIEW: Phase.REVIEW,
    BStep.CONFIRM: Phase.CONFIRM,
    BStep.RECEIPT: Phase.RECEIPT,
    BStep.LOOKUP: Phase.FIND,
    BStep.LOOKUP_RESULT: Phase.STATUS,
}
_TAIL = (Phase.REVIEW, Phase.CONFIRM, Phase.RECEIPT)


class Purpose(enum.Enum):
    LOSS_REPORT = "loss_report"  # flow 5 (and 7 for lost / stolen), no card needed
    CANCEL_LOSS = "cancel_loss"  # flow 6: card found
    REPLACE_DAMAGED = "replace_damaged"  # flow 7 from the card summary
    VOUCHER_LOOKUP = "voucher_lookup"  # flow 8

    @property
    def phases(self) -> tuple[Phase, ...]:
        """The step bar of this wizard, the same from its first screen to its last. Like the
        loss report, which starts at the attract screen's button, the card paths start where
        the citizen chose them: at the PIN."""
        return {
            Purpose.LOSS_REPORT: (Phase.IDENTIFY, Phase.REQUEST, *_TAIL),
            Purpose.CANCEL_LOSS: (Phase.PIN, *_TAIL),
            Purpose.REPLACE_DAMAGED: (Phase.PIN, Phase.REQUEST, *_TAIL),
            Purpose.VOUCHER_LOOKUP: (Phase.FIND, Phase.STATUS),
        }[self]


# The business each PIN is asked for (the card paths), which the PIN screen's step bar shows.
PIN_PURPOSES = {
    PinPurpose.CANCEL_LOSS: Purpose.CANCEL_LOSS,
    PinPurpose.REPLACE: Purpose.REPLACE_DAMAGED,
}


class Choice(enum.Enum):
    """What happened to the card (the what-happened step)."""

    TEMPORARY = "temporary"  # 临时挂失: blocked, reversible with the card and PIN
    LOST = "lost"  # 挂失补卡: final, reissue
    STOLEN = "stolen"  # as LOST, reason stolen


# The steps where a person identifies themself without the social security card, and where an
# ID card laid on the reader is taken (issue 15): the cardholder's, the agent's, the lookup's.
ID_CARD_STEPS = (BStep.IDENTIFY, BStep.AGENT, BStep.LOOKUP)

_REASONS = {Choice.LOST: ReissueReason.LOST, Choice.STOLEN: ReissueReason.STOLEN}


@dataclass(frozen=True)
class BusinessView:
    purpose: Purpose
    step: BStep
    steps: tuple[BStep, ...]  # this path's steps, for the step bar (REFUSED never in it)
    busy: bool = False  # a command runs: taps that would start another are ignored
    # identify
    as_agent: bool = False
    identify_error: Refusal | None = None  # NO_MATCH after a wrong attempt, shown inline
    # After a wrong ID number + mobile: the wrong attempts that ID number has left before it
    # is locked, as the back end counts them across sessions and kiosks (S8).
    attempts_left: int | None = None
    identified: Identified | None = None
    agent: Agent | None = None
    # The resident ID card (issue 15). `id_reader`: the kiosk has an ID card reader and it
    # answers, so the ID card is the first choice where a person identifies themself; typing
    # is the fallback (`typing`: the steps where the person chose to type instead).
    id_reader: bool = False
    typing: frozenset[BStep] = frozenset()
    holder_card: IdCardRead | None = None  # the cardholder's, read at IDENTIFY or LOOKUP
    agent_card: IdCardRead | None = None  # the agent's own, read at AGENT
    id_problem: IdCardProblem | None = None  # why the ID card just laid on was not taken
    # what happened / reissue
    choice: Choice | None = None
    outlets: tuple[Outlet, ...] = ()
    outlet: Outlet | None = None
    quote: PickupQuote | None = None
    materials: tuple[Material, ...] = ()
    # confirm and after
    printer: PrinterStatus | None = None  # checked when confirm opens (R6 warning)
    idempotency_key: str | None = None
    receipt: BusinessReceipt | None = None
    print_outcome: PrintOutcome | None = None  # None while printing
    refusal: Refusal | None = None  # on REFUSED
    refusal_until: dt.datetime | None = None  # when an ID_LOCKED / KIOSK_PAUSED lock lifts
    # voucher lookup
    lookup_results: tuple[VoucherStatus, ...] = ()
    lookup_error: Refusal | None = None  # shown inline on LOOKUP
    reprinted: str | None = None  # voucher number just reprinted
    reprint_outcome: PrintOutcome | None = None

    @property
    def phases(self) -> tuple[Phase, ...]:
        return self.purpose.phases

    @property
    def id_card(self) -> IdCardRead | None:
        """The ID card read for the step on screen (the agent's at AGENT), or None."""
        if self.step is BStep.AGENT:
            return self.agent_card
        return self.holder_card if self.step in (BStep.IDENTIFY, BStep.LOOKUP) else None

    @property
    def id_card_first(self) -> bool:
        """Whether the step on screen asks for the ID card on the reader (its panel shows)
        rather than the typed number: a reader there, and the person did not choose to type."""
        return (
            self.step in ID_CARD_STEPS
            and (self.id_reader or self.id_card is not None)
            and self.step not in self.typing
        )

    @property
    def phase(self) -> Phase | None:
        """The phase on screen; None on REFUSED, which is outside the path."""
        return _PHASE_OF.get(self.step)

    @property
    def reissue_reason(self) -> ReissueReason | None:
        """Why a new card would be made: lost or stolen as chosen, or damaged; None for no
        new card."""
        if self.purpose is Purpose.REPLACE_DAMAGED:
            return ReissueReason.DAMAGED
        return _REASONS.get(self.choice) if self.choice is not None else None

    @property
    def reissue(self) -> bool:
        """Whether this path ends with a new card (its last phase is a card receipt voucher)."""
        return self.reissue_reason is not None


# Commands for the controller ------------------------------------------------------------------


@dataclass(frozen=True)
class Identify:
    ssn: str
    mobile: str


@dataclass(frozen=True)
class LoadReissueOptions:
    """Outlets and the pickup quote, before the outlet step."""


@dataclass(frozen=True)
class CheckPrinter:
    pass


@dataclass(frozen=True)
class SubmitLoss:
    request: LossReportRequest


@dataclass(frozen=True)
class SubmitReissue:
    request: ReissueRequest


@dataclass(frozen=True)
class SubmitCancellation:
    request: CancellationRequest


@dataclass(frozen=True)
class PrintVoucher:
    code: str  # the receipt's signed QR payload: printing needs proof of the voucher too


@dataclass(frozen=True)
class LookupCode:
    code: str  # a voucher's QR code as the scanner typed it


@dataclass(frozen=True)
class LookupPerson:
    ssn: str
    mobile: str


@dataclass(frozen=True)
class Reprint:
    voucher_number: str
    access: VoucherAccess = field(repr=False)  # what the lookup's proof opened


@dataclass(frozen=True)
class Leave:
    """Back from the first step: the business is left, the controller goes where it came from
    (the card summary or problem for the card paths, attract for the cardless ones)."""


BCommand = (
    Identify
    | LoadReissueOptions
    | CheckPrinter
    | SubmitLoss
    | SubmitReissue
    | SubmitCancellation
    | PrintVoucher
    | LookupCode
    | LookupPerson
    | Reprint
    | Leave
)

"""One action on one voucher at the voucher desk (issue 12, "What the clerk does"): reprint it
with a reason, move its reissue's progress forward, hand over the new card, or record the
reimbursement of the loss period's medical expenses.

The voucher desk area (kiosk.flows.staff_vouchers) opens a `VoucherAction` as its sub-flow
when a clerk taps an action on a voucher's page; the action has a page of its own, takes that
page's inputs, and when it has been done hands the updated voucher back to the desk through
`on_done(voucher, note)` (a NOTE_* key the desk words). Whether an action can be done at all
is kiosk.domain.desk's rules (`action_refusals`); what the services refuse comes back as a
DeskRefusal, shown plainly. No Qt; `action_plans` runs the commands on the desk's services,
which audit every action with the staff login as actor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain import desk as d
from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import local_date
from kiosk.domain.desk import DeskRefusal, DeskRefused, DeskVoucher, ReprintReason, StaffActor
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.voucher_desk import DeskOffline, DeskReprint

log = logging.getLogger(__name__)


class ActionKind(enum.Enum):
    REPRINT = "reprint"
    PROGRESS = "progress"
    HAND_OVER = "hand_over"
    REIMBURSE = "reimburse"


PAGES = {
    ActionKind.REPRINT: "staff-reprint",
    ActionKind.PROGRESS: "staff-progress",
    ActionKind.HAND_OVER: "staff-hand-over",
    ActionKind.REIMBURSE: "staff-reimburse",
}

# What `on_done` is told was done (the desk words it: kiosk.ui.screens.staff.voucher_actions).
NOTE_REPRINTED = "reprinted"
NOTE_PROGRESS_MOVED = "progress_moved"
NOTE_HANDED_OVER = "handed_over"
NOTE_REIMBURSED = "reimbursed"


def _refusal(check: Callable[[], object]) -> DeskRefusal | None:
    try:
        check()
    except DeskRefused as exc:
        return exc.refusal
    return None


def _progress_refusal(voucher: DeskVoucher) -> DeskRefusal | None:
    refusal = _refusal(lambda: d.check_has_new_card(voucher.kind, voucher.transaction_kind))
    if refusal is not None:
        return refusal
    if voucher.progress is None:
        return DeskRefusal.NOT_A_REISSUE
    if voucher.progress is ReissueProgress.COLLECTED:
        return DeskRefusal.ALREADY_COLLECTED
    if not d.progress_steps_forward(voucher.progress):
        return DeskRefusal.USE_HAND_OVER  # ready: what is left is the hand-over
    return None


def _reimburse_refusal(voucher: DeskVoucher) -> DeskRefusal | None:
    refusal = _refusal(
        lambda: d.check_held_here(voucher.held_here, DeskRefusal.REIMBURSE_ELSEWHERE)
    )
    if refusal is not None:
        return refusal
    if not d.reimbursable(voucher.kind, voucher.transaction_kind, voucher.loss_kind):
        return DeskRefusal.NOT_REIMBURSABLE
    if voucher.reimbursement is not None:
        return DeskRefusal.ALREADY_REIMBURSED
    return None


def action_refusals(voucher: DeskVoucher) -> dict[ActionKind, DeskRefusal | None]:
    """For each action: None when it can be done on `voucher` now, else why not."""
    return {
        # A clerk may reprint any voucher held here, with a reason.
        ActionKind.REPRINT: _refusal(
            lambda: d.check_held_here(voucher.held_here, DeskRefusal.REPRINT_ELSEWHERE)
        ),
        ActionKind.PROGRESS: _progress_refusal(voucher),
        ActionKind.HAND_OVER: _refusal(
            lambda: d.check_hand_over(
                voucher.kind, voucher.transaction_kind, voucher.progress, id_checked=True
            )
        ),
        ActionKind.REIMBURSE: _reimburse_refusal(voucher),
    }


class ActionNotice(enum.Enum):
    """What to put right (the inputs stay as typed), or what went wrong that is not a desk
    rule; one plain sentence each."""

    REASON_REQUIRED = "reason_required"  # no reason chosen, or "Other" with nothing typed
    REASON_TOO_LONG = "reason_too_long"
    AMOUNT_INVALID = "amount_invalid"  # not yuan with at most 2 decimals, or out of range
    REVIEWER_REQUIRED = "reviewer_required"
    REVIEW_DATE_INVALID = "review_date_invalid"
    PRINTER_OFFLINE = "printer_offline"
    OUT_OF_PAPER = "out_of_paper"
    PRINT_FAILED = "print_failed"
    DATABASE = "database"  # the kiosk's database did not answer: nothing was done
    CENTRE = "centre"  # another kiosk's voucher, and the centre did not answer: nothing was done
    FAILED = "failed"  # something unexpected: look at the voucher again


# The refusals of what was typed or chosen; any other refusal is of the action itself.
_INPUT_NOTICES = {
    DeskRefusal.REASON_REQUIRED: ActionNotice.REASON_REQUIRED,
    DeskRefusal.REASON_TOO_LONG: ActionNotice.REASON_TOO_LONG,
    DeskRefusal.AMOUNT_INVALID: ActionNotice.AMOUNT_INVALID,
    DeskRefusal.REVIEWER_REQUIRED: ActionNotice.REVIEWER_REQUIRED,
    DeskRefusal.REVIEW_DATE_INVALID: ActionNotice.REVIEW_DATE_INVALID,
}


def _input_notice(refusal: DeskRefusal) -> ActionNotice | None:
    return _INPUT_NOTICES.get(refusal)


_PRINTER_NOTICES = {
    PrintOutcome.PRINTER_OFFLINE: ActionNotice.PRINTER_OFFLINE,
    PrintOutcome.OUT_OF_PAPER: ActionNotice.OUT_OF_PAPER,
    PrintOutcome.FAILED: ActionNotice.PRINT_FAILED,
}


@dataclass(frozen=True, slots=True)
class ActionView:
    """What an action's page shows. `refusal`: the action cannot be done (shown instead of
    its inputs when it came from the rules before anything was tried)."""

    kind: ActionKind
    voucher: DeskVoucher
    busy: bool = False
    refusal: DeskRefusal | None = None
    notice: ActionNotice | None = None
    reason: ReprintReason | None = None  # reprint: the reason chosen
    steps: tuple[ReissueProgress, ...] = ()  # progress: where it may move on to
    id_checked: bool = False  # hand-over: the clerk confirmed the original ID card
    reviewer: str = ""  # reimbursement: who reviewed it (the clerk's name unless changed)
    reviewed_on: dt.date | None = None  # reimbursement: None until today is known
    today: dt.date | None = None

    @property
    def page(self) -> str:
        return PAGES[self.kind]

    @property
    def earliest_review(self) -> dt.date:
        """A review is dated from the voucher's day on (kiosk.domain.desk.check_reimbursement);
        another kiosk's voucher (issue time unknown here) is never reimbursed here."""
        issued = self.voucher.issued_at
        return local_date(issued) if issued is not None else dt.date.max


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reprint:
    action: VoucherAction
    number: str
    reason: str
    seen_prints: int


@dataclass(frozen=True, slots=True)
class MoveProgress:
    action: VoucherAction
    number: str
    target: ReissueProgress


@dataclass(frozen=True, slots=True)
class HandOver:
    action: VoucherAction
    number: str


@dataclass(frozen=True, slots=True)
class FindToday:
    """The kiosk's date by the services' clock: a review is dated today or before."""

    action: VoucherAction


@dataclass(frozen=True, slots=True)
class RecordReimbursement:
    action: VoucherAction
    number: str
    amount_fen: int
    reviewer: str
    reviewed_on: dt.date


# The sub-flow -----------------------------------------------------------------------------------


class VoucherAction:
    """One action on `voucher` for the logged-in `session`; `on_done(voucher, note)` gives the
    desk the voucher as it is after the action, and its commands."""

    def __init__(
        self,
        session: StaffSession,
        voucher: DeskVoucher,
        kind: ActionKind,
        on_done: Callable[[DeskVoucher, str], Commands],
    ) -> None:
        self.session = session
        self.on_done = on_done
        self.view = ActionView(kind, voucher, refusal=action_refusals(voucher)[kind])

    @property
    def kind(self) -> ActionKind:
        return self.view.kind

    @property
    def page(self) -> str:
        return self.view.page

    @property
    def staff(self) -> StaffActor:
        return StaffActor(self.session.login, self.session.role)

    def start(self) -> Commands:
        view = self.view
        if view.refusal is not None:
            return []
        if view.kind is ActionKind.PROGRESS:
            self._set(steps=d.progress_steps_forward(view.voucher.progress))
        elif view.kind is ActionKind.REIMBURSE:
            self._set(busy=True, reviewer=self.session.display_name or self.session.login)
            return [FindToday(self)]
        return []

    def back(self) -> bool:
        """An action is one page: Back returns to the voucher (False), except while it is
        being done (True: it stays, and its result reaches it)."""
        return self.view.busy

    def _set(self, **changes: object) -> None:
        self.view = dataclasses.replace(self.view, **changes)  # type: ignore[arg-type]

    def _ready(self, kind: ActionKind) -> bool:
        """Whether an input for `kind` counts now: the right page, not busy, not refused."""
        view = self.view
        return view.kind is kind and not view.busy and view.refusal is None

    # Reprint ------------------------------------------------------------------------------------

    def choose_reason(self, reason: ReprintReason | None) -> Commands:
        """A reason tapped (None: back to the list, from Other's text)."""
        if self._ready(ActionKind.REPRINT):
            self._set(reason=reason, notice=None)
        return []

    def reprint(self, typed: str = "") -> Commands:
        """Print again for the reason chosen (`typed`: the text for "Other")."""
        if not self._ready(ActionKind.REPRINT):
            return []
        if self.view.reason is None:
            self._set(notice=ActionNotice.REASON_REQUIRED)
            return []
        try:
            reason = d.reprint_reason_text(self.view.reason, typed)
        except DeskRefused as exc:
            self._set(notice=_input_notice(exc.refusal))
            return []
        self._set(busy=True, notice=None)
        voucher = self.view.voucher
        return [Reprint(self, voucher.number, reason, voucher.prints)]

    def reprinted(self, result: DeskReprint) -> Commands:
        if result.outcome is PrintOutcome.PRINTED:
            return self.on_done(result.voucher or self.view.voucher, NOTE_REPRINTED)
        # Printer trouble: nothing was recorded; the clerk may fix it and print again.
        self._set(busy=False, notice=_PRINTER_NOTICES[result.outcome])
        return []

    # Progress -----------------------------------------------------------------------------------

    def move_to(self, target: ReissueProgress) -> Commands:
        if not self._ready(ActionKind.PROGRESS) or target not in self.view.steps:
            return []
        self._set(busy=True, notice=None)
        return [MoveProgress(self, self.view.voucher.number, target)]

    # Hand-over ----------------------------------------------------------------------------------

    def set_id_checked(self, checked: bool) -> Commands:
        if self._ready(ActionKind.HAND_OVER):
            self._set(id_checked=checked, notice=None)
        return []

    def hand_over(self) -> Commands:
        if not self._ready(ActionKind.HAND_OVER) or not self.view.id_checked:
            return []
        self._set(busy=True, notice=None)
        return [HandOver(self, self.view.voucher.number)]

    # Reimbursement ------------------------------------------------------------------------------

    def today_found(self, today: dt.date) -> Commands:
        if self.view.kind is ActionKind.REIMBURSE:
            self._set(busy=False, today=today, reviewed_on=today)
        return []

    def step_review_date(self, days: int) -> Commands:
        """− / + on the review date: between the voucher's day and today."""
        view = self.view
        if not self._ready(ActionKind.REIMBURSE) or view.reviewed_on is None:
            return []
        assert view.today is not None
        day = view.reviewed_on + dt.timedelta(days=days)
        self._set(reviewed_on=min(view.today, max(view.earliest_review, day)))
        return []

    def record_reimbursement(self, amount: str, reviewer: str) -> Commands:
        """`amount` in yuan as typed ("1234.5"), `reviewer` as typed or left."""
        view = self.view
        if not self._ready(ActionKind.REIMBURSE) or view.reviewed_on is None:
            return []
        self._set(reviewer=reviewer)
        fen = d.parse_yuan(amount)
        if fen is None:
            self._set(notice=ActionNotice.AMOUNT_INVALID)
            return []
        if not reviewer.strip():
            self._set(notice=ActionNotice.REVIEWER_REQUIRED)
            return []
        assert view.today is not None
        try:
            d.check_reimbursement(
                fen, view.reviewed_on, issued_on=view.earliest_review, today=view.today
            )
        except DeskRefused as exc:
            self._set(notice=_input_notice(exc.refusal))
            return []
        self._set(busy=True, notice=None)
        return [RecordReimbursement(self, view.voucher.number, fen, reviewer, view.reviewed_on)]

    # Results ------------------------------------------------------------------------------------

    def done(self, voucher: DeskVoucher) -> Commands:
        """The progress moved, the card handed over or the reimbursement recorded."""
        note = {
            ActionKind.PROGRESS: NOTE_PROGRESS_MOVED,
            ActionKind.HAND_OVER: NOTE_HANDED_OVER,
            ActionKind.REIMBURSE: NOTE_REIMBURSED,
        }[self.view.kind]
        return self.on_done(voucher, note)

    def failed(self, error: BaseException) -> Commands:
        """A desk rule said no (shown plainly, the inputs kept), or the database did not
        answer: nothing was done either way."""
        if isinstance(error, DeskRefused) and error.refusal is DeskRefusal.CENTRE_UNREACHABLE:
            self._set(busy=False, notice=ActionNotice.CENTRE)  # try again when it answers
        elif isinstance(error, DeskRefused):
            notice = _input_notice(error.refusal)
            refusal = None if notice is not None else error.refusal
            self._set(busy=False, notice=notice, refusal=refusal)
        elif isinstance(error, DeskOffline):
            self._set(busy=False, notice=ActionNotice.DATABASE)
        else:
            name = type(error).__name__
            log.warning("desk.action.failed kind=%s error=%s", self.kind.value, name)
            self._set(busy=False, notice=ActionNotice.FAILED)
        return []


# Plans ------------------------------------------------------------------------------------------


def action_plans(helper: AreaPlans) -> CommandTable:
    """The actions' commands on the desk's services (they audit with the staff login)."""
    table = CommandTable()

    def reprint(c: Reprint) -> Action:
        a = c.action
        return helper.job(
            lambda: helper.services.desk.reprint(
                a.staff, c.number, c.reason, helper.language, seen_prints=c.seen_prints
            ),
            a.reprinted,
            a.failed,
        )

    def move(c: MoveProgress) -> Action:
        a = c.action
        return helper.job(
            lambda: helper.services.desk.move_progress(a.staff, c.number, c.target),
            a.done,
            a.failed,
        )

    def hand_over(c: HandOver) -> Action:
        a = c.action
        return helper.job(
            lambda: helper.services.desk.hand_over(a.staff, c.number, id_checked=True),
            a.done,
            a.failed,
        )

    def today(c: FindToday) -> Action:
        context = helper.services.context
        return helper.job(lambda: local_date(context.now()), c.action.today_found, c.action.failed)

    def reimburse(c: RecordReimbursement) -> Action:
        a = c.action
        return helper.job(
            lambda: helper.services.desk.record_reimbursement(
                a.staff,
                c.number,
                amount_fen=c.amount_fen,
                reviewer=c.reviewer,
                reviewed_on=c.reviewed_on,
            ),
            a.done,
            a.failed,
        )

    table.add(Reprint, reprint)
    table.add(MoveProgress, move)
    table.add(HandOver, hand_over)
    table.add(FindToday, today)
    table.add(RecordReimbursement, reimburse)
    return table

"""PLACEHOLDER (helper "desk"): the actions on one voucher (reprint, progress, hand-over,
reimbursement) are the helper "actions"' sub-flow; this module only carries the names of its
contract so the voucher desk (kiosk.flows.staff_vouchers) runs until theirs replaces it at
merge. It refuses nothing it should not, and its VoucherAction ends at once, changing nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from kiosk.domain import desk as d
from kiosk.domain.desk import DeskRefusal, DeskVoucher
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import CommandTable
from kiosk.flows.staff import Commands
from kiosk.flows.staff_runner import AreaPlans


class ActionKind(enum.Enum):
    REPRINT = "reprint"
    PROGRESS = "progress"
    HAND_OVER = "hand_over"
    REIMBURSE = "reimburse"


def action_refusals(voucher: DeskVoucher) -> dict[ActionKind, DeskRefusal | None]:
    """For each action, None when it can be done on `voucher`, else why not."""

    def refusal(check: Callable[[], object]) -> DeskRefusal | None:
        try:
            check()
        except d.DeskRefused as exc:
            return exc.refusal
        return None

    def progress() -> None:
        d.check_has_new_card(voucher.kind, voucher.transaction_kind)
        if voucher.progress is ReissueProgress.COLLECTED:
            raise d.DeskRefused(DeskRefusal.ALREADY_COLLECTED)
        if voucher.progress is ReissueProgress.READY:
            raise d.DeskRefused(DeskRefusal.USE_HAND_OVER)

    def reimburse() -> None:
        if not d.reimbursable(voucher.kind, voucher.transaction_kind, voucher.loss_kind):
            raise d.DeskRefused(DeskRefusal.NOT_REIMBURSABLE)
        if voucher.reimbursement is not None:
            raise d.DeskRefused(DeskRefusal.ALREADY_REIMBURSED)

    return {
        ActionKind.REPRINT: None,
        ActionKind.PROGRESS: refusal(progress),
        ActionKind.HAND_OVER: refusal(
            lambda: d.check_hand_over(
                voucher.kind, voucher.transaction_kind, voucher.progress, id_checked=True
            )
        ),
        ActionKind.REIMBURSE: refusal(reimburse),
    }


class VoucherAction:
    """One action on `voucher`; `on_done(voucher, note)` when it succeeded. The placeholder
    hands the voucher back unchanged at once (no screen of its own)."""

    page = "staff-voucher-action"

    def __init__(
        self,
        session: StaffSession,
        voucher: DeskVoucher,
        kind: ActionKind,
        on_done: Callable[[DeskVoucher, str], Commands],
    ) -> None:
        self.session = session
        self.voucher = voucher
        self.kind = kind
        self.on_done = on_done

    @property
    def view(self) -> Any:
        return None

    def start(self) -> Commands:
        return self.on_done(self.voucher, "")

    def back(self) -> bool:
        return False


def action_plans(helper: AreaPlans) -> CommandTable:
    return CommandTable()

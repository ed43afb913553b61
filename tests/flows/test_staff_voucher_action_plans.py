"""The voucher actions through the staff runner on the real services and a demo SQLite: each
action is done, audited with the staff login as actor, and handed back to the desk; a double
tap prints one paper; a second reimbursement is refused; printer trouble records nothing.

The voucher desk area is stood in for by a tiny area holding the action as its `sub`, as the
desk's own area does (kiosk.flows.staff_vouchers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from desk_helpers import START, Desk, make_desk

from drivers.printers.fake import Fault
from kiosk.domain.desk import DeskRefusal, DeskVoucher, HistoryKind, ReprintReason, StaffActor
from kiosk.domain.journal import AccountRole, ActorKind, Outcome, ReissueProgress
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import AreaSpec, SStep, StaffFlow, StaffView
from kiosk.flows.staff_runner import StaffRunner
from kiosk.flows.staff_voucher_actions import (
    ActionKind,
    ActionNotice,
    VoucherAction,
    action_plans,
)
from kiosk.services.staff import StaffServices
from kiosk.store.seal import AuditSeal

SESSION = StaffSession(1, "clerk1", "Wang Fang", AccountRole.CLERK, START)
CLERK = StaffActor("clerk1", AccountRole.CLERK)


class DeskStandIn:
    """The desk area's part of the contract: it opens an action as `sub` and takes it back."""

    key = "desk-stand-in"
    permission = Permission.VOUCHER_DESK

    def __init__(self, session: StaffSession) -> None:
        self.session = session
        self.sub: VoucherAction | None = None
        self.notes: list[str] = []
        self.voucher: DeskVoucher | None = None

    @property
    def page(self) -> str:
        return self.sub.page if self.sub else "staff-voucher"

    @property
    def view(self) -> Any:
        return self.sub.view if self.sub else self.voucher

    def start(self) -> list[Any]:
        return []

    def back(self) -> bool:
        if self.sub is not None and not self.sub.back():
            self.sub = None
            return True
        return self.sub is not None

    def act(self, voucher: DeskVoucher, kind: ActionKind) -> list[Any]:
        self.voucher = voucher
        self.sub = VoucherAction(self.session, voucher, kind, self.done)
        return self.sub.start()

    def done(self, voucher: DeskVoucher, note: str) -> list[Any]:
        self.sub, self.voucher = None, voucher
        self.notes.append(note)
        return []


class Bench:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        spec = AreaSpec(DeskStandIn.key, Permission.VOUCHER_DESK, DeskStandIn, action_plans)
        self.flow = StaffFlow([spec])
        self.runner = StaffRunner(self.flow, StaffServices(desk.kiosk), language=lambda: "en")
        self.flow.view = StaffView(SStep.MENU, session=SESSION, areas=(DeskStandIn.key,))
        self.flow.choose(DeskStandIn.key)
        area = self.flow.area
        assert isinstance(area, DeskStandIn)
        self.area = area

    def run(self, commands: list[Any]) -> None:
        """Carry the commands out as the controller would, the worker's work at once."""
        for command in commands:
            job = self.runner.plan(command)
            assert isinstance(job, Job)
            try:
                result = job.work()
            except Exception as exc:  # handed to the flow, as the worker does
                self.run(job.failed(exc))
            else:
                self.run(job.done(result))

    def open(self, number: str, kind: ActionKind) -> VoucherAction:
        voucher = self.desk.desk.find_by_number(CLERK, number)
        self.run(self.area.act(voucher, kind))
        sub = self.area.sub
        assert sub is not None
        return sub

    def send(self, action: VoucherAction, fn: Callable[[VoucherAction], list[Any]]) -> None:
        self.run(fn(action))

    def staff_entries(self, action: str) -> list[tuple[ActorKind, str, Outcome]]:
        return [
            (e.actor_kind, e.actor, e.outcome) for e in self.desk.entries() if e.action == action
        ]


@pytest.fixture
def bench(demo_sqlite: Callable[..., Any], audit_seal: AuditSeal) -> Bench:
    return Bench(make_desk(demo_sqlite(START.date()), audit_seal))


def test_a_reprint_prints_once_for_a_double_tap_and_is_audited(bench: Bench) -> None:
    number, _ = bench.desk.reissue()
    papers = len(bench.desk.printer.jobs)
    action = bench.open(number, ActionKind.REPRINT)
    action.choose_reason(ReprintReason.LOST)
    first = action.reprint()
    second = action.reprint()  # the same tap again, while the first is printing
    assert second == []
    # A stale action (the page opened on the voucher as it was) is refused, not printed.
    stale = VoucherAction(SESSION, action.view.voucher, ActionKind.REPRINT, lambda v, n: [])
    stale.choose_reason(ReprintReason.LOST)
    stale_commands = stale.reprint()
    bench.run(first)
    bench.run(stale_commands)
    assert len(bench.desk.printer.jobs) == papers + 1
    assert stale.view.refusal is DeskRefusal.PRINTED_SINCE
    assert bench.area.notes == ["reprinted"] and bench.area.sub is None
    voucher = bench.area.voucher
    assert voucher is not None and voucher.prints == 2
    reprint = voucher.history[-1]
    assert (reprint.kind, reprint.reprint_no, reprint.by) == (HistoryKind.REPRINTED, 1, "clerk1")
    assert reprint.reason == "市民遗失凭证 / The citizen lost the voucher"
    assert bench.staff_entries("voucher.reprinted") == [(ActorKind.STAFF, "clerk1", Outcome.OK)]
    assert (ActorKind.STAFF, "clerk1", Outcome.REFUSED) in bench.staff_entries("desk.refused")
    bench.desk.check()


def test_printer_trouble_records_nothing(bench: Bench) -> None:
    number, _ = bench.desk.reissue()
    bench.desk.printer.fault = Fault.NO_PAPER
    action = bench.open(number, ActionKind.REPRINT)
    action.choose_reason(ReprintReason.OTHER)
    bench.send(action, lambda a: a.reprint("second copy for the employer"))
    assert action.view.notice is ActionNotice.OUT_OF_PAPER and bench.area.sub is action
    assert bench.staff_entries("voucher.reprinted") == []
    bench.desk.printer.fault = Fault.NONE
    bench.send(action, lambda a: a.reprint("second copy for the employer"))
    assert bench.area.notes == ["reprinted"]
    assert bench.area.voucher is not None and bench.area.voucher.prints == 2


def test_progress_then_hand_over_are_audited_with_the_clerk(bench: Bench) -> None:
    number, _ = bench.desk.reissue()
    assert bench.open(number, ActionKind.HAND_OVER).view.refusal is DeskRefusal.NOT_READY
    action = bench.open(number, ActionKind.PROGRESS)
    assert action.view.steps == (ReissueProgress.IN_PRODUCTION, ReissueProgress.READY)
    bench.send(action, lambda a: a.move_to(ReissueProgress.IN_PRODUCTION))
    action = bench.open(number, ActionKind.PROGRESS)
    assert action.view.steps == (ReissueProgress.READY,)
    bench.send(action, lambda a: a.move_to(ReissueProgress.READY))
    assert bench.area.voucher is not None
    assert bench.area.voucher.progress is ReissueProgress.READY
    assert bench.open(number, ActionKind.PROGRESS).view.refusal is DeskRefusal.USE_HAND_OVER

    action = bench.open(number, ActionKind.HAND_OVER)
    bench.send(action, lambda a: a.hand_over())  # not yet: the ID card was not checked
    assert bench.area.sub is action and not bench.staff_entries("reissue.collected")
    bench.send(action, lambda a: a.set_id_checked(True))
    bench.send(action, lambda a: a.hand_over())
    assert bench.area.notes == ["progress_moved", "progress_moved", "handed_over"]
    assert bench.area.voucher is not None
    assert bench.area.voucher.progress is ReissueProgress.COLLECTED
    assert (
        bench.staff_entries("reissue.progress_moved")
        == [(ActorKind.STAFF, "clerk1", Outcome.OK)] * 2
    )
    assert bench.staff_entries("reissue.collected") == [(ActorKind.STAFF, "clerk1", Outcome.OK)]
    assert bench.open(number, ActionKind.HAND_OVER).view.refusal is (DeskRefusal.ALREADY_COLLECTED)
    bench.desk.check()


def test_a_reimbursement_is_recorded_once(bench: Bench) -> None:
    number, _ = bench.desk.reissue()
    bench.desk.clock.advance(days=2)
    action = bench.open(number, ActionKind.REIMBURSE)
    late = bench.open(number, ActionKind.REIMBURSE)  # another desk, on the same voucher
    today = dt.date(2026, 12, 7)
    assert (action.view.today, action.view.reviewed_on, action.view.reviewer) == (
        today,
        today,
        "Wang Fang",
    )
    bench.send(action, lambda a: a.step_review_date(-1))
    bench.area.sub = action
    bench.send(action, lambda a: a.record_reimbursement("1234.5", "Wang Fang"))
    assert bench.area.notes == ["reimbursed"]
    paid = bench.area.voucher
    assert paid is not None and paid.reimbursement is not None
    assert (paid.reimbursement.amount_fen, paid.reimbursement.reviewed_on) == (
        123450,
        dt.date(2026, 12, 6),
    )
    assert (paid.reimbursement.reviewer, paid.reimbursement.recorded_by) == ("Wang Fang", "clerk1")
    assert bench.staff_entries("reimbursement.recorded") == [
        (ActorKind.STAFF, "clerk1", Outcome.OK)
    ]
    # The second: refused before anything is typed, or by the service for a page opened before.
    assert bench.open(number, ActionKind.REIMBURSE).view.refusal is (DeskRefusal.ALREADY_REIMBURSED)
    bench.area.sub = late
    bench.send(late, lambda a: a.record_reimbursement("99", "Li Lei"))
    assert late.view.refusal is DeskRefusal.ALREADY_REIMBURSED
    assert bench.area.notes == ["reimbursed"]
    bench.desk.check()

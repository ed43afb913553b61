"""The voucher desk on SQLite and PostgreSQL, the new card and the money: a reissue's progress
(forward only, shown by the citizen's lookup), the hand-over, and the one reimbursement of the
loss period's medical expenses; audited with the staff user as actor, refused twice, also when
two desks try at the same moment."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from desk_helpers import (
    CLERK,
    GONE,
    START,
    TECH,
    Desk,
    at_once,
    kinds,
    make_desk,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from kiosk.domain.desk import DeskRefusal, HistoryKind
from kiosk.domain.journal import (
    ActorKind,
    ReissueProgress,
)
from kiosk.store import models as m
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


# --- progress and hand-over ----------------------------------------------------------------------


def test_progress_moves_forward_only_and_the_citizen_lookup_shows_it(desk: Desk) -> None:
    number, code = desk.reissue()
    desk.clock.advance(days=3)
    view = desk.desk.move_progress(CLERK, number, ReissueProgress.IN_PRODUCTION)
    assert view.progress is ReissueProgress.IN_PRODUCTION
    entries = len(desk.entries())
    again = desk.desk.move_progress(CLERK, number, ReissueProgress.IN_PRODUCTION)  # double tap
    assert again == view and len(desk.entries()) == entries
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.IN_PRODUCTION

    desk.clock.advance(days=10)
    view = desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.READY
    progress = [e for e in view.history if e.kind is HistoryKind.PROGRESS]
    assert [(e.progress, e.by) for e in progress] == [
        (ReissueProgress.IN_PRODUCTION, "clerk1"),
        (ReissueProgress.READY, "clerk1"),
    ]
    assert progress[0].at == START + dt.timedelta(days=3)
    moved = [e for e in desk.entries() if e.action == "reissue.progress_moved"]
    assert [(e.actor_kind, e.actor, e.detail["from"], e.detail["to"]) for e in moved] == [
        (ActorKind.STAFF, "clerk1", "applied", "in_production"),
        (ActorKind.STAFF, "clerk1", "in_production", "ready"),
    ]
    assert moved[0].transaction_key is not None

    move = desk.desk.move_progress
    assert desk.refused(move, CLERK, number, ReissueProgress.APPLIED) is (
        DeskRefusal.PROGRESS_BACKWARD
    )
    assert desk.refused(move, CLERK, number, ReissueProgress.COLLECTED) is (
        DeskRefusal.USE_HAND_OVER
    )
    loss = desk.loss_report()
    assert desk.refused(move, CLERK, loss, ReissueProgress.READY) is DeskRefusal.NOT_A_REISSUE
    assert desk.refused(move, GONE, number, ReissueProgress.READY) is (
        DeskRefusal.STAFF_NOT_ALLOWED
    )
    desk.check()


def test_the_new_card_is_handed_over_once_when_ready_and_the_id_was_checked(desk: Desk) -> None:
    number, code = desk.reissue()
    hand_over = desk.desk.hand_over
    assert desk.refused(hand_over, CLERK, number, id_checked=True) is DeskRefusal.NOT_READY
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)  # forward, skipping a step
    assert desk.refused(hand_over, CLERK, number, id_checked=False) is DeskRefusal.ID_NOT_CHECKED
    loss = desk.loss_report()
    assert desk.refused(hand_over, CLERK, loss, id_checked=True) is DeskRefusal.NOT_A_REISSUE
    assert desk.refused(hand_over, TECH, number, id_checked=True) is (DeskRefusal.STAFF_NOT_ALLOWED)

    desk.clock.advance(hours=1)
    view = hand_over(CLERK, number, id_checked=True)
    assert view.progress is ReissueProgress.COLLECTED
    assert kinds(view)[-1] is HistoryKind.COLLECTED and view.history[-1].by == "clerk1"
    (entry,) = [e for e in desk.entries() if e.action == "reissue.collected"]
    assert (entry.actor_kind, entry.actor, entry.detail) == (
        ActorKind.STAFF,
        "clerk1",
        {"voucher": number, "id_checked": True},
    )
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.COLLECTED
    # A double tap, or a second citizen with the same voucher: refused, nothing changes.
    assert desk.refused(hand_over, CLERK, number, id_checked=True) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    assert desk.refused(desk.desk.move_progress, CLERK, number, ReissueProgress.READY) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    desk.check()


def test_two_desks_handing_over_at_once_hand_over_one_card(desk: Desk) -> None:
    number, _ = desk.reissue()
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    results = at_once(2, lambda: desk.desk.hand_over(CLERK, number, id_checked=True))
    assert sorted(results) == sorted(["ok", DeskRefusal.ALREADY_COLLECTED.value])
    assert len([e for e in desk.entries() if e.action == "reissue.collected"]) == 1
    desk.check()


# --- reimbursement -------------------------------------------------------------------------------


def test_medical_expenses_are_reimbursed_once_after_review(desk: Desk) -> None:
    number, _ = desk.reissue()
    desk.clock.advance(days=20)
    reviewed = dt.date(2026, 12, 24)
    record = desk.desk.record_reimbursement
    view = record(CLERK, number, amount_fen=123_456, reviewer=" 李审核 ", reviewed_on=reviewed)
    assert view.reimbursement is not None
    assert (view.reimbursement.amount_fen, view.reimbursement.reviewer) == (123_456, "李审核")
    assert (view.reimbursement.reviewed_on, view.reimbursement.recorded_by) == (reviewed, "clerk1")
    assert kinds(view)[-1] is HistoryKind.REIMBURSED and view.history[-1].amount_fen == 123_456
    (entry,) = [e for e in desk.entries() if e.action == "reimbursement.recorded"]
    assert (entry.actor_kind, entry.actor) == (ActorKind.STAFF, "clerk1")
    assert entry.detail == {
        "voucher": number,
        "amount_fen": 123_456,
        "reviewer": "李审核",
        "reviewed_on": "2026-12-24",
    }
    assert desk.refused(
        record, CLERK, number, amount_fen=1, reviewer="x", reviewed_on=reviewed
    ) is (DeskRefusal.ALREADY_REIMBURSED)
    with read_session(desk.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.MedicalReimbursement)) == 1
    desk.check()


@pytest.mark.parametrize(
    ("amount", "reviewer", "reviewed", "refusal"),
    [
        (0, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (-5, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (100_000_001, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (True, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (100, "  ", dt.date(2026, 12, 5), DeskRefusal.REVIEWER_REQUIRED),
        (100, "r" * 61, dt.date(2026, 12, 5), DeskRefusal.REVIEWER_REQUIRED),
        (100, "r", dt.date(2026, 12, 6), DeskRefusal.REVIEW_DATE_INVALID),  # the future
        (100, "r", dt.date(2026, 12, 4), DeskRefusal.REVIEW_DATE_INVALID),  # before the voucher
    ],
)
def test_a_reimbursement_needs_an_amount_a_reviewer_and_a_plausible_date(
    desk: Desk, amount: int, reviewer: str, reviewed: dt.date, refusal: DeskRefusal
) -> None:
    number, _ = desk.reissue()
    got = desk.refused(
        desk.desk.record_reimbursement,
        CLERK,
        number,
        amount_fen=amount,
        reviewer=reviewer,
        reviewed_on=reviewed,
    )
    assert got is refusal
    assert desk.desk.find_by_number(CLERK, number).reimbursement is None


def test_only_a_loss_period_is_reimbursed(desk: Desk) -> None:
    loss = desk.loss_report()
    assert (
        desk.refused(
            desk.desk.record_reimbursement,
            CLERK,
            loss,
            amount_fen=100,
            reviewer="r",
            reviewed_on=dt.date(2026, 12, 5),
        )
        is DeskRefusal.NOT_REIMBURSABLE
    )


def test_the_database_itself_refuses_a_second_reimbursement(desk: Desk) -> None:
    number, _ = desk.reissue()
    with UnitOfWork(desk.engine) as uow:
        ids = uow.desk.voucher_ids(number)
        staff = uow.desk.staff("clerk1")
        assert ids is not None and staff is not None
        row = {
            "voucher_id": ids[0],
            "amount_fen": 1,
            "reviewer": "r",
            "reviewed_on": dt.date(2026, 12, 5),
            "at": START,
            "staff_account_id": staff.id,
        }
        uow.desk.add_reimbursement(**row)  # type: ignore[arg-type]
        with pytest.raises(IntegrityError):
            uow.desk.add_reimbursement(**row)  # type: ignore[arg-type]


def test_two_desks_reimbursing_at_once_record_one(desk: Desk) -> None:
    number, _ = desk.reissue()
    reviewed = dt.date(2026, 12, 5)
    results = at_once(
        2,
        lambda: desk.desk.record_reimbursement(
            CLERK, number, amount_fen=500, reviewer="r", reviewed_on=reviewed
        ),
    )
    assert sorted(results) == sorted(["ok", DeskRefusal.ALREADY_REIMBURSED.value])
    with read_session(desk.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.MedicalReimbursement)) == 1
    desk.check()

"""The voucher desk's rules, no database: progress order, hand-over, reimbursement, reasons."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain import desk as d
from kiosk.domain.desk import DeskRefusal, DeskRefused
from kiosk.domain.journal import LossReportKind, ReissueProgress, TransactionKind, VoucherKind

P = ReissueProgress
T = TransactionKind
V = VoucherKind


def refusal(call, *args, **kw) -> DeskRefusal:  # type: ignore[no-untyped-def]
    with pytest.raises(DeskRefused) as caught:
        call(*args, **kw)
    return caught.value.refusal


@pytest.mark.parametrize(
    ("current", "target", "changes"),
    [
        (P.APPLIED, P.APPLIED, False),
        (P.APPLIED, P.IN_PRODUCTION, True),
        (P.APPLIED, P.READY, True),
        (P.IN_PRODUCTION, P.IN_PRODUCTION, False),
        (P.IN_PRODUCTION, P.READY, True),
        (P.READY, P.READY, False),
    ],
)
def test_progress_moves_forward_and_the_same_step_again_changes_nothing(
    current: ReissueProgress, target: ReissueProgress, changes: bool
) -> None:
    assert d.progress_move(current, target) is changes


@pytest.mark.parametrize(
    ("current", "target", "why"),
    [
        (P.IN_PRODUCTION, P.APPLIED, DeskRefusal.PROGRESS_BACKWARD),
        (P.READY, P.APPLIED, DeskRefusal.PROGRESS_BACKWARD),
        (P.READY, P.IN_PRODUCTION, DeskRefusal.PROGRESS_BACKWARD),
        (P.READY, P.COLLECTED, DeskRefusal.USE_HAND_OVER),
        (P.APPLIED, P.COLLECTED, DeskRefusal.USE_HAND_OVER),
        (P.COLLECTED, P.READY, DeskRefusal.ALREADY_COLLECTED),
        (P.COLLECTED, P.COLLECTED, DeskRefusal.ALREADY_COLLECTED),
    ],
)
def test_progress_never_moves_back_nor_to_collected(
    current: ReissueProgress, target: ReissueProgress, why: DeskRefusal
) -> None:
    assert refusal(d.progress_move, current, target) is why


def test_only_a_ready_new_card_is_handed_over_after_the_id_check() -> None:
    d.check_hand_over(V.CARD_RECEIPT, T.REISSUE, P.READY, id_checked=True)
    d.check_hand_over(V.CARD_RECEIPT, T.REPLACEMENT, P.READY, id_checked=True)
    hand_over = d.check_hand_over
    assert refusal(hand_over, V.LOSS_RECEIPT, T.LOSS_REPORT, None, id_checked=True) is (
        DeskRefusal.NOT_A_REISSUE
    )
    assert refusal(hand_over, V.CANCELLATION_RECEIPT, T.REISSUE, P.READY, id_checked=True) is (
        DeskRefusal.NOT_A_REISSUE
    )
    for early in (P.APPLIED, P.IN_PRODUCTION):
        assert refusal(hand_over, V.CARD_RECEIPT, T.REISSUE, early, id_checked=True) is (
            DeskRefusal.NOT_READY
        )
    assert refusal(hand_over, V.CARD_RECEIPT, T.REISSUE, P.COLLECTED, id_checked=True) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    assert refusal(hand_over, V.CARD_RECEIPT, T.REISSUE, P.READY, id_checked=False) is (
        DeskRefusal.ID_NOT_CHECKED
    )


def test_only_the_card_receipt_of_a_loss_is_reimbursed() -> None:
    assert d.reimbursable(V.CARD_RECEIPT, T.REISSUE, LossReportKind.FINAL)
    assert not d.reimbursable(V.CARD_RECEIPT, T.REPLACEMENT, None)  # a damaged card: no loss
    assert not d.reimbursable(V.LOSS_RECEIPT, T.LOSS_REPORT, LossReportKind.TEMPORARY)
    assert not d.reimbursable(V.LOSS_RECEIPT, T.LOSS_REPORT, LossReportKind.FINAL)
    assert not d.reimbursable(V.CANCELLATION_RECEIPT, T.LOSS_CANCELLATION, None)


def test_a_reimbursement_has_a_sane_amount_and_review_date() -> None:
    issued, today = dt.date(2026, 12, 1), dt.date(2026, 12, 20)
    d.check_reimbursement(1, issued, issued_on=issued, today=today)
    d.check_reimbursement(d.MAX_REIMBURSEMENT_FEN, today, issued_on=issued, today=today)
    for amount in (0, -1, d.MAX_REIMBURSEMENT_FEN + 1, True):
        assert refusal(d.check_reimbursement, amount, today, issued_on=issued, today=today) is (
            DeskRefusal.AMOUNT_INVALID
        )
    for day in (issued - dt.timedelta(1), today + dt.timedelta(1)):
        assert refusal(d.check_reimbursement, 5, day, issued_on=issued, today=today) is (
            DeskRefusal.REVIEW_DATE_INVALID
        )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("paper jam", "paper jam"),
        ("  纸张\t卡住 \n", "纸张 卡住"),
        ("a\x00b", "a b"),
        ("x" * 200, "x" * 200),
    ],
)
def test_a_reprint_reason_is_stored_clean(typed: str, stored: str) -> None:
    assert d.reprint_reason(typed) == stored


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", DeskRefusal.REASON_REQUIRED),
        (" \t\n", DeskRefusal.REASON_REQUIRED),
        ("\x1b\x07", DeskRefusal.REASON_REQUIRED),
        ("\u200b\u200e", DeskRefusal.REASON_REQUIRED),  # invisible format characters only
        ("x" * 201, DeskRefusal.REASON_TOO_LONG),
    ],
)
def test_a_reprint_reason_is_required_and_bounded(typed: str, why: DeskRefusal) -> None:
    assert refusal(d.reprint_reason, typed) is why


def test_a_search_by_dates_is_bounded() -> None:
    day = dt.date(2026, 12, 5)
    d.check_find_dates(day, day, 1)
    d.check_find_dates(day - dt.timedelta(d.FIND_SPAN_MAX_DAYS - 1), day, d.FIND_LIMIT_MAX)
    for first, last in ((day, day - dt.timedelta(1)), (day - dt.timedelta(366), day)):
        assert refusal(d.check_find_dates, first, last, 10) is DeskRefusal.DATES_INVALID
    for limit in (0, -1, d.FIND_LIMIT_MAX + 1, True):
        assert refusal(d.check_find_dates, day, day, limit) is DeskRefusal.LIMIT_INVALID


def test_a_reprint_is_of_the_voucher_as_the_clerk_saw_it() -> None:
    d.check_not_printed_since(None, 3)  # the caller did not say
    d.check_not_printed_since(2, 2)
    assert refusal(d.check_not_printed_since, 2, 3) is DeskRefusal.PRINTED_SINCE


def test_a_refusal_carries_only_its_reason() -> None:
    assert str(DeskRefused(DeskRefusal.NOT_READY)) == "not_ready"


def test_the_steps_forward_are_the_ones_progress_move_allows() -> None:
    assert d.progress_steps_forward(P.APPLIED) == (P.IN_PRODUCTION, P.READY)
    assert d.progress_steps_forward(P.IN_PRODUCTION) == (P.READY,)
    assert d.progress_steps_forward(P.READY) == ()  # what is left is the hand-over
    assert d.progress_steps_forward(P.COLLECTED) == d.progress_steps_forward(None) == ()


def test_a_preset_reprint_reason_reads_the_same_in_both_languages() -> None:
    assert d.reprint_reason_text(d.ReprintReason.PRINTER, "typed text is ignored") == (
        "打印机卡纸或缺纸 / The printer jammed or ran out of paper"
    )
    assert d.reprint_reason_text(d.ReprintReason.OTHER, " Asked by\nthe employer ") == (
        "Asked by the employer"
    )
    with pytest.raises(DeskRefused):
        d.reprint_reason_text(d.ReprintReason.OTHER, " ")
    for reason in d.ReprintReason:  # every preset fits the column
        assert len(d.reprint_reason_text(reason, "x")) <= d.REASON_MAX_CHARS


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("0", 0), ("1", 100), ("1.", 100), ("1.5", 150), ("1.05", 105), (" 1234.50 ", 123450)],
)
def test_yuan_as_typed_become_fen(typed: str, fen: int) -> None:
    assert d.parse_yuan(typed) == fen


@pytest.mark.parametrize("typed", ["", ".", ".5", "1.234", "1,000", "-1", "1e3", "１２", "1..2"])
def test_what_is_not_yuan_is_none(typed: str) -> None:
    assert d.parse_yuan(typed) is None

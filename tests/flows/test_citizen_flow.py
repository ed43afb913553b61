"""The citizen flow without widgets or cards: every path through the state machine."""

import datetime as dt

import pytest

from kiosk.domain.business import PrintOutcome
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem, CardSummary, Records, YearOfContributions
from kiosk.flows.citizen import (
    AskTries,
    CitizenFlow,
    EndSession,
    LoadRecords,
    LoadYear,
    PausePrinting,
    PinPurpose,
    PrintStatement,
    ReadCard,
    StartBusiness,
    Step,
    VerifyPin,
)
from kiosk.flows.idle import IdleState, IdleWatch

R = "Mock Reader 0"


def summary(problem=None, status=None):
    return CardSummary(
        "王*明",
        "1101**********0173",
        "A1*****3X",
        dt.date(2019, 3, 15),
        dt.date(2029, 3, 14),
        status,
        False,
        problem,
    )


def records():
    years = (2026, 2025)
    return Records(
        "王晓明", "110105198506120173", (), (), years, {2026: YearOfContributions(2026, ())}
    )


def at_pin(flow: CitizenFlow) -> None:
    assert flow.card_inserted(R) == [ReadCard(R)]
    flow.read_done(summary())
    assert flow.view_records() == [AskTries(R)]
    flow.tries_known(6)
    assert flow.view.step is Step.PIN and flow.view.tries_left == 6


def test_the_happy_path_to_records_and_out():
    flow = CitizenFlow()
    at_pin(flow)
    pin = bytearray(b"123456")
    assert flow.pin_entered(pin) == [VerifyPin(R, pin)]
    assert flow.pin_entered(bytearray(b"123456")) == []  # a second OK while verifying: nothing
    assert flow.pin_ok() == [LoadRecords()]
    flow.records_loaded(records())
    assert flow.view.step is Step.RECORDS and flow.view.year.year == 2026
    assert flow.select_year(2025) == [LoadYear(2025)]
    flow.year_loaded(YearOfContributions(2025, ()))
    assert flow.view.year.year == 2025
    assert flow.card_removed(R) == [EndSession(R)]
    assert flow.view.step is Step.ATTRACT and flow.view.records is None


def test_wrong_pin_keeps_the_pin_screen_with_tries_then_blocked():
    flow = CitizenFlow()
    at_pin(flow)
    flow.pin_entered(bytearray(b"000000"))
    flow.pin_wrong(1)
    assert flow.view.step is Step.PIN and flow.view.tries_left == 1 and flow.view.after_wrong_pin
    flow.pin_entered(bytearray(b"000000"))
    flow.pin_blocked()
    assert flow.view.step is Step.PROBLEM and flow.view.problem is CardProblem.PIN_BLOCKED


def test_blocked_before_the_first_try_sends_no_verify():
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary())
    flow.view_records()
    flow.tries_known(0)
    assert flow.view.problem is CardProblem.PIN_BLOCKED
    assert flow.pin_entered(bytearray(b"123456")) == []


@pytest.mark.parametrize("problem", list(CardProblem))
def test_problems_from_the_read_show_the_problem_screen(problem):
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(problem))
    assert flow.view.step is Step.PROBLEM and flow.view.problem is problem
    assert flow.view_records() == []


@pytest.mark.parametrize("step", ["reading", "summary", "pin", "records"])
def test_card_removal_anywhere_ends_the_session(step):
    flow = CitizenFlow()
    flow.card_inserted(R)
    if step != "reading":
        flow.read_done(summary())
    if step in ("pin", "records"):
        flow.view_records()
        flow.tries_known(3)
    if step == "records":
        flow.pin_entered(bytearray(b"123456"))
        flow.pin_ok()
        flow.records_loaded(records())
    assert flow.view.step.value == step
    assert flow.card_removed(R) == [EndSession(R)]
    assert flow.view.step is Step.ATTRACT
    assert flow.read_done(summary()) == [] and flow.view.step is Step.ATTRACT  # late result


def test_home_and_idle_end_the_session_and_ask_to_take_the_card():
    flow = CitizenFlow()
    at_pin(flow)
    assert flow.idle_timeout() == [EndSession(R)]
    assert flow.view.step is Step.ATTRACT and flow.view.take_card_hint
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary())
    assert flow.home() == [EndSession(R)]
    assert flow.view.take_card_hint
    flow.card_removed(R)
    assert not flow.view.take_card_hint


def test_back_from_pin_and_records_returns_to_the_summary():
    flow = CitizenFlow()
    at_pin(flow)
    flow.back()
    assert flow.view.step is Step.SUMMARY and flow.view.summary is not None


def test_reader_lost_and_back():
    flow = CitizenFlow()
    at_pin(flow)
    assert flow.reader_lost() == [EndSession(R)]
    assert flow.view.step is Step.READER_UNAVAILABLE
    assert flow.card_inserted(R) == []
    flow.reader_back()
    assert flow.view.step is Step.ATTRACT
    assert flow.card_inserted(R) == [ReadCard(R)]


def test_idle_watch_on_a_fake_clock():
    watch = IdleWatch(idle=60, warning=15)
    assert watch.status(1000).state is IdleState.ACTIVE  # not watching on attract
    watch.start(0)
    assert watch.status(59.9).state is IdleState.ACTIVE
    warning = watch.status(60.5)
    assert warning.state is IdleState.WARNING and warning.remaining == 15
    assert watch.status(74.2).remaining == 1
    watch.touch(70)  # "I need more time"
    assert watch.status(100).state is IdleState.ACTIVE
    assert watch.status(145.1).state is IdleState.EXPIRED


# The PIN for a business, and the businesses without a card ---------------------------------


def test_replace_from_the_summary_asks_the_pin_then_hands_over_to_the_business():
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary())
    assert flow.replace_card() == [AskTries(R)]
    assert flow.replace_card() == [] and flow.view_records() == []  # busy
    flow.tries_known(3)
    assert flow.view.step is Step.PIN and flow.view.pin_purpose is PinPurpose.REPLACE
    flow.pin_entered(bytearray(b"123456"))
    assert flow.pin_ok() == [StartBusiness(PinPurpose.REPLACE)]
    assert flow.view.step is Step.BUSINESS and flow.in_session and flow.in_business
    assert flow.leave_business() == []
    assert flow.view.step is Step.SUMMARY and flow.view.pin_purpose is PinPurpose.RECORDS
    assert flow.view_records() == [AskTries(R)]  # the PIN is asked again for the records


def test_no_replacement_for_a_card_with_a_problem():
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(CardProblem.EXPIRED))
    assert flow.replace_card() == []


def test_cancel_loss_from_the_problem_screen():
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(CardProblem.TEMPORARY_LOSS))
    assert flow.view.step is Step.PROBLEM
    assert flow.cancel_loss() == [AskTries(R)]
    flow.tries_known(2)
    assert flow.view.step is Step.PIN and flow.view.pin_purpose is PinPurpose.CANCEL_LOSS
    flow.back()  # back from this PIN goes back to the problem
    assert flow.view.step is Step.PROBLEM and flow.view.problem is CardProblem.TEMPORARY_LOSS
    flow.cancel_loss()
    flow.tries_known(2)
    flow.pin_entered(bytearray(b"123456"))
    assert flow.pin_ok() == [StartBusiness(PinPurpose.CANCEL_LOSS)]
    flow.leave_business()
    assert flow.view.step is Step.PROBLEM
    flow.cancel_loss()
    flow.tries_known(2)
    flow.pin_entered(bytearray(b"123456"))
    flow.pin_ok()
    assert flow.card_removed(R) == [EndSession(R)]  # R1: pulling the card ends the business
    assert flow.view.step is Step.ATTRACT and not flow.in_business


@pytest.mark.parametrize("problem", [p for p in CardProblem if p is not CardProblem.TEMPORARY_LOSS])
def test_cancel_loss_only_for_a_temporary_loss_card(problem):
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(problem))
    assert flow.cancel_loss() == []


def test_a_cardless_business_ignores_a_card_until_home_then_asks_to_take_it():
    flow = CitizenFlow()
    assert flow.start_business() == []
    assert flow.view.step is Step.BUSINESS and flow.view.reader is None
    assert flow.start_business() == []
    assert flow.card_inserted(R) == []
    assert flow.view.step is Step.BUSINESS
    assert flow.card_removed(R) == [] and flow.view.step is Step.BUSINESS
    flow.card_inserted(R)
    assert flow.home() == [EndSession(None)]
    assert flow.view.step is Step.ATTRACT and flow.view.take_card_hint
    flow.card_removed(R)
    assert not flow.view.take_card_hint
    assert flow.card_inserted(R) == [ReadCard(R)]


def test_a_cardless_business_ends_at_idle_and_on_leaving():
    flow = CitizenFlow()
    flow.start_business()
    assert flow.idle_timeout() == [EndSession(None)]
    assert flow.view.step is Step.ATTRACT and not flow.view.take_card_hint
    flow.start_business()
    assert flow.leave_business() == [EndSession(None)]
    assert flow.view.step is Step.ATTRACT


def test_no_cardless_business_during_a_card_session():
    flow = CitizenFlow()
    flow.card_inserted(R)
    assert flow.start_business() == []
    assert flow.view.step is Step.READING


# The records statement ------------------------------------------------------------------------


def at_records(flow: CitizenFlow) -> None:
    at_pin(flow)
    flow.pin_entered(bytearray(b"123456"))
    flow.pin_ok()
    flow.records_loaded(records())
    assert flow.view.step is Step.RECORDS and not flow.view.busy


def test_print_statement_prints_the_year_on_screen_once_at_a_time():
    flow = CitizenFlow()
    assert flow.print_statement(2026) == []  # nothing to print before the records
    at_records(flow)
    assert flow.view.statement is None and not flow.view.printing
    assert flow.print_statement(2026) == [PrintStatement(2026)]
    assert flow.view.printing and flow.view.statement is None
    assert flow.view.statement_year == 2026
    assert flow.print_statement(2026) == []  # a double tap while printing: one statement
    assert flow.statement_printed(PrintOutcome.PRINTED) == [PausePrinting()]
    assert not flow.view.printing and flow.view.statement is PrintOutcome.PRINTED
    assert flow.print_statement(2026) == []  # a tap the moment after: no second copy
    flow.print_pause_over()
    flow.select_year(2025)
    flow.year_loaded(YearOfContributions(2025, ()))
    assert flow.print_statement(2025) == [PrintStatement(2025)]  # another copy, another year


def test_only_the_year_the_button_named_is_printed():
    flow = CitizenFlow()
    at_records(flow)  # 2026 on screen
    assert flow.print_statement(2025) == [] and not flow.view.printing
    flow.select_year(2025)
    flow.year_loaded(YearOfContributions(2025, ()))
    assert flow.print_statement(2026) == []  # a name the screen no longer shows
    assert flow.print_statement(2025) == [PrintStatement(2025)]
    assert flow.view.statement_year == 2025


def test_the_pause_after_a_print_ends_only_on_the_records():
    flow = CitizenFlow()
    at_records(flow)
    flow.print_statement(2026)
    flow.statement_printed(PrintOutcome.OUT_OF_PAPER)  # a failure pauses the button too
    assert flow.view.print_paused and flow.print_statement(2026) == []
    assert flow.print_pause_over() == [] and not flow.view.print_paused
    flow.print_statement(2026)
    flow.statement_printed(PrintOutcome.PRINTED)
    flow.back()  # leaving the records ends the pause with them
    assert flow.view.step is Step.SUMMARY and not flow.view.print_paused
    assert flow.view.statement_year is None
    assert flow.print_pause_over() == [] and flow.view.step is Step.SUMMARY


def test_a_loaded_year_is_kept_for_the_session():
    flow = CitizenFlow()
    at_records(flow)
    assert flow.select_year(2025) == [LoadYear(2025)]
    year = YearOfContributions(2025, ())
    flow.year_loaded(year)
    records = flow.view.records
    assert records is not None and records.contributions[2025] is year  # the statement's year
    flow.select_year(2026)
    assert flow.select_year(2025) == []  # back to it: no second load
    assert flow.view.year is year


def test_print_statement_waits_while_a_year_loads():
    flow = CitizenFlow()
    at_records(flow)
    assert flow.select_year(2025) == [LoadYear(2025)]
    assert flow.view.busy
    assert flow.print_statement(2025) == [] and not flow.view.printing


def test_a_failed_print_is_the_outcome_and_a_new_print_clears_it():
    flow = CitizenFlow()
    at_records(flow)
    flow.print_statement(2026)
    flow.statement_printed(PrintOutcome.OUT_OF_PAPER)
    assert flow.view.statement is PrintOutcome.OUT_OF_PAPER and not flow.view.printing
    flow.print_pause_over()
    assert flow.print_statement(2026) == [PrintStatement(2026)]
    assert flow.view.statement is None  # the old outcome no longer stands


def test_a_new_year_or_going_back_clears_the_outcome():
    flow = CitizenFlow()
    at_records(flow)
    flow.print_statement(2026)
    flow.statement_printed(PrintOutcome.PRINTED)
    flow.print_pause_over()
    flow.select_year(2026)  # loaded already: no command
    assert flow.view.statement is None
    flow.print_statement(2026)
    flow.statement_printed(PrintOutcome.FAILED)
    flow.print_pause_over()
    flow.select_year(2025)
    assert flow.view.statement is None
    flow.year_loaded(YearOfContributions(2025, ()))
    flow.print_statement(2025)
    flow.statement_printed(PrintOutcome.PRINTED)
    flow.back()
    assert flow.view.step is Step.SUMMARY
    assert flow.view.statement is None and not flow.view.printing


def test_a_print_result_after_leaving_the_records_is_dropped():
    flow = CitizenFlow()
    at_records(flow)
    flow.print_statement(2026)
    flow.back()  # printing does not hold the citizen on the screen
    assert flow.statement_printed(PrintOutcome.PRINTED) == []
    assert flow.view.step is Step.SUMMARY and flow.view.statement is None
    flow.view_records()
    flow.tries_known(3)
    flow.pin_entered(bytearray(b"123456"))
    flow.pin_ok()
    flow.records_loaded(records())
    flow.statement_printed(PrintOutcome.FAILED)  # the old job's late answer
    assert flow.view.statement is None and not flow.view.printing
    assert flow.print_statement(2026) == [PrintStatement(2026)]
    assert flow.card_removed(R) == [EndSession(R)]
    assert flow.statement_printed(PrintOutcome.PRINTED) == []
    assert flow.view.step is Step.ATTRACT and flow.view.statement is None


def test_a_pin_blocked_card_under_temporary_loss_offers_no_cancellation():
    """Its problem screen sends the citizen to a counter: no PIN query, no VERIFY."""
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(CardProblem.TEMPORARY_LOSS_PIN_BLOCKED, CardStatus.TEMPORARY_LOSS))
    assert flow.view.step is Step.PROBLEM
    assert flow.cancel_loss() == []
    assert flow.view_records() == [] and flow.replace_card() == []
    assert flow.view.step is Step.PROBLEM and not flow.view.busy


def test_a_pin_blocked_while_cancelling_a_loss_report_says_the_report_stands():
    flow = CitizenFlow()
    flow.card_inserted(R)
    flow.read_done(summary(CardProblem.TEMPORARY_LOSS, CardStatus.TEMPORARY_LOSS))
    flow.cancel_loss()
    flow.tries_known(1)
    flow.pin_entered(bytearray(b"000000"))
    flow.pin_blocked()
    assert flow.view.step is Step.PROBLEM
    assert flow.view.problem is CardProblem.TEMPORARY_LOSS_PIN_BLOCKED
    assert flow.cancel_loss() == []

"""The hidden service entry's code: right, wrong, shut after three wrong codes, open again
after the pause, and what a code may be."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.service_entry import (
    SHUT_FOR,
    EntryOutcome,
    ServiceEntryGate,
    code_problem,
)

T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_the_right_code_opens_and_a_wrong_one_counts_down() -> None:
    gate = ServiceEntryGate("2580", Clock())
    assert gate.check("2580").outcome is EntryOutcome.OPEN
    wrong = gate.check("2581")
    assert (wrong.outcome, wrong.tries_left) == (EntryOutcome.WRONG, 2)
    assert gate.check("25800").outcome is EntryOutcome.WRONG  # a longer code is not the code
    assert gate.check("2580").outcome is EntryOutcome.OPEN  # and the count starts again
    assert gate.check("0000").tries_left == 2


def test_three_wrong_codes_shut_the_entry_even_to_the_right_code_until_the_pause_ends() -> None:
    clock = Clock()
    gate = ServiceEntryGate("2580", clock)
    gate.check("1")
    gate.check("12")
    shut = gate.check("123")
    assert shut.outcome is EntryOutcome.SHUT and shut.until == T0 + SHUT_FOR
    assert gate.check("2580").outcome is EntryOutcome.SHUT
    clock.now = T0 + SHUT_FOR - dt.timedelta(seconds=1)
    assert gate.check("2580").outcome is EntryOutcome.SHUT
    clock.now = T0 + SHUT_FOR
    assert gate.shut_until() is None
    assert gate.check("2580").outcome is EntryOutcome.OPEN


def test_odd_input_is_only_a_wrong_code() -> None:
    gate = ServiceEntryGate("2580", Clock())
    for typed in ("２５８０", "", "2580\n", "٢٥٨٠"):
        assert gate.check(typed).outcome is not EntryOutcome.OPEN
        gate = ServiceEntryGate("2580", Clock())


@pytest.mark.parametrize("code", ["", "123", "1234567890123", "12a4", "１２３４", "12 34"])
def test_what_a_service_code_cannot_be(code: str) -> None:
    assert code_problem(code) is not None
    with pytest.raises(ValueError):
        ServiceEntryGate(code, Clock())


@pytest.mark.parametrize("code", ["1234", "000000000000"])
def test_what_a_service_code_can_be(code: str) -> None:
    assert code_problem(code) is None

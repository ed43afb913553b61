"""The working-day calendar: published holidays and make-up days, local overrides, and an
honest fallback past the years the calendar package knows."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from kiosk.domain.calendar import (
    add_working_days,
    add_working_days_checked,
    covered_years,
    is_workday,
    local_date,
)

D = dt.date


def test_covered_years_include_the_current_ones() -> None:
    years = covered_years()
    assert 2004 in years and 2026 in years


def test_national_day_week_and_its_make_up_days() -> None:
    # 2025: 1-8 October off; Sunday 28 September and Saturday 11 October worked.
    assert not is_workday(D(2025, 10, 1))
    assert is_workday(D(2025, 9, 28))
    assert is_workday(D(2025, 10, 11))
    # From Tuesday 30 September 2025 the next working days are 9, 10, 11 (Sat) and 13 October.
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert add_working_days(D(2025, 9, 30), 4) == D(2025, 10, 13)


def test_fifteen_working_days_over_spring_festival() -> None:
    # 2026 Spring Festival: 15-23 February off, 14 and 28 February worked.
    result = add_working_days_checked(D(2026, 2, 9), 15)
    assert result.exact
    assert result.date == D(2026, 3, 6)


def test_start_day_never_counts_and_zero_is_the_start() -> None:
    friday = D(2026, 6, 5)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == D(2026, 6, 8)
    with pytest.raises(ValueError):
        add_working_days(friday, -1)


def test_overrides_win() -> None:
    monday = D(2026, 6, 1)
    overrides = {D(2026, 6, 2): False, D(2026, 6, 6): True}
    assert not is_workday(D(2026, 6, 2), overrides)
    assert is_workday(D(2026, 6, 6), overrides)
    assert add_working_days(monday, 5, overrides) == D(2026, 6, 8)


def test_past_the_published_years_weekends_only_and_said_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    last = covered_years().stop - 1
    start = D(last, 12, 24)
    with caplog.at_level(logging.WARNING, logger="kiosk.domain.calendar"):
        result = add_working_days_checked(start, 15)
        assert not result.exact
        assert add_working_days(start, 15) == result.date
    assert "calendar.approximate" in caplog.text
    assert all(day.weekday() < 5 for day in [result.date])
    # Overrides for the unpublished year make those days count as known.
    overrides = {start + dt.timedelta(days=i): True for i in range(1, 40)}
    assert add_working_days_checked(start, 15, overrides).exact


def test_past_the_published_years_the_fixed_holidays_still_count() -> None:
    later = covered_years().stop + 1  # a year nobody has published yet
    assert not is_workday(D(later, 1, 1))
    assert not any(is_workday(D(later, 10, day)) for day in (1, 2, 3))
    # Fifteen working days from mid-December never end on New Year's Day.
    start = D(later - 1, 12, 11)
    result = add_working_days_checked(start, 15)
    assert (result.date.month, result.date.day) != (1, 1)
    assert not result.exact


def test_local_date() -> None:
    assert local_date(dt.datetime(2026, 11, 22, 16, 0, tzinfo=dt.UTC)) == D(2026, 11, 23)
    assert local_date(dt.datetime(2026, 11, 22, 15, 59, tzinfo=dt.UTC)) == D(2026, 11, 22)

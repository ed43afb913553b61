"""The audit log area's flow alone (kiosk.flows.staff_audit): no Qt, no database. Loads are
audited only when the log is opened or filtered; pages go older and newer by cursor; a late
answer never overwrites a newer one; the check runs busy and reads the log again behind it;
failures become plain notices; an entry's detail never shows a full ID number."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import AccountRole, ActorKind, AuditEntry, Outcome
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.staff_audit import (
    AuditArea,
    AuditChoice,
    AuditNotice,
    AuditStep,
    DayRange,
    DetailItem,
    LoadLog,
    LogLoaded,
    RunCheck,
    detail_items,
)
from kiosk.services.audit_browse import AuditCheck, AuditFilter, AuditPage, BadAuditFilter

NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
SESSION = StaffSession(
    account_id=1, login="clerk1", display_name="柜员", role=AccountRole.CLERK, started_at=NOW
)
FULL_ID = "110105198506120173"


def entry(seq: int, **kw: object) -> AuditEntry:
    values: dict[str, object] = {
        "chain": "BJCY01",
        "seq": seq,
        "at": NOW,
        "actor_kind": ActorKind.STAFF,
        "actor": "clerk1",
        "action": "staff.login",
        "outcome": Outcome.OK,
        "transaction_key": None,
        **kw,
    }
    return AuditEntry(**values)  # type: ignore[arg-type]


def page(*seqs: int, next_cursor: int | None = None) -> AuditPage:
    return AuditPage(tuple(entry(s) for s in seqs), next_cursor)


def opened() -> tuple[AuditArea, LoadLog]:
    area = AuditArea(SESSION)
    [load] = area.start()
    assert isinstance(load, LoadLog)
    return area, load


def check(ok: bool) -> AuditCheck:
    return AuditCheck(ok=ok, checked_at=NOW, chains=(), problems=(), warnings=())


def test_the_area_is_the_audit_logs_and_opens_on_the_newest_page_audited() -> None:
    assert (AuditArea.key, AuditArea.permission) == ("audit", Permission.AUDIT_LOG)
    area, load = opened()
    assert area.page == AuditStep.LOG.value == "staff-audit"
    assert area.view.busy and not area.view.loaded
    assert (load.cursor, load.position, load.viewer, load.with_actions) == (None, 0, "clerk1", True)
    assert area.log_loaded(load, LogLoaded(page(30, 29, next_cursor=99), ("staff.login",))) == []
    view = area.view
    assert not view.busy and view.loaded and view.page_no == 1
    assert [e.seq for e in view.entries] == [30, 29]
    assert view.actions == ("staff.login",)
    assert view.has_older and not view.has_newer
    assert area.back() is False  # the log is the area's first page


def test_older_and_newer_follow_the_cursors_and_are_not_audited() -> None:
    area, load = opened()
    area.log_loaded(load, LogLoaded(page(30, 29, next_cursor=29), ()))
    [older] = area.older()
    assert (older.cursor, older.position, older.viewer) == (29, 1, None)
    assert area.older() == []  # busy: a second tap asks nothing more
    area.log_loaded(older, LogLoaded(page(28, 27, next_cursor=27), None))
    assert area.view.page_no == 2 and area.view.has_newer and area.view.has_older
    assert area.view.actions == ()  # kept: this load did not ask for them
    [oldest] = area.older()
    area.log_loaded(oldest, LogLoaded(page(26), None))
    assert area.view.page_no == 3 and not area.view.has_older
    assert area.older() == []
    [newer] = area.newer()
    assert (newer.cursor, newer.position) == (29, 1)
    area.log_loaded(newer, LogLoaded(page(28, 27, next_cursor=27), None))
    [newest] = area.newer()
    assert (newest.cursor, newest.position) == (None, 0)
    area.log_loaded(newest, LogLoaded(page(30, 29, next_cursor=29), None))
    assert area.view.page_no == 1 and area.newer() == []


def test_a_filter_loads_its_first_page_audited_and_a_late_answer_is_dropped() -> None:
    area, load = opened()
    logins = AuditChoice(action="staff.login", outcome=Outcome.REFUSED)
    [filtered] = area.choose(logins)
    assert (filtered.choice, filtered.cursor, filtered.viewer) == (logins, None, "clerk1")
    assert area.view.choice == logins and area.view.busy
    assert area.choose(logins) == []  # the same filter again: nothing to load
    # The first page's answer arrives after the filter was chosen: it is not shown.
    area.log_loaded(load, LogLoaded(page(30, 29), ("x",)))
    assert area.view.entries == () and area.view.busy
    area.log_loaded(filtered, LogLoaded(page(12), None))
    assert [e.seq for e in area.view.entries] == [12] and not area.view.busy


def test_the_day_presets_count_back_from_todays_local_date() -> None:
    late = dt.datetime(2026, 12, 5, 17, 30, tzinfo=dt.UTC)  # already 6 December in China
    assert late.astimezone(CHINA_TZ).date() == dt.date(2026, 12, 6)
    assert AuditChoice(days=DayRange.TODAY).filter(late) == AuditFilter(
        dt.date(2026, 12, 6), dt.date(2026, 12, 6)
    )
    week = AuditChoice(days=DayRange.WEEK, actor_kind=ActorKind.CITIZEN).filter(late)
    assert (week.first_day, week.last_day) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert week.actor_kind is ActorKind.CITIZEN
    month = AuditChoice(days=DayRange.MONTH).filter(late)
    assert (month.last_day - month.first_day).days == 29  # type: ignore[operator]
    assert AuditChoice().filter(late) == AuditFilter()


def test_a_refused_filter_and_a_silent_database_are_plain_notices() -> None:
    area, load = opened()
    area.log_loaded(load, LogLoaded(page(3, 2, 1), ()))
    [filtered] = area.choose(AuditChoice(days=DayRange.TODAY))
    area.log_failed(filtered, BadAuditFilter("the last day is before the first day"))
    view = area.view
    assert view.notice is AuditNotice.BAD_FILTER and not view.busy
    assert view.choice.days is DayRange.TODAY  # what was chosen stays chosen
    assert view.entries == ()  # no rows under a filter they do not match
    [again] = area.choose(AuditChoice())
    assert area.view.notice is None
    area.log_failed(again, OSError("database is locked"))
    assert area.view.notice is AuditNotice.DATABASE


def test_an_entrys_detail_is_a_readable_list_with_id_numbers_masked() -> None:
    area, load = opened()
    tampered = entry(
        7,
        actor_kind=ActorKind.CITIZEN,
        actor=FULL_ID,  # a tampered row: the log itself masks citizens
        action="voucher.reprinted",
        detail={
            "voucher": "BJCY01202612050001237",
            "reason": f"holder {FULL_ID} asked",
            "vouchers": ["A", "B"],
            "id_checked": True,
            "nothing": None,
            "query": {"by": "id_number", "typed": [FULL_ID]},
        },
    )
    area.log_loaded(load, LogLoaded(AuditPage((entry(8), tampered), None), ()))
    assert area.open_entry(5) == []  # no such row
    assert area.page == "staff-audit"
    area.open_entry(1)
    view = area.view
    assert area.page == AuditStep.ENTRY.value == "staff-audit-entry"
    assert view.entry is not None and view.entry.seq == 7
    assert view.entry.actor == "1101**********0173"
    assert view.detail == (
        DetailItem("voucher", "BJCY01202612050001237"),
        DetailItem("reason", "holder 1101**********0173 asked"),
        DetailItem("vouchers", "A, B"),
        DetailItem("id_checked", "", True),
        DetailItem("nothing", "—"),
        DetailItem("query", "by: id_number; typed: 1101**********0173"),
    )
    assert FULL_ID not in repr(view)
    assert area.back() is True
    assert area.page == "staff-audit" and area.view.entry is None and area.view.detail == ()


def test_detail_items_flatten_nested_values() -> None:
    assert detail_items({"q": {"a": 1, "b": ["x", "y"]}, "n": 3, "e": []}) == (
        DetailItem("q", "a: 1; b: x, y"),
        DetailItem("n", "3"),
        DetailItem("e", "—"),
    )


def test_the_check_runs_busy_then_shows_its_result_and_reads_the_log_again() -> None:
    area, load = opened()
    area.log_loaded(load, LogLoaded(page(3, 2, 1), ("staff.login",)))
    [run] = area.run_check()
    assert run == RunCheck("clerk1")
    assert area.page == "staff-audit-check" and area.view.busy
    assert area.run_check() == []  # already running
    result = check(ok=False)
    [reload] = area.checked(result)
    assert isinstance(reload, LoadLog)
    assert (reload.cursor, reload.viewer, reload.with_actions) == (None, None, True)
    assert area.view.check is result and not area.view.busy
    # The log read again behind the result: the check's own entry is on it; still on the check.
    area.log_loaded(reload, LogLoaded(page(4, 3, 2, 1), ("audit.checked", "staff.login")))
    assert area.page == "staff-audit-check" and area.view.check is result
    assert [e.seq for e in area.view.entries] == [4, 3, 2, 1]
    assert area.run_check() == [RunCheck("clerk1")]  # "Check again"
    area.check_failed(OSError("gone"))
    assert area.view.notice is AuditNotice.CHECK_NOT_RUN and not area.view.busy
    assert area.back() is True and area.page == "staff-audit" and area.view.notice is None


def test_a_check_result_after_leaving_its_page_is_kept_off_the_log() -> None:
    area, load = opened()
    area.log_loaded(load, LogLoaded(page(1), ()))
    area.run_check()
    assert area.back() is True  # Back while it runs
    [reload] = area.checked(check(ok=True))
    assert area.page == "staff-audit" and area.view.check is None
    area.log_loaded(reload, LogLoaded(page(2, 1), None))
    assert [e.seq for e in area.view.entries] == [2, 1]

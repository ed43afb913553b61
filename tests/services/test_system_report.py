"""The System report (kiosk.services.system_report): the self-test's clock rule, the versions,
disk, uptime and memory of this machine, the log's last 30 lines, and what the database tells
(its kind, its server, its newest audit entry, which the clock must not be behind)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.services.selftest import CLOCK_AHEAD_LIMIT, CLOCK_BEHIND_SLACK
from kiosk.services.system_report import (
    LOG_TAIL_LINES,
    ClockState,
    DatabaseFacts,
    database_facts,
    duration_words,
    judge_clock,
    process_uptime_s,
    system_report,
)
from kiosk.store.seal import AuditSeal

BUILT = dt.date(2026, 11, 1)
NOW = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("now", "newest", "state"),
    [
        (NOW, None, ClockState.OK),
        (NOW, NOW + CLOCK_BEHIND_SLACK - dt.timedelta(seconds=1), ClockState.OK),
        (NOW, NOW + CLOCK_BEHIND_SLACK + dt.timedelta(seconds=1), ClockState.WENT_BACK),
        (NOW, (NOW + dt.timedelta(days=1)).replace(tzinfo=None), ClockState.WENT_BACK),
        (dt.datetime(2026, 10, 31, 23, 59, tzinfo=dt.UTC), None, ClockState.BEFORE_BUILD),
        (dt.datetime(2026, 11, 1, tzinfo=dt.UTC), None, ClockState.OK),
        (
            dt.datetime(2026, 11, 1, tzinfo=dt.UTC) + CLOCK_AHEAD_LIMIT + dt.timedelta(days=1),
            None,
            ClockState.FAR_AHEAD,
        ),
    ],
    ids=[
        "fine",
        "within-slack",
        "went-back",
        "naive-audit-time",
        "before-build",
        "build-day",
        "ahead",
    ],
)
def test_the_clock_is_judged_by_the_self_tests_rule(
    now: dt.datetime, newest: dt.datetime | None, state: ClockState
) -> None:
    assert judge_clock(now, BUILT, newest) is state
    assert state.misdates is (state is not ClockState.OK)


def test_the_report_of_this_machine(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    log.write_text("".join(f"line {n}\n" for n in range(100)), encoding="utf-8")
    report = system_report(
        data_dir=tmp_path / "data",  # not made yet: the disk it would be on
        log_file=log,
        build_date=BUILT,
        qt_version="6.9.9",
        cups_version="2.4.7",
        database=DatabaseFacts("postgresql", "16.4", None),
        now=NOW,
    )
    versions = dict(report.versions)
    assert versions["qt"] == "6.9.9" and versions["cups"] == "2.4.7"
    assert versions["postgresql"] == "16.4" and versions["python"] and versions["sqlite"]
    assert list(versions)[:3] == ["kiosk", "python", "qt"]
    assert report.disk_free_bytes is not None and report.disk_total_bytes is not None
    assert 0 < report.disk_free_bytes <= report.disk_total_bytes
    assert report.memory_total_bytes and report.memory_available_bytes
    assert report.system_uptime_s and report.system_uptime_s > 0
    assert report.kiosk_uptime_s is None  # asked from outside the kiosk
    assert report.log_lines == tuple(f"line {n}" for n in range(100 - LOG_TAIL_LINES, 100))
    assert report.clock_state is ClockState.OK and report.ok
    document = json.loads(json.dumps(report.as_dict()))
    assert document["clock"]["state"] == "ok" and document["clock"]["problem"] is None
    assert document["log"]["lines"][-1] == "line 99" and document["ok"]
    lines = report.lines()
    assert "qt: 6.9.9" in lines and "postgresql: 16.4" in lines and lines[-1] == "result: OK"
    assert "  line 99" in lines


def test_sqlite_has_no_server_line_and_a_missing_log_is_said(tmp_path: Path) -> None:
    report = system_report(
        data_dir=tmp_path,
        log_file=tmp_path / "nowhere" / "kiosk.log",
        build_date=BUILT,
        database=DatabaseFacts("sqlite"),
        now=NOW,
        in_kiosk=True,
    )
    assert "postgresql" not in dict(report.versions)
    assert report.log_lines == () and "cannot open it" in (report.log_problem or "")
    assert report.kiosk_uptime_s is not None and report.kiosk_uptime_s >= 0


def test_a_clock_behind_the_audit_log_is_a_problem(tmp_path: Path) -> None:
    newest = NOW + dt.timedelta(hours=2)
    report = system_report(
        data_dir=tmp_path,
        log_file=tmp_path / "kiosk.log",
        build_date=BUILT,
        database=DatabaseFacts("sqlite", None, newest),
        now=NOW,
    )
    assert report.clock_state is ClockState.WENT_BACK and not report.ok
    assert report.as_dict()["clock"]["fix"].startswith("set the clock")
    assert any(line.startswith("clock: PROBLEM: ") for line in report.lines())
    assert report.lines()[-1] == "result: PROBLEMS"


def test_the_database_tells_its_kind_and_newest_audit_entry(
    demo_url: str, audit_seal: AuditSeal
) -> None:
    from kiosk.domain.journal import ActorKind, Outcome
    from kiosk.store.db import create_engine
    from kiosk.store.unitofwork import UnitOfWork

    engine = create_engine(demo_url)
    with UnitOfWork(engine, audit_seal) as uow:
        uow.audit.append(
            chain="T1",
            actor_kind=ActorKind.SYSTEM,
            actor="T1",
            action="test.entry",
            outcome=Outcome.OK,
            at=NOW,
            detail={},
        )
        uow.commit()
    engine.dispose()
    facts = database_facts(demo_url)
    assert facts.kind in ("sqlite", "postgresql") and facts.server_version
    assert facts.newest_audit_at is not None
    newest = facts.newest_audit_at.replace(tzinfo=facts.newest_audit_at.tzinfo or dt.UTC)
    assert newest == NOW


def test_a_database_that_is_not_there_tells_nothing_and_is_not_made(tmp_path: Path) -> None:
    assert database_facts(f"sqlite:///{tmp_path / 'k.db'}") == DatabaseFacts("sqlite")
    assert not (tmp_path / "k.db").exists()
    assert database_facts("postgresql://k:pw@127.0.0.1:1/x") == DatabaseFacts("postgresql")
    assert database_facts("garbage") == DatabaseFacts()


def test_words_for_durations_and_this_process_uptime() -> None:
    assert duration_words(None) == "?"
    assert duration_words(59) == "0 min"
    assert duration_words(3 * 3600 + 125) == "3 h 2 min"
    assert duration_words(2 * 86400 + 5 * 3600) == "2 d 5 h"
    assert process_uptime_s(None) is None
    mine = process_uptime_s(float(Path("/proc/uptime").read_text().split()[0]))
    assert mine is not None and 0 <= mine < 24 * 3600  # this test run started lately

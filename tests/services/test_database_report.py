"""The Database report (kiosk.services.database_report) on real databases: the demo set-up as
the kiosk leaves it (SQLite, and the same report on PostgreSQL where one answers), a schema
behind the program's, waiting outbox messages, a damaged file, a file that is not there, a
server that does not answer, a URL that cannot work; the password never in what it says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from selftest_helpers import prepare_demo

from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.database_report import DatabaseProblem, database_report
from kiosk.services.selftest import Verdict
from kiosk.store.db import create_engine
from kiosk.store.migrate import head_revision

NO_PHOTO_SSN = "440106197811230350"
REFUSED = "postgresql+psycopg://kiosk:s3cret-pw@127.0.0.1:1/sscard"  # nothing listens on port 1


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("database-report") / "data"
    prepare_demo(where)
    return where


@pytest.fixture
def data_dir(demo_folder: Path, tmp_path: Path) -> Path:
    where = tmp_path / "data"
    shutil.copytree(demo_folder, where)
    return where


def url_of(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kiosk.db'}"


def verdicts(report) -> dict[str, Verdict]:  # type: ignore[no-untyped-def]
    return {c.id: c.verdict for c in report.checks}


def test_the_demo_database_as_the_kiosk_leaves_it(data_dir: Path) -> None:
    report = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="DEMO01")
    assert report.problem is None and report.reachable and report.ok, report.lines()
    assert report.url == url_of(data_dir) and report.backend == "sqlite"
    assert report.revision == report.expected_revision == head_revision()
    assert report.round_trip_ms is not None and 0 <= report.round_trip_ms < 5000
    assert report.server_version  # SQLite's library version
    tables = dict(report.tables)
    assert tables["cardholders"] == 6 and tables["staff_accounts"] == 3
    assert tables["audit_log"] >= 1  # the keys recorded at the first start
    assert list(tables) == sorted(tables)
    assert verdicts(report) == dict.fromkeys(
        ("connection", "schema", "integrity", "audit_chain", "outbox"), Verdict.PASS
    )
    assert report.outbox_waiting == 0 and report.outbox_oldest_age_s is None
    lines = report.lines()
    assert lines[0] == f"database: {url_of(data_dir)}" and lines[-1] == "result: OK"
    assert any(line.startswith("audit chain: ok") for line in lines)
    assert any(line.startswith("rows: audit_heads ") for line in lines)
    document = json.loads(json.dumps(report.as_dict()))
    assert document["ok"] and document["tables"]["cardholders"] == 6
    assert document["revision_current"] and document["problem"] is None


def test_a_database_on_postgresql_is_reported_the_same_way(
    postgres_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import make_url

    url = postgres_factory.new("demo", tmp_path)
    try:
        report = database_report(url, data_dir=tmp_path, kiosk_id="BJCY01")
    finally:
        postgres_factory.drop(make_url(url).database or "")
    assert report.problem is None and report.backend == "postgresql", report.lines()
    assert report.revision_current and report.server_version
    assert dict(report.tables)["cardholders"] == 6
    assert verdicts(report)["integrity"] is Verdict.PASS
    assert "server checks its own pages" in report.checks[2].found


def test_a_schema_behind_the_program_fails_its_check(data_dir: Path) -> None:
    engine = create_engine(url_of(data_dir))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    engine.dispose()
    report = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="DEMO01")
    assert report.reachable and not report.ok and not report.revision_current
    assert report.revision == "0001"
    schema = next(c for c in report.checks if c.id == "schema")
    assert schema.verdict is Verdict.FAIL and "kiosk db upgrade" in schema.fix
    assert verdicts(report)["outbox"] is Verdict.SKIP
    assert report.lines()[-1] == "result: FAILED"


def test_old_outbox_messages_are_counted_and_warned_about(
    data_dir: Path, business_service: Callable[..., object]
) -> None:
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.store.seal import SealFiles

    now = dt.datetime.now(dt.UTC)
    engine = create_engine(url_of(data_dir))
    try:
        seal = open_audit_seal(engine, SealFiles.in_folder(data_dir), "DEMO01")
        service = business_service(
            engine, kiosk=KioskInfo("DEMO01", "x"), seal=seal, now=now - dt.timedelta(hours=3)
        )
        request = LossReportRequest(
            uuid.uuid4().hex, "DEMO01", NO_PHOTO_SSN, LossReportKind.TEMPORARY
        )
        service.report_loss(request)  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    report = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="DEMO01")
    assert report.outbox_waiting == 1
    assert report.outbox_oldest_age_s is not None and report.outbox_oldest_age_s >= 3 * 3600 - 60
    outbox = next(c for c in report.checks if c.id == "outbox")
    assert outbox.verdict is Verdict.WARN and "the oldest for 3 h" in outbox.found
    assert report.ok  # a warning, not a failure: the check still holds
    assert any(line.startswith("warning: 1 waiting") for line in report.lines())
    other = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="OTHER1")
    assert other.outbox_waiting == 0  # the kiosk's own messages only


def test_a_damaged_file_is_a_problem_found_not_unreachable(data_dir: Path) -> None:
    for extra in ("kiosk.db-wal", "kiosk.db-shm"):
        (data_dir / extra).unlink(missing_ok=True)
    (data_dir / "kiosk.db").write_bytes(b"this is not a database at all" * 200)
    report = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="DEMO01")
    assert report.problem is DatabaseProblem.DAMAGED and report.reachable and not report.ok
    assert "backup" in report.fix
    lines = report.lines()
    assert any(line.startswith("structure: DAMAGED: ") for line in lines), lines
    assert "  SQLite cannot read this file: restore the database from a backup" in lines
    assert lines[-1] == "result: FAILED"
    connection = next(c for c in report.checks if c.id == "connection")
    assert connection.verdict is Verdict.FAIL


def test_no_database_file_is_said_and_none_is_made(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    report = database_report(url, data_dir=tmp_path, kiosk_id="DEMO01")
    assert report.problem is DatabaseProblem.NO_DATABASE and not report.reachable
    assert not (tmp_path / "kiosk.db").exists()
    assert report.url == url and "start the kiosk once" in report.fix


def test_a_server_that_does_not_answer_is_unreachable_and_its_password_hidden(
    tmp_path: Path,
) -> None:
    report = database_report(REFUSED, data_dir=tmp_path, kiosk_id="DEMO01")
    assert report.problem is DatabaseProblem.UNREACHABLE and not report.reachable
    assert report.url == "postgresql+psycopg://kiosk:***@127.0.0.1:1/sscard"
    assert "refused" in report.reason.lower()
    assert "server runs" in report.fix
    assert report.checks == () and report.tables == () and not report.ok
    said = json.dumps(report.as_dict()) + "\n".join(report.lines())
    assert "s3cret-pw" not in said
    assert report.seconds < 10


def test_a_password_in_the_drivers_words_is_hidden(tmp_path: Path) -> None:
    from kiosk.services import database_report as module

    error = RuntimeError("could not connect to postgresql://kiosk:s3cret-pw@db.example/x")
    assert "s3cret-pw" not in module._said(error)
    assert "kiosk:***@db.example" in module._said(error)


def test_a_url_that_cannot_work_is_said_with_the_setting_to_fix(tmp_path: Path) -> None:
    report = database_report("garbage", data_dir=tmp_path, kiosk_id="DEMO01")
    assert report.problem is DatabaseProblem.BAD_URL and report.backend is None
    assert "database_url" in report.fix and "not a database URL" in report.reason


def test_the_report_is_frozen_and_its_json_shape_stable(data_dir: Path) -> None:
    report = database_report(url_of(data_dir), data_dir=data_dir, kiosk_id="DEMO01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.url = "x"  # type: ignore[misc]
    assert set(report.as_dict()) == {
        "url",
        "backend",
        "checked_at",
        "reachable",
        "problem",
        "reason",
        "fix",
        "server_version",
        "round_trip_ms",
        "revision",
        "expected_revision",
        "revision_current",
        "tables",
        "checks",
        "outbox",
        "check_ok",
        "check",
        "centre",  # None: standalone (a fleet kiosk's: tests/services/test_centre_report.py)
        "ok",
        "seconds",
    }

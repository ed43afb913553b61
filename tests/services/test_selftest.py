"""The self-test (kiosk.services.selftest): each check's pass, warn and fail on a real demo set-up
made as the kiosk makes it at start, with fakes for what a test cannot have (a printer out of
paper, pcscd down, a disk nearly full)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from selftest_helpers import prepare_demo

from drivers.idcard.mock import MockIdCardReader
from drivers.printers.base import Printer, PrinterState, PrinterStatus, PrintResult
from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.pdf import PdfPrinter
from drivers.readers.base import ReaderInfo, ReaderState
from drivers.readers.mock import MockReaderBackend
from kiosk.config import load_settings
from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest, Outcome
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.idcard_diag import probe_id_reader
from kiosk.services.selftest import (
    ACTION,
    NAMES,
    ReaderSurvey,
    SelftestSubject,
    Verdict,
    record_selftest,
    run_selftest,
    settings_failed,
)
from kiosk.services.technician_audit import Actor
from kiosk.store.audit import AuditRepository
from kiosk.store.db import create_engine, read_session

NO_PHOTO_SSN = "440106197811230350"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("selftest") / "data"
    prepare_demo(where)
    return where


@pytest.fixture
def data_dir(demo_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the prepared demo data folder."""
    where = tmp_path / "data"
    shutil.copytree(demo_template, where)
    return where


def mock_survey(backend: MockReaderBackend) -> Callable[[], ReaderSurvey]:
    return lambda: ReaderSurvey(backend.service_available, tuple(backend.readers()))


def subject(data_dir: Path, **changes: object) -> SelftestSubject:
    """The demo kiosk in `data_dir`: its PDF printer, a mock reader with nothing in it."""
    base = SelftestSubject(
        kiosk_id="DEMO01",
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'kiosk.db'}",
        hmac_key_file=data_dir / "voucher-signing.key",
        printer=lambda: PdfPrinter(data_dir / "printed"),
        readers=mock_survey(MockReaderBackend()),
        reader_kind="mock",
        build_date=dt.date(2026, 1, 1),
        # The time the test runs, not the time it was collected: the prepared demo's audit
        # entries are written when the first test needs them, minutes after collection.
        clock=lambda: dt.datetime.now(dt.UTC),
        # The demo's ID card reader (idcard_reader = "mock"), as the demo settings have it.
        id_reader=lambda: probe_id_reader(MockIdCardReader(), ""),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def verdicts(report) -> dict[str, Verdict]:  # type: ignore[no-untyped-def]
    return {c.id: c.verdict for c in report.checks}


def check(report, check_id: str):  # type: ignore[no-untyped-def]
    [found] = [c for c in report.checks if c.id == check_id]
    return found


# The whole run --------------------------------------------------------------------------------


def test_the_demo_set_up_passes_every_check_in_order(data_dir: Path) -> None:
    report = run_selftest(subject(data_dir))
    assert [c.id for c in report.checks] == list(NAMES)
    assert set(verdicts(report).values()) == {Verdict.PASS}, report.as_dict()
    assert report.verdict is Verdict.PASS and report.passed
    assert "answered in" in check(report, "database").found
    kinds = [d["kind"] for d in report.as_dict()["devices"]]
    assert kinds == ["card_reader", "id_card_reader", "receipt_printer", "back_end"]


def test_the_json_shape_is_plain_and_stable(data_dir: Path) -> None:
    data = json.loads(json.dumps(run_selftest(subject(data_dir)).as_dict()))
    assert set(data) == {"result", "passed", "started_at", "seconds", "checks", "devices"}
    assert data["result"] == "pass" and data["passed"] is True
    for item in data["checks"]:
        assert set(item) == {"id", "name", "verdict", "found", "fix"}
        assert item["verdict"] in {"pass", "warn", "fail", "skip"}
    for device in data["devices"]:
        assert set(device) == {"kind", "name", "state", "media", "since", "detail", "error"}


def test_bad_settings_fail_the_first_check_and_skip_the_rest() -> None:
    report = settings_failed("idle_seconds must be a number between 10 and 600, not inf")
    assert check(report, "settings").verdict is Verdict.FAIL
    assert "kiosk.toml" in check(report, "settings").fix
    assert {c.verdict for c in report.checks[1:]} == {Verdict.SKIP}
    assert not report.passed


# The data folder and the disk -----------------------------------------------------------------


def test_a_missing_data_folder_fails(tmp_path: Path) -> None:
    report = run_selftest(subject(tmp_path / "none"))
    assert check(report, "data_folder").verdict is Verdict.FAIL
    assert "does not exist" in check(report, "data_folder").found
    assert check(report, "database").verdict is Verdict.FAIL  # no kiosk.db there either
    assert {verdicts(report)[i] for i in ("schema", "audit_chain", "audit_key")} == {Verdict.SKIP}
    assert check(report, "disk").verdict is Verdict.PASS  # measured where the folder would be


def test_a_file_where_the_data_folder_should_be_fails(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    report = run_selftest(subject(tmp_path / "data"))
    assert check(report, "data_folder").verdict is Verdict.FAIL
    assert "is not a folder" in check(report, "data_folder").found


@pytest.mark.parametrize(
    ("free", "verdict"),
    [(5_000_000_000, Verdict.PASS), (500_000_000, Verdict.WARN), (50_000_000, Verdict.FAIL)],
)
def test_disk_free_warns_under_1_gb_and_fails_under_100_mb(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, free: int, verdict: Verdict
) -> None:
    usage = shutil.disk_usage(data_dir)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=free))
    found = check(run_selftest(subject(data_dir)), "disk")
    assert found.verdict is verdict
    assert (found.fix != "") is (verdict is not Verdict.PASS)


# The clock ------------------------------------------------------------------------------------


def test_a_clock_before_the_build_date_warns(data_dir: Path) -> None:
    found = check(
        run_selftest(subject(data_dir, build_date=NOW.date() + dt.timedelta(days=9))), "clock"
    )
    assert found.verdict is Verdict.WARN and "before this program was built" in found.found
    assert "timedatectl" in found.fix


def test_a_clock_absurdly_far_ahead_warns(data_dir: Path) -> None:
    ahead = NOW.replace(year=NOW.year + 30)
    found = check(run_selftest(subject(data_dir, clock=lambda: ahead)), "clock")
    assert found.verdict is Verdict.WARN and "far ahead" in found.found


def test_a_clock_behind_the_newest_audit_entry_warns(data_dir: Path) -> None:
    back = NOW - dt.timedelta(days=2)
    found = check(run_selftest(subject(data_dir, clock=lambda: back)), "clock")
    assert found.verdict is Verdict.WARN and "went back" in found.found


def test_the_clock_names_the_time_zone(data_dir: Path) -> None:
    found = check(run_selftest(subject(data_dir)), "clock")
    assert found.verdict is Verdict.PASS and "time zone" in found.found


# The card readers -----------------------------------------------------------------------------


def test_pcscd_down_fails_and_skips_the_reader_checks(data_dir: Path) -> None:
    report = run_selftest(subject(data_dir, readers=lambda: ReaderSurvey(False)))
    assert verdicts(report)["pcscd"] is Verdict.FAIL
    assert "systemctl start pcscd" in check(report, "pcscd").fix
    assert verdicts(report)["readers"] is verdicts(report)["reader"] is Verdict.SKIP
    assert not report.passed


def test_no_reader_fails(data_dir: Path) -> None:
    report = run_selftest(subject(data_dir, readers=lambda: ReaderSurvey(True, ())))
    assert verdicts(report)["readers"] is Verdict.FAIL
    assert "USB" in check(report, "readers").fix


def test_the_configured_reader_must_be_there(data_dir: Path) -> None:
    backend = MockReaderBackend(["ACS ACR39U 00 00"])
    report = run_selftest(
        subject(data_dir, readers=mock_survey(backend), reader_name="Virtual PCD 00 00")
    )
    found = check(report, "reader")
    assert found.verdict is Verdict.FAIL
    assert "'ACS ACR39U 00 00'" in found.fix and "reader_name" in found.fix
    report = run_selftest(
        subject(data_dir, readers=mock_survey(backend), reader_name="ACS ACR39U 00 00")
    )
    assert check(report, "reader").verdict is Verdict.PASS


def test_a_mute_card_in_the_configured_reader_fails_as_a_user_error(data_dir: Path) -> None:
    mute = ReaderInfo("R", ReaderState.CARD_MUTE, "mock")
    report = run_selftest(
        subject(data_dir, readers=lambda: ReaderSurvey(True, (mute,)), reader_name="R")
    )
    found = check(report, "reader")
    assert found.verdict is Verdict.FAIL and "user_error" in found.found
    assert "wrong way round" in found.fix


def test_the_demo_reader_is_not_checked_from_outside_the_kiosk(data_dir: Path) -> None:
    report = run_selftest(subject(data_dir, readers=None))
    assert {verdicts(report)[i] for i in ("pcscd", "readers", "reader")} == {Verdict.SKIP}
    assert report.passed


# The printer ----------------------------------------------------------------------------------


class _LowPaper(Printer):
    name = "cups"

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.READY, "printer receipt is ready", ("media-low-report",))

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        raise AssertionError("the self-test prints nothing")


@pytest.mark.parametrize(
    ("printer", "verdict", "words"),
    [
        (FakePrinter(Fault.OFFLINE), Verdict.FAIL, "offline"),
        (FakePrinter(Fault.NO_PAPER), Verdict.FAIL, "paper_out"),
        (FakePrinter(Fault.FAIL_MID_JOB), Verdict.FAIL, "hardware_error"),
        (_LowPaper(), Verdict.WARN, "paper_low"),
        (FakePrinter(), Verdict.PASS, "online, paper_ok"),
    ],
)
def test_the_printer_state_and_paper(
    data_dir: Path, printer: Printer, verdict: Verdict, words: str
) -> None:
    found = check(run_selftest(subject(data_dir, printer=lambda: printer)), "printer")
    assert found.verdict is verdict and words in found.found
    assert (found.fix != "") is (verdict is not Verdict.PASS)


def test_the_demo_printer_offline_fails_with_its_fix(data_dir: Path) -> None:
    from drivers.printers.faultable import FaultablePrinter

    printer = FaultablePrinter(PdfPrinter(data_dir / "printed"), Fault.OFFLINE)
    report = run_selftest(subject(data_dir, printer=lambda: printer))
    assert check(report, "printer").verdict is Verdict.FAIL and not report.passed


def test_a_file_where_the_pdf_folder_should_be_fails(data_dir: Path) -> None:
    shutil.rmtree(data_dir / "printed")
    (data_dir / "printed").write_text("")
    found = check(run_selftest(subject(data_dir)), "printer")
    assert found.verdict is Verdict.FAIL
    assert "kiosk's user" in found.fix


def test_a_printer_that_cannot_be_made_fails(data_dir: Path) -> None:
    def bad() -> Printer:
        raise ValueError("a CUPS queue name has no spaces")

    found = check(run_selftest(subject(data_dir, printer=bad)), "printer")
    assert found.verdict is Verdict.FAIL and "no spaces" in found.found


# The database ---------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_fails_and_skips_what_needs_one(data_dir: Path) -> None:
    for extra in ("-wal", "-shm"):
        (data_dir / f"kiosk.db{extra}").unlink(missing_ok=True)
    (data_dir / "kiosk.db").write_bytes(b"not a database at all" * 100)
    report = run_selftest(subject(data_dir))
    assert verdicts(report)["database"] is Verdict.FAIL
    assert "does not answer" in check(report, "database").found
    for skipped in ("schema", "integrity", "audit_chain", "outbox", "voucher_key", "audit_key"):
        assert verdicts(report)[skipped] is Verdict.SKIP


def _execute(data_dir: Path, sql: str) -> None:
    engine = create_engine(f"sqlite:///{data_dir / 'kiosk.db'}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(sql)
    finally:
        engine.dispose()


def test_an_old_schema_fails_and_the_chain_is_not_checked(data_dir: Path) -> None:
    _execute(data_dir, "UPDATE alembic_version SET version_num = '0005'")
    report = run_selftest(subject(data_dir))
    assert verdicts(report)["schema"] is Verdict.FAIL
    assert "kiosk db upgrade" in check(report, "schema").fix
    assert verdicts(report)["audit_chain"] is Verdict.SKIP


def test_a_database_others_can_read_fails_integrity(data_dir: Path) -> None:
    os.chmod(data_dir / "kiosk.db", 0o644)
    found = check(run_selftest(subject(data_dir)), "integrity")
    assert found.verdict is Verdict.FAIL and "kiosk.db" in found.found
    assert "chmod 600" in found.fix


def test_an_altered_audit_entry_fails_the_chain(data_dir: Path) -> None:
    _execute(data_dir, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
    found = check(run_selftest(subject(data_dir)), "audit_chain")
    assert found.verdict is Verdict.FAIL and "BROKEN" in found.found


def test_old_outbox_messages_warn(data_dir: Path, business_service: Callable[..., object]) -> None:
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.store.seal import SealFiles

    engine = create_engine(f"sqlite:///{data_dir / 'kiosk.db'}")
    try:
        seal = open_audit_seal(engine, SealFiles.in_folder(data_dir), "DEMO01")
        service = business_service(
            engine, kiosk=KioskInfo("DEMO01", "x"), seal=seal, now=NOW - dt.timedelta(hours=3)
        )
        request = LossReportRequest(
            uuid.uuid4().hex, "DEMO01", NO_PHOTO_SSN, LossReportKind.TEMPORARY
        )
        service.report_loss(request)  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    found = check(run_selftest(subject(data_dir)), "outbox")
    assert found.verdict is Verdict.WARN and "the oldest for 3 h" in found.found
    recent = check(
        run_selftest(subject(data_dir, clock=lambda: NOW - dt.timedelta(hours=2.5))), "outbox"
    )
    assert recent.verdict is Verdict.PASS and "1 waiting" in recent.found


# The keys -------------------------------------------------------------------------------------


def test_a_recorded_signing_key_that_is_missing_fails(data_dir: Path) -> None:
    (data_dir / "voucher-signing-ed25519.key").unlink()
    found = check(run_selftest(subject(data_dir)), "voucher_key")
    assert found.verdict is Verdict.FAIL and "restore the key file" in found.fix


def test_keys_not_made_yet_warn(tmp_path: Path) -> None:
    """A database migrated and seeded, the kiosk never started: it makes the keys then."""
    from kiosk.app import open_database
    from kiosk.demo.kit import demo_kit

    data_dir = tmp_path / "data"
    settings = load_settings(demo=True, environ={}, data_dir=str(data_dir))
    open_database(settings, demo_kit().seed).dispose()
    (data_dir / "printed").mkdir()
    report = run_selftest(subject(data_dir))
    assert verdicts(report)["voucher_key"] is verdicts(report)["audit_key"] is Verdict.WARN
    assert "next start" in check(report, "audit_key").found
    assert report.passed and report.verdict is Verdict.WARN
    assert record_selftest(subject(data_dir), report, actor=Actor("tech")) == (
        None,
        "no usable audit key",
    )
    assert not (data_dir / "audit-chain.key").exists()  # the self-test made nothing


def test_a_missing_audit_key_fails(data_dir: Path) -> None:
    (data_dir / "audit-chain.key").unlink()
    report = run_selftest(subject(data_dir))
    assert verdicts(report)["audit_key"] is Verdict.FAIL
    assert "restore it from the backup" in check(report, "audit_key").fix


def test_another_audit_key_fails(data_dir: Path) -> None:
    from kiosk.services.audit_seal import AUDIT_KEY
    from kiosk.services.signing_key import load_or_create_key

    (data_dir / "audit-chain.key").unlink()
    load_or_create_key(data_dir / "audit-chain.key", AUDIT_KEY)
    found = check(run_selftest(subject(data_dir)), "audit_key")
    assert found.verdict is Verdict.FAIL and "restore this kiosk's own key file" in found.fix


# The audit entry ------------------------------------------------------------------------------


def test_the_run_is_audited_with_the_technician_as_actor(data_dir: Path) -> None:
    here = subject(data_dir, readers=lambda: ReaderSurvey(False))
    report = run_selftest(here)
    seq, reason = record_selftest(here, report, actor=Actor("tech01"))
    assert seq is not None and reason == ""
    engine = create_engine(here.database_url)
    try:
        with read_session(engine) as session:
            [entry] = [e for e in AuditRepository(session).entries() if e.action == ACTION]
            count = session.scalar(sa.text("SELECT count(*) FROM audit_log"))
    finally:
        engine.dispose()
    assert (entry.actor_kind, entry.actor, entry.outcome) == (
        ActorKind.TECHNICIAN,
        "tech01",
        Outcome.FAILED,
    )
    assert entry.detail == {"result": "fail", "failed": ["pcscd"], "warnings": []}
    assert entry.seq == seq == count
    # Sealed and anchored like any entry: the next run's chain check holds it.
    assert check(run_selftest(subject(data_dir)), "audit_chain").verdict is Verdict.PASS

"""The records statement printed by the business service (flow 4): the PDF printer into a
temporary folder and the fake printer with faults, on a seeded SQLite back end. The paper shows
the masked ID number only, the year on screen, and never raises; every print is audited, and a
database gone away does not stop the print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.pdf import PdfPrinter
from kiosk.demo.seed import seed_demo
from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.domain.masking import mask_id_number, mask_name
from kiosk.domain.session import Records, YearOfContributions
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.business import BusinessService
from kiosk.store.audit import AuditRepository, verify_audit_chains
from kiosk.store.db import create_engine, read_session
from kiosk.store.migrate import upgrade
from kiosk.store.repositories import RecordsRepository
from kiosk.store.seal import AuditSeal

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
SSN, NAME = "110105198506120173", "王晓明"  # the demo "normal" card's holder


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("statement") / "template.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    seed_demo(engine, today=NOW.date())
    engine.dispose()
    return path


@pytest.fixture
def engine(template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "kiosk.db"
    shutil.copyfile(template, path)
    eng = create_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


def make_service(
    engine: Engine, seal: AuditSeal, printer: FakePrinter | PdfPrinter
) -> BusinessService:
    return BusinessService(
        engine, KIOSK, signing_key=b"k", audit_seal=seal, printer=printer, clock=lambda: NOW
    )


def load_records(engine: Engine, *years: int) -> Records:
    """The holder's records as CardSessionService.load_records gives them, with `years` (default:
    the newest) loaded."""
    with read_session(engine) as session:
        repo = RecordsRepository(session)
        all_years = tuple(sorted(repo.contribution_years(SSN), reverse=True))
        loaded = {
            y: YearOfContributions(y, tuple(repo.contributions(SSN, y)))
            for y in (years or all_years[:1])
        }
        return Records(
            name=NAME,
            ssn=SSN,
            enrolments=tuple(repo.enrolments(SSN)),
            accounts=tuple(repo.accounts(SSN)),
            years=all_years,
            contributions=loaded,
            work_history=tuple(repo.work_history(SSN)),
            qualifications=tuple(repo.qualifications(SSN)),
            injuries=tuple(repo.injury_assessments(SSN)),
        )


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def statement_entries(engine: Engine, seal: AuditSeal) -> list[AuditEntry]:
    with read_session(engine) as session:
        entries = AuditRepository(session).entries(chain=KIOSK.kiosk_id)
        assert verify_audit_chains(session, seal=seal, anchor=seal.anchor).problems == []
    return [e for e in entries if e.action == "statement.printed"]


def test_the_statement_prints_as_a_pdf_with_the_id_number_masked(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture, audit_seal: AuditSeal
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    service = make_service(engine, audit_seal, PdfPrinter(out))
    records = load_records(engine)
    caplog.set_level(logging.DEBUG)

    assert service.print_statement(records, records.years[0], "en") is PrintOutcome.PRINTED

    files = list(out.glob("*.pdf"))
    assert len(files) == 1
    # The job name is seen by the print queue: kiosk and time, nothing personal.
    assert files[0].name.startswith("statement-BJCY01-20261122T020000-")
    assert SSN not in files[0].name
    text = pdf_text(files[0])
    assert mask_id_number(SSN) in text and mask_name(NAME) in text
    assert SSN not in text and NAME not in text
    assert str(records.years[0]) in text
    assert "statement.printed" in caplog.text
    assert SSN not in caplog.text and NAME not in caplog.text


def test_the_year_on_screen_is_the_year_printed(
    engine: Engine, tmp_path: Path, audit_seal: AuditSeal
) -> None:
    newest = load_records(engine).years[0]
    older = newest - 1
    records = load_records(engine, newest, older)
    assert older in records.years
    printer = FakePrinter()
    service = make_service(engine, audit_seal, printer)

    assert service.print_statement(records, older, "zh_CN") is PrintOutcome.PRINTED
    path = tmp_path / "older.pdf"
    path.write_bytes(printer.jobs[-1].pdf)
    text = pdf_text(path)
    assert f"{older}年缴费记录" in text and f"{newest}年缴费记录" not in text


def test_a_year_not_loaded_is_never_replaced_by_another(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    """The print button named the year: printing the newest one instead would hand the citizen
    a statement of a year they did not ask for."""
    records = load_records(engine)  # the newest year only
    older = records.years[1]
    printer = FakePrinter()
    assert make_service(engine, audit_seal, printer).print_statement(records, older, "zh_CN") is (
        PrintOutcome.FAILED
    )
    assert printer.jobs == []


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        (Fault.NO_PAPER, PrintOutcome.OUT_OF_PAPER),
        (Fault.OFFLINE, PrintOutcome.PRINTER_OFFLINE),
        (Fault.FAIL_MID_JOB, PrintOutcome.FAILED),
    ],
)
def test_printer_trouble_is_the_outcome_never_an_exception(
    engine: Engine, fault: Fault, outcome: PrintOutcome, audit_seal: AuditSeal
) -> None:
    printer = FakePrinter(fault)
    records = load_records(engine)
    assert make_service(engine, audit_seal, printer).print_statement(records, None, "en") is outcome
    assert printer.jobs == []
    (entry,) = statement_entries(engine, audit_seal)
    assert entry.outcome is Outcome.FAILED and entry.detail["print"] == outcome.value


def test_a_printed_statement_is_audited_with_the_masked_actor(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    records = load_records(engine)
    printer = FakePrinter()
    service = make_service(engine, audit_seal, printer)
    assert statement_entries(engine, audit_seal) == []

    assert service.print_statement(records, records.years[0], "zh_CN") is PrintOutcome.PRINTED

    (entry,) = statement_entries(engine, audit_seal)
    assert entry.actor_kind is ActorKind.CITIZEN
    assert entry.actor == mask_id_number(SSN)
    assert entry.outcome is Outcome.OK
    assert entry.at == NOW
    assert entry.detail == {"year": records.years[0], "language": "zh_CN", "print": "printed"}
    assert SSN not in repr(entry) and NAME not in repr(entry)
    assert SSN not in printer.jobs[0].name


def test_the_statement_prints_when_the_database_is_away(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture, audit_seal: AuditSeal
) -> None:
    records = load_records(engine)  # read moments ago, before the database went away
    away = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'kiosk.db'}")
    printer = FakePrinter()
    caplog.set_level(logging.INFO)

    outcome = make_service(away, audit_seal, printer).print_statement(
        records, records.years[0], "en"
    )

    assert outcome is PrintOutcome.PRINTED and len(printer.jobs) == 1
    assert "statement.audit_failed" in caplog.text
    assert SSN not in caplog.text and NAME not in caplog.text


def test_a_statement_without_contributions_still_prints(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    records = dataclasses.replace(load_records(engine), years=(), contributions={})
    printer = FakePrinter()
    assert make_service(engine, audit_seal, printer).print_statement(records, None, "en") is (
        PrintOutcome.PRINTED
    )
    assert len(printer.jobs) == 1
    assert statement_entries(engine, audit_seal)[0].detail["year"] is None

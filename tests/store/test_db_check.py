"""`kiosk db check` is worth its name: each way of covering tracks that used to pass it now
fails it with a line saying what is wrong, and a damaged SQLite file is reported, not crashed on.

Most cases run `check_database` in-process on SQLite and PostgreSQL; a few run the real
`kiosk db check` as a subprocess (exit status, the report's lines, no traceback).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from desk_helpers import CLERK, make_desk
from sqlalchemy.engine import Engine
from tampering import recompute_chain

from kiosk.domain.business import CancellationRequest, PickupQuote, ReissueRequest
from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest, ReissueReason
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.cancellation import record_loss_cancellation
from kiosk.services.loss_report import record_loss_report
from kiosk.services.reissue import record_reissue
from kiosk.services.vouchers import record_voucher_print
from kiosk.store.audit import legacy_hash
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, sqlite_path
from kiosk.store.migrate import head_revision
from kiosk.store.seal import AuditSeal, SealFiles
from kiosk.store.unitofwork import UnitOfWork

KIOSK = "BJCY01"
NORMAL_SSN, NORMAL_CARD = "110105198506120173", "A1052103X"
LOSING_SSN, LOSING_CARD = "440106197811230350", "G44010629"
TEMP_LOSS_SSN, TEMP_LOSS_CARD = "650102198304150514", "X65010277"  # reported at a counter
EXPIRED_SSN, EXPIRED_CARD = "42010619561001013X", "H42010593"
QUOTE = PickupQuote(dt.date(2026, 12, 11), True, 15, 0)


def _key() -> str:
    return uuid.uuid4().hex


def do_business(engine: Engine, seal: AuditSeal) -> str:
    """One of each business, and a voucher print last; returns the printed voucher's number."""
    uow = UnitOfWork(engine, seal)
    first = record_loss_report(
        uow, LossReportRequest(_key(), KIOSK, NORMAL_SSN, LossReportKind.TEMPORARY)
    )
    record_loss_cancellation(uow, CancellationRequest(_key(), KIOSK, NORMAL_SSN, NORMAL_CARD))
    record_loss_cancellation(uow, CancellationRequest(_key(), KIOSK, TEMP_LOSS_SSN, TEMP_LOSS_CARD))
    lost = ReissueRequest(_key(), KIOSK, LOSING_SSN, LOSING_CARD, ReissueReason.LOST, "BJCY-01")
    record_reissue(uow, lost, pickup=QUOTE)
    damaged = ReissueRequest(
        _key(), KIOSK, EXPIRED_SSN, EXPIRED_CARD, ReissueReason.DAMAGED, "BJCY-01"
    )
    record_reissue(uow, damaged, pickup=QUOTE)
    record_voucher_print(
        uow,
        first.voucher_number,
        kiosk_id=KIOSK,
        actor_kind=ActorKind.CITIZEN,
        actor="1101**********0173",
    )
    return first.voucher_number


@pytest.fixture
def seal(demo_engine: Engine, tmp_path: Path) -> AuditSeal:
    """The kiosk's seal as start-up opens it: key and anchor in the data folder."""
    return open_audit_seal(demo_engine, SealFiles.in_folder(tmp_path / "data"), KIOSK)


def _tamper(engine: Engine, sqlite: str, postgresql: str | None = None) -> None:
    """Write as an intruder would: on SQLite with the sqlite3 module (foreign keys off, as the
    sqlite3 shell has them), on PostgreSQL with plain SQL."""
    if engine.dialect.name == "sqlite":
        path = sqlite_path(engine.url)
        engine.dispose()
        conn = sqlite3.connect(str(path))
        try:
            conn.executescript(sqlite)
        finally:
            conn.close()
        return
    with engine.connect() as conn:
        conn.execute(sa.text(postgresql or sqlite))
        conn.commit()


def _cut_last_entry() -> str:
    return (
        f"DELETE FROM audit_log WHERE chain = '{KIOSK}' AND seq = "
        f"(SELECT max(seq) FROM audit_log WHERE chain = '{KIOSK}');"
        f"UPDATE audit_heads SET seq = seq - 1, hash = (SELECT hash FROM audit_log "
        f"WHERE chain = '{KIOSK}' AND seq = audit_heads.seq - 1) WHERE chain = '{KIOSK}';"
    )


def _lines(engine: Engine, seal: AuditSeal) -> list[str]:
    report = check_database(engine, seal=seal)
    lines = report.lines()
    assert not report.ok and lines[-1] == "result: FAILED", lines
    return lines


def test_the_untouched_database_passes(demo_engine: Engine, seal: AuditSeal) -> None:
    do_business(demo_engine, seal)
    report = check_database(demo_engine, seal=seal)
    assert report.ok, report.lines()
    text = "\n".join(report.lines())
    assert "consistency: ok (transactions: 5, vouchers: 5, voucher prints: 1, " in text
    assert f"chain {KIOSK}: 6 entries, 6 sealed with this kiosk's key {seal.key_id}" in text
    assert "tables match the migrations" in text


def test_a_deleting_the_last_entry_and_moving_the_head_back(
    demo_engine: Engine, seal: AuditSeal
) -> None:
    number = do_business(demo_engine, seal)
    _tamper(demo_engine, _cut_last_entry())
    lines = _lines(demo_engine, seal)
    assert (
        f"  chain {KIOSK}: the anchor file says entry 6 was committed, the chain ends at entry 5: "
        "entries were cut from its end"
    ) in lines
    assert f"  print 0 of voucher {number} has no audit entry" in lines


def test_b_emptying_both_audit_tables(demo_engine: Engine, seal: AuditSeal) -> None:
    do_business(demo_engine, seal)
    _tamper(demo_engine, "DELETE FROM audit_log; DELETE FROM audit_heads;")
    lines = _lines(demo_engine, seal)
    assert (
        f"  chain {KIOSK}: the anchor file says entry 6 was committed; the database holds no "
        "entry of this chain"
    ) in lines
    assert any('has no "loss_report.recorded" audit entry' in line for line in lines), lines


@pytest.mark.parametrize("with_a_key_of_its_own", [False, True], ids=["unkeyed", "other-key"])
def test_c_rewriting_entry_1_and_recomputing_the_chain(
    demo_engine: Engine, seal: AuditSeal, with_a_key_of_its_own: bool
) -> None:
    do_business(demo_engine, seal)
    if with_a_key_of_its_own:  # keeps the key ids, seals with a key it made up
        forger = AuditSeal(secrets.token_bytes(32), seal.anchor)
        recompute_chain(demo_engine, KIOSK, "someone else", forger.mac)
        expected = f"  chain {KIOSK} entry 1: content does not match its seal"
    else:  # the unkeyed chain of old, which it can recompute
        recompute_chain(demo_engine, KIOSK, "someone else", legacy_hash)
        _tamper(
            demo_engine,
            "UPDATE audit_log SET key_id = NULL; UPDATE audit_heads SET legacy_seq = seq;",
        )
        expected = (
            f"  chain {KIOSK} entry 1: is not the entry the anchor file recorded: the chain was "
            "rewritten"
        )
    lines = _lines(demo_engine, seal)
    assert any(line.startswith(expected) for line in lines), lines


def test_d_deleting_every_loss_report_and_voucher(demo_engine: Engine, seal: AuditSeal) -> None:
    do_business(demo_engine, seal)
    _tamper(
        demo_engine,
        "DELETE FROM loss_reports; DELETE FROM vouchers;",
        "TRUNCATE loss_reports, vouchers CASCADE",
    )
    lines = _lines(demo_engine, seal)
    text = "\n".join(lines)
    assert "loss_report transaction " in text and " has no loss report" in text
    assert "reissue transaction " in text and " has no voucher" in text
    assert f"audit entry {KIOSK} #1 names voucher " in text
    assert "which its transaction does not have" in text


def test_e_setting_lost_cards_back_to_normal(demo_engine: Engine, seal: AuditSeal) -> None:
    do_business(demo_engine, seal)
    _tamper(demo_engine, "UPDATE cards SET status = 'normal' WHERE status = 'lost';")
    lines = _lines(demo_engine, seal)
    assert "  card G4*****29 is normal, but its last recorded status change made it lost" in lines


def test_f_dropping_the_vouchers_table(demo_engine: Engine, seal: AuditSeal) -> None:
    do_business(demo_engine, seal)
    _tamper(demo_engine, "DROP TABLE vouchers;", "DROP TABLE vouchers CASCADE")
    lines = _lines(demo_engine, seal)
    assert any(
        line.startswith(f"schema: {head_revision()}, but the tables differ from the migrations")
        for line in lines
    )
    assert "  table vouchers: missing" in lines
    assert "consistency: NOT CHECKED: the tables differ from the migrations" in lines
    assert "audit chain: ok" in lines  # what can still be checked, is


# --- damaged SQLite files ------------------------------------------------------------------------


def _truncate(path: Path) -> None:
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)


def _scribble_over_pages(path: Path) -> None:
    rng = random.Random(1)
    with path.open("r+b") as file:
        for offset in range(3 * 4096, path.stat().st_size, 7 * 4096):
            file.seek(offset + 100)
            file.write(rng.randbytes(2000))


def _overwrite_header(path: Path) -> None:
    with path.open("r+b") as file:
        file.write(b"X" * 100)


def _index_out_of_step(path: Path) -> None:
    """An index whose entries no longer match its table: SQLite reads the file, and its
    integrity check lists the rows."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, '(cardholder_id)', '(card_type)') "
            "WHERE name = 'ix_cards_cardholder_id'"
        )
        conn.commit()
    finally:
        conn.close()


DAMAGE = {
    "truncated": (_truncate, "structure: DAMAGED: database disk image is malformed"),
    "random-bytes-over-pages": (
        _scribble_over_pages,
        "structure: DAMAGED: database disk image is malformed",
    ),
    "header-overwritten": (_overwrite_header, "structure: DAMAGED: file is not a database"),
    "index-out-of-step": (_index_out_of_step, "  row 1 missing from index ix_cards_cardholder_id"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_is_reported(sqlite_url: str, damage: str) -> None:
    path = sqlite_path(sqlite_url)
    assert path is not None
    spoil, expected = DAMAGE[damage]
    spoil(path)
    engine = create_engine(sqlite_url)
    try:
        report = check_database(engine)
    finally:
        engine.dispose()
    lines = report.lines()
    assert expected in lines and lines[-1] == "result: FAILED" and not report.ok, lines


def _kiosk(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


@pytest.mark.parametrize("damage", ["truncated", "header-overwritten"])
def test_db_check_on_a_damaged_file_says_so_and_exits_1(
    sqlite_url: str, tmp_path: Path, damage: str
) -> None:
    path = sqlite_path(sqlite_url)
    assert path is not None
    spoil, expected = DAMAGE[damage]
    spoil(path)
    done = _kiosk("db", "check", "--url", sqlite_url, data_dir=tmp_path / "data")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert expected in lines
    assert "  SQLite cannot read this file: restore the database from a backup" in lines
    assert "result: FAILED" in lines


def _busy_sqlite(sqlite_url: str, data: Path) -> None:
    engine = create_engine(sqlite_url)
    try:
        do_business(engine, open_audit_seal(engine, SealFiles.in_folder(data), KIOSK))
    finally:
        engine.dispose()


def test_db_check_command_passes_then_finds_a_cut_tail(sqlite_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _busy_sqlite(sqlite_url, data)
    done = _kiosk("db", "check", "--url", sqlite_url, data_dir=data)
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert "result: OK" in lines
    modes = next(line for line in lines if line.startswith("file mode: "))
    assert modes.startswith("file mode: ok (kiosk.db") and modes.endswith(
        "audit-chain.key, audit-anchor.log: owner only)"
    )
    assert "audit key: ok (audit-chain.key), key id " in done.stdout

    engine = create_engine(sqlite_url)
    _tamper(engine, _cut_last_entry())
    done = _kiosk("db", "check", "--url", sqlite_url, data_dir=data)
    assert done.returncode == 1
    assert "audit chain: BROKEN" in done.stdout.splitlines()
    assert "entries were cut from its end" in done.stdout


def test_db_check_without_the_key_or_with_open_modes_fails(sqlite_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _busy_sqlite(sqlite_url, data)
    (data / "audit-anchor.log").chmod(0o644)
    (data / "audit-chain.key").unlink()
    done = _kiosk("db", "check", "--url", sqlite_url, data_dir=data)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert (
        "file mode: audit-anchor.log is accessible to group or others (mode 0644, want 0600)"
        in lines
    )
    assert (
        f"audit key: {data / 'audit-chain.key'} does not exist: the audit chain cannot be "
        "verified without it"
    ) in lines
    assert any(
        line.startswith("audit chain: CANNOT BE VERIFIED without the audit key") for line in lines
    )


def test_g_changing_a_reimbursement_behind_its_audit_entry(
    demo_engine: Engine, seal: AuditSeal
) -> None:
    desk = make_desk(demo_engine, seal)
    number, _ = desk.reissue()
    desk.desk.record_reimbursement(
        CLERK, number, amount_fen=12_345, reviewer="Wang Fang", reviewed_on=dt.date(2026, 12, 5)
    )
    report = check_database(demo_engine, seal=seal)
    assert report.ok, report.lines()
    assert "reimbursements: 1, " in "\n".join(report.lines())
    _tamper(demo_engine, "UPDATE medical_reimbursements SET amount_fen = 123450;")
    lines = _lines(demo_engine, seal)
    assert f"  the reimbursement of voucher {number} has no audit entry recording its amount" in (
        lines
    )
    assert any(
        line.endswith(f"records a reimbursement of voucher {number} that is not in the database")
        for line in lines
    ), lines

"""R5 and R4 under SIGKILL: a process writing loss reports in a loop is killed 200 times at
random moments, half of them aimed at the moment a COMMIT goes to SQLite. Afterwards the
SQLite file passes `PRAGMA integrity_check`, every loss report has its voucher, audit entry and
outbox message or none of them, the audit chain is whole, and the submit that was under way at
each kill, retried with its key as a restarted kiosk would, exists exactly once. `kiosk db check`
passes as a whole: a kill between a COMMIT and its anchor line leaves the anchor one commit
behind, which it allows.

The writers are forked by crash_writer.py, so 200 kills take seconds. $KIOSK_CRASH_KILLS
changes the number.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.domain.errors import CardNotReportable
from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.loss_report import record_loss_report
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, read_session
from kiosk.store.migrate import upgrade
from kiosk.store.models import Cardholder
from kiosk.store.seal import AuditSeal, SealFiles
from kiosk.store.synthetic import seed_synthetic
from kiosk.store.unitofwork import UnitOfWork

KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "200"))
KIOSK = "CRASH1"  # as in crash_writer.py
SERVER = Path(__file__).with_name("crash_writer.py")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _wait_for(log: Path, marker: bytes, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and marker in log.read_bytes():
            return
        time.sleep(0.0002)
    raise AssertionError(f"the writer never wrote {marker!r}")


def _check_database(url: str, seal: AuditSeal) -> tuple[dict[str, int], int]:
    """Structural checks; returns the keys present and the number of loss reports."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            q = conn.exec_driver_sql
            assert [r[0] for r in q("PRAGMA integrity_check")] == ["ok"]
            assert list(q("PRAGMA foreign_key_check")) == []
            keys = {key: 1 for (key,) in q("SELECT idempotency_key FROM transactions")}
            loss_reports = q("SELECT count(*) FROM loss_reports").scalar() or 0
            # Each loss report has its voucher, audit entry, outbox message, status change...
            for part in (
                "vouchers v ON v.transaction_id = t.id",
                "audit_log a ON a.transaction_key = t.idempotency_key",
                "outbox o ON o.transaction_id = t.id",
                "card_status_changes c ON c.transaction_id = t.id",
            ):
                missing = q(
                    "SELECT count(*) FROM loss_reports lr "
                    "JOIN transactions t ON t.id = lr.transaction_id "
                    f"LEFT JOIN {part} WHERE {part.split()[1]}.id IS NULL"
                ).scalar()
                assert missing == 0, f"loss reports without {part.split()[0]}"
            # ...and nothing exists without its loss report.
            for table, link in (
                ("transactions", "lr.transaction_id = x.id"),
                ("vouchers", "lr.transaction_id = x.transaction_id"),
                ("outbox", "lr.transaction_id = x.transaction_id"),
            ):
                orphans = q(
                    f"SELECT count(*) FROM {table} x LEFT JOIN loss_reports lr ON {link} "
                    "WHERE lr.id IS NULL"
                ).scalar()
                assert orphans == 0, f"{table} rows without a loss report"
            assert q("SELECT count(*) FROM audit_log").scalar() == loss_reports
            conn.rollback()
        report = check_database(engine, seal=seal)
        assert report.ok, "\n".join(report.lines())
    finally:
        engine.dispose()
    return keys, loss_reports


def test_sigkill_during_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    engine = create_engine(url)
    upgrade(engine)
    seed_synthetic(engine, 4000, months=0, batch=4000)
    with read_session(engine) as session:
        ssns = list(session.scalars(sa.select(Cardholder.ssn)))
    (tmp_path / "ssns.txt").write_text("\n".join(ssns))
    seal = open_audit_seal(engine, SealFiles.in_folder(tmp_path), KIOSK)
    uow = UnitOfWork(engine, seal)
    rng = random.Random(5)
    expected: dict[str, int] = {}  # key -> number of transactions it must have: 1 or 0
    in_flight_committed = in_flight_lost = 0

    server = subprocess.Popen(
        [sys.executable, str(SERVER), url, str(tmp_path / "ssns.txt"), str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    started = time.perf_counter()
    try:
        for round_ in range(KILLS):
            log = tmp_path / f"writer-{round_}.log"
            server.stdin.write(f"{round_} {log}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline().split()[1])
            _wait_for(log, b"ready\n")
            if round_ % 2:
                # Anywhere in the loop: statements, BEGIN, COMMIT, between transactions.
                time.sleep(rng.uniform(0.0, 0.04))
            else:
                # Aimed at a COMMIT: the writer is about to commit, or is committing.
                _wait_for(log, b"commit\n")
                time.sleep(rng.uniform(0.0, 0.002))
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline() == "reaped\n"

            pending: tuple[str, str, str] | None = None
            for line in log.read_text().split("\n")[:-1]:  # the last piece may be cut off
                word, *rest = line.split(" ")
                if word == "commit":
                    continue
                if word == "try":
                    pending = (rest[0], rest[1], rest[2])
                elif word in ("done", "refused"):
                    expected[rest[0]], pending = (1 if word == "done" else 0), None
            log.unlink()
            if pending is not None:
                # A restarted kiosk submits the same request under the same key (R4).
                key, ssn, kind = pending
                request = LossReportRequest(key, KIOSK, ssn, LossReportKind(kind))
                try:
                    receipt = record_loss_report(uow, request)
                except CardNotReportable:
                    expected[key] = 0
                else:
                    expected[key] = 1
                    in_flight_committed += receipt.replayed
                    in_flight_lost += not receipt.replayed
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        engine.dispose()
    elapsed = time.perf_counter() - started

    keys, loss_reports = _check_database(url, seal)
    wrong = {k: v for k, v in expected.items() if keys.get(k, 0) != v}
    assert not wrong, f"{len(wrong)} keys with the wrong number of transactions"
    assert set(keys) <= set(expected), "a transaction under a key nobody submitted"
    assert loss_reports == sum(expected.values()) > 0
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s, {loss_reports} loss reports; the submit under way "
        f"at a kill had committed {in_flight_committed} times, not yet {in_flight_lost} times"
    )

"""Fork server for test_crash_safety: a clean, single-threaded process that has imported the
store once and forks a loss-report writer on request, so each of the 200 kills costs a fork, not
an interpreter start. Not a test module; the crash test runs it.

    crash_writer.py URL SSN_FILE DATA_DIR   (DATA_DIR: the audit key and anchor file)
    stdin:  "<seed> <log path>" per writer    stdout: "pid <pid>", then "reaped" once it died

Each writer appends to its log: "ready", then for every submit "try <key> <ssn> <kind>" before
it, "commit" just before its COMMIT, and "done <key>" or "refused <key>" after it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from kiosk.domain.errors import CardNotReportable
from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.services import loss_report
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.loss_report import record_loss_report
from kiosk.store.db import create_engine, read_session
from kiosk.store.models import Cardholder
from kiosk.store.seal import AuditSeal, SealFiles
from kiosk.store.unitofwork import UnitOfWork

KIOSK = "CRASH1"


def request(key: str, ssn: str, kind: str) -> LossReportRequest:
    return LossReportRequest(key, KIOSK, ssn, LossReportKind(kind))


def warm_up(engine: Engine, seal: AuditSeal, ssn: str) -> None:
    """Run a whole loss report once and roll it back: the statements are compiled and cached on
    the engine, which every writer inherits, so a writer's first submit is as fast as any."""
    with UnitOfWork(engine, seal) as uow:
        request_ = request(uuid.uuid4().hex, ssn, "temporary")
        loss_report._write_loss_report(uow, request_, "warm-up", dt.datetime.now(dt.UTC))
    engine.dispose()  # no connection crosses the fork


def writer(engine: Engine, seal: AuditSeal, ssns: list[str], log_path: str, seed: int) -> None:
    try:
        out = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        # Says when a COMMIT is about to go to SQLite, so the test can aim kills at commits.
        event.listen(engine, "commit", lambda _conn: os.write(out, b"commit\n"))
        with read_session(engine) as session:  # connect (and recover) before the clock starts
            session.execute(sa.select(Cardholder.id).limit(1))
        uow = UnitOfWork(engine, seal)
        rng = random.Random(seed)
        os.write(out, b"ready\n")
        while True:
            key = uuid.uuid4().hex
            ssn, kind = rng.choice(ssns), rng.choice(("temporary", "final"))
            os.write(out, f"try {key} {ssn} {kind}\n".encode())
            try:
                record_loss_report(uow, request(key, ssn, kind))
                os.write(out, f"done {key}\n".encode())
            except CardNotReportable:
                os.write(out, f"refused {key}\n".encode())
    finally:
        os._exit(1)  # killed, normally; never return into the server loop


def main() -> None:
    url, ssn_file, data_dir = sys.argv[1:4]
    ssns = Path(ssn_file).read_text().split()
    engine = create_engine(url)
    seal = open_audit_seal(engine, SealFiles.in_folder(Path(data_dir)), KIOSK)
    warm_up(engine, seal, ssns[0])
    for line in sys.stdin:
        seed, log_path = line.split()
        pid = os.fork()
        if pid == 0:
            writer(engine, seal, ssns, log_path, int(seed))
        print(f"pid {pid}", flush=True)
        os.waitpid(pid, 0)
        print("reaped", flush=True)


if __name__ == "__main__":
    main()

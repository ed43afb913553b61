"""One kiosk of `kiosk fleet bench`, as its own process: `python -m kiosk.commands.fleet_worker
SPEC.json`. It writes temporary loss reports through the real local use case
(kiosk.services.loss_report.record_loss_report: transaction, card status, voucher, sealed audit
entry and outbox message in one SQLite transaction) as fast as it can, one card after another,
until the spec's `write_until` (a time.time()), while its OutboxSender thread delivers them to
the centre. Then it drains: it exits 0 once its outbox is empty, or 1 at `drain_until`.

Killed (SIGKILL) and started again on the same local database, it carries on: the cards already
reported are skipped (their local status says so) and the sender re-sends what was not marked.
Kept lean for 50 processes on a small machine: no Qt, no ReportLab, no settings.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any


def main(spec_path: str) -> int:
    import sqlalchemy as sa

    from kiosk.domain.errors import CardNotReportable
    from kiosk.domain.journal import LossReportKind, LossReportRequest
    from kiosk.domain.records import CardStatus
    from kiosk.services.loss_report import record_loss_report
    from kiosk.services.outbox_sender import OutboxSender
    from kiosk.store import models as m
    from kiosk.store.central.client import CentreClient
    from kiosk.store.db import create_engine
    from kiosk.store.repositories.outbox import OutboxRepository
    from kiosk.store.seal import AnchorLog, AuditSeal
    from kiosk.store.unitofwork import UnitOfWork

    spec: dict[str, Any] = json.loads(Path(spec_path).read_text())
    kiosk_id: str = spec["kiosk_id"]
    engine = create_engine(spec["local_url"])
    seal = AuditSeal(bytes.fromhex(spec["audit_key"]), AnchorLog(Path(spec["anchor"])))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    centre = CentreClient(spec["central_url"])
    sender = OutboxSender(
        engine, centre, kiosk_id, batch=int(spec["batch"]), poll_s=float(spec["poll_s"])
    )
    thread = threading.Thread(target=sender.run, args=(stop,), name="sender", daemon=True)
    thread.start()

    with engine.connect() as conn:
        todo = conn.execute(
            sa.select(m.Cardholder.ssn, m.Card.card_number)
            .join(m.Card, m.Card.cardholder_id == m.Cardholder.id)
            .where(m.Card.status == CardStatus.NORMAL)
            .order_by(m.Card.id)
        ).all()
    uow = UnitOfWork(engine, seal)
    # Ready; the bench says when to write (after every kiosk has started: 50 Python
    # start-ups take seconds of CPU) in its `go` file: "write_from write_until drain_until".
    Path(spec["ready"]).touch()
    go = Path(spec["go"])
    while not go.exists():
        time.sleep(0.05)
    write_from, write_until, drain_until = (float(x) for x in go.read_text().split())
    time.sleep(max(0.0, write_from - time.time()))
    written = 0
    for ssn, number in todo:
        if stop.is_set() or time.time() >= write_until:
            break
        request = LossReportRequest(
            idempotency_key=str(uuid.uuid4()),
            kiosk_id=kiosk_id,
            ssn=ssn,
            kind=LossReportKind.TEMPORARY,
            card_number=number,
        )
        try:
            record_loss_report(uow, request)
        except CardNotReportable:
            continue
        written += 1
        sender.nudge()

    code = 1
    while not stop.is_set() and time.time() < drain_until:
        with UnitOfWork(engine) as read:
            if OutboxRepository(read.session).queue()[0] == 0:
                code = 0
                break
        sender.nudge()
        time.sleep(0.1)
    stop.set()
    thread.join(5)
    with contextlib.suppress(Exception):
        centre.close()
    engine.dispose()
    print(json.dumps({"kiosk_id": kiosk_id, "written": written, "pid": os.getpid()}))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

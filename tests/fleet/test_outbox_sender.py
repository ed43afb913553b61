"""The outbox sender against an in-process centre that honours the contract: batches oldest
first, marked sent only after the centre answered, order kept, exactly once when a batch is
delivered twice, backoff that grows and resets, and nothing personal in the log."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from fake_centre import FakeCentre
from sqlalchemy.engine import Engine

from kiosk.domain.fleet import CentreState
from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.services.loss_report import record_loss_report
from kiosk.services.outbox_sender import Backoff, OutboxSender, error_kind
from kiosk.store import models as m
from kiosk.store.db import create_engine
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

KIOSK = "BJCY01"
NORMAL_SSN = "110105198506120173"
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def local(sqlite_url: str) -> Iterator[Engine]:
    engine = create_engine(sqlite_url)
    yield engine
    engine.dispose()


def add_messages(engine: Engine, n: int) -> list[str]:
    """n outbox rows as a business writes them; returns their idempotency keys."""
    keys = [str(uuid.uuid4()) for _ in range(n)]
    with UnitOfWork(engine) as uow:
        for i, key in enumerate(keys):
            uow.outbox.add(
                "loss_report",
                {"idempotency_key": key, "ssn": NORMAL_SSN, "n": i},
                at=T0 + dt.timedelta(seconds=i),
                transaction_id=None,
            )
        uow.commit()
    return keys


def pending(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.outbox.queue()[0]


def sender(engine: Engine, centre: FakeCentre, **kw: object) -> OutboxSender:
    kw.setdefault("rng", random.Random(7))
    return OutboxSender(engine, centre, KIOSK, clock=lambda: T0, **kw)  # type: ignore[arg-type]


def test_batches_go_oldest_first_and_are_marked_sent(local: Engine) -> None:
    keys = add_messages(local, 7)
    centre = FakeCentre()
    s = sender(local, centre, batch=3)
    results = [s.send_once() for _ in range(4)]
    assert [r.sent for r in results] == [3, 3, 1, 0]
    assert [r.more for r in results] == [True, True, False, False]
    assert [msg["key"] for msg in centre.applied] == [f"loss_report:{k}" for k in keys]
    seqs = [msg["seq"] for msg in centre.applied]
    assert seqs == sorted(seqs) and len(set(seqs)) == 7
    assert centre.applied[0]["payload"]["n"] == 0
    assert centre.applied[0]["created_at"] == T0.isoformat()
    assert pending(local) == 0
    status = s.status()
    assert status.state is CentreState.ONLINE and status.queued == 0
    assert status.last_sent_at == T0


def test_the_chain_head_travels_with_the_batch(local: Engine, audit_seal: AuditSeal) -> None:
    record_loss_report(
        UnitOfWork(local, audit_seal),
        LossReportRequest(str(uuid.uuid4()), KIOSK, NORMAL_SSN, LossReportKind.TEMPORARY),
    )
    centre = FakeCentre()
    assert sender(local, centre).send_once().applied == 1
    (head,) = centre.heads
    assert head is not None and head["chain"] == KIOSK and head["seq"] >= 1
    with UnitOfWork(local) as uow:
        stored = uow.session.get(m.AuditHead, KIOSK)
        assert stored is not None and head["hash"] == stored.hash
    payload = centre.applied[0]["payload"]
    assert payload["ssn"] == NORMAL_SSN and payload["status"] == "temporary_loss"


def test_nothing_marked_when_the_centre_is_away(local: Engine) -> None:
    add_messages(local, 2)
    centre = FakeCentre()
    centre.down = True
    s = sender(local, centre)
    result = s.send_once()
    assert result.sent == 0 and result.error and "CentreUnreachable" in result.error
    assert pending(local) == 2
    assert s.status().state is CentreState.UNREACHABLE and s.status().queued == 2
    with UnitOfWork(local) as uow:
        attempts = uow.session.scalars(sa.select(m.OutboxMessage.attempts)).all()
        assert attempts == [1, 1]
    centre.down = False
    assert s.send_once().applied == 2 and pending(local) == 0
    assert s.status().state is CentreState.ONLINE
    centre.refuse = True
    add_messages(local, 1)
    assert s.send_once().error is not None
    assert s.status().state is CentreState.REJECTED


def test_a_batch_delivered_twice_is_applied_once(local: Engine) -> None:
    """The acknowledgement is lost (the local mark never happens): the next sender sends the
    same batch again, and the centre drops every message of it."""
    add_messages(local, 4)
    centre = FakeCentre()

    def lost_ack(_messages: object) -> None:
        raise KeyboardInterrupt  # the process dies between the centre's commit and the mark

    with pytest.raises(KeyboardInterrupt):
        sender(local, centre, after_submit=lost_ack).send_once()
    assert len(centre.applied) == 4 and pending(local) == 4
    again = sender(local, centre).send_once()
    assert (again.sent, again.applied, again.duplicates) == (4, 0, 4)
    assert len(centre.applied) == 4 and len(centre.keys) == 4 and pending(local) == 0


def test_order_is_kept_across_failures(local: Engine) -> None:
    add_messages(local, 10)
    centre = FakeCentre()
    s = sender(local, centre, batch=2)
    for i in range(12):
        centre.fail_next = i % 2
        s.send_once()
    seqs = [msg["seq"] for msg in centre.applied]
    assert len(seqs) == 10 and seqs == sorted(seqs) and pending(local) == 0


def test_backoff_grows_to_its_cap_with_jitter() -> None:
    b = Backoff(first=0.5, longest=30.0)
    assert [b.ceiling(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert b.ceiling(10_000) == 30
    rng = random.Random(1)
    delays = [b.delay(3, rng) for _ in range(200)]
    assert all(2.0 <= d <= 4.0 for d in delays) and len(set(delays)) > 100


def test_the_loop_backs_off_while_away_and_resets_once_delivered(local: Engine) -> None:
    add_messages(local, 3)
    centre = FakeCentre()
    centre.down = True
    s = sender(local, centre, backoff=Backoff(first=0.02, longest=0.08), poll_s=0.05)
    stop = threading.Event()
    thread = threading.Thread(target=s.run, args=(stop,))
    thread.start()
    try:
        time.sleep(0.4)
        away_calls = centre.calls
        # 0.02, 0.04, 0.08, 0.08...: a handful of attempts, not a busy loop.
        assert 3 <= away_calls <= 12 and s.failures == away_calls
        centre.down = False
        deadline = time.monotonic() + 2
        while pending(local) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pending(local) == 0 and s.failures == 0
        keys = add_messages(local, 1)
        assert s.wait_sent(keys[0], timeout=2)  # nudged: faster than a poll would allow
    finally:
        s.stop()
        thread.join(2)
    assert not thread.is_alive()
    assert len(centre.applied) == 4


def test_stop_event_ends_a_backoff_quickly(local: Engine) -> None:
    add_messages(local, 1)
    centre = FakeCentre()
    centre.down = True
    s = sender(local, centre, backoff=Backoff(first=30, longest=30), sleep_slice_s=0.02)
    stop = threading.Event()
    thread = threading.Thread(target=s.run, args=(stop,))
    thread.start()
    time.sleep(0.1)
    started = time.monotonic()
    stop.set()
    thread.join(2)
    assert not thread.is_alive() and time.monotonic() - started < 0.5


def test_the_log_holds_no_personal_data(local: Engine, caplog: pytest.LogCaptureFixture) -> None:
    add_messages(local, 2)
    centre = FakeCentre()
    caplog.set_level(logging.DEBUG, logger="kiosk.services.outbox_sender")
    s = sender(local, centre)
    centre.down = True
    s.send_once()
    centre.down = False
    s.send_once()
    assert "outbox.sent" in caplog.text and "outbox.send_failed" in caplog.text
    assert NORMAL_SSN not in caplog.text
    assert error_kind(ValueError(f"bad ssn {NORMAL_SSN}")) == "ValueError: bad ssn ***"

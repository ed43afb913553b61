"""The sender against the real centre on PostgreSQL: a crash between the centre's commit and the
local mark (a `kiosk fleet send` process SIGKILLed there), the centre dropping the sender's
connection mid-run, a TCP cut mid-batch, and the bench through the real entry point. Each
time: nothing lost, nothing applied twice."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import Engine, make_url

from kiosk.commands.fleet import CRASH_AFTER_SUBMIT_ENV
from kiosk.commands.fleet_proxy import TcpProxy
from kiosk.services.outbox_sender import Backoff, OutboxSender
from kiosk.store.db import create_engine
from kiosk.store.unitofwork import UnitOfWork

admin = pytest.importorskip("kiosk.store.central.admin")  # the centre branch
client = pytest.importorskip("kiosk.store.central.client")
if not hasattr(client, "CentreClient"):
    pytest.skip("the centre branch is not merged yet", allow_module_level=True)

KIOSK = "SNDR01"


@pytest.fixture
def centre(postgres_factory: Any, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh centre (init under a random prefix) with one kiosk; its roles dropped after."""
    url = postgres_factory.new("empty", tmp_path)
    prefix = f"t{secrets.token_hex(4)}"
    admin.init(url, prefix)
    kiosk_url = admin.add_kiosk(url, prefix, KIOSK)
    try:
        yield {"admin": url, "kiosk": kiosk_url, "prefix": prefix}
    finally:
        admin.drop(url, prefix)
        postgres_factory.drop(make_url(url).database or "")


@pytest.fixture
def local(sqlite_url: str) -> Iterator[Engine]:
    engine = create_engine(sqlite_url)
    yield engine
    engine.dispose()


def add_messages(engine: Engine, n: int) -> list[str]:
    """Messages of an unknown topic: stored at the centre with an alert, no registry needed."""
    keys = [str(uuid.uuid4()) for _ in range(n)]
    with UnitOfWork(engine) as uow:
        for key in keys:
            uow.outbox.add("bench_note", {"idempotency_key": key}, at=_now(), transaction_id=None)
        uow.commit()
    return keys


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def at_centre(admin_url: str) -> list[tuple[str, int]]:
    u = make_url(admin_url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True
    ) as conn:
        return conn.execute("SELECT key, seq FROM fleet.messages ORDER BY seq").fetchall()


def pending(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.outbox.queue()[0]


def exactly_once(centre: dict[str, str], keys: list[str]) -> None:
    rows = at_centre(centre["admin"])
    got = [key for key, _ in rows]
    assert sorted(got) == sorted(f"bench_note:{k}" for k in keys)  # none lost, none twice
    assert [seq for _, seq in rows] == sorted(seq for _, seq in rows)


def test_a_sender_killed_between_commit_and_mark(
    centre: dict[str, str], local: Engine, sqlite_url: str, tmp_path: Path
) -> None:
    keys = add_messages(local, 5)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'kiosk_id = "{KIOSK}"\ndatabase_url = "{sqlite_url}"\n')
    command = [sys.executable, "-m", "kiosk", "--config", str(config), "fleet", "send", "--once"]
    command += ["--url", centre["kiosk"]]
    env = {**os.environ, CRASH_AFTER_SUBMIT_ENV: "1", "KIOSK_DATA_DIR": str(tmp_path)}
    crashed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert crashed.returncode == -9  # SIGKILLed after the centre committed, before the mark
    assert pending(local) == 5 and len(at_centre(centre["admin"])) == 5
    env.pop(CRASH_AFTER_SUBMIT_ENV)
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "sent 5" and pending(local) == 0
    exactly_once(centre, keys)


def _run_sender(sender: OutboxSender) -> tuple[threading.Event, threading.Thread]:
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop,))
    thread.start()
    return stop, thread


def _wait_empty(engine: Engine, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while pending(engine) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_centre_drops_the_connection_mid_run(centre: dict[str, str], local: Engine) -> None:
    keys = add_messages(local, 30)
    centre_client = client.CentreClient(centre["kiosk"])
    sender = OutboxSender(
        local, centre_client, KIOSK, batch=3, poll_s=0.05, backoff=Backoff(0.05, 0.2)
    )
    stop, thread = _run_sender(sender)
    try:
        u = make_url(centre["admin"])
        with psycopg.connect(
            host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True
        ) as conn:
            for _ in range(5):
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND usename = %s",
                    (u.database, f"{centre['prefix']}_k_{KIOSK.lower()}"),
                )
                keys += add_messages(local, 6)
                time.sleep(0.05)
        _wait_empty(local, 10)
    finally:
        stop.set()
        thread.join(5)
        centre_client.close()
    assert pending(local) == 0
    exactly_once(centre, keys)


def test_a_network_cut_mid_batch(centre: dict[str, str], local: Engine) -> None:
    keys = add_messages(local, 40)
    u = make_url(centre["kiosk"])
    proxy = TcpProxy(u.host or "127.0.0.1", u.port or 5432)
    through = u.set(host=proxy.host, port=proxy.port).render_as_string(hide_password=False)
    centre_client = client.CentreClient(through)
    sender = OutboxSender(
        local, centre_client, KIOSK, batch=2, poll_s=0.05, backoff=Backoff(0.05, 0.2)
    )
    stop, thread = _run_sender(sender)
    cuts = 0
    try:
        for _ in range(6):
            time.sleep(0.05)
            cuts += proxy.cut()
            keys += add_messages(local, 3)
        _wait_empty(local, 10)
    finally:
        stop.set()
        thread.join(5)
        centre_client.close()
        proxy.stop()
    assert cuts > 0 and pending(local) == 0
    exactly_once(centre, keys)


def test_the_bench_through_the_entry_point(postgres_factory: Any) -> None:
    """2 kiosks, 2 seconds, with faults: about 8 s (setup, the run, the drain)."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "fleet", "bench", "--kiosks", "2", "--seconds", "2",
         "--url", postgres_factory.admin_url, "--json", "--faults", "--drain", "20"],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["lost"] == 0 and result["duplicated"] == 0
    assert result["applied"] == result["written"] > 0
    assert result["lag_ms"]["p50"] > 0

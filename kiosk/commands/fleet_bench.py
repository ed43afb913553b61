"""`kiosk fleet bench` (QUALITY.md P8): K kiosk processes, each with its own local SQLite and
OutboxSender, write loss reports as fast as they can for S seconds against a centre made for the
run; then the senders drain and the bench counts at the centre what was applied, how fast, with
what lag, and whether any business was lost or applied twice.

The centre lives in a database of its own (`CREATE DATABASE bench_<random>` through the admin
URL) under the prefix `bench_<random>`, so its roles cannot meet anyone else's; both are dropped
at the end, also after a failure. With `faults`, during the run: the kiosk roles' backends are
terminated (as the admin), kiosk processes are SIGKILLed and started again on the same local
database, and every connection through the TCP proxy the kiosks use is cut.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from kiosk.commands.fleet_proxy import TcpProxy

Say = Callable[[str], None]
WRITE_RATE_CEILING = 1500  # loss reports per second the whole machine might write: sizes the seed


@dataclass
class BenchConfig:
    admin_url: str
    kiosks: int = 50
    seconds: float = 20.0
    faults: bool = False
    batch: int = 100
    poll_s: float = 0.2
    drain_s: float = 60.0
    cards_per_kiosk: int | None = None
    keep: bool = False


@dataclass
class Worker:
    kiosk_id: str
    spec: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None
    kills: int = 0
    exits: list[int] = field(default_factory=list)


def _pg(url: str, dbname: str | None = None) -> psycopg.Connection[Any]:
    u = make_url(url)
    return psycopg.connect(
        host=u.host or "127.0.0.1",
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=dbname or u.database,
        autocommit=True,
        connect_timeout=5,
    )


def kiosk_ids(n: int) -> list[str]:
    return [f"BK{i:04d}" for i in range(1, n + 1)]


def run_bench(cfg: BenchConfig, say: Say = lambda _: None) -> dict[str, Any]:
    token = secrets.token_hex(3)
    prefix = dbname = f"bench_{token}"
    admin = make_url(cfg.admin_url)
    bench_url = admin.set(database=dbname).render_as_string(hide_password=False)
    work = Path(tempfile.mkdtemp(prefix=f"{dbname}-"))
    created_db = False
    try:
        with _pg(cfg.admin_url) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
            created_db = True
        return _run(cfg, bench_url, prefix, work, say)
    finally:
        if not cfg.keep:
            _drop(cfg.admin_url, dbname if created_db else None, prefix)
            shutil.rmtree(work, ignore_errors=True)


def _drop(admin_url: str, dbname: str | None, prefix: str) -> None:
    with _pg(admin_url) as conn:
        if dbname is not None:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        roles = [
            r[0]
            for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix + "\\_%",)
            )
        ]
        # Members first, then the groups they belong to.
        for role in sorted(roles, key=lambda r: (r.endswith(("_owner", "_kiosk")), r)):
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _seed_rows(count: int, today: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from kiosk.domain.records import CardStatus, Gender
    from kiosk.store.synthetic import synthetic_card_number, synthetic_ssn

    holders, cards = [], []
    for i in range(1, count + 1):
        ssn, number = synthetic_ssn(i), synthetic_card_number(i)
        holders.append(
            {
                "id": i,
                "ssn": ssn,
                "name": "测试",
                "gender": Gender.MALE if int(ssn[16]) % 2 else Gender.FEMALE,
                "birth_date": dt.date(int(ssn[6:10]), int(ssn[10:12]), int(ssn[12:14])),
                "ethnicity": "01",
                "birthplace": ssn[:6],
                "mobile": f"139{i:08d}",
                "photo_on_file": True,
            }
        )
        cards.append(
            {
                "id": i,
                "card_number": number,
                "card_id_code": f"{ssn[:6]}D156000005{i:016X}",
                "cardholder_id": i,
                "card_type": "1",
                "spec_version": "3.00",
                "issuer_org": ssn[:6] + "000000",
                "issue_date": today - dt.timedelta(days=400),
                "expiry_date": today + dt.timedelta(days=3000),
                "status": CardStatus.NORMAL,
            }
        )
    return holders, cards


def _insert(engine: sa.engine.Engine, holders: list[Any], cards: list[Any]) -> None:
    from kiosk.store import models as m

    with engine.begin() as conn:
        conn.execute(sa.insert(m.Cardholder.__table__), holders)  # type: ignore[arg-type]
        conn.execute(sa.insert(m.Card.__table__), cards)  # type: ignore[arg-type]


def _run(cfg: BenchConfig, bench_url: str, prefix: str, work: Path, say: Say) -> dict[str, Any]:
    from kiosk.store import migrate
    from kiosk.store.central import admin
    from kiosk.store.db import create_engine

    started = time.perf_counter()
    ids = kiosk_ids(cfg.kiosks)
    per = cfg.cards_per_kiosk or max(100, int(cfg.seconds * WRITE_RATE_CEILING / cfg.kiosks) + 50)
    say(f"centre: database and prefix {prefix}")
    admin.init(bench_url, prefix)
    holders, cards = _seed_rows(per * cfg.kiosks, dt.date.today())
    registry = create_engine(bench_url, connect_args={"options": "-c search_path=registry"})
    _insert(registry, holders, cards)
    registry.dispose()

    central_urls = {k: admin.add_kiosk(bench_url, prefix, k) for k in ids}
    target = make_url(bench_url)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
    template = work / "template.db"
    t_engine = create_engine(f"sqlite:///{template}")
    migrate.upgrade(t_engine)
    t_engine.dispose()
    workers: list[Worker] = []
    seed_s = time.perf_counter() - started
    for n, kid in enumerate(ids):
        folder = work / kid
        folder.mkdir()
        local = folder / "kiosk.db"
        shutil.copyfile(template, local)
        engine = create_engine(f"sqlite:///{local}")
        _insert(engine, holders[n * per : (n + 1) * per], cards[n * per : (n + 1) * per])
        engine.dispose()
        url = make_url(central_urls[kid]).set(host=proxy.host, port=proxy.port)
        spec = folder / "spec.json"
        spec.write_text(
            json.dumps(
                {
                    "kiosk_id": kid,
                    "local_url": f"sqlite:///{local}",
                    "central_url": url.render_as_string(hide_password=False),
                    "audit_key": secrets.token_hex(32),
                    "anchor": str(folder / "audit-anchor.log"),
                    "batch": cfg.batch,
                    "poll_s": cfg.poll_s,
                    "ready": str(folder / "ready"),
                    "go": str(work / "go"),
                }
            )
        )
        spec.chmod(0o600)
        workers.append(Worker(kid, spec, folder / "worker.log"))
    say(f"seeded {per * cfg.kiosks} cardholders in {time.perf_counter() - started:.1f} s")
    for w in workers:
        _start(w)
    ready_by = time.time() + 120
    while time.time() < ready_by and not all((w.spec.parent / "ready").exists() for w in workers):
        time.sleep(0.1)
    say(f"{cfg.kiosks} kiosks ready after {time.perf_counter() - started:.1f} s")
    write_from = time.time() + 0.5
    write_until = write_from + cfg.seconds
    go = work / "go"
    (work / "go.tmp").write_text(f"{write_from} {write_until} {write_until + cfg.drain_s}")
    (work / "go.tmp").rename(go)
    faults = {"backends_terminated": 0, "processes_killed": 0, "connections_cut": 0}
    rng = random.Random()
    tick = 0
    while time.time() < write_until:
        time.sleep(0.5)
        tick += 1
        if not cfg.faults or time.time() < write_from:
            continue
        if tick % 6 == 0:  # every 3 s: the centre drops the kiosks' sessions
            faults["backends_terminated"] += _terminate_backends(cfg.admin_url, bench_url, prefix)
        if tick % 8 == 4:  # every 4 s: a kiosk process dies and comes back
            w = rng.choice(workers)
            if w.process is not None and w.process.poll() is None:
                w.process.send_signal(signal.SIGKILL)
                w.process.wait()
                w.kills += 1
                faults["processes_killed"] += 1
                _start(w)
        if tick % 10 == 7:  # every 5 s: the network between kiosks and centre is cut
            faults["connections_cut"] += proxy.cut()
    say("writers stopped; draining")
    drain_started = time.time()
    for w in workers:
        assert w.process is not None
        try:
            w.process.wait(max(0.1, write_until + cfg.drain_s + 5 - time.time()))
        except subprocess.TimeoutExpired:
            w.process.kill()
            w.process.wait()
        w.exits.append(w.process.returncode)
    drain_s = time.time() - drain_started
    proxy.stop()
    result = _count(bench_url, workers, write_from, write_until)
    result.update(
        kiosks=cfg.kiosks,
        seconds=cfg.seconds,
        batch=cfg.batch,
        faults=faults if cfg.faults else None,
        drain_s=round(drain_s, 2),
        setup_s=round(seed_s, 2),
        undrained_kiosks=sum(1 for w in workers if w.exits[-1] != 0),
    )
    return result


def _start(w: Worker) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with w.log.open("ab") as log:
        w.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.commands.fleet_worker", str(w.spec)],
            stdout=log,
            stderr=log,
            env=env,
            start_new_session=True,  # a Ctrl+C at the terminal reaches the bench, which stops them
        )


def _terminate_backends(admin_url: str, bench_url: str, prefix: str) -> int:
    with _pg(admin_url) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND usename LIKE %s",
            (make_url(bench_url).database, prefix + "\\_k\\_%"),
        ).fetchall()
    return len(rows)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 1000) - 1]


def _count(
    bench_url: str, workers: list[Worker], write_from: float, write_until: float
) -> dict[str, Any]:
    from kiosk.store.db import create_engine
    from kiosk.store.repositories.outbox import OutboxRepository

    local: dict[str, set[str]] = {}
    written = 0
    for w in workers:
        spec = json.loads(w.spec.read_text())
        engine = create_engine(spec["local_url"])
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT topic, payload FROM outbox")).all()
        engine.dispose()
        keys = {f"{t}:{json.loads(p)['idempotency_key']}" for t, p in rows}
        local[w.kiosk_id] = keys
        written += len(keys)
    _ = OutboxRepository  # the format of the rows read above
    with _pg(bench_url) as conn:
        rows = conn.execute(
            "SELECT kiosk_id, key, extract(epoch FROM created_at), "
            "extract(epoch FROM applied_at), problem IS NOT NULL FROM fleet.messages"
        ).fetchall()
        doubled_changes = conn.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT card_id, count(*) AS n "
            "FROM registry.card_status_changes GROUP BY card_id HAVING count(*) > 1) d"
        ).fetchone()
    at_centre: dict[str, dict[str, int]] = {}
    lags, applied_in_run, problems = [], 0, 0
    for kiosk, key, created, applied, problem in rows:
        per = at_centre.setdefault(kiosk, {})
        per[key] = per.get(key, 0) + 1
        lags.append((float(applied) - float(created)) * 1000)
        if float(applied) <= write_until:
            applied_in_run += 1
        problems += bool(problem)
    lost = sum(len(keys - set(at_centre.get(k, {}))) for k, keys in local.items())
    duplicated = sum(n - 1 for per in at_centre.values() for n in per.values() if n > 1)
    duplicated += int(doubled_changes[0] if doubled_changes else 0)
    seconds = write_until - write_from
    return {
        "applied_per_s": round(applied_in_run / seconds, 1),
        "written_per_s": round(written / seconds, 1),
        "applied": len(rows),
        "written": written,
        "lag_ms": {
            "p50": round(_percentile(lags, 0.5), 1),
            "p99": round(_percentile(lags, 0.99), 1),
        },
        "lost": lost,
        "duplicated": duplicated,
        "problems": problems,
    }

"""The centre in the diagnostics against the real centre on PostgreSQL: the centre part of the
Database report through a kiosk role (the kiosk id it knows, the anchored head, its own alerts
and no other kiosk's), and `kiosk db check` in fleet mode through the real entry point: OK
while the local audit log holds what the centre anchored, FAILED (exit 1) with the cut tail
line once its newest entries are deleted; the password never printed."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from centre_helpers import Centre
from cli_helpers import kiosk, private_env
from selftest_helpers import prepare_demo

from kiosk import exit_codes
from kiosk.domain.fleet import CentreState
from kiosk.services.centre_report import CentreLink, TailState, centre_report
from kiosk.store.central.client import ChainHead
from kiosk.store.db import create_engine


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo kiosk's data folder as its first start leaves it (audit entries, keys)."""
    where = tmp_path_factory.mktemp("fleet-diag") / "data"
    prepare_demo(where)
    return where


def demo_db(data_dir: Path) -> Path:
    return data_dir / "kiosk.db"


def local_head(db: Path) -> ChainHead:
    with sqlite3.connect(db) as conn:
        chain, seq, hash_ = conn.execute("SELECT chain, seq, hash FROM audit_heads").fetchone()
    return ChainHead(chain, seq, hash_)


def test_the_centre_part_through_a_kiosk_role(centre: Centre, demo_data: Path) -> None:
    kiosk_id = centre.new_kiosk()
    other = centre.new_kiosk()
    db = demo_db(demo_data)
    head = local_head(db)
    client = centre.client(kiosk_id)
    engine = create_engine(f"sqlite:///{db}")
    try:
        client.submit([], head)
        part = centre_report(CentreLink(client, centre.urls[kiosk_id]), engine=engine)
        assert part.state is CentreState.ONLINE and part.kiosk_id == kiosk_id
        assert part.anchored == head and part.tail is TailState.HELD and part.alerts == ()
        assert part.round_trip_ms is not None and part.anchored_at is not None
        password = re.search(r"://[^:]+:([^@]+)@", centre.urls[kiosk_id]).group(1)  # type: ignore[union-attr]
        assert password not in json.dumps(part.as_dict()) and "***" in part.url
        # A head that went back: the centre's alert, shown to this kiosk and to no other.
        client.submit([], ChainHead(head.chain, head.seq - 1, "0" * 64))
        part = centre_report(CentreLink(client, centre.urls[kiosk_id]), engine=engine)
        assert [a.kind for a in part.alerts or ()] == ["chain_went_back"]
        assert centre.client(other).alerts() == []
    finally:
        engine.dispose()
        client.close()


def test_db_check_finds_a_cut_tail(centre: Centre, demo_data: Path, tmp_path: Path) -> None:
    kiosk_id = centre.new_kiosk()
    home, data = tmp_path / "home", tmp_path / "data"
    shutil.copytree(demo_data, data)
    db = demo_db(data)
    client = centre.client(kiosk_id)
    client.submit([], local_head(db))  # what the sender does with every batch
    client.close()
    env = private_env(
        home,
        KIOSK_DATA_DIR=str(data),
        KIOSK_DEPLOYMENT="fleet",
        KIOSK_CENTRAL_URL=centre.urls[kiosk_id],
    )
    password = re.search(r"://[^:]+:([^@]+)@", centre.urls[kiosk_id]).group(1)  # type: ignore[union-attr]
    done = kiosk("--demo", "db", "check", env=env)
    assert done.returncode == exit_codes.OK, done.stdout + done.stderr
    assert any(
        line.startswith("centre: answers in ") and kiosk_id in line
        for line in done.stdout.splitlines()
    )
    assert password not in done.stdout + done.stderr
    # The newest local entry goes, the head moved back with it: only the centre can tell.
    with sqlite3.connect(db) as conn:
        chain, seq = conn.execute("SELECT chain, seq FROM audit_heads").fetchone()
        conn.execute("DELETE FROM audit_log WHERE chain = ? AND seq = ?", (chain, seq))
        prev = conn.execute(
            "SELECT hash FROM audit_log WHERE chain = ? AND seq = ?", (chain, seq - 1)
        ).fetchone()[0]
        conn.execute("UPDATE audit_heads SET seq = ?, hash = ?", (seq - 1, prev))
    done = kiosk("--demo", "db", "check", "--json", env=env)
    assert done.returncode == exit_codes.FAILED, done.stdout + done.stderr
    document = json.loads(done.stdout)
    assert document["centre"]["tail"] == "cut" and not document["ok"]
    anchor = next(c for c in document["checks"] if c["id"] == "centre_anchor")
    assert anchor["verdict"] == "fail" and "lost entries the centre had anchored" in anchor["found"]
    assert password not in done.stdout + done.stderr

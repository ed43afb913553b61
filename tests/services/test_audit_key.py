"""A lost audit key retired on the record (`kiosk audit new-key`): the kiosk starts again, and
`kiosk db check` warns of the entries sealed with the retired key instead of failing; a forged
replacement entry retires nothing, and a rewritten retired entry is still caught."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_helpers import kiosk, one_line, private_env
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.services.audit_key import AuditKeyExists, new_audit_key
from kiosk.services.audit_seal import AUDIT_KEY, open_audit_seal
from kiosk.services.signing_key import load_key
from kiosk.store.audit import KEY_REPLACED, AuditRepository, entry_body
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import AnchorLog, AuditKeyMissing, AuditSeal, SealFiles
from kiosk.store.unitofwork import UnitOfWork

CHAIN = "K1"
NOW = dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.UTC)


def _actions(engine: Engine, seal: AuditSeal, n: int, chain: str = CHAIN) -> None:
    """`n` staff actions, one commit (and so one anchor line) each."""
    for i in range(n):
        with UnitOfWork(engine, seal) as uow:
            uow.audit.append(
                chain=chain,
                actor_kind=ActorKind.STAFF,
                actor="clerk01",
                action=f"staff.action{i}",
                outcome=Outcome.OK,
                at=NOW,
                detail={"n": i},
            )
            uow.commit()


def _problems(engine: Engine, seal: AuditSeal) -> list[tuple[int | None, str]]:
    with read_session(engine) as session:
        found = verify_audit_chains(session, seal=seal, anchor=seal.anchor)
    return [(p.seq, p.kind) for p in found.problems]


@pytest.fixture
def files(tmp_path: Path) -> SealFiles:
    return SealFiles.in_folder(tmp_path / "data")


@pytest.fixture
def lost(engine: Engine, files: SealFiles) -> AuditSeal:
    """Three anchored entries sealed with a key whose file is then deleted: the lost key."""
    seal = open_audit_seal(engine, files, CHAIN)
    _actions(engine, seal, 3)
    files.key.unlink()
    return seal


def test_a_retired_key_warns_and_the_kiosk_starts_again(
    engine: Engine, files: SealFiles, lost: AuditSeal
) -> None:
    with pytest.raises(AuditKeyMissing, match="kiosk audit new-key"):
        open_audit_seal(engine, files, CHAIN)
    made = new_audit_key(engine, files, CHAIN, actor="tech9", now=NOW)
    assert (made.seq, made.retired_key_id, made.backup) == (4, lost.key_id, None)
    seal = open_audit_seal(engine, files, CHAIN)  # start-up runs with the new key
    assert seal.key_id == made.key_id != lost.key_id
    _actions(engine, seal, 1)
    with read_session(engine) as session:
        record = AuditRepository(session).newest(CHAIN, [KEY_REPLACED])
    assert record is not None and (record.actor, record.actor_kind) == (
        "tech9",
        ActorKind.TECHNICIAN,
    )
    assert record.detail["retired_key_id"] == lost.key_id
    assert load_key(files.key, AUDIT_KEY).hex() not in json.dumps(record.detail)
    report = check_database(engine, seal=seal, files=files)
    assert report.ok, report.lines()
    assert report.warnings() == [
        f"chain {CHAIN}: entries 1..3 sealed with the retired key {lost.key_id} (replaced at "
        "entry 4 by tech9 on 2026-12-08): not verifiable"
    ]


def test_entries_of_the_retired_key_after_the_replacement_still_fail(
    engine: Engine, files: SealFiles, lost: AuditSeal
) -> None:
    new_audit_key(engine, files, CHAIN, actor="tech9", now=NOW)
    _actions(engine, lost, 1)  # someone still holding the old key writes on
    assert _problems(engine, open_audit_seal_unchecked(files)) == [(5, "other_key")]


def open_audit_seal_unchecked(files: SealFiles) -> AuditSeal:
    """The seal in the files, without start-up's refusal (which this chain now earns)."""
    return AuditSeal(load_key(files.key, AUDIT_KEY), AnchorLog(files.anchor))


@pytest.mark.parametrize("forgery", ["another-key", "claims-the-held-key"])
def test_a_forged_replacement_entry_retires_nothing(
    engine: Engine, files: SealFiles, lost: AuditSeal, forgery: str
) -> None:
    """Whoever can write the database appends an `audit_key.replaced` entry naming the lost
    key as retired, to pass its entries off as merely unverifiable. The check holds key B."""
    held = AuditSeal(secrets.token_bytes(32), AnchorLog(files.anchor))
    forger = AuditSeal(secrets.token_bytes(32), AnchorLog(files.anchor.with_name("x.log")))
    with UnitOfWork(engine, forger) as uow:
        uow.audit.append(
            chain=CHAIN,
            actor_kind=ActorKind.TECHNICIAN,
            actor="tech9",
            action=KEY_REPLACED,
            outcome=Outcome.OK,
            at=NOW,
            detail={"retired_key_id": lost.key_id, "key_id": held.key_id},
        )
        uow.commit()
    if forgery == "claims-the-held-key":
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE audit_log SET key_id = :k WHERE chain = :c AND seq = 4"),
                {"k": held.key_id, "c": CHAIN},
            )
    found = _problems(engine, held)
    assert [p for p in found if p[0] == 1] == [(1, "other_key")]
    assert (4, "other_key" if forgery == "another-key" else "altered") in found
    report = check_database(engine, seal=held, files=files)
    assert not report.ok
    assert not any("retired" in w for w in report.warnings())


def test_a_rewritten_retired_entry_is_caught_by_the_anchor(
    engine: Engine, files: SealFiles, lost: AuditSeal
) -> None:
    """Even with the retired key in hand (it was lost, not destroyed), entries sealed with it
    cannot be rewritten: the anchor file recorded each of them."""
    new_audit_key(engine, files, CHAIN, actor="tech9", now=NOW)
    held = open_audit_seal(engine, files, CHAIN)
    with engine.begin() as conn:
        row = conn.execute(
            sa.text(
                "SELECT at, actor_kind, action, outcome, transaction_key, detail, prev_hash "
                "FROM audit_log WHERE chain = :c AND seq = 2"
            ),
            {"c": CHAIN},
        ).one()
        at = row.at if isinstance(row.at, dt.datetime) else dt.datetime.fromisoformat(row.at)
        body = entry_body(
            chain=CHAIN,
            seq=2,
            at=at.replace(tzinfo=dt.UTC),
            actor_kind=row.actor_kind,
            actor="someone else",
            action=row.action,
            outcome=row.outcome,
            transaction_key=row.transaction_key,
            detail=row.detail,
        )
        conn.execute(
            sa.text("UPDATE audit_log SET actor = :a, hash = :h WHERE chain = :c AND seq = 2"),
            {"a": "someone else", "h": lost.mac(row.prev_hash, body), "c": CHAIN},
        )
    assert (2, "rewritten") in _problems(engine, held)
    assert not check_database(engine, seal=held, files=files).ok


def test_without_replace_an_existing_key_is_kept(
    engine: Engine, files: SealFiles, tmp_path: Path
) -> None:
    seal = open_audit_seal(engine, files, CHAIN)
    _actions(engine, seal, 1)
    old = files.key.read_bytes()
    with pytest.raises(AuditKeyExists, match="nothing is lost"):
        new_audit_key(engine, files, CHAIN, actor="tech9")
    files.key.write_text("not a key\n")
    with pytest.raises(AuditKeyExists, match=r"already exists.*--replace"):
        new_audit_key(engine, files, CHAIN, actor="tech9")
    files.key.write_bytes(old)
    made = new_audit_key(engine, files, CHAIN, actor="tech9", replace=True, now=NOW)
    assert made.backup == files.key.with_name("audit-chain.key.replaced-20261208T093000Z")
    assert made.backup.read_bytes() == old
    assert made.retired_key_id == seal.key_id


def test_nothing_changes_when_the_database_cannot_record_it(
    sqlite_factory,  # type: ignore[no-untyped-def]
    files: SealFiles,
    tmp_path: Path,
) -> None:
    engine = create_engine(sqlite_factory.new("migrated", tmp_path))
    try:
        seal = open_audit_seal(engine, files, CHAIN)
        old = files.key.read_bytes()
        with engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE audit_heads"))  # the entry cannot be written
        with pytest.raises(SQLAlchemyError):
            new_audit_key(engine, files, CHAIN, actor="tech9", replace=True)
    finally:
        engine.dispose()
    assert files.key.read_bytes() == old  # the old key is back, and no backup is left
    assert sorted(p.name for p in files.key.parent.iterdir()) == [
        "audit-anchor.log",
        "audit-chain.key",
    ]
    assert seal.key_id == open_audit_seal_unchecked(files).key_id


def test_new_key_through_the_command(sqlite_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A kiosk data folder whose audit key was deleted is back in order after the command."""
    url = sqlite_factory.new("migrated", tmp_path)
    data = tmp_path / "data"
    env = private_env(
        tmp_path, KIOSK_DATABASE_URL=url, KIOSK_DATA_DIR=str(data), KIOSK_KIOSK_ID=CHAIN
    )
    engine = create_engine(url)
    try:
        _actions(engine, open_audit_seal(engine, SealFiles.in_folder(data), CHAIN), 2)
    finally:
        engine.dispose()
    (data / "audit-chain.key").unlink()
    assert kiosk("db", "check", env=env).returncode == 1

    done = kiosk("audit", "new-key", "--by", "tech7", env=env)
    assert done.returncode == 0, done.stderr
    assert one_line(done).startswith(f"New audit key in {data / 'audit-chain.key'} (key id ")
    checked = kiosk("db", "check", env=env)
    assert checked.returncode == 0, checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    [warning] = [line for line in checked.stdout.splitlines() if line.startswith("warning:")]
    assert "entries 1..2 sealed with the retired key" in warning
    assert "(replaced at entry 3 by tech7 on " in warning

    refused = kiosk("audit", "new-key", env=env)
    assert refused.returncode == 2
    assert one_line(refused).startswith("No new audit key: the audit key in ")
    assert "nothing is lost" in refused.stderr
    assert sorted(p.name for p in data.iterdir()) == ["audit-anchor.log", "audit-chain.key"]

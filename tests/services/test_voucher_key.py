"""The voucher signing key against the database: never silently replaced once this kiosk has
signed vouchers with it; a new key only on a technician's word, recorded in the audit log."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_helpers import issue_vouchers
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.journal import ActorKind
from kiosk.services.signing_key import (
    KeyExists,
    KeyMalformed,
    KeyMismatch,
    KeyMissingWithVouchers,
    KeyUnsafe,
    SigningKeyError,
    fingerprint,
    load_key,
    load_or_create_key,
)
from kiosk.services.voucher_key import (
    CREATED,
    KEY_ACTIONS,
    REGISTERED,
    REPLACED,
    new_voucher_key,
    open_voucher_key,
)
from kiosk.store.audit import AuditRepository
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import AuditSeal

KIOSK = "BJCY01"
NOW = dt.datetime(2026, 3, 15, 10, 30, tzinfo=dt.UTC)


@pytest.fixture
def sqlite_engine(sqlite_factory, tmp_path: Path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    engine = create_engine(sqlite_factory.new("migrated", tmp_path))
    yield engine
    engine.dispose()


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "voucher-signing.key"


def key_records(engine: Engine, kiosk_id: str = KIOSK) -> list[tuple[str, str, dict[str, object]]]:
    """(action, actor, detail) of the key's audit entries, oldest first."""
    with read_session(engine) as session:
        entries = AuditRepository(session).entries(chain=kiosk_id)
    return [(e.action, e.actor, e.detail) for e in reversed(entries) if e.action in KEY_ACTIONS]


def test_the_first_start_makes_a_key_and_records_its_fingerprint(
    engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    key = open_voucher_key(engine, key_file, KIOSK, audit_seal, now=NOW)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_records(engine) == [(CREATED, "kiosk", {"fingerprint": fingerprint(key)})]
    assert open_voucher_key(engine, key_file, KIOSK, audit_seal) == key  # the next start: same key
    assert len(key_records(engine)) == 1  # nothing new to record


def test_a_lost_key_is_not_replaced_while_vouchers_signed_with_it_exist(
    engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    open_voucher_key(engine, key_file, KIOSK, audit_seal, now=NOW)
    issue_vouchers(engine, KIOSK, 3, NOW)
    key_file.unlink()
    with pytest.raises(KeyMissingWithVouchers) as refused:
        open_voucher_key(engine, key_file, KIOSK, audit_seal)
    assert refused.value.vouchers == 3
    assert str(refused.value) == (
        f"the voucher signing key file {key_file} is missing and the database holds vouchers "
        f"kiosk {KIOSK} signed with it (3): restore the key file from backup, or make a new key "
        "with `kiosk voucher new-key --hmac` (vouchers already printed will then fail verification)"
    )
    assert not key_file.exists()  # no key was made up


def test_another_kiosks_vouchers_do_not_hold_this_kiosk_back(
    sqlite_engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    issue_vouchers(sqlite_engine, "BJCY02", 2, NOW)
    assert len(open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal)) == 32


def test_a_key_restored_from_the_wrong_backup_is_refused(
    engine: Engine, key_file: Path, tmp_path: Path, audit_seal: AuditSeal
) -> None:
    right = open_voucher_key(engine, key_file, KIOSK, audit_seal, now=NOW)
    issue_vouchers(engine, KIOSK, at=NOW)
    backup = key_file.read_bytes()
    key_file.unlink()
    wrong = load_or_create_key(key_file)  # e.g. another kiosk's backup
    with pytest.raises(KeyMismatch) as refused:
        open_voucher_key(engine, key_file, KIOSK, audit_seal)
    assert f"fingerprint {fingerprint(wrong)}, recorded {fingerprint(right)}" in str(refused.value)
    assert "restore the right key file from backup" in str(refused.value)
    assert wrong.hex() not in str(refused.value) and right.hex() not in str(refused.value)
    key_file.write_bytes(backup)  # the right backup
    assert open_voucher_key(engine, key_file, KIOSK, audit_seal) == right


def test_a_different_key_before_any_voucher_is_registered_with_a_warning(
    sqlite_engine: Engine, key_file: Path, caplog: pytest.LogCaptureFixture, audit_seal: AuditSeal
) -> None:
    first = open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal, now=NOW)
    key_file.unlink()
    second = load_or_create_key(key_file)
    with caplog.at_level(logging.WARNING):
        assert open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal, now=NOW) == second
    assert "voucher_key.changed" in caplog.text
    assert key_records(sqlite_engine)[-1] == (
        REGISTERED,
        "kiosk",
        {"fingerprint": fingerprint(second), "previous_fingerprint": fingerprint(first)},
    )


def test_a_key_from_before_the_records_is_registered_once(
    sqlite_engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    key = load_or_create_key(key_file)
    issue_vouchers(sqlite_engine, KIOSK, at=NOW)
    assert open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal) == key
    assert open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal) == key
    assert [action for action, _, _ in key_records(sqlite_engine)] == [REGISTERED]


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (lambda path: path.chmod(0o644), KeyUnsafe),
        (lambda path: path.write_text("not a key\n"), KeyMalformed),
    ],
)
def test_an_unsafe_or_damaged_key_stops_the_start(
    sqlite_engine: Engine,
    key_file: Path,
    damage,
    error: type[SigningKeyError],
    audit_seal: AuditSeal,
) -> None:
    open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal)
    damage(key_file)
    with pytest.raises(error):
        open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal)


def test_new_key_refuses_to_overwrite_without_replace(
    sqlite_engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    old = open_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal)
    with pytest.raises(KeyExists, match="kiosk voucher new-key --replace"):
        new_voucher_key(sqlite_engine, key_file, KIOSK, audit_seal, actor="tech1")
    assert load_key(key_file) == old
    assert [p.name for p in key_file.parent.iterdir()] == [key_file.name]


def test_new_key_keeps_the_old_one_and_records_the_change(
    engine: Engine, key_file: Path, audit_seal: AuditSeal
) -> None:
    old = open_voucher_key(engine, key_file, KIOSK, audit_seal, now=NOW)
    issue_vouchers(engine, KIOSK, 2)
    made = new_voucher_key(
        engine, key_file, KIOSK, audit_seal, actor="tech1", replace=True, now=NOW
    )
    new = load_key(key_file)
    assert new != old and made.fingerprint == fingerprint(new)
    assert made.backup == key_file.with_name("voucher-signing.key.replaced-20260315T103000Z")
    assert load_key(made.backup) == old  # kept, 0600, never deleted
    assert made.vouchers == 2
    assert key_records(engine)[-1] == (
        REPLACED,
        "tech1",
        {
            "fingerprint": fingerprint(new),
            "previous_fingerprint": fingerprint(old),
            "kept_as": made.backup.name,
            "vouchers_signed_before": 2,
        },
    )
    with read_session(engine) as session:
        entry = AuditRepository(session).newest(KIOSK, [REPLACED])
    assert entry is not None and entry.actor_kind is ActorKind.TECHNICIAN
    assert open_voucher_key(engine, key_file, KIOSK, audit_seal) == new  # the kiosk starts with it
    # A second replacement in the same second keeps both old keys.
    again = new_voucher_key(
        engine, key_file, KIOSK, audit_seal, actor="tech1", replace=True, now=NOW
    )
    assert again.backup == made.backup.with_name(made.backup.name + "-2")
    assert load_key(again.backup) == new


def test_new_key_changes_nothing_when_the_database_cannot_record_it(
    tmp_path: Path, key_file: Path, audit_seal: AuditSeal
) -> None:
    old = load_or_create_key(key_file)
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no tables: cannot record
    try:
        with pytest.raises(SQLAlchemyError):
            new_voucher_key(engine, key_file, KIOSK, audit_seal, actor="tech1", replace=True)
    finally:
        engine.dispose()
    assert load_key(key_file) == old
    assert [p.name for p in key_file.parent.iterdir()] == [key_file.name]


def test_new_key_through_the_command(sqlite_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = sqlite_factory.new("migrated", tmp_path)
    data_dir = tmp_path / "data"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env = {
        **clean,
        "KIOSK_DATABASE_URL": url,
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_KIOSK_ID": KIOSK,
    }
    key_file = data_dir / "voucher-signing.key"
    old = load_or_create_key(key_file)

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "kiosk", "voucher", "new-key", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    refused = kiosk("--hmac")  # the old key; without --hmac new-key makes the Ed25519 key
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.splitlines() == [
        f"No new key: a voucher signing key {key_file} already exists; to replace it (the old "
        "file is kept beside it), run `kiosk voucher new-key --replace --hmac`"
    ]
    done = kiosk("--replace", "--hmac", "--by", "tech7")
    assert (done.returncode, done.stderr) == (0, "")
    [line] = done.stdout.splitlines()
    new = load_key(key_file)
    [backup] = [p for p in data_dir.iterdir() if p.name.startswith("voucher-signing.key.replaced-")]
    assert line == (
        f"New voucher signing key in {key_file} (fingerprint {fingerprint(new)}); the old key "
        f"is kept as {backup}."
    )
    assert load_key(backup) == old
    engine = create_engine(url)
    try:
        assert key_records(engine)[-1][:2] == (REPLACED, "tech7")
    finally:
        engine.dispose()

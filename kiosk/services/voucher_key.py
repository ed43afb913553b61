"""The voucher signing key against the database: which key the kiosk may start with, and the
technician's `kiosk voucher new-key`.

A key that is lost must not be silently replaced: every voucher already printed carries a QR
code signed with it, and would fail verification with a new one. So at start:

- no key file, and no voucher of this kiosk in the database: a key is made (first start);
- no key file, but vouchers of this kiosk exist: KeyMissingWithVouchers (restore the file
  from backup, or make a new key on purpose with `kiosk voucher new-key`);
- a key file: it is used, after a check against the fingerprint this kiosk last recorded.

Each key the kiosk makes, first meets or is given is recorded in its audit chain
(`voucher_key.created`, `.registered`, `.replaced`) with the key's fingerprint, a one-way
digest, never the key. The vouchers table keeps no signature, so this record is what tells a
restored key from the wrong backup: a key whose fingerprint differs from the last one recorded
is refused (KeyMismatch) while vouchers of this kiosk exist, and registered afresh (with a
warning) while none do.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.services.signing_key import (
    KeyExists,
    KeyMismatch,
    KeyMissingWithVouchers,
    SigningKeyError,
    fingerprint,
    load_key,
    load_or_create_key,
    replace_key_file,
    restore_key_file,
)
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.repositories import VoucherRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

CREATED = "voucher_key.created"
REGISTERED = "voucher_key.registered"
REPLACED = "voucher_key.replaced"
KEY_ACTIONS = (CREATED, REGISTERED, REPLACED)
KIOSK_ACTOR = "kiosk"


@dataclass(frozen=True)
class NewKey:
    """What `kiosk voucher new-key` did."""

    key_file: Path
    fingerprint: str
    backup: Path | None  # the old key file, kept under a dated name
    vouchers: int  # vouchers of this kiosk signed before, which the new key cannot verify


def open_voucher_key(
    engine: Engine,
    path: Path,
    kiosk_id: str,
    seal: AuditSeal,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The key the kiosk starts with (see the module's rules), its records sealed with `seal`.
    Raises a SigningKeyError subclass: KeyMissingWithVouchers, KeyMismatch, or those of
    `signing_key.load_key`."""
    now = now or dt.datetime.now(dt.UTC)
    if not os.path.lexists(path):
        vouchers = _vouchers_of(engine, kiosk_id)
        if vouchers:
            raise KeyMissingWithVouchers(
                f"the voucher signing key file {path} is missing and the database holds "
                f"vouchers kiosk {kiosk_id} signed with it ({vouchers}): restore the key file "
                "from backup, or make a new key with `kiosk voucher new-key` (vouchers already "
                "printed will then fail verification)",
                path,
                vouchers,
            )
        key = load_or_create_key(path)
        _record(engine, seal, kiosk_id, CREATED, now, {"fingerprint": fingerprint(key)})
        return key
    key = load_key(path)
    mine = fingerprint(key)
    recorded = _recorded_fingerprint(engine, kiosk_id)
    if recorded == mine:
        return key
    if recorded is not None:
        vouchers = _vouchers_of(engine, kiosk_id)
        if vouchers:
            raise KeyMismatch(
                f"the voucher signing key in {path} is not the key kiosk {kiosk_id} last used "
                f"(fingerprint {mine}, recorded {recorded}) and the database holds {vouchers} "
                "vouchers signed with that one: restore the right key file from backup, or "
                "`kiosk voucher new-key --replace`",
                path,
            )
        log.warning("voucher_key.changed recorded=%s now=%s vouchers=0", recorded, mine)
    _record(
        engine,
        seal,
        kiosk_id,
        REGISTERED,
        now,
        {"fingerprint": mine, "previous_fingerprint": recorded},
    )
    return key


def new_voucher_key(
    engine: Engine,
    path: Path,
    kiosk_id: str,
    seal: AuditSeal,
    *,
    actor: str,
    replace: bool = False,
    now: dt.datetime | None = None,
) -> NewKey:
    """Make a new key in `path` on a technician's word, and record it in the audit log in the
    same breath: if the database cannot record it, the old key is put back.

    An existing key file is replaced only with `replace`, and kept beside the new one under a
    dated name (never deleted). Raises KeyExists, another SigningKeyError for the file, or the
    database's error (SQLAlchemyError) with nothing changed."""
    now = now or dt.datetime.now(dt.UTC)
    exists = os.path.lexists(path)
    if exists and not replace:
        raise KeyExists(
            f"a voucher signing key {path} already exists; to replace it (the old file is "
            "kept beside it), run `kiosk voucher new-key --replace`",
            path,
        )
    previous = _fingerprint_of_file(path) if exists else None
    with UnitOfWork(engine, seal) as uow:
        vouchers = uow.vouchers.vouchers_issued_by(kiosk_id)
        key, backup = replace_key_file(path, now=now)
        try:
            new = fingerprint(key)
            uow.audit.append(
                chain=kiosk_id,
                actor_kind=ActorKind.TECHNICIAN,
                actor=actor[:64],
                action=REPLACED if exists else CREATED,
                outcome=Outcome.OK,
                at=now,
                detail={
                    "fingerprint": new,
                    "previous_fingerprint": previous,
                    "kept_as": backup.name if backup else None,
                    "vouchers_signed_before": vouchers,
                },
            )
            uow.commit()
        except BaseException:
            restore_key_file(path, backup)
            raise
    log.info("voucher_key.new by=technician replaced=%d vouchers=%d", exists, vouchers)
    return NewKey(path, new, backup, vouchers)


def _fingerprint_of_file(path: Path) -> str | None:
    """The old key's fingerprint for the record; None when it cannot be read as a key."""
    try:
        return fingerprint(load_key(path))
    except SigningKeyError:
        return None


def _vouchers_of(engine: Engine, kiosk_id: str) -> int:
    with read_session(engine) as session:
        return VoucherRepository(session).vouchers_issued_by(kiosk_id)


def _recorded_fingerprint(engine: Engine, kiosk_id: str) -> str | None:
    with read_session(engine) as session:
        entry = AuditRepository(session).newest(kiosk_id, KEY_ACTIONS)
    if entry is None:
        return None
    value = entry.detail.get("fingerprint")
    return value if isinstance(value, str) else None


def _record(
    engine: Engine,
    seal: AuditSeal,
    kiosk_id: str,
    action: str,
    now: dt.datetime,
    detail: Mapping[str, object],
) -> None:
    with UnitOfWork(engine, seal) as uow:
        uow.audit.append(
            chain=kiosk_id,
            actor_kind=ActorKind.SYSTEM,
            actor=KIOSK_ACTOR,
            action=action,
            outcome=Outcome.OK,
            at=now,
            detail=detail,
        )
        uow.commit()
    log.info("%s", action)

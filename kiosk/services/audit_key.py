"""`kiosk audit new-key`: the way back into service for a kiosk whose audit key is lost for good.

At start the kiosk refuses to seal its chain without the key it is sealed with
(`audit_seal.open_audit_seal`: AuditKeyMissing, AuditKeyMismatch), rightly: a new key made up
in silence would write entries nobody could tell from forged ones. When the key cannot be
restored, a technician says so on the record instead:

- a new key goes into `audit-chain.key`; an old file is kept beside it as
  `audit-chain.key.replaced-<UTC time>` (never deleted);
- one entry `audit_key.replaced`, sealed with the new key, is appended to the kiosk's chain,
  linked to its current head like any entry, and anchored. Its detail names the retired key
  (its key id, the newest found in the chain; never a key), the keys earlier replacements
  retired, and who did it.

From then on the kiosk starts (its newest entry is the new key's), and `kiosk db check` reports
the entries sealed with the retired key as not verifiable, a warning rather than a failure
(kiosk.store.audit). If the database cannot record the entry, the old key file is put back.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.services.audit_seal import AUDIT_KEY
from kiosk.services.signing_key import (
    SigningKeyError,
    load_key,
    replace_key_file,
    restore_key_file,
)
from kiosk.store.audit import KEY_REPLACED, AuditRepository
from kiosk.store.db import read_session
from kiosk.store.seal import AnchorLog, AuditKeyUnusable, AuditSeal, AuditSealError, SealFiles
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)


class AuditKeyExists(AuditSealError):
    """`kiosk audit new-key` without --replace, while a key file exists."""


@dataclass(frozen=True)
class NewAuditKey:
    """What `kiosk audit new-key` did."""

    key_file: Path
    key_id: str
    retired_key_id: str | None  # the chain's newest key id before; None: no keyed entry
    seq: int  # the `audit_key.replaced` entry
    backup: Path | None  # the old key file, kept under a dated name


def new_audit_key(
    engine: Engine,
    files: SealFiles,
    chain: str,
    *,
    actor: str,
    replace: bool = False,
    now: dt.datetime | None = None,
) -> NewAuditKey:
    """Make a new audit key for `chain` on a technician's word and record it in the chain,
    sealed with the new key. Raises AuditKeyExists (a key file and no `replace`),
    AuditKeyUnusable (the file cannot be written), AuditAnchorError, or the database's error
    (SQLAlchemyError) with the old key file put back."""
    now = now or dt.datetime.now(dt.UTC)
    exists = os.path.lexists(files.key)
    with read_session(engine) as session:
        audit = AuditRepository(session)
        _, newest = audit.newest_key_id(chain)
        earlier = audit.retired_key_ids(chain)
    if exists and not replace:
        raise AuditKeyExists(_why_not_replace(files.key, newest))
    was = _state_of(files.key) if exists else "missing"
    anchor = AnchorLog(files.anchor)
    anchor.prepare()  # a data folder that cannot take the anchor: before anything changes
    try:
        key, backup = replace_key_file(files.key, now=now, kind=AUDIT_KEY)
    except SigningKeyError as exc:
        raise AuditKeyUnusable(str(exc)) from None
    try:
        seal = AuditSeal(key, anchor)
        with UnitOfWork(engine, seal) as uow:
            entry = uow.audit.append(
                chain=chain,
                actor_kind=ActorKind.TECHNICIAN,
                actor=actor[:64],
                action=KEY_REPLACED,
                outcome=Outcome.OK,
                at=now,
                detail={
                    "key_id": seal.key_id,
                    "retired_key_id": newest,
                    "earlier_retired_key_ids": [k for k in earlier if k != newest],
                    "key_file_was": was,
                    "kept_as": backup.name if backup else None,
                },
            )
            uow.commit()
    except BaseException:
        restore_key_file(files.key, backup)
        raise
    log.info(
        "%s by=technician key_id=%s retired=%s seq=%d",
        KEY_REPLACED,
        seal.key_id,
        newest,
        entry.seq,
    )
    return NewAuditKey(files.key, seal.key_id, newest, entry.seq, backup)


def _why_not_replace(path: Path, newest: str | None) -> str:
    """The refusal without --replace: nothing is lost when the file holds the chain's key."""
    try:
        held = AuditSeal(load_key(path, AUDIT_KEY), AnchorLog(path)).key_id
    except SigningKeyError:
        held = None
    if held is not None and held == newest:
        return (
            f"the audit key in {path} is the key the chain is sealed with (key id {held}): "
            "nothing is lost, so there is no reason to replace it; only if it may be known, "
            "run `kiosk audit new-key --replace` (the old file is kept beside it)"
        )
    return (
        f"an audit key {path} already exists; restore the chain's own key if you can, or "
        "replace it with `kiosk audit new-key --replace` (the old file is kept beside it)"
    )


def _state_of(path: Path) -> str:
    """For the record: the old key file in a word (`valid`, or `unusable`: unsafe, damaged)."""
    try:
        load_key(path, AUDIT_KEY)
    except SigningKeyError:
        return "unusable"
    return "valid"

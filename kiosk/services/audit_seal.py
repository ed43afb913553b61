"""The kiosk's audit seal on disk: its key made once, refused when it went missing.

`open_audit_seal` is what the composition root calls at start-up, after the database is
migrated: it reads `audit-chain.key` from the data folder (made 0600 the first time, in the same
way as the voucher signing key), prepares `audit-anchor.log`, and refuses to start with a new key
when the kiosk's chain is already sealed with one (AuditKeyMissing), or with a key that is not
the chain's (AuditKeyMismatch): a new key would write entries nobody could tell from forged ones,
and the old ones could never be verified again. The technician restores the key from the backup
of the data folder, or, when it is lost for good, retires it on the record with
`kiosk audit new-key` (kiosk.services.audit_key).

`seal_for_check` is what `kiosk db check` uses: it never creates anything, and says why there is
no key rather than failing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from kiosk.services.signing_key import KeyKind, SigningKeyError, load_key, load_or_create_key
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.seal import (
    AnchorLog,
    AuditKeyMismatch,
    AuditKeyMissing,
    AuditKeyUnusable,
    AuditSeal,
    AuditSealError,
    SealFiles,
)

log = logging.getLogger(__name__)

# A lost key is restored from backup if at all possible; if not, `kiosk audit new-key` retires
# it on the record (kiosk.services.audit_key).
AUDIT_KEY = KeyKind("audit chain key", "audit_key", replace="kiosk audit new-key --replace")


def open_audit_seal(engine: Engine, files: SealFiles, chain: str) -> AuditSeal:
    """The seal this kiosk writes its chain `chain` with. Raises AuditKeyMissing,
    AuditKeyMismatch, AuditKeyUnusable or AuditAnchorError (all AuditSealError)."""
    state = inspect_audit_key(engine, files, chain)
    if state.refusal is not None:
        raise state.refusal
    seal = state.seal
    if seal is None:  # none yet, and none needed: the first start
        seal = AuditSeal(_create_key(files), AnchorLog(files.anchor))
        log.info("audit.key_created legacy_entries=%d", state.has_entries)
    seal.anchor.prepare()
    return seal


@dataclass(frozen=True)
class AuditKeyState:
    """The audit key as the kiosk's start would find it, found without creating anything:
    the seal it holds (None: no usable key), why the kiosk would refuse to start with it
    (`refusal`), and whether the chain holds entries yet."""

    seal: AuditSeal | None
    refusal: AuditSealError | None
    has_entries: bool

    @property
    def made_at_start(self) -> bool:
        """No key yet and none needed: the kiosk makes one when it next starts."""
        return self.seal is None and self.refusal is None


def inspect_audit_key(engine: Engine, files: SealFiles, chain: str) -> AuditKeyState:
    """The start-up rules of `open_audit_seal`, read only (the self-test, and the start)."""
    anchor = AnchorLog(files.anchor)
    with read_session(engine) as session:
        has_entries, newest_key = AuditRepository(session).newest_key_id(chain)
    if not os.path.lexists(files.key):
        if newest_key is not None or anchor.names(chain):
            missing = AuditKeyMissing(
                f"the audit chain {chain} is sealed with the key in {files.key}, which is "
                "missing: restore it from the backup of the data folder (a new key could not "
                "verify the chain); if it is lost for good, `kiosk audit new-key` retires it on "
                "the record"
            )
            return AuditKeyState(None, missing, has_entries)
        return AuditKeyState(None, None, has_entries)
    try:
        seal = AuditSeal(_read_key(files), anchor)
    except AuditKeyUnusable as exc:
        return AuditKeyState(None, exc, has_entries)
    if newest_key is not None and newest_key != seal.key_id:
        mismatch = AuditKeyMismatch(
            f"the audit chain {chain} is sealed with key {newest_key}, but {files.key} holds "
            f"key {seal.key_id}: restore this kiosk's own key file; if it is lost for good, "
            "`kiosk audit new-key --replace` retires it on the record"
        )
        return AuditKeyState(seal, mismatch, has_entries)
    return AuditKeyState(seal, None, has_entries)


@dataclass(frozen=True)
class CheckSeal:
    """What `kiosk db check` verifies with: the seal if the key can be read, else why not."""

    files: SealFiles
    seal: AuditSeal | None
    key_problem: str | None


def seal_for_check(files: SealFiles) -> CheckSeal:
    """The seal in `files`, read only; a missing or unusable key is said, not raised."""
    if not os.path.lexists(files.key):
        return CheckSeal(files, None, f"{files.key} does not exist")
    try:
        return CheckSeal(files, AuditSeal(_read_key(files), AnchorLog(files.anchor)), None)
    except AuditKeyUnusable as exc:
        return CheckSeal(files, None, str(exc))


def _read_key(files: SealFiles) -> bytes:
    try:
        return load_key(files.key, AUDIT_KEY)
    except SigningKeyError as exc:
        raise AuditKeyUnusable(str(exc)) from None


def _create_key(files: SealFiles) -> bytes:
    try:
        return load_or_create_key(files.key, AUDIT_KEY)
    except SigningKeyError as exc:
        raise AuditKeyUnusable(str(exc)) from None

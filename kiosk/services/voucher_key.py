"""The voucher keys against the database: which keys the kiosk may start with, the
technician's `kiosk voucher new-key`, and the public key files anyone verifies vouchers with.

Two keys, two files. The Ed25519 signing key (`voucher-signing-ed25519.key` beside the
settings' voucher_key_file) signs every new voucher (SSK2 codes, kiosk.services.voucher_codes);
its public key, exported with `kiosk voucher export-key`, verifies them anywhere. The HMAC key
(the settings' voucher_key_file, as before) signs nothing new: on an upgraded kiosk it stays,
to read the SSK1 codes already printed and to key the proofs' access tokens, under its old
rules below; `kiosk voucher new-key --hmac` replaces it. The Ed25519 key follows simpler rules
(`open_signing_key`): made when none was ever recorded, refused when missing or another once
one was; its replaced files (kept as `<name>.replaced-<time>`) still verify what they signed.

The HMAC key's rules:

A key that is lost must not be silently replaced: every voucher already printed carries a QR
code signed with it, and would fail verification with a new one. So at start:

- no key file, and no voucher of this kiosk in the database: a key is made (first start);
- no key file, but vouchers of this kiosk exist: KeyMissingWithVouchers (restore the file
  from backup, or make a new key on purpose with `kiosk voucher new-key --hmac`);
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.services.signing_key import (
    ED25519_KEY,
    VOUCHER_KEY,
    KeyExists,
    KeyKind,
    KeyMismatch,
    KeyMissingWithVouchers,
    SigningKeyError,
    fingerprint,
    load_key,
    load_or_create_key,
    replace_key_file,
    restore_key_file,
)
from kiosk.services.voucher_codes import VoucherCodes, key_id
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.files import FileTooLarge, NotARegularFile, read_regular_file
from kiosk.store.repositories import VoucherRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

CREATED = "voucher_key.created"
REGISTERED = "voucher_key.registered"
REPLACED = "voucher_key.replaced"
KEY_ACTIONS = (CREATED, REGISTERED, REPLACED)
SIGNING_CREATED = "voucher_signing_key.created"
SIGNING_REGISTERED = "voucher_signing_key.registered"
SIGNING_REPLACED = "voucher_signing_key.replaced"
SIGNING_ACTIONS = (SIGNING_CREATED, SIGNING_REGISTERED, SIGNING_REPLACED)
KIOSK_ACTOR = "kiosk"
PUBLIC_KEY_HEADER = "sscard-kiosk voucher public key v1"
_PUBLIC_KEY_LIMIT = 4096  # a public key file is ~150 bytes
_PUBLIC_KEYS_IN_FOLDER = 1000


def signing_key_file(hmac_key_file: Path) -> Path:
    """Where the Ed25519 signing key lives: beside the HMAC key file the settings name."""
    return hmac_key_file.with_name(f"{hmac_key_file.stem}-ed25519{hmac_key_file.suffix}")


def private_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def seed_key_id(seed: bytes) -> str:
    """The key id (kiosk.services.voucher_codes.key_id) of the Ed25519 key with `seed`."""
    return key_id(private_key(seed).public_key())


@dataclass(frozen=True)
class _Scheme:
    """Which of the two keys a record or a new key is about."""

    kind: KeyKind
    created: str
    registered: str
    replaced: str
    fingerprint: Callable[[bytes], str]  # what the audit log records of it (never the key)
    field: str  # under which name


HMAC = _Scheme(VOUCHER_KEY, CREATED, REGISTERED, REPLACED, fingerprint, "fingerprint")
ED25519 = _Scheme(
    ED25519_KEY, SIGNING_CREATED, SIGNING_REGISTERED, SIGNING_REPLACED, seed_key_id, "key_id"
)


@dataclass(frozen=True)
class NewKey:
    """What `kiosk voucher new-key` did."""

    key_file: Path
    fingerprint: str  # the HMAC key's fingerprint, or the Ed25519 key's id
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
            raise _hmac_missing(path, kiosk_id, vouchers)
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
            raise _hmac_mismatch(path, kiosk_id, mine, recorded, vouchers)
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
    scheme: _Scheme = HMAC,
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
            f"a {scheme.kind.name} {path} already exists; to replace it (the old file is "
            f"kept beside it), run `{scheme.kind.replace}`",
            path,
        )
    previous = _fingerprint_of_file(path, scheme) if exists else None
    with UnitOfWork(engine, seal) as uow:
        vouchers = uow.vouchers.vouchers_issued_by(kiosk_id)
        key, backup = replace_key_file(path, now=now, kind=scheme.kind)
        try:
            new = scheme.fingerprint(key)
            uow.audit.append(
                chain=kiosk_id,
                actor_kind=ActorKind.TECHNICIAN,
                actor=actor[:64],
                action=scheme.replaced if exists else scheme.created,
                outcome=Outcome.OK,
                at=now,
                detail={
                    scheme.field: new,
                    f"previous_{scheme.field}": previous,
                    "kept_as": backup.name if backup else None,
                    "vouchers_signed_before": vouchers,
                },
            )
            uow.commit()
        except BaseException:
            restore_key_file(path, backup)
            raise
    log.info("%s.new by=technician replaced=%d vouchers=%d", scheme.kind.event, exists, vouchers)
    return NewKey(path, new, backup, vouchers)


def open_signing_key(
    engine: Engine,
    path: Path,
    kiosk_id: str,
    seal: AuditSeal,
    *,
    now: dt.datetime | None = None,
) -> Ed25519PrivateKey:
    """The Ed25519 key the kiosk signs vouchers with: made (and recorded) when this kiosk never
    recorded one, the first start of a new or upgraded kiosk; refused when the recorded one is
    missing (KeyMissingWithVouchers) or the file holds another (KeyMismatch): vouchers signed
    with it verify only with its public key, and a silent new key would hide the loss."""
    now = now or dt.datetime.now(dt.UTC)
    recorded = _recorded_fingerprint(engine, kiosk_id, SIGNING_ACTIONS, "key_id")
    if not os.path.lexists(path):
        if recorded is not None:
            raise _signing_missing(path, kiosk_id, recorded, _vouchers_of(engine, kiosk_id))
        seed = load_or_create_key(path, ED25519_KEY)
        _record(engine, seal, kiosk_id, SIGNING_CREATED, now, {"key_id": seed_key_id(seed)})
        return private_key(seed)
    seed = load_key(path, ED25519_KEY)
    mine = seed_key_id(seed)
    if recorded is not None and recorded != mine:
        raise _signing_mismatch(path, kiosk_id, mine, recorded)
    if recorded is None:
        _record(engine, seal, kiosk_id, SIGNING_REGISTERED, now, {"key_id": mine})
    return private_key(seed)


# The refusals at start, in one place for `open_*` and `inspect_voucher_keys`.


def _hmac_missing(path: Path, kiosk_id: str, vouchers: int) -> KeyMissingWithVouchers:
    return KeyMissingWithVouchers(
        f"the voucher signing key file {path} is missing and the database holds "
        f"vouchers kiosk {kiosk_id} signed with it ({vouchers}): restore the key file "
        "from backup, or make a new key with `kiosk voucher new-key --hmac` (vouchers "
        "already printed will then fail verification)",
        path,
        vouchers,
    )


def _hmac_mismatch(
    path: Path, kiosk_id: str, mine: str, recorded: str, vouchers: int
) -> KeyMismatch:
    return KeyMismatch(
        f"the voucher signing key in {path} is not the key kiosk {kiosk_id} last used "
        f"(fingerprint {mine}, recorded {recorded}) and the database holds {vouchers} "
        "vouchers signed with that one: restore the right key file from backup, or "
        "`kiosk voucher new-key --replace --hmac`",
        path,
    )


def _signing_missing(
    path: Path, kiosk_id: str, recorded: str, vouchers: int
) -> KeyMissingWithVouchers:
    return KeyMissingWithVouchers(
        f"the {ED25519_KEY.name} file {path} is missing; kiosk {kiosk_id} signed "
        f"vouchers with it (key id {recorded}): restore the key file from backup, or "
        "make a new key with `kiosk voucher new-key` (its public key, if exported, "
        "still verifies what it signed)",
        path,
        vouchers,
    )


def _signing_mismatch(path: Path, kiosk_id: str, mine: str, recorded: str) -> KeyMismatch:
    return KeyMismatch(
        f"the {ED25519_KEY.name} in {path} is not the key kiosk {kiosk_id} last used (key "
        f"id {mine}, recorded {recorded}): restore the right key file from backup, or "
        "`kiosk voucher new-key --replace`",
        path,
    )


@dataclass(frozen=True)
class VoucherKeyState:
    """One voucher key as the kiosk's start would find it, found without creating or
    recording anything (the self-test): its id (fingerprint or key id; None when no usable
    key is there), why the kiosk would refuse to start with it, or else that it would make
    one (`made_at_start`: none yet, none needed)."""

    name: str
    path: Path
    key_id: str | None
    refusal: SigningKeyError | None = None

    @property
    def made_at_start(self) -> bool:
        return self.key_id is None and self.refusal is None


def inspect_voucher_keys(
    engine: Engine, hmac_key_file: Path, kiosk_id: str
) -> list[VoucherKeyState]:
    """Both voucher keys under the rules of `open_voucher_key` and `open_signing_key`."""
    return [
        _inspect(engine, hmac_key_file, kiosk_id, HMAC),
        _inspect(engine, signing_key_file(hmac_key_file), kiosk_id, ED25519),
    ]


def _inspect(engine: Engine, path: Path, kiosk_id: str, scheme: _Scheme) -> VoucherKeyState:
    name = scheme.kind.name
    actions = (scheme.created, scheme.registered, scheme.replaced)
    recorded = _recorded_fingerprint(engine, kiosk_id, actions, scheme.field)
    if not os.path.lexists(path):
        vouchers = _vouchers_of(engine, kiosk_id)
        if scheme is HMAC and vouchers:
            return VoucherKeyState(name, path, None, _hmac_missing(path, kiosk_id, vouchers))
        if scheme is ED25519 and recorded is not None:
            refusal = _signing_missing(path, kiosk_id, recorded, vouchers)
            return VoucherKeyState(name, path, None, refusal)
        return VoucherKeyState(name, path, None)
    try:
        mine = scheme.fingerprint(load_key(path, scheme.kind))
    except SigningKeyError as exc:
        return VoucherKeyState(name, path, None, exc)
    if recorded is None or recorded == mine:
        return VoucherKeyState(name, path, mine)
    if scheme is ED25519:
        return VoucherKeyState(name, path, mine, _signing_mismatch(path, kiosk_id, mine, recorded))
    vouchers = _vouchers_of(engine, kiosk_id)
    if vouchers:  # none: registered afresh at the next start
        return VoucherKeyState(
            name, path, mine, _hmac_mismatch(path, kiosk_id, mine, recorded, vouchers)
        )
    return VoucherKeyState(name, path, mine)


def open_voucher_codes(
    engine: Engine,
    hmac_key_file: Path,
    kiosk_id: str,
    seal: AuditSeal,
    *,
    now: dt.datetime | None = None,
) -> tuple[bytes, VoucherCodes]:
    """Both keys at start (the HMAC key first, under its old rules), and the codes they make
    and read: this kiosk's Ed25519 key signs, its replaced ones still verify, and the HMAC key
    reads SSK1. Raises a SigningKeyError subclass."""
    hmac_key = open_voucher_key(engine, hmac_key_file, kiosk_id, seal, now=now)
    path = signing_key_file(hmac_key_file)
    signer = open_signing_key(engine, path, kiosk_id, seal, now=now)
    return hmac_key, VoucherCodes(hmac_key, signer, replaced_public_keys(path))


def replaced_public_keys(path: Path) -> dict[str, Ed25519PublicKey]:
    """The public keys of the Ed25519 key files `new-key --replace` kept beside `path`: what
    they signed still verifies here. One that cannot be read is left out, with a warning."""
    keys: dict[str, Ed25519PublicKey] = {}
    for old in sorted(path.parent.glob(f"{path.name}.replaced-*")):
        try:
            public = private_key(load_key(old, ED25519_KEY)).public_key()
        except SigningKeyError as exc:
            log.warning("voucher_signing_key.replaced_unreadable file=%s error=%s", old.name, exc)
            continue
        keys[key_id(public)] = public
    return keys


# Public key files ------------------------------------------------------------------------------


class PublicKeyError(ValueError):
    """A public key file or folder that cannot be used; the message names it."""


def public_key_text(public: Ed25519PublicKey, kiosk_id: str) -> str:
    """A public key file's content: a header line, then `name: value` lines."""
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return f"{PUBLIC_KEY_HEADER}\nkey-id: {key_id(public)}\nkiosk: {kiosk_id}\ned25519: {raw}\n"


def export_public_key(public: Ed25519PublicKey, kiosk_id: str, out: Path) -> Path:
    """Write the public key file (readable by all: it is public) to `out`, or into `out` as
    `<kiosk>-<key id>.pub` when it is a folder. Returns the file written; raises OSError."""
    if out.is_dir():
        out = out / f"{kiosk_id}-{key_id(public)}.pub"
    out.write_text(public_key_text(public, kiosk_id), encoding="ascii")
    return out


def load_public_keys(path: Path) -> dict[str, Ed25519PublicKey]:
    """The public keys in a file, or in the `*.pub` files of a folder (key id -> key). Raises
    PublicKeyError for a file that is not one, or a folder that holds none."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.pub") if p.is_file())[:_PUBLIC_KEYS_IN_FOLDER]
        if not files:
            raise PublicKeyError(f"the folder {path} holds no public key file (*.pub)")
        return dict(_load_public_key(f) for f in files)
    return dict([_load_public_key(path)])


def _load_public_key(path: Path) -> tuple[str, Ed25519PublicKey]:
    try:  # never blocks: a FIFO, a device or a folder is refused, not read
        data, _mode = read_regular_file(path, limit=_PUBLIC_KEY_LIMIT)
    except (NotARegularFile, FileTooLarge):
        data = b""
    except OSError as exc:
        raise PublicKeyError(f"cannot read the public key file {path}: {exc.strerror}") from None
    try:
        lines = data.decode("ascii").splitlines()
    except UnicodeDecodeError:
        lines = []
    if not lines or lines[0] != PUBLIC_KEY_HEADER:
        raise PublicKeyError(
            f"{path} is not a voucher public key file (`kiosk voucher export-key` writes them)"
        )
    fields = dict(line.partition(": ")[::2] for line in lines[1:] if ": " in line)
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(fields.get("ed25519", "")))
    except ValueError:
        raise PublicKeyError(f"the public key file {path} holds no valid Ed25519 key") from None
    if fields.get("key-id") != key_id(public):
        raise PublicKeyError(f"the key id in {path} does not match its key (damaged or edited)")
    return key_id(public), public


def _fingerprint_of_file(path: Path, scheme: _Scheme) -> str | None:
    """The old key's fingerprint for the record; None when it cannot be read as a key."""
    try:
        return scheme.fingerprint(load_key(path, scheme.kind))
    except SigningKeyError:
        return None


def _vouchers_of(engine: Engine, kiosk_id: str) -> int:
    with read_session(engine) as session:
        return VoucherRepository(session).vouchers_issued_by(kiosk_id)


def _recorded_fingerprint(
    engine: Engine, kiosk_id: str, actions: tuple[str, ...] = KEY_ACTIONS, name: str = "fingerprint"
) -> str | None:
    with read_session(engine) as session:
        entry = AuditRepository(session).newest(kiosk_id, actions)
    if entry is None:
        return None
    value = entry.detail.get(name)
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

"""The kiosk's voucher signing key on disk (and, by the same rules, the audit chain key): made
once, readable by the kiosk user alone.

File format: 64 hexadecimal characters (the 32 random bytes of the key) and a newline, so a
technician can copy it without a binary-safe channel; the Ed25519 voucher signing key (its 32
byte seed) is written `ed25519:<64 hex>`, so that neither key file is ever taken for the other.
The file is created with mode 0600 in one step (written to a temporary file opened
with O_EXCL, then hard-linked into place, which never replaces a key another process made at
the same moment); its folder is created 0700 if missing (kiosk.store.files). A key file that
the group or others may read or write, or that does not hold exactly 32 bytes, is refused
rather than used or repaired: a key others could read may be known, so vouchers could be
forged; a damaged one would make every voucher fail to verify. A replaced key is never
deleted: `replace_key_file` keeps it beside the new one under a dated name.

Whether the kiosk may *make* a key at start depends on the vouchers it already signed; that is
`kiosk.services.voucher_key`, which uses this module for the file.

Every error is a SigningKeyError whose message names the file and what to do, never the key.
"""

from __future__ import annotations

import binascii
import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.texts import QT_TRANSLATE_NOOP
from kiosk.store.files import (
    FILE_MODE,
    FileTooLarge,
    NotARegularFile,
    PrivateFileError,
    make_private_dir,
    read_regular_file,
)

log = logging.getLogger(__name__)

KEY_BYTES = 32
_HEX_CHARS = 2 * KEY_BYTES
_READ_LIMIT = 4096  # a key file is 65 bytes; anything far larger is not one
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FINGERPRINT_LABEL = b"sscard-kiosk voucher key fingerprint v1"
NEW_KEY_HINT = "kiosk voucher new-key --replace"


@dataclass(frozen=True)
class KeyKind:
    """Which key a file holds, for its messages and log events: the same file rules serve the
    voucher signing key and the audit chain key (kiosk.services.audit_seal)."""

    name: str  # as messages name it: "voucher signing key"
    event: str  # the log events' prefix: "voucher_key"
    replace: str | None  # the command that makes a new one, where there is one
    label: str = ""  # written before the hex digits ("ed25519:"), checked when read

    def way_out(self) -> str:
        """What to do with a damaged key file."""
        return "restore it from backup" + (f", or {self.replace}" if self.replace else "")

    def if_known(self) -> str:
        """What to do when others may have read the key."""
        return self.replace or "restore it from backup and report that it may be known"


# The HMAC key of the old SSK1 codes: kept to read them, and to key the proofs' access tokens.
# (Their names are marked for the self-test's screen, which shows them: kiosk.domain.texts.)
VOUCHER_KEY = KeyKind(
    QT_TRANSLATE_NOOP("DiagText", "voucher signing key"), "voucher_key", NEW_KEY_HINT + " --hmac"
)
ED25519_KEY = KeyKind(
    QT_TRANSLATE_NOOP("DiagText", "voucher signing key (Ed25519)"),
    "voucher_signing_key",
    NEW_KEY_HINT,
    label="ed25519",
)


class SigningKeyError(RuntimeError):
    """The key file cannot be used; the message names the file and what to do."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class KeyMissing(SigningKeyError):
    """There is no key file (`kiosk voucher verify` never makes one up)."""


class KeyMissingWithVouchers(KeyMissing):
    """At start: no key file, but the database holds vouchers this kiosk signed with the key
    that is gone. A new key would make every one of them fail verification."""

    def __init__(self, message: str, path: Path, vouchers: int) -> None:
        super().__init__(message, path)
        self.vouchers = vouchers


class KeyMismatch(SigningKeyError):
    """At start: the key file is not the key this kiosk last recorded in its audit log (a
    backup of another kiosk or another time), and vouchers signed with the recorded one exist."""


class KeyUnsafe(SigningKeyError):
    """The group or others may read or write the key file: it may have leaked."""


class KeyMalformed(SigningKeyError):
    """The key file does not hold 64 hexadecimal characters (damaged, or not a key)."""


class KeyUnreadable(SigningKeyError):
    """The key file (or its folder) cannot be opened, made or stored: not a regular file, a
    read-only file system, no permission."""


class KeyExists(SigningKeyError):
    """`kiosk voucher new-key` without --replace, while a key file exists."""


def fingerprint(key: bytes) -> str:
    """A short one-way name for `key` (16 hex digits) to record and compare, never the key."""
    return hmac.new(key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]


def load_key(path: Path, kind: KeyKind = VOUCHER_KEY) -> bytes:
    """The key in `path`; a SigningKeyError subclass if it is missing, unsafe or malformed."""
    try:
        data, mode = read_regular_file(path, limit=_READ_LIMIT)
    except FileNotFoundError:
        raise KeyMissing(f"{kind.name} file {path} does not exist", path) from None
    except NotARegularFile:
        raise KeyUnreadable(f"{kind.name} {path} is not a regular file", path) from None
    except FileTooLarge:
        raise KeyMalformed(
            f"{kind.name} file {path} must hold {_HEX_CHARS} hexadecimal characters; it "
            f"is larger than {_READ_LIMIT} bytes: {kind.way_out()}",
            path,
        ) from None
    except OSError as exc:
        raise KeyUnreadable(f"cannot open {kind.name} file {path}: {exc.strerror}", path) from None
    if mode & 0o077:
        raise KeyUnsafe(
            f"{kind.name} file {path} is accessible to group or others (mode "
            f"{mode:04o}); it must be 0600: if no one else could have read it, chmod 600 "
            f"{path}; if someone could, it may be known: {kind.if_known()}",
            path,
        )
    text = data.strip()
    if kind.label:
        label, colon, text = text.partition(b":")
        if not colon or label.decode("ascii", "replace") != kind.label:
            raise KeyMalformed(
                f"{kind.name} file {path} must hold {kind.label}:<{_HEX_CHARS} hexadecimal "
                f"characters>; it does not start with {kind.label}: (another key?): "
                f"{kind.way_out()}",
                path,
            )
    if len(text) != _HEX_CHARS:
        raise KeyMalformed(
            f"{kind.name} file {path} must hold {_HEX_CHARS} hexadecimal characters "
            f"({KEY_BYTES} bytes); it holds {len(text)} characters: {kind.way_out()}",
            path,
        )
    try:
        return binascii.unhexlify(text)
    except (binascii.Error, ValueError):
        raise KeyMalformed(
            f"{kind.name} file {path} holds characters that are not hexadecimal: {kind.way_out()}",
            path,
        ) from None


def load_or_create_key(path: Path, kind: KeyKind = VOUCHER_KEY) -> bytes:
    """The key in `path`, or a new one made and stored there if there is no file. Raises a
    SigningKeyError subclass for an unsafe or malformed existing file. The kiosk itself starts
    through `voucher_key.open_voucher_key`, which first asks the database whether a new key
    is safe to make."""
    path = Path(path)
    if os.path.lexists(path):
        return load_key(path, kind)
    key, temp = _write_new_key(path, kind)
    try:
        try:
            os.link(temp, path)  # atomic, and never replaces a key made meanwhile
        except FileExistsError:
            return load_key(path, kind)  # another process won the race: use its key
        except OSError as exc:
            raise KeyUnreadable(f"cannot store {kind.name} {path}: {exc.strerror}", path) from None
        _fsync_directory(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    log.info("%s.created", kind.event)
    return key


def replace_key_file(
    path: Path, *, now: dt.datetime, kind: KeyKind = VOUCHER_KEY
) -> tuple[bytes, Path | None]:
    """Store a new key in `path`, keeping the old file (if any) beside it as
    `<name>.replaced-<UTC time>`. Returns the new key and the old file's new name. Nothing is
    deleted; `restore_key_file` undoes it."""
    key, temp = _write_new_key(path, kind)
    backup = None
    try:
        if os.path.lexists(path):
            backup = _link_backup(path, now)
        os.replace(temp, path)
        _fsync_directory(path.parent)
    except OSError as exc:
        raise KeyUnreadable(f"cannot store {kind.name} {path}: {exc.strerror}", path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    log.info("%s.replaced kept_old=%d", kind.event, backup is not None)
    return key, backup


def restore_key_file(path: Path, backup: Path | None) -> None:
    """Undo `replace_key_file`: the old key back in `path` (or no key, if there was none)."""
    if backup is None:
        path.unlink(missing_ok=True)
    else:
        os.replace(backup, path)
    _fsync_directory(path.parent)


def _link_backup(path: Path, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 100):
        backup = path.with_name(f"{path.name}.replaced-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            os.link(path, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):  # an unsafe old key: no one else reads it from now
            os.chmod(backup, FILE_MODE)
        return backup
    raise FileExistsError(f"too many backups of {path} at {stamp}")


def _write_new_key(path: Path, kind: KeyKind = VOUCHER_KEY) -> tuple[bytes, Path]:
    """A new random key, written 0600 and synced into a temporary file beside `path`."""
    try:
        make_private_dir(path.parent)
    except PrivateFileError as exc:
        raise KeyUnreadable(f"cannot create the folder for the {kind.name}: {exc}", path) from None
    key = secrets.token_bytes(KEY_BYTES)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, FILE_MODE)
    except OSError as exc:
        raise KeyUnreadable(
            f"cannot create {kind.name} in {path.parent}: {exc.strerror}", path
        ) from None
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), FILE_MODE)  # whatever the umask said
            label = f"{kind.label}:".encode() if kind.label else b""
            file.write(label + binascii.hexlify(key) + b"\n")
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise KeyUnreadable(f"cannot write {kind.name} {temp}: {exc.strerror}", path) from None
    return key, temp


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

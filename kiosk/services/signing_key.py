"""The kiosk's voucher signing key on disk: made once, readable by the kiosk user alone.

File format: 64 hexadecimal characters (the 32 random bytes of the HMAC key) and a newline, so
a technician can copy the key to the staff tools that verify vouchers without a binary-safe
channel. The file is created with mode 0600 in one step (written to a temporary file opened
with O_EXCL, then hard-linked into place, which never replaces a key another process made at
the same moment); its directory is created 0700 if missing. A key file that the group or others
may read or write, or that does not hold exactly 32 bytes, is refused rather than used: a leaked
or damaged key would let vouchers be forged or make every voucher fail to verify.

Messages name the file and the problem, never the key.
"""

from __future__ import annotations

import binascii
import contextlib
import logging
import os
import secrets
import stat
from pathlib import Path

log = logging.getLogger(__name__)

KEY_BYTES = 32
_HEX_CHARS = 2 * KEY_BYTES


class SigningKeyError(RuntimeError):
    """The key file cannot be used: unsafe permissions, wrong contents, or unreadable."""


def load_key(path: Path) -> bytes:
    """The key in `path`; SigningKeyError if it is missing, unsafe or malformed."""
    # O_NONBLOCK: a FIFO put where the key should be opens at once (and is then refused)
    # instead of waiting for ever for a writer.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SigningKeyError(f"voucher signing key file {path} does not exist") from None
    except OSError as exc:
        raise SigningKeyError(
            f"cannot open voucher signing key file {path}: {exc.strerror}"
        ) from None
    except ValueError:  # a NUL in the path
        raise SigningKeyError("the voucher signing key file name contains a NUL") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # checked before fdopen, which refuses a folder itself
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise SigningKeyError(f"voucher signing key {path} is {kind}")
    with os.fdopen(fd, "rb") as file:
        if info.st_mode & 0o077:
            raise SigningKeyError(
                f"voucher signing key file {path} is accessible to group or others (mode "
                f"{stat.S_IMODE(info.st_mode):04o}); it must be 0600: chmod 600 {path}"
            )
        raw = file.read(_HEX_CHARS + 3)
    text = raw.strip()
    if len(text) != _HEX_CHARS:
        raise SigningKeyError(
            f"voucher signing key file {path} must hold {_HEX_CHARS} hexadecimal characters "
            f"({KEY_BYTES} bytes); it holds {len(text)} characters"
        )
    try:
        return binascii.unhexlify(text)
    except (binascii.Error, ValueError):
        raise SigningKeyError(
            f"voucher signing key file {path} holds characters that are not hexadecimal"
        ) from None


def load_or_create_key(path: Path) -> bytes:
    """The kiosk's voucher signing key: read from `path`, or made and stored there the first
    time. Raises SigningKeyError for an unsafe or malformed existing file."""
    path = Path(path)
    if path.exists():
        return load_key(path)
    _ensure_directory(path.parent)
    key = secrets.token_bytes(KEY_BYTES)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temp, flags, 0o600)
    except OSError as exc:
        raise SigningKeyError(
            f"cannot create voucher signing key in {path.parent}: {exc.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), 0o600)  # whatever the umask said
            file.write(binascii.hexlify(key) + b"\n")
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temp, path)  # atomic, and never replaces a key made meanwhile
        except FileExistsError:
            return load_key(path)  # another process won the race: use its key
        except OSError as exc:
            raise SigningKeyError(
                f"cannot store voucher signing key {path}: {exc.strerror}"
            ) from None
        _fsync_directory(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    log.info("voucher_key.created")
    return key


def _ensure_directory(directory: Path) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SigningKeyError(
            f"cannot create the directory {directory} for the voucher signing key: {exc.strerror}"
        ) from None


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

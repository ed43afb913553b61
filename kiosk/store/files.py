"""The kiosk's private folders and files (QUALITY.md S7): folders 0700, files 0600, whatever
the umask, and what already exists checked.

Every folder and file the kiosk keeps goes through here: the data folder, the log folder and
its files, the printed/ folder, the database (and its -wal, -shm) and the voucher signing key.
`Path.mkdir(parents=True)` gives the parents it makes the umask's mode (0777 under umask 000),
and `os.open(..., 0o600)` loses bits a strange umask takes away, so neither is used alone.

What already exists:

- the kiosk's own folders (`secure_dir`: data, logs): one that group or others may *write*
  (they could swap the key or the database) is tightened to 0700 when it is the kiosk user's,
  and refused otherwise; one others may only list is left as it is (its files are 0600);
  the folders above them, and any folder given on a command line (`kiosk db --url`), are
  not the kiosk's to change;
- a file that group or others may read is tightened by `secure_file` (the database, the logs:
  repairing them is safe, their contents stay right); the signing key is instead refused by
  `kiosk.services.signing_key`, because a key others could read may already be known.

Nothing here logs: each function returns the `Repair` it made, and the caller logs it where
the technician will find it (kiosk.log once it is open). Stdlib only: the settings read their
file through `read_regular_file` before anything heavy is imported.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_OTHERS = 0o077  # any permission for group or others
_OTHERS_WRITE = 0o022
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class PrivateFileError(Exception):
    """A folder or file of the kiosk that cannot be made or used; the message names it, says
    what is wrong and what to do, on one line."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class CannotCreate(PrivateFileError):
    """A folder or file could not be made or opened (read-only file system, a file where a
    folder should be, no permission)."""


class NotPrivate(PrivateFileError):
    """Others may write the folder, or read the file, and the kiosk cannot tighten it."""


class NotARegularFile(PrivateFileError):
    """A FIFO, a device or a folder where a plain file was expected."""


class FileTooLarge(PrivateFileError):
    """A file far larger than what it should hold (e.g. a settings file that is /dev/zero)."""


@dataclass(frozen=True)
class Repair:
    """A folder or file whose mode was tightened; str() is the line for the log."""

    path: Path
    was: int
    now: int

    def __str__(self) -> str:
        return f"{self.path} was open to others (mode {self.was:04o}); now {self.now:04o}"


class RegularFile(NamedTuple):
    data: bytes
    mode: int  # the permission bits, as stat.S_IMODE gives them


def make_private_dir(path: Path) -> bool:
    """Make `path` and each missing parent 0700, whatever the umask; True if `path` was made.

    Folders that exist are left as they are (see `secure_dir`). Raises CannotCreate when a
    folder cannot be made, or something other than a folder is in the way.
    """
    missing: list[Path] = []
    probe = path
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process; checked below
        except OSError as exc:
            raise CannotCreate(
                f"cannot create the folder {folder}: {exc.strerror}", folder
            ) from None
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode passed through the umask
    if not path.is_dir():
        raise CannotCreate(f"{path} should be a folder but is not", path)
    return path in missing


def secure_dir(path: Path) -> Repair | None:
    """A folder of the kiosk's own (data, logs): made 0700 if missing; if it exists and others
    may write it, tightened to 0700 when it is the kiosk user's, else NotPrivate."""
    if make_private_dir(path):
        return None
    return _tighten_folder(path)


def _tighten_folder(path: Path) -> Repair | None:
    info = os.stat(path)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & _OTHERS_WRITE:
        return None
    # A shared folder such as /tmp (sticky) or another user's is not ours to change.
    if info.st_uid != os.geteuid() or mode & stat.S_ISVTX:
        raise NotPrivate(
            f"the folder {path} can be written by others (mode {mode:04o}) and is not the kiosk "
            "user's own: give the kiosk a folder of its own, mode 0700",
            path,
        )
    try:
        os.chmod(path, FOLDER_MODE)
    except OSError as exc:
        raise NotPrivate(
            f"the folder {path} can be written by others (mode {mode:04o}) and cannot be "
            f"tightened ({exc.strerror}): chmod 700 {path}",
            path,
        ) from None
    return Repair(path, mode, FOLDER_MODE)


def create_private_file(path: Path) -> bool:
    """Create `path` empty and 0600 unless it exists; its folder is made private first.
    True if it was made now. An existing file is left as it is: see `secure_file`."""
    make_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise CannotCreate(f"cannot create {path}: {exc.strerror}", path) from None
    try:
        os.fchmod(fd, FILE_MODE)  # a umask such as 0277 would have left it read-only
    finally:
        os.close(fd)
    return True


def secure_file(path: Path) -> Repair | None:
    """Tighten an existing file that group or others may use to the owner's bits alone.

    For files whose contents stay right when others have read them (the database, logs). A
    missing file is fine (None). Raises NotARegularFile for a FIFO, device or folder, and
    NotPrivate when the mode cannot be changed (another user's file).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(f"{path} is not a regular file", path)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & _OTHERS:
        return None
    try:
        os.chmod(path, mode & FOLDER_MODE)
    except OSError as exc:
        raise NotPrivate(
            f"{path} is open to others (mode {mode:04o}) and cannot be tightened "
            f"({exc.strerror}): chmod 600 {path}",
            path,
        ) from None
    return Repair(path, mode, mode & FOLDER_MODE)


def read_regular_file(path: Path, *, limit: int) -> RegularFile:
    """The bytes of a small regular file, read without ever blocking.

    Opened non-blocking (a FIFO would otherwise wait for a writer forever), then checked to be a
    regular file (not /dev/zero, a FIFO or a folder) of at most `limit` bytes. Raises
    NotARegularFile or FileTooLarge; OSError (FileNotFoundError...) as the system gives it.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | _CLOEXEC
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path} is not a regular file", path)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"{path} is larger than {limit} bytes", path)
    return RegularFile(data, stat.S_IMODE(info.st_mode))

"""Where staff can export the day's CSV, and a technician the diagnostics bundle: the removable
drives mounted now (a USB stick appears as a folder under /media or /run/media, by the
desktop's or udisks' habit) and the kiosk's own export folder (setting `export_dir`). Read at
the moment the export screen asks, so a stick plugged in a second ago is there."""

from __future__ import annotations

import enum
import errno
import glob
import logging
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Where removable drives are mounted: /media/<user>/<label> and /run/media/<user>/<label>
# (udisks), or /media/<label> (usbmount, a hand-written fstab).
DRIVE_PATTERNS = ("/media/*/*", "/run/media/*/*", "/media/*")
MOUNTINFO = Path("/proc/self/mountinfo")
_OCTAL = re.compile(rb"\\([0-7]{3})")  # mountinfo writes a space in a path as \040


class ExportProblem(enum.Enum):
    """Why a file could not be left at a place, for the screen to say in plain words."""

    GONE = "gone"  # the folder is not there (the USB stick was pulled)
    READ_ONLY = "read_only"  # the folder cannot be written (a locked or read-only stick)
    FULL = "full"  # no room left on it
    WRITE_FAILED = "write_failed"  # any other error writing the file
    NOT_RECORDED = "not_recorded"  # the audit log could not record it: nothing was left


_PROBLEM_OF_ERRNO = {
    errno.EROFS: ExportProblem.READ_ONLY,
    errno.EACCES: ExportProblem.READ_ONLY,
    errno.EPERM: ExportProblem.READ_ONLY,
    errno.ENOSPC: ExportProblem.FULL,
    errno.EDQUOT: ExportProblem.FULL,
}


def write_problem(error: OSError | None, folder: Path) -> ExportProblem:
    """What writing a file into `folder` ran into, in a word: the folder gone (a stick pulled,
    even while it was written), read only, full, or anything else."""
    if not folder.is_dir():
        return ExportProblem.GONE
    if error is None:
        return ExportProblem.WRITE_FAILED
    return _PROBLEM_OF_ERRNO.get(error.errno or 0, ExportProblem.WRITE_FAILED)


class PlaceKind(enum.Enum):
    DRIVE = "drive"  # a removable drive
    FOLDER = "folder"  # the kiosk's export folder


@dataclass(frozen=True, slots=True)
class ExportPlace:
    kind: PlaceKind
    path: Path
    label: str  # the drive's folder name (its volume label, as mounted); the folder's path
    free_bytes: int | None  # None: unknown
    read_only: bool


def mount_points(mountinfo: Path = MOUNTINFO) -> dict[Path, bool] | None:
    """Every mount point, with whether it is mounted read-only; None if the table is unreadable.
    (mountinfo's fifth field is the mount point, octal-escaped; the sixth its options.)"""
    try:
        table = mountinfo.read_bytes()
    except OSError:
        return None
    points: dict[Path, bool] = {}
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 6:
            continue
        point = _OCTAL.sub(lambda m: bytes([int(m[1], 8) & 0xFF]), fields[4])
        points[Path(os.fsdecode(point))] = b"ro" in fields[5].split(b",")
    return points


def find_drives(
    patterns: Sequence[str] = DRIVE_PATTERNS, *, mountinfo: Path | None = MOUNTINFO
) -> list[ExportPlace]:
    """The folders matching `patterns` that are mount points, in name order. `mountinfo` None:
    every matching folder counts (the tour's pretend stick in a temporary folder)."""
    points = None if mountinfo is None else mount_points(mountinfo)
    found: dict[Path, ExportPlace] = {}
    for pattern in patterns:
        for name in sorted(glob.glob(pattern)):
            path = Path(name)
            if path in found or not path.is_dir():
                continue
            if points is not None and path not in points:
                continue
            if points is None and mountinfo is not None and not os.path.ismount(path):
                continue  # no table to read: the file system says
            read_only = points[path] if points is not None else not os.access(path, os.W_OK)
            found[path] = ExportPlace(PlaceKind.DRIVE, path, path.name, _free(path), read_only)
    return list(found.values())


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


class ExportPlaces:
    """The places to offer, drives first. `folder`: the kiosk's export folder (made, private,
    when offered); `patterns` and `mountinfo` as find_drives takes them."""

    def __init__(
        self,
        folder: Path | None,
        *,
        patterns: Sequence[str] = DRIVE_PATTERNS,
        mountinfo: Path | None = MOUNTINFO,
    ) -> None:
        self.folder = folder
        self.patterns = tuple(patterns)
        self.mountinfo = mountinfo

    def places(self) -> tuple[ExportPlace, ...]:
        drives = find_drives(self.patterns, mountinfo=self.mountinfo)
        if self.folder is None:
            return tuple(drives)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:  # offered anyway: the export then says why it cannot write
            log.warning("export.folder_unusable error=%s", type(exc).__name__)
        folder = ExportPlace(
            PlaceKind.FOLDER,
            self.folder,
            str(self.folder),
            _free(self.folder),
            self.folder.is_dir() and not os.access(self.folder, os.W_OK),
        )
        log.info("export.places drives=%d", len(drives))
        return (*drives, folder)

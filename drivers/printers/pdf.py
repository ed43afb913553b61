"""A "printer" that writes each job as a PDF file in a folder: demo, tests, archiving.

Files appear atomically (written to a hidden temporary file, then renamed) and are readable by
the kiosk user alone (0600): a voucher carries masked personal data all the same.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from drivers.printers.base import (
    Printer,
    PrinterOffline,
    PrinterState,
    PrinterStatus,
    PrintJobFailed,
    PrintResult,
    check_pdf,
    sanitize_job_name,
)

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
# The most files `recent_files` looks at: a folder that was never emptied must not make a
# technician's look at the printer slow.
MAX_SCANNED = 10_000


@dataclass(frozen=True, slots=True)
class PrintedFile:
    """A job this printer wrote: its file name, size and when it was written (epoch seconds)."""

    name: str
    size: int
    modified: float


class PdfPrinter(Printer):
    name = "pdf"

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def status(self) -> PrinterStatus:
        if not self.folder.is_dir():
            return PrinterStatus(PrinterState.OFFLINE, f"folder {self.folder} does not exist")
        if not os.access(self.folder, os.W_OK | os.X_OK):
            return PrinterStatus(PrinterState.OFFLINE, f"folder {self.folder} is not writable")
        try:  # permissions are not the whole story: a read-only mount, a full disk, root
            with tempfile.NamedTemporaryFile(prefix=".probe", dir=self.folder):
                pass
        except OSError as exc:
            return PrinterStatus(
                PrinterState.OFFLINE, f"folder {self.folder} is not writable: {exc.strerror}"
            )
        return PrinterStatus(PrinterState.READY, f"writing PDF files to {self.folder}")

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        check_pdf(pdf)
        state = self.status()
        if not state.ready:
            raise PrinterOffline(state.detail)
        with self._lock:
            n = next(self._counter)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        job_id = f"{stamp}-{os.getpid()}-{n:04d}"
        target = self.folder / f"{sanitize_job_name(job_name)}-{job_id}.pdf"
        try:
            # mkstemp creates the file 0600 whatever the umask.
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=self.folder)
        except OSError as exc:
            raise PrinterOffline(f"cannot write to {self.folder}: {exc.strerror}") from exc
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pdf)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise PrintJobFailed(f"writing {target.name} failed: {exc.strerror}") from exc
        pages = len(_PAGE.findall(pdf)) or None
        return PrintResult(job_id=job_id, pages=pages, location=str(target))

    def recent_files(self, count: int = 10) -> list[PrintedFile]:
        """The newest `count` jobs in the folder (finished PDF files, not the hidden temporary
        ones), newest first; none when the folder cannot be read."""
        found: list[PrintedFile] = []
        try:
            with os.scandir(self.folder) as entries:
                for n, entry in enumerate(entries):
                    if n >= MAX_SCANNED:
                        break
                    if entry.name.startswith(".") or not entry.name.endswith(".pdf"):
                        continue
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue  # removed meanwhile
                    if entry.is_file(follow_symlinks=False):
                        found.append(PrintedFile(entry.name, info.st_size, info.st_mtime))
        except OSError:
            return []
        found.sort(key=lambda f: (f.modified, f.name), reverse=True)
        return found[: max(count, 0)]

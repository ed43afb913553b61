"""Logging for the kiosk: a rotating file under the platform log directory (S7: the folder 0700,
every file 0600, whatever the umask; files found open to others are tightened, and the log
says so).

Events are short and named (`card.inserted`, `screen.shown name=pin`) and never personal (S1):
modules log through `logging.getLogger(__name__)` and pass only codes and counts.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from kiosk.store.files import (
    FILE_MODE,
    CannotCreate,
    Repair,
    secure_dir,
    secure_file,
)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
LOG_NAME = "kiosk.log"
BACKUP_COUNT = 5

log = logging.getLogger(__name__)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files, new and rotated, are readable by the owner only."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.fchmod(fd, FILE_MODE)  # whatever the umask; setup_logging reported an open one
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding)


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the kiosk's log to `log_dir/kiosk.log` (5 x 1 MB). Returns the file's path.

    Raises kiosk.store.files.PrivateFileError (CannotCreate, NotPrivate, NotARegularFile) when
    the folder or the file cannot be made or kept private: read-only, or someone else's.
    """
    path = log_dir / LOG_NAME
    repairs = _secure_log_files(log_dir, path)
    try:
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        raise CannotCreate(f"cannot open the log file {path}: {exc.strerror}", path) from None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if isinstance(h, _PrivateRotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-start chatter says nothing
    for repair in repairs:  # now that the file is open, where a technician will look
        log.warning("files.repaired %s", repair)
    return path


def _secure_log_files(log_dir: Path, path: Path) -> list[Repair]:
    """The folder made (or tightened) and the log and its rotated copies tightened."""
    repairs = [secure_dir(log_dir)]
    rotated = [path.with_name(f"{path.name}.{n}") for n in range(1, BACKUP_COUNT + 1)]
    repairs += [secure_file(file) for file in [path, *rotated]]
    return [repair for repair in repairs if repair is not None]

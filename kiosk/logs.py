"""Logging for the kiosk: a rotating file under the platform log directory, created 0600 (S7).

Events are short and named (`card.inserted`, `screen.shown name=pin`) and never personal (S1):
modules log through `logging.getLogger(__name__)` and pass only codes and counts.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files, new and rotated, are readable by the owner only."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding)


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the kiosk's log to `log_dir/kiosk.log` (5 x 1 MB). Returns the file's path."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    handler = _PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if isinstance(h, _PrivateRotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-start chatter says nothing
    return path

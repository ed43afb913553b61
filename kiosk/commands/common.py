"""What every `kiosk` sub-command shares: the exit codes under the names the commands use,
the one line on stderr that goes with a refusal, and a database error's reason in one line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import exit_codes

# The exit codes of kiosk.exit_codes under the names the commands use.
EXIT_OK = exit_codes.OK
EXIT_CARD = exit_codes.FAILED  # diag: a card problem (none, unreadable, mute, stalled)
EXIT_USAGE = exit_codes.USAGE
EXIT_READER = exit_codes.UNAVAILABLE  # reader, pcscd or the vpcd port unavailable


def fail(message: str, code: int) -> int:
    """`message` on stderr; returns `code`, the exit status."""
    print(message, file=sys.stderr)
    return code


def database_reason(exc: BaseException) -> str:
    """The first line of what the database driver said (SQLAlchemy wraps it as `orig`)."""
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def settings_log_dir(args: argparse.Namespace) -> Path:
    """The settings' log folder; the platform's when the settings cannot be read."""
    from kiosk.config import Settings, load_settings

    try:
        return load_settings(config_file=args.config, demo=args.demo).log_dir
    except Exception:
        return Settings().log_dir

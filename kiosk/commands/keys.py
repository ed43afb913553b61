"""What `kiosk voucher new-key` and `kiosk audit new-key` share: their options, the frame that
reads the settings, opens the database and turns each refusal into one line and an exit code,
and the name that goes into the audit log when --by does not give one."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk import exit_codes
from kiosk.commands.arguments import short_name
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, database_reason, fail

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings


def new_key_options(command: argparse.ArgumentParser) -> None:
    """--replace and --by, which both new-key commands take."""
    command.add_argument(
        "--replace", action="store_true", help="replace the existing key (the old file is kept)"
    )
    command.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who makes it, for the audit log, at most 64 characters (default: the login name)",
    )


def new_key(
    args: argparse.Namespace,
    refused: str,
    make: Callable[[Settings, Engine], str],
    refusals: tuple[type[Exception], ...],
) -> int:
    """What `voucher new-key` and `audit new-key` share: the settings, the database, then
    `make` (which returns the line to print); one line, prefixed `refused`, for each way it can
    fail: `refusals` and bad settings are usage (2), a database that cannot record it is 3."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.config import SettingsError, load_settings
    from kiosk.store.db import create_engine
    from kiosk.store.files import PrivateFileError
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), EXIT_USAGE)
    try:
        engine = create_engine(parse_database_url(settings.resolved_database_url))
    except DatabaseUrlError as exc:
        return fail(f"{refused}: the settings' database_url: {exc}", EXIT_USAGE)
    except PrivateFileError as exc:
        return fail(f"Cannot open the database: {exc}", exit_codes.UNAVAILABLE)
    try:
        line = make(settings, engine)
    except refusals as exc:
        return fail(f"{refused}: {exc}", EXIT_USAGE)
    except SQLAlchemyError as exc:
        reason = database_reason(exc)
        return fail(
            f"{refused}: the database could not record it ({reason}); nothing was changed. "
            "Is the database up and at its newest schema (kiosk db upgrade)?",
            exit_codes.UNAVAILABLE,
        )
    finally:
        engine.dispose()
    print(line)
    return EXIT_OK


def login_name() -> str:
    """Who runs the command, for the audit log when --by names nobody."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return f"uid {os.getuid()}"

"""The `kiosk` command: the kiosk itself, its demo and tour, the virtual card, diagnostics, db,
and the offline voucher check. The sub-commands live in kiosk.commands, one module per group;
here are the command's top level (its options and help) and what every outcome comes to: an
exit code of kiosk.exit_codes."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from kiosk import exit_codes
from kiosk.commands.arguments import Parser, path_arg
from kiosk.commands.audit import add_audit_commands
from kiosk.commands.calendar import add_calendar_commands
from kiosk.commands.central import add_central_commands
from kiosk.commands.common import settings_log_dir
from kiosk.commands.db import add_db_commands
from kiosk.commands.diag import add_diag_commands
from kiosk.commands.fleet import add_fleet_commands
from kiosk.commands.idcard import add_idcard_command
from kiosk.commands.run import run
from kiosk.commands.staff import add_staff_commands
from kiosk.commands.tour import add_tour_command
from kiosk.commands.vcard import add_vcard_command
from kiosk.commands.voucher import add_voucher_commands

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """The `kiosk` command. Every outcome is an exit code of kiosk.exit_codes; an exception
    nobody expected is one line on stderr, its traceback in the log, and INTERNAL_ERROR."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Warnings and worse on stderr (the journal, under systemd), whatever level the log file
    # later sets the root logger to: its INFO events would otherwise be written twice.
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        # Whoever read the output stopped (`| head`); flushing at exit would fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exit_codes.OUTPUT_CLOSED
    except Exception as exc:
        return _internal_error(args, exc)


def _internal_error(args: argparse.Namespace, exc: Exception) -> int:
    """Report a bug: its kind in one line, its traceback in the kiosk's log file (the folder of
    the settings, else the platform's), or on stderr when that folder cannot be written."""
    kind = type(exc).__name__
    log_dir = settings_log_dir(args)
    try:
        from kiosk.logs import setup_logging

        path = setup_logging(log_dir)
    except Exception as problem:  # a folder that cannot be made or written: say so, keep it
        reason = getattr(problem, "strerror", None) or str(problem) or type(problem).__name__
        print(
            f"kiosk: internal error ({kind}); the log folder {log_dir} cannot be written "
            f"({reason}), so the details follow here:",
            file=sys.stderr,
        )
        traceback.print_exception(exc, file=sys.stderr)
        return exit_codes.INTERNAL_ERROR
    root = logging.getLogger()
    for handler in [h for h in root.handlers if type(h) is logging.StreamHandler]:
        root.removeHandler(handler)  # the traceback goes to the file only
    command = getattr(args.handler, "__name__", "?").lstrip("_")
    log.error("cli.internal_error command=%s kind=%s", command, kind, exc_info=exc)
    print(f"kiosk: internal error ({kind}); details in {path}", file=sys.stderr)
    return exit_codes.INTERNAL_ERROR


def _parser() -> argparse.ArgumentParser:
    import platformdirs

    from kiosk.config import APP_NAME, CONFIG_ENV

    default_config = Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"
    parser = Parser(
        prog="kiosk",
        description="Social security card self-service kiosk. Without a command: run the kiosk."
        " Exit codes: 0 done, 1 the command's answer is no (card problem, invalid voucher, "
        "problems found), 2 usage, 3 reader, pcscd or database unavailable, 70 internal error "
        "(details in the log), 130 interrupted.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="the demo set-up: mock reader with a card tray, demo database and data folder "
        "(also for `kiosk --demo db …` and `kiosk --demo voucher verify`)",
    )
    parser.add_argument(
        "--config",
        type=path_arg("the settings file name"),
        metavar="FILE",
        help=f"settings file (default: ${CONFIG_ENV}, else {default_config} if it exists, "
        "else the built-in settings)",
    )
    parser.set_defaults(handler=run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    add_tour_command(commands)
    add_vcard_command(commands)
    add_idcard_command(commands)
    add_diag_commands(commands)
    add_voucher_commands(commands)
    add_audit_commands(commands)
    add_calendar_commands(commands)
    add_db_commands(commands)
    add_staff_commands(commands)
    add_central_commands(commands)
    add_fleet_commands(commands)
    return parser

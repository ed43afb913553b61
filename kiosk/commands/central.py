"""`kiosk central init|add-kiosk|status|progress --url ADMIN_URL [--prefix P]`: the centre of
a fleet deployment (docs/fleet.md), from the agency's side.

`kiosk/cli.py` wires these in with `add_central_commands(subparsers)`. The URL is the admin's
(a role that may create roles; the kiosks get URLs of their own from `add-kiosk`). Exit codes
(kiosk.exit_codes): 0 done, 1 `progress`: no such voucher, 2 usage (bad URL, prefix, kiosk ID,
progress; nothing done), 3 the server cannot be reached or used (or the centre is not set up
there: run `init`). Never a traceback, never a password but the one `add-kiosk` is asked for.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from kiosk import exit_codes
from kiosk.domain.text import shorten

PREFIX = re.compile(r"[a-z][a-z0-9_]{0,15}")
PROGRESS = ("in_production", "ready", "collected")
VOUCHER = re.compile(r"[A-Za-z0-9-]{1,64}")


class CentralCommandError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _prefix(text: str) -> str:
    if not PREFIX.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{shorten(text, 40)!r} is not a prefix: a lower-case letter, then up to 15 "
            "lower-case letters, digits or _"
        )
    return text


def _kiosk_id(text: str) -> str:
    from kiosk.domain.vouchers import is_kiosk_id

    if not is_kiosk_id(text):
        raise argparse.ArgumentTypeError(
            f"{shorten(text, 40)!r} is not a kiosk ID: 1-12 characters A-Z, 0-9"
        )
    return text


def _voucher(text: str) -> str:
    """A voucher number as typed: up to 64 letters, digits and dashes (nothing a terminal
    would act on is echoed back, and no megabyte goes to the server)."""
    if not VOUCHER.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{shorten(text, 40)!r} is not a voucher number: up to 64 letters, digits and -"
        )
    return text


def add_central_commands(subparsers: Any) -> argparse.ArgumentParser:
    central: argparse.ArgumentParser = subparsers.add_parser(
        "central",
        help="the centre of a fleet: init, add-kiosk, status, progress (docs/fleet.md)",
        description="The central PostgreSQL of a fleet of kiosks. Exit status: 0 done, 1 "
        "progress: no such voucher, 2 usage (bad URL, prefix, kiosk ID), 3 the server cannot "
        "be reached or used, or the centre is not set up there.",
    )
    commands = central.add_subparsers(dest="central_command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        required=True,
        help="the admin's URL of the central database, e.g. postgresql://postgres@host/sscard "
        "(a role that may create roles)",
    )
    common.add_argument(
        "--prefix",
        type=_prefix,
        default="sscard",
        help="the prefix of the centre's role names (roles belong to the whole PostgreSQL "
        "cluster): a lower-case letter, then up to 15 lower-case letters, digits or _; "
        "default sscard",
    )

    cmd = commands.add_parser(
        "init",
        parents=[common],
        help="create or bring up to date the roles, schemas, tables and API functions",
    )
    cmd.add_argument(
        "--seed-demo",
        action="store_true",
        help="add the demo cards and their records to the registry",
    )
    cmd.set_defaults(handler=run_init)

    cmd = commands.add_parser(
        "add-kiosk",
        parents=[common],
        help="register a kiosk (a new password if it is there) and print its central_url",
    )
    cmd.add_argument("kiosk_id", type=_kiosk_id, metavar="ID", help="the kiosk's ID (BJCY01)")
    cmd.add_argument(
        "--host-url",
        metavar="URL",
        help="the server and database as the kiosks reach them, if not as --url says",
    )
    cmd.set_defaults(handler=run_add_kiosk)

    cmd = commands.add_parser(
        "status",
        parents=[common],
        help="per kiosk: last message applied, lag, anchored chain head, alerts",
    )
    cmd.add_argument("--json", action="store_true", help="one JSON document")
    cmd.set_defaults(handler=run_status)

    cmd = commands.add_parser(
        "progress",
        parents=[common],
        help="move a reissue on (never back): in_production, ready, collected",
    )
    cmd.add_argument("voucher", type=_voucher, metavar="VOUCHER")
    cmd.add_argument("--to", required=True, choices=PROGRESS)
    cmd.set_defaults(handler=run_progress)
    return central


def _reported(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a handler; what the server or the admin module said becomes one line and a code."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        import psycopg
        from sqlalchemy.exc import DBAPIError

        from kiosk.store.central.admin import CentreAdminError
        from kiosk.store.urls import describe_database_error

        try:
            return handler(args)
        except CentralCommandError as exc:
            message, code = str(exc), exc.code
        except CentreAdminError as exc:
            message, code = str(exc), exit_codes.USAGE
        except (
            psycopg.errors.UndefinedTable,
            psycopg.errors.UndefinedFunction,
            psycopg.errors.InvalidSchemaName,
        ):
            message = "the centre is not set up in this database (run kiosk central init)"
            code = exit_codes.UNAVAILABLE
        except psycopg.errors.InsufficientPrivilege as exc:
            message = (
                f"this URL's role may not do this ({describe_database_error(exc)}): give the "
                "admin's URL (a role that may create roles), not a kiosk's"
            )
            code = exit_codes.UNAVAILABLE
        except (psycopg.Error, DBAPIError) as exc:
            message = f"the server cannot be used: {describe_database_error(exc)}"
            code = exit_codes.UNAVAILABLE
        print(f"kiosk central {args.central_command}: {message}", file=sys.stderr)
        return code

    return run


def _url(text: str) -> Any:
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        url = parse_database_url(text)
    except DatabaseUrlError as exc:
        raise CentralCommandError(str(exc), exit_codes.USAGE) from None
    if url.get_backend_name() != "postgresql":
        raise CentralCommandError(
            "the centre is a PostgreSQL database: give a postgresql:// URL", exit_codes.USAGE
        )
    return url


@_reported
def run_init(args: argparse.Namespace) -> int:
    url = _url(args.url)
    from kiosk.store.central import admin
    from kiosk.store.db import redacted

    admin.init(url, args.prefix)
    print(f"{redacted(url)}: centre {args.prefix} ready")
    if args.seed_demo:
        from kiosk.demo.seed import seed_demo

        engine = admin.registry_engine(url, args.prefix)
        try:
            report = seed_demo(engine)
        finally:
            engine.dispose()
        print(f"demo cards added: {len(report.added)}, already there: {len(report.present)}")
    return exit_codes.OK


@_reported
def run_add_kiosk(args: argparse.Namespace) -> int:
    url = _url(args.url)
    host_url = _url(args.host_url) if args.host_url is not None else None
    from kiosk.store.central import admin

    print(admin.add_kiosk(url, args.prefix, args.kiosk_id, host_url=host_url))
    return exit_codes.OK


@_reported
def run_status(args: argparse.Namespace) -> int:
    url = _url(args.url)
    from kiosk.store.central import admin

    report = admin.status(url, args.prefix)
    if args.json:
        print(json.dumps(dataclasses.asdict(report), default=_json_value, indent=2))
        return exit_codes.OK
    print(
        f"kiosks {len(report.kiosks)}, messages {report.messages}, problems {report.problems}, "
        f"reissues {report.reissues}, alerts {report.alerts}"
    )
    for k in report.kiosks:
        lag = f"{k.lag_s:.1f} s" if k.lag_s is not None else "-"
        head = f"{k.head_seq} at {_when(k.head_at)}" if k.head_seq is not None else "none"
        print(
            f"{k.kiosk_id:<12} seq {k.last_seq} at {_when(k.last_applied_at)}, lag {lag}, "
            f"problems {k.problems}, chain head {head}, alerts {k.alerts}"
        )
    if report.recent_alerts:
        print(f"newest alerts ({len(report.recent_alerts)} of {report.alerts}):")
    for alert in report.recent_alerts:
        print(f"  {_when(alert.at)} {alert.kiosk_id or '-'} {alert.kind}: {alert.detail}")
    return exit_codes.OK


@_reported
def run_progress(args: argparse.Namespace) -> int:
    url = _url(args.url)
    from kiosk.store.central import admin

    try:
        moved = admin.move_progress(url, args.prefix, args.voucher, args.to)
    except admin.CentreAdminError as exc:
        raise CentralCommandError(str(exc), exit_codes.FAILED) from None
    said = "moved to" if moved else "already at or past"
    print(f"{shorten(args.voucher, 40)}: {said} {args.to}")
    return exit_codes.OK


def _when(at: dt.datetime | None) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if at else "-"


def _json_value(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)

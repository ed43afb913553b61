"""`kiosk db upgrade|seed|check [--url URL]`.

`kiosk/cli.py` wires these in with `add_db_commands(subparsers)`; each sub-command sets
`handler`, which takes the parsed arguments and returns the exit status.

The database is the kiosk's: the one its settings name (`kiosk --config F db …` and
`kiosk --demo db …` choose the settings as they do for the kiosk itself), unless `--url` names
another. Exit codes (kiosk.exit_codes): 0 done (check: no problems), 1 `check` found problems,
2 a usage problem (bad URL, settings or arguments; nothing done), 3 the database cannot be
reached or used (server down, file cannot be opened or written, no database at that path).

The handlers import the store when they run, so that `kiosk --help` and the other commands do
not pay for SQLAlchemy and Alembic; the URL is checked before the slow imports.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import bounded_int, path_arg

# Synthetic seeding: the bounds stated in the help. Ten million cardholders is ten times the
# P7 benchmark's back end; fifty years is more contribution history than anyone has.
MAX_CARDHOLDERS = 10_000_000
MAX_MONTHS = 600


class DbCommandError(Exception):
    """A `kiosk db` command cannot go on: one line for the technician and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_db_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Add `db` and its sub-commands to an argparse sub-parser collection."""
    db: argparse.ArgumentParser = subparsers.add_parser(
        "db",
        help="the kiosk's database: upgrade, seed, check",
        description="Exit status: 0 done, 1 check found problems, 2 usage (bad URL, settings "
        "or arguments), 3 the database cannot be reached or used.",
    )
    commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        help="SQLAlchemy database URL, e.g. sqlite:////var/lib/sscard-kiosk/kiosk.db or "
        "postgresql://user@host/database (default: the database of the kiosk's settings, "
        "chosen by --config, --demo and $KIOSK_DATABASE_URL as for the kiosk itself; else its "
        "SQLite file in the data folder)",
    )

    cmd = commands.add_parser(
        "upgrade", parents=[common], help="bring the schema to the newest migration"
    )
    cmd.set_defaults(handler=run_upgrade)

    cmd = commands.add_parser(
        "seed", parents=[common], help="fill the back end with demo or synthetic data"
    )
    # dest differs from the top-level --demo (the demo settings): `kiosk --demo db seed --demo`
    # seeds the demo data into the demo database.
    cmd.add_argument(
        "--demo",
        dest="seed_demo",
        action="store_true",
        help="add the demo cards and their records, from the demo card images",
    )
    cmd.add_argument(
        "--cardholders",
        type=bounded_int(1, MAX_CARDHOLDERS),
        metavar="N",
        help=f"add N synthetic cardholders, fast (1 to {MAX_CARDHOLDERS:,})",
    )
    cmd.add_argument(
        "--cards",
        type=path_arg("the --cards folder"),
        metavar="DIR",
        help="folder of card images *.json for --demo (default: the demo cards in assets)",
    )
    cmd.add_argument(
        "--months",
        type=bounded_int(0, MAX_MONTHS),
        default=120,
        help=f"months of contributions per synthetic cardholder (0 to {MAX_MONTHS}; 120)",
    )
    cmd.add_argument(
        "--seed",
        type=bounded_int(0, 2**63 - 1),
        default=20261122,
        help="random seed of the synthetic data (0 to 2^63-1)",
    )
    cmd.set_defaults(handler=run_seed)

    cmd = commands.add_parser(
        "check",
        parents=[common],
        help="the Database report: integrity, schema revision, file mode, the audit hash chain, "
        "round trip, row counts and the outbox",
        description="Checks the database's structure (SQLite: PRAGMA integrity_check and "
        "foreign_key_check), its schema revision against the newest migration, the file's mode "
        "(SQLite: readable by the kiosk user alone) and the audit hash chain; reports the "
        "server, a timed round trip, rows per table and the outbox's queue. Exit status: 0 no "
        "problems, 1 problems found (listed), 2 usage, 3 the database cannot be reached or used.",
    )
    cmd.add_argument(
        "--quick",
        action="store_true",
        help="SQLite: PRAGMA quick_check instead of the full integrity_check (skips the "
        "index-against-table checks; minutes less on a large file)",
    )
    cmd.add_argument(
        "--json",
        action="store_true",
        help="print the report as one JSON document (the exit status is the same)",
    )
    cmd.set_defaults(handler=run_check)
    return db


def _reported(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a `db` handler; a DbCommandError becomes its one line on stderr and its exit code."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except DbCommandError as exc:
            print(f"kiosk db {args.db_command}: {exc}", file=sys.stderr)
            return exc.code

    return run


def settings_of(args: argparse.Namespace) -> Any:  # -> kiosk.config.Settings
    """The kiosk's settings as the kiosk reads them: the file from --config or $KIOSK_CONFIG,
    the demo set-up with --demo, $KIOSK_* variables; DbCommandError (usage) if they are bad."""
    from kiosk.config import SettingsError, load_settings

    try:
        return load_settings(
            config_file=getattr(args, "config", None), demo=getattr(args, "demo", False)
        )
    except SettingsError as exc:
        raise DbCommandError(str(exc), exit_codes.USAGE) from None


def database_url_of(args: argparse.Namespace, settings: Any = None) -> Any:  # -> sqlalchemy URL
    """The database to work on: `--url`, else the one the kiosk's settings name (`settings`,
    read here when not given). Checked: DbCommandError (usage) for a URL that cannot work."""
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    text, origin = args.url, ""
    if text is None:
        settings = settings if settings is not None else settings_of(args)
        text = settings.resolved_database_url
        origin = "the settings' database_url (or $KIOSK_DATABASE_URL): "
    try:
        return parse_database_url(text)
    except DatabaseUrlError as exc:
        raise DbCommandError(f"{origin}{exc}", exit_codes.USAGE) from None


def _open(url: Any) -> Any:  # -> Engine
    """An engine for `url`; creating the SQLite file (0600, folder 0700) may fail here."""
    from kiosk.store.db import create_engine, redacted
    from kiosk.store.files import PrivateFileError

    try:
        return create_engine(url)
    except PrivateFileError as exc:  # its folder or file cannot be made (private)
        raise DbCommandError(
            f"cannot create the database {redacted(url)}: {exc}", exit_codes.UNAVAILABLE
        ) from None
    except OSError as exc:
        raise DbCommandError(
            f"cannot create the database {redacted(url)}: {exc.strerror}", exit_codes.UNAVAILABLE
        ) from None
    except ImportError as exc:  # a DBAPI module that is not installed
        raise DbCommandError(
            f"the database driver for {redacted(url)} is not installed ({exc.name})",
            exit_codes.USAGE,
        ) from None


def _unusable(url: Any, exc: BaseException) -> DbCommandError:
    """The one line for a database the driver could not reach or use."""
    from kiosk.store.db import redacted
    from kiosk.store.urls import describe_database_error

    if is_damage(exc):
        hint = "the file is damaged or not a database; restore the kiosk's from a backup"
    elif url.get_backend_name() == "sqlite":
        hint = "check the file, its folder and their permissions"
    else:
        hint = "check the URL, and that the server runs and lets this user in"
    return DbCommandError(
        f"cannot use the database {redacted(url)}: {describe_database_error(exc)} ({hint})",
        exit_codes.UNAVAILABLE,
    )


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite said the file itself is damaged (rather than out of reach)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return any(word in text for word in ("not a database", "malformed", "corrupt"))


@_reported
def run_upgrade(args: argparse.Namespace) -> int:
    url = database_url_of(args)
    from sqlalchemy.exc import DBAPIError

    from kiosk.store.db import redacted
    from kiosk.store.migrate import current_revision, upgrade

    engine = _open(url)
    try:
        before = current_revision(engine)
        after = upgrade(engine)
    except DBAPIError as exc:
        raise _unusable(url, exc) from None
    finally:
        engine.dispose()
    if before == after:
        print(f"{redacted(url)}: schema {after}, already current")
    else:
        print(f"{redacted(url)}: schema {before or 'empty'} -> {after}")
    return exit_codes.OK


@_reported
def run_seed(args: argparse.Namespace) -> int:
    if not args.seed_demo and not args.cardholders:
        raise DbCommandError(
            "nothing to seed: give --demo (the demo cards) and/or --cardholders N", exit_codes.USAGE
        )
    url = database_url_of(args)
    cards = _checked_cards(args.cards) if args.seed_demo else None
    from sqlalchemy.exc import DBAPIError

    from kiosk.demo.seed import seed_demo
    from kiosk.store.db import is_sqlite, sqlite_path
    from kiosk.store.migrate import upgrade
    from kiosk.store.synthetic import seed_synthetic

    engine = _open(url)
    try:
        upgrade(engine)
        if cards is not None:
            report = seed_demo(engine, cards)
            print(
                f"demo: {len(report.added)} cards added ({', '.join(report.added) or '-'}), "
                f"{len(report.present)} already there, "
                f"{len(report.unknown)} left out as unknown ({', '.join(report.unknown) or '-'}), "
                f"{report.outlets_added} outlets, {report.contributions} contributions"
            )
        if args.cardholders:
            synthetic = seed_synthetic(
                engine,
                args.cardholders,
                months=args.months,
                seed=args.seed,
                progress=lambda line: print(f"  {line}", flush=True),
            )
            print(
                f"synthetic: {synthetic.cardholders:,} cardholders, "
                f"{synthetic.contributions:,} contributions in {synthetic.seconds:.1f} s"
            )
    except DBAPIError as exc:
        raise _unusable(url, exc) from None
    finally:
        engine.dispose()
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and path.exists():
        print(f"file: {path} ({path.stat().st_size / 2**20:,.1f} MiB)")
    return exit_codes.OK


def _checked_cards(cards: Path | None) -> Path:
    """The folder of card images to seed from (default: the demo cards), every image in it
    checked before anything is written: a missing folder, one without images, or a broken
    image is a usage problem, not a silent "0 cards added"."""
    from drivers.simcard.image import ImageError
    from kiosk.demo.seed import default_cards_dir, load_card_images

    folder = cards if cards is not None else default_cards_dir()
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise DbCommandError(
            f"--cards {folder} {what}; give the folder of the card images (*.json)",
            exit_codes.USAGE,
        )
    try:
        images = load_card_images(folder)
    except ImageError as exc:
        raise DbCommandError(f"{exc}", exit_codes.USAGE) from None
    except OSError as exc:
        raise DbCommandError(f"cannot list {folder}: {exc.strerror}", exit_codes.USAGE) from None
    if not images:
        raise DbCommandError(
            f"no card images (*.json) in {folder}; give the folder that holds them",
            exit_codes.USAGE,
        )
    return folder


@_reported
def run_check(args: argparse.Namespace) -> int:
    """The Database report (kiosk.services.database_report): `kiosk db check`'s integrity,
    schema and audit chain checks, with the server, a timed round trip, row counts and the
    outbox around them; `--json` prints it as one JSON document."""
    settings = settings_of(args)  # also for --url: the audit key and anchor are in its data folder
    url = database_url_of(args, settings)
    from kiosk.diag_setup import database_report_of
    from kiosk.services.database_report import DatabaseProblem
    from kiosk.store.db import redacted

    report = database_report_of(settings, url=url.render_as_string(False), quick=args.quick)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    problem = report.problem
    if problem is DatabaseProblem.NO_DATABASE:
        raise DbCommandError(
            f"{report.reason.removesuffix(': no database there')}: no such database (the kiosk "
            "creates it when it first starts, or kiosk db upgrade; --url, --config or --demo "
            "name another)",
            exit_codes.UNAVAILABLE,
        )
    if problem is DatabaseProblem.DRIVER_MISSING:
        raise DbCommandError(
            f"the database driver for {redacted(url)} is not installed ({report.reason})",
            exit_codes.USAGE,
        )
    if problem is not None and problem is not DatabaseProblem.DAMAGED:
        raise DbCommandError(
            f"cannot use the database {report.url}: {report.reason} ({report.fix})",
            exit_codes.UNAVAILABLE,
        )
    if not args.json:
        for line in report.lines():
            print(line)
        print(f"took {report.seconds:.1f} s")
    if problem is DatabaseProblem.DAMAGED:  # what the check exists to find: a problem found
        print(
            f"kiosk db check: the database {report.url} is damaged: {report.reason} "
            f"({report.fix}); result: FAILED",
            file=sys.stderr,
        )
    return exit_codes.OK if report.ok else exit_codes.FAILED

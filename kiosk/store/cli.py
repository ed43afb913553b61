"""`kiosk db upgrade|seed|check [--url URL]`.

`kiosk/cli.py` wires these in with `add_db_commands(subparsers)`; each sub-command sets
`handler`, which takes the parsed arguments and returns the exit status.

The handlers import the store when they run, so that `kiosk --help` and the other commands do
not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from kiosk.config import database_url


def add_db_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Add `db` and its sub-commands to an argparse sub-parser collection."""
    db: argparse.ArgumentParser = subparsers.add_parser(
        "db", help="the kiosk's database: upgrade, seed, check"
    )
    commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        help="SQLAlchemy database URL (default: $KIOSK_DATABASE_URL, else the kiosk's "
        "SQLite file in the user data directory)",
    )

    cmd = commands.add_parser(
        "upgrade", parents=[common], help="bring the schema to the newest migration"
    )
    cmd.set_defaults(handler=run_upgrade)

    cmd = commands.add_parser(
        "seed", parents=[common], help="fill the back end with demo or synthetic data"
    )
    cmd.add_argument(
        "--demo", action="store_true", help="the demo back end, from the demo card images"
    )
    cmd.add_argument(
        "--cardholders", type=int, metavar="N", help="add N synthetic cardholders, fast"
    )
    cmd.add_argument("--cards", type=Path, metavar="DIR", help="card images (default: assets)")
    cmd.add_argument(
        "--months", type=int, default=120, help="months of contributions (synthetic; 120)"
    )
    cmd.add_argument("--seed", type=int, default=20261122, help="random seed (synthetic)")
    cmd.set_defaults(handler=run_seed)

    cmd = commands.add_parser(
        "check",
        parents=[common],
        help="integrity check, schema revision, file mode and the audit hash chain",
    )
    cmd.add_argument("--quick", action="store_true", help="SQLite quick_check instead")
    cmd.set_defaults(handler=run_check)
    return db


def run_upgrade(args: argparse.Namespace) -> int:
    from kiosk.store.db import create_engine, redacted
    from kiosk.store.migrate import current_revision, upgrade

    url = database_url(args.url)
    engine = create_engine(url)
    try:
        before = current_revision(engine)
        after = upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"{redacted(url)}: schema {after}, already current")
    else:
        print(f"{redacted(url)}: schema {before or 'empty'} -> {after}")
    return 0


def run_seed(args: argparse.Namespace) -> int:
    from kiosk.store.db import create_engine, is_sqlite, sqlite_path
    from kiosk.store.migrate import upgrade
    from kiosk.store.seed import seed_demo, seed_synthetic

    if not args.demo and not args.cardholders:
        print("db seed: say --demo and/or --cardholders N", file=sys.stderr)
        return 2
    if args.cardholders is not None and args.cardholders < 0:
        print("db seed: --cardholders must not be negative", file=sys.stderr)
        return 2
    url = database_url(args.url)
    engine = create_engine(url)
    try:
        upgrade(engine)
        if args.demo:
            report = seed_demo(engine, args.cards)
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
    finally:
        engine.dispose()
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and path.exists():
        print(f"file: {path} ({path.stat().st_size / 2**20:,.1f} MiB)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kiosk.config import SettingsError, load_settings
    from kiosk.services.audit_seal import seal_for_check
    from kiosk.store.check import check_database
    from kiosk.store.db import create_engine, is_sqlite, sqlite_path
    from kiosk.store.seal import SealFiles

    url = database_url(args.url)
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and not path.exists():
        print(f"{path}: no such database", file=sys.stderr)
        return 1
    try:  # the audit key and anchor file are in the kiosk's data folder
        settings = load_settings(
            config_file=getattr(args, "config", None), demo=getattr(args, "demo", False)
        )
    except SettingsError as exc:
        print(f"db check: {exc}", file=sys.stderr)
        return 2
    audit = seal_for_check(SealFiles.in_folder(settings.data_dir))
    engine = create_engine(url)
    started = time.perf_counter()
    try:
        report = check_database(
            engine,
            seal=audit.seal,
            files=audit.files,
            key_problem=audit.key_problem,
            quick=args.quick,
        )
    finally:
        engine.dispose()
    for line in report.lines():
        print(line)
    print(f"took {time.perf_counter() - started:.1f} s")
    return 0 if report.ok else 1

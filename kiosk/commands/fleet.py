"""`kiosk fleet send` (the outbox sender alone, for this kiosk's settings) and `kiosk fleet
bench` (QUALITY.md P8: many kiosks, one centre; see kiosk.commands.fleet_bench).

`send` takes the centre's URL from `--url`, else the settings' `central_url`. Exit status: 0
stopped on request (SIGTERM) or, with `--once`, everything that waited was sent; 2 usage (bad
settings, no centre URL or one that is not PostgreSQL); 3 the local database or the centre cannot
be used (`--once`: the centre was not reachable or refused; what waits stays queued); 130 Ctrl+C.
`--once` says how it ended in one line (warnings go to the log file, not to stderr); running on,
it logs its warnings to stderr as the kiosk does.

`bench` takes an admin URL; one that is not PostgreSQL is usage (2), a server that cannot be
used 3.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import bounded_float, bounded_int
from kiosk.commands.common import fail

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# Set to 1 by the crash test: the process SIGKILLs itself after the centre committed a batch and
# before the local mark, the window exactly-once must survive.
CRASH_AFTER_SUBMIT_ENV = "KIOSK_FAULT_CRASH_AFTER_SUBMIT"


def add_fleet_commands(subparsers: Any) -> None:
    fleet = subparsers.add_parser("fleet", help="the fleet's outbox sender and its bench")
    commands = fleet.add_subparsers(title="fleet commands", metavar="COMMAND", required=True)

    send = commands.add_parser(
        "send",
        help="deliver this kiosk's outbox to the centre until Ctrl+C or SIGTERM",
        description="Runs the outbox sender alone for this kiosk's settings: the messages its "
        "businesses wrote go to the centre oldest first, each applied there once. Exit status: "
        "0 stopped (or, --once, all sent), 2 usage, 3 the local database or the centre "
        "cannot be used, 130 Ctrl+C.",
    )
    send.add_argument("--url", help="the centre's URL (default: the settings' central_url)")
    send.add_argument("--once", action="store_true", help="send what waits now, then exit")
    send.add_argument("--batch", type=bounded_int(1, 1000), default=50, help="messages a round")
    send.set_defaults(handler=_send)

    bench = commands.add_parser(
        "bench",
        help="P8: K kiosk processes write loss reports and deliver them to a centre",
        description="Makes a centre in a database of its own (bench_<random>, dropped at the "
        "end) through the admin URL, starts the kiosks, and prints applied per second, the "
        "end-to-end lag (median, p99), lost and duplicated (both must be 0). Exit status: 0 "
        "none lost or duplicated, 1 some were, 3 PostgreSQL cannot be used.",
    )
    bench.add_argument("--kiosks", type=bounded_int(1, 500), default=50)
    bench.add_argument("--seconds", type=bounded_float(0.5, 3600, "of seconds"), default=20.0)
    bench.add_argument("--url", default=DEFAULT_ADMIN_URL, help="an admin PostgreSQL URL")
    bench.add_argument("--faults", action="store_true", help="kill, cut and restart during it")
    bench.add_argument("--batch", type=bounded_int(1, 1000), default=100)
    bench.add_argument("--drain", type=bounded_float(1, 600, "of seconds"), default=60.0)
    bench.add_argument("--json", action="store_true")
    bench.set_defaults(handler=_bench)


def postgresql_url(text: str) -> tuple[Any, str]:
    """(the URL, "") for a PostgreSQL URL in `text`, else (None, what is wrong with it), said
    without its password."""
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        url = parse_database_url(text)
    except DatabaseUrlError as exc:
        return None, str(exc)
    if url.get_backend_name() != "postgresql":
        return None, "the centre is a PostgreSQL database: give a postgresql:// URL"
    return url, ""


def _no_outbox(engine: Any) -> str:
    """Why the local database has nothing to send from ("" when it has an outbox): a file the
    kiosk never opened has no tables yet, and sending from it would only fail every round."""
    import sqlalchemy as sa

    from kiosk.store import models as m
    from kiosk.store.db import redacted

    if sa.inspect(engine).has_table(m.OutboxMessage.__tablename__):
        return ""
    return (
        f"the local database {redacted(engine.url)} has no outbox: it is not the kiosk's "
        "database, or the kiosk has not run on it yet (kiosk db upgrade)"
    )


@contextlib.contextmanager
def _warnings_to_log_only() -> Iterator[None]:
    """The console's warning handlers muted while `--once` runs: its outcome is one line."""
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    levels = [h.level for h in handlers]
    for handler in handlers:
        handler.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.setLevel(level)


def _send(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.commands.common import database_reason
    from kiosk.config import SettingsError, load_settings
    from kiosk.services.outbox_sender import OutboxSender
    from kiosk.store.central.client import CentreClient
    from kiosk.store.db import create_engine

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(f"kiosk fleet send: {exc}", exit_codes.USAGE)
    text = args.url if args.url is not None else getattr(settings, "central_url", "")
    if not text:
        return fail(
            "kiosk fleet send: no centre URL: give --url or set central_url in the settings",
            exit_codes.USAGE,
        )
    url, problem = postgresql_url(text)
    if url is None:
        return fail(f"kiosk fleet send: {problem}", exit_codes.USAGE)
    engine = create_engine(settings.resolved_database_url)
    try:
        problem = _no_outbox(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        return fail(f"kiosk fleet send: the local database: {database_reason(exc)}", 3)
    if problem:
        engine.dispose()
        return fail(f"kiosk fleet send: {problem}", exit_codes.UNAVAILABLE)
    centre = CentreClient(url)
    after_submit = None
    if os.environ.get(CRASH_AFTER_SUBMIT_ENV) == "1":

        def after_submit(_messages: object) -> None:
            os.kill(os.getpid(), signal.SIGKILL)

    sender = OutboxSender(
        engine, centre, settings.kiosk_id, batch=args.batch, after_submit=after_submit
    )
    try:
        if args.once:
            with _warnings_to_log_only():
                sent = 0
                while True:
                    result = sender.send_once()
                    sent += result.sent
                    if result.error is not None:
                        waiting = sender.status().queued
                        return fail(
                            f"kiosk fleet send: sent {sent}, {waiting} waiting: {result.error}",
                            exit_codes.UNAVAILABLE,
                        )
                    if not result.more:
                        break
            print(f"sent {sent}")
            return exit_codes.OK
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        sender.run(stop)
        return exit_codes.OK
    except SQLAlchemyError as exc:
        return fail(f"kiosk fleet send: the local database: {database_reason(exc)}", 3)
    finally:
        close = getattr(centre, "close", None)
        if close is not None:
            close()
        engine.dispose()


def _bench(args: argparse.Namespace) -> int:
    from kiosk.commands.fleet_bench import BenchConfig, run_bench

    def say(text: str) -> None:
        if not args.json:
            print(text, file=sys.stderr, flush=True)

    url, problem = postgresql_url(args.url)
    if url is None:
        return fail(f"kiosk fleet bench: {problem}", exit_codes.USAGE)
    cfg = BenchConfig(
        admin_url=args.url,
        kiosks=args.kiosks,
        seconds=args.seconds,
        faults=args.faults,
        batch=args.batch,
        drain_s=args.drain,
    )
    import psycopg

    try:
        result = run_bench(cfg, say)
    except (OSError, psycopg.OperationalError) as exc:
        from kiosk.store.urls import describe_database_error

        reason = describe_database_error(exc)
        return fail(f"kiosk fleet bench: PostgreSQL cannot be used: {reason}", 3)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        lag = result["lag_ms"]
        print(
            f"{result['kiosks']} kiosks, {result['seconds']:g} s"
            f"{' with faults' if cfg.faults else ''}: "
            f"{result['applied_per_s']} applied/s (written {result['written_per_s']}/s), "
            f"lag p50 {lag['p50']} ms p99 {lag['p99']} ms, lost {result['lost']}, "
            f"duplicated {result['duplicated']}, problems {result['problems']}, "
            f"drain {result['drain_s']} s"
        )
        if result.get("faults"):
            print("faults: " + ", ".join(f"{k} {v}" for k, v in result["faults"].items()))
    return exit_codes.OK if result["lost"] == 0 == result["duplicated"] else exit_codes.FAILED

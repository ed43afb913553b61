"""`kiosk diag service [out|in|status]`: take the kiosk out of service for maintenance, return
it to service, or say which it is, over SSH. The same state as the service menu's buttons
(kiosk.services.maintenance), recorded in the audit log with `--by` (default: the login name)
as technician; a running kiosk takes it up at its next back end check (every 15 s).

Exit status: 0 done (or already so: nothing recorded), 2 usage (bad settings), 3 the kiosk's
database cannot be used (none yet, unreachable, an older schema, no usable audit key).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import short_name
from kiosk.commands.common import fail

CHECK_INTERVAL_S = 15  # kiosk.app.BACKEND_CHECK_MS, not imported: it loads Qt


def add_service_command(diag_commands: Any) -> None:
    """Add `diag service` to the `diag` sub-parsers."""
    cmd = diag_commands.add_parser(
        "service",
        help="take the kiosk out of service for maintenance (out), return it (in), or show "
        "which it is (status)",
        description="out: citizens see the out-of-service screen (reason E-MAINTENANCE) while "
        "the service entry still opens; in: the kiosk serves again; status (the default): "
        "which it is, since when and set by whom. The state is kept in the kiosk's database "
        "(it survives a restart); out and in are recorded in the audit log with --by as "
        "technician; a running kiosk takes the change up within "
        f"{CHECK_INTERVAL_S} s. Exit status: 0 done (or already so: nothing recorded), 2 usage, "
        "3 the kiosk's database cannot be used (none yet, unreachable, an older schema: start "
        "the kiosk once, no usable audit key).",
    )
    cmd.add_argument(
        "what",
        nargs="?",
        choices=("out", "in", "status"),
        default="status",
        help="out of service, in service, or the state now (default)",
    )
    cmd.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who takes it out or puts it back, for the audit log (default: the login name)",
    )
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=_diag_service)


def _diag_service(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.commands.keys import login_name
    from kiosk.config import SettingsError, load_settings
    from kiosk.diag_setup import open_audit, open_kiosk_database
    from kiosk.services.maintenance import read_service_state, set_in_service
    from kiosk.services.technician_audit import Actor
    from kiosk.store.seal import AuditSealError

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), exit_codes.USAGE)
    engine, problem = open_kiosk_database(settings)
    if engine is None:
        return fail(f"Nothing done: {problem}.", exit_codes.UNAVAILABLE)
    try:
        if args.what == "status":
            try:
                state = read_service_state(engine, settings.kiosk_id)
            except SQLAlchemyError as exc:
                return fail(f"The state cannot be read ({_reason(exc)}).", exit_codes.UNAVAILABLE)
            return _print(args, state, changed=None, seq=None, actor=None)
    finally:
        engine.dispose()
    actor = args.by or login_name()
    target, problem = open_audit(settings, Actor(actor))
    if target is None:
        return fail(f"Nothing done: {problem}.", exit_codes.UNAVAILABLE)
    try:
        change = set_in_service(target, args.what == "in", dt.datetime.now(dt.UTC))
    except (SQLAlchemyError, AuditSealError, OSError) as exc:
        return fail(
            f"Nothing done: the audit log could not record it ({_reason(exc)}).",
            exit_codes.UNAVAILABLE,
        )
    finally:
        target.engine.dispose()
    return _print(args, change.state, changed=change.changed, seq=change.seq, actor=actor)


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def _print(
    args: argparse.Namespace,
    state: Any,
    *,
    changed: bool | None,
    seq: int | None,
    actor: str | None,
) -> int:
    if args.json:
        out = {
            "in_service": state.in_service,
            "since": state.since.isoformat() if state.since else None,
            "by": state.by,
            "changed": changed,
            "audit_entry": seq,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return exit_codes.OK
    print(state_line(state))
    if changed is True:
        print(f"Audit log: recorded as entry {seq} (technician {actor})")
        print(f"A running kiosk takes it up within {CHECK_INTERVAL_S} s.")
    elif changed is False:
        print("It already was: nothing changed, nothing recorded.")
    return exit_codes.OK


def state_line(state: Any) -> str:
    """ "In service." or "Out of service for maintenance since 2026-12-05 14:05 (China time),
    set by tech1." """
    from kiosk.domain.calendar import CHINA_TZ

    when = ""
    if state.since is not None:
        when = f" since {state.since.astimezone(CHINA_TZ):%Y-%m-%d %H:%M} (China time)"
    by = f", set by {state.by}" if state.by else ""
    if state.in_service:
        return f"In service{when}{by}." if state.since else "In service."
    return f"Out of service for maintenance{when}{by}."

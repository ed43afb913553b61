"""`kiosk staff add|list|reset|disable`: staff accounts from the command line, to bootstrap the
first administrator and to help a locked-out clerk.

The database and the settings are chosen as for `kiosk db` (`--config`, `--demo`, `--url`);
each change is sealed into this kiosk's audit chain with the system login (or `--by`) as actor,
so the commands open the audit seal as the kiosk does at start-up, and bring the schema to head
first. A password is asked twice on the terminal, or read as one line from standard input with
`--password-stdin`; it is never echoed, logged or kept. Exit codes: 0 done, 2 usage (a bad
login, role, name or password, a duplicate or unknown account, bad settings or URL; nothing
changed), 3 the database or the audit key cannot be used.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk import exit_codes
from kiosk.commands.arguments import short_name
from kiosk.commands.common import database_reason
from kiosk.commands.db import DbCommandError, database_url_of, settings_of
from kiosk.commands.keys import login_name
from kiosk.domain import staff as rules

if TYPE_CHECKING:  # imported where used: the store and the services are slow to load
    from kiosk.services.staff_auth import StaffAccounts


def add_staff_commands(commands: Any) -> None:
    """Add `staff` and its sub-commands to the `kiosk` command's sub-parsers."""
    staff = commands.add_parser(
        "staff",
        help="staff accounts: add, list, reset, disable",
        description="Staff accounts of the kiosk's database (clerk: the voucher desk; "
        "technician: diagnostics, leaving kiosk mode; admin: everything). Exit status: 0 done, "
        "2 usage (bad login, role, name or password, a duplicate or unknown account, bad "
        "settings or URL; nothing changed), 3 the database or the audit key cannot be used.",
    )
    sub = staff.add_subparsers(dest="staff_command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        help="SQLAlchemy database URL (default: the database of the kiosk's settings, as for "
        "kiosk db)",
    )
    changes = argparse.ArgumentParser(add_help=False, parents=[common])
    changes.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who makes the change, for the audit log (default: the login name)",
    )
    password = argparse.ArgumentParser(add_help=False)
    password.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password as one line from standard input instead of asking twice",
    )
    user = argparse.ArgumentParser(add_help=False)
    user.add_argument("user", type=_login, metavar="USER", help="the login name")

    cmd = sub.add_parser(
        "add",
        parents=[user, changes, password],
        help="add an account",
        description=f"Add an active account. USER: lower-case letters, digits and . _ -, "
        f"starting with a letter, at most {rules.LOGIN_MAX} characters; the password has at "
        f"least {rules.PASSWORD_MIN_CHARS} characters.",
    )
    cmd.add_argument("--role", required=True, choices=sorted(rules.ROLE_WORDS))
    cmd.add_argument(
        "--name",
        type=short_name("--name", rules.DISPLAY_NAME_MAX),
        help="the name shown on the staff screens (default: USER)",
    )
    cmd.set_defaults(handler=_reported(_add))

    cmd = sub.add_parser(
        "list", parents=[common], help="list the accounts: login, role, active, locked until"
    )
    cmd.set_defaults(handler=_reported(_list))

    cmd = sub.add_parser(
        "reset",
        parents=[user, changes, password],
        help="give an account a new password; unlocks it and makes it active again",
    )
    cmd.set_defaults(handler=_reported(_reset))

    cmd = sub.add_parser(
        "disable", parents=[user, changes], help="disable an account (reset enables it again)"
    )
    cmd.set_defaults(handler=_reported(_disable))


def _login(value: str) -> str:
    problem = rules.login_problem(value)
    if problem:  # the value itself is not echoed: it may be long or hold a line break
        raise argparse.ArgumentTypeError(problem)
    return value


def _reported(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a `staff` handler; every refusal becomes one line on stderr and its exit code."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from kiosk.services.staff_auth import StaffAccountError
        from kiosk.store.seal import AuditSealError

        try:
            return handler(args)
        except DbCommandError as exc:
            message, code = str(exc), exc.code
        except StaffAccountError as exc:
            message, code = f"{exc}; nothing was changed", exit_codes.USAGE
        except AuditSealError as exc:
            message, code = f"the audit chain cannot be sealed: {exc}", exit_codes.UNAVAILABLE
        except SQLAlchemyError as exc:
            reason = database_reason(exc)
            message = (
                f"the database could not be used ({reason}); nothing was changed. Is it up "
                "and at its newest schema (kiosk db upgrade)?"
            )
            code = exit_codes.UNAVAILABLE
        print(f"kiosk staff {args.staff_command}: {message}", file=sys.stderr)
        return code

    return run


def _accounts(args: argparse.Namespace, *, write: bool) -> StaffAccounts:
    """The account service on the settings' (or --url's) database; for a change, migrated and
    with the kiosk's audit seal. The engine lives until the command ends."""
    import datetime as dt

    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.staff_auth import StaffAccounts
    from kiosk.store.db import create_engine, is_sqlite, redacted, sqlite_path
    from kiosk.store.files import PrivateFileError
    from kiosk.store.migrate import upgrade
    from kiosk.store.seal import SealFiles

    settings = settings_of(args)
    url = database_url_of(args, settings)
    path = sqlite_path(url) if is_sqlite(url) else None
    if not write and path is not None and not path.exists():
        raise DbCommandError(
            f"{path}: no such database (--url, --config or --demo name another)",
            exit_codes.UNAVAILABLE,
        )
    try:
        engine = create_engine(url)
    except (PrivateFileError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise DbCommandError(
            f"cannot open the database {redacted(url)}: {reason}", exit_codes.UNAVAILABLE
        ) from None
    except ImportError as exc:  # a DBAPI module that is not installed
        raise DbCommandError(
            f"the database driver for {redacted(url)} is not installed ({exc.name})",
            exit_codes.USAGE,
        ) from None
    seal = None
    if write:
        upgrade(engine)  # as the kiosk does at start: a first account on a fresh install
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
    return StaffAccounts(engine, seal, settings.kiosk_id, clock=lambda: dt.datetime.now(dt.UTC))


def _operator(args: argparse.Namespace) -> Any:  # -> Operator
    from kiosk.domain.journal import ActorKind
    from kiosk.services.staff_auth import Operator

    # As `kiosk audit new-key` records it: whoever has a shell on the kiosk is its technician.
    return Operator(ActorKind.TECHNICIAN, args.by or login_name())


def _password(args: argparse.Namespace) -> bytearray:
    """The new password, checked against the rule before anything is opened."""
    if args.password_stdin:
        # One line; the limit keeps a file piped in by mistake from being read whole.
        line = bytearray(sys.stdin.buffer.readline(rules.PASSWORD_MAX_BYTES + 2))
        if not line:
            raise DbCommandError("no password on standard input", exit_codes.USAGE)
        for end in (b"\n", b"\r"):
            if line.endswith(end):
                del line[-1]
    else:
        if not sys.stdin.isatty():
            raise DbCommandError(
                "no terminal to ask the password on; give it on standard input with "
                "--password-stdin",
                exit_codes.USAGE,
            )
        import getpass

        # getpass gives str, which cannot be wiped: turned into bytes at once and dropped.
        try:
            line = bytearray(getpass.getpass("New password: ").encode())
            again = bytearray(getpass.getpass("The same again: ").encode())
        except EOFError:  # Ctrl+D at the prompt
            raise DbCommandError(
                "no password given; nothing was changed", exit_codes.USAGE
            ) from None
        same = line == again
        rules.wipe(again)
        if not same:
            rules.wipe(line)
            raise DbCommandError("the two passwords differ; nothing was changed", exit_codes.USAGE)
    problem = rules.password_problem(line)
    if problem:
        rules.wipe(line)
        raise DbCommandError(f"{problem}; nothing was changed", exit_codes.USAGE)
    return line


def _add(args: argparse.Namespace) -> int:
    password = _password(args)
    try:
        accounts = _accounts(args, write=True)
        try:
            account = accounts.add(
                args.user,
                rules.ROLE_WORDS[args.role],
                password,
                _operator(args),
                display_name=args.name,
            )
        finally:
            accounts.engine.dispose()
    finally:
        rules.wipe(password)
    print(f"Added {account.role.value} {account.login} ({account.display_name}).")
    return exit_codes.OK


def _reset(args: argparse.Namespace) -> int:
    password = _password(args)
    try:
        accounts = _accounts(args, write=True)
        try:
            account = accounts.reset(args.user, password, _operator(args))
        finally:
            accounts.engine.dispose()
    finally:
        rules.wipe(password)
    print(f"New password for {account.login}; the account is unlocked and active.")
    return exit_codes.OK


def _disable(args: argparse.Namespace) -> int:
    accounts = _accounts(args, write=True)
    try:
        done = accounts.disable(args.user, _operator(args))
    finally:
        accounts.engine.dispose()
    print(f"Disabled {args.user}." if done else f"{args.user} was already disabled.")
    return exit_codes.OK


def _list(args: argparse.Namespace) -> int:
    import datetime as dt

    accounts = _accounts(args, write=False)
    try:
        rows = accounts.accounts()
    finally:
        accounts.engine.dispose()
    if not rows:
        print("No staff accounts (kiosk staff add USER --role ROLE adds one).")
        return exit_codes.OK
    now = dt.datetime.now(dt.UTC)
    print(f"{'login':<{rules.LOGIN_MAX}}  {'role':<13}  active  {'locked until':<20}  name")
    for a in rows:
        locked = (
            a.locked_until.strftime("%Y-%m-%d %H:%M UTC")
            if rules.is_locked(a.locked_until, now) and a.locked_until is not None
            else "-"
        )
        active = "yes" if a.active else "no"
        print(
            f"{a.login:<{rules.LOGIN_MAX}}  {a.role.value:<13}  {active:<6}  {locked:<20}  "
            f"{a.display_name}"
        )
    return exit_codes.OK

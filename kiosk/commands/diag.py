"""`kiosk diag readers|read|pcsc-demo|selftest`: diagnostics for a technician, on the PC/SC
readers through pcscd, and the self-test of the whole kiosk. A card problem is exit status 1, a
reader or pcscd unavailable is 3; `selftest` exits 1 when any of its checks fails."""

from __future__ import annotations

import argparse
import json
from typing import Any

from drivers.readers.errors import (
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderTimeout,
    ReaderUnavailable,
    ServiceUnavailable,
    SharingViolation,
)
from kiosk.card.errors import CardUnreadable
from kiosk.commands.arguments import bounded_float, nonblank
from kiosk.commands.common import EXIT_CARD, EXIT_OK, EXIT_READER, fail
from kiosk.domain.text import shorten

# `diag read`: how long to wait for a card, and for the card to answer the read (a stalled card
# is given up on after that); the bounds stated in the help.
MAX_WAIT_S = 600.0
DEFAULT_CARD_TIMEOUT_S = 10.0


def add_diag_commands(commands: Any) -> None:
    """Add `diag` and its sub-commands to the `kiosk` command's sub-parsers."""
    diag = commands.add_parser(
        "diag",
        help="diagnostics for a technician",
        description="Exit status: 0 done, 1 a card problem (none inserted, unreadable, mute, "
        "stalled) or a self-test check failed, 2 usage, 3 reader or pcscd unavailable.",
    )
    diag_commands = diag.add_subparsers(title="diagnostics", metavar="WHAT", required=True)
    readers = diag_commands.add_parser("readers", help="list readers and their state")
    readers.add_argument("--json", action="store_true")
    readers.set_defaults(handler=_diag_readers)
    read = diag_commands.add_parser("read", help="read the inserted card and print every field")
    read.add_argument(
        "--reader",
        type=nonblank("the reader name"),
        help="reader name, as `kiosk diag readers` lists it (default: the first with a card)",
    )
    read.add_argument("--json", action="store_true")
    read.add_argument("--full", action="store_true", help="show personal fields unmasked")
    read.add_argument(
        "--wait",
        type=bounded_float(0, MAX_WAIT_S, "of seconds"),
        default=2.0,
        help=f"seconds to wait for a card to be inserted (0 to {MAX_WAIT_S:g}; default 2)",
    )
    read.add_argument(
        "--timeout",
        type=bounded_float(0.5, 120, "of seconds"),
        default=DEFAULT_CARD_TIMEOUT_S,
        help="seconds the card has to answer the read before it counts as stalled "
        f"(0.5 to 120; default {DEFAULT_CARD_TIMEOUT_S:g})",
    )
    read.set_defaults(handler=_diag_read)
    pcsc_demo = diag_commands.add_parser(
        "pcsc-demo",
        help="insert each demo card into a virtual reader of a private pcscd and read it",
    )
    pcsc_demo.set_defaults(handler=_pcsc_demo)
    add_selftest_command(diag_commands)


def _pcsc_backend():  # -> PcscBackend, imported late: pyscard loads the PC/SC library
    from drivers.readers.pcsc import PcscBackend

    backend = PcscBackend()
    backend.start()
    backend.wait_ready(5.0)
    return backend


def _diag_readers(args: argparse.Namespace) -> int:
    from kiosk.services.diagnostics import reader_rows

    backend = _pcsc_backend()
    try:
        if not backend.service_available:
            return fail("The smart card service (pcscd) is not running.", EXIT_READER)
        rows = reader_rows(backend.readers())
    finally:
        backend.stop()
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("No card readers found.")
    else:
        for row in rows:
            atr = f"  ATR {row['atr']}" if row["atr"] else ""
            print(f"{row['name']}  [{row['driver']}]  {row['state']}{atr}")
    return EXIT_OK


def _diag_read(args: argparse.Namespace) -> int:
    from kiosk.card.read import read_card
    from kiosk.services.card_reading import run_card_job, wait_for_card
    from kiosk.services.diagnostics import card_report, reader_rows, render_card_report

    backend = _pcsc_backend()
    stalled = False
    try:
        if not backend.service_available:
            return fail("The smart card service (pcscd) is not running.", EXIT_READER)
        names = [info.name for info in backend.readers()]
        if args.reader is not None and args.reader not in names:
            return fail(_no_such_reader(args.reader, names), EXIT_READER)
        info = wait_for_card(backend, args.reader, args.wait)
        read = run_card_job(backend, info.name, read_card, args.timeout)
        backend.power_down(info.name)
        report = {"reader": reader_rows([info])[0], **card_report(read, full=args.full)}
    except ReaderTimeout:
        # The reader's I/O thread is still inside the unanswered APDU; stopping the backend
        # would wait for it in vain. The process ends, and pcscd lets the context go with it.
        stalled = True
        return fail(
            f"The card did not answer within {args.timeout:g} s (a stalled card): take it out "
            "and try another; if every card stalls, check the reader.",
            EXIT_CARD,
        )
    except (CardRemoved, CardMute, CardUnreadable, ReaderError) as exc:
        return fail(_explain(exc), EXIT_CARD if _is_card_problem(exc) else EXIT_READER)
    finally:
        if not stalled:
            backend.stop()
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_card_report(report))
    return EXIT_OK


def _no_such_reader(name: str, names: list[str]) -> str:
    there = ", ".join(repr(n) for n in names) if names else "none"
    return (
        f"No reader named {shorten(name)!r}. The readers are: {there} "
        "(`kiosk diag readers` shows their state)."
    )


def _pcsc_demo(args: argparse.Namespace) -> int:
    from kiosk.demo.pcsc import run_console_demo

    return run_console_demo()


# The self-test ---------------------------------------------------------------------------------


def add_selftest_command(diag_commands: Any) -> None:
    selftest = diag_commands.add_parser(
        "selftest",
        help="check everything the kiosk needs, in order, each with its fix",
        description="Settings, data folder and disk, clock, pcscd and the readers, the printer, "
        "the database (latency, schema, integrity, audit chain, outbox) and the keys: one line "
        "each, PASS, WARN, FAIL or SKIP, with the fix. Recorded in the audit log (as "
        "diag.selftest, by the login name) when the database and audit key allow. Exit status: "
        "0 nothing failed (warnings are printed but pass), 1 a check failed (bad settings "
        "included), 2 usage.",
    )
    selftest.add_argument("--json", action="store_true", help="machine-readable output")
    selftest.set_defaults(handler=_diag_selftest)


def _diag_selftest(args: argparse.Namespace) -> int:
    import kiosk
    from kiosk.commands.keys import login_name
    from kiosk.config import SettingsError, load_settings
    from kiosk.services.selftest import record_selftest, run_selftest, settings_failed

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        report, recorded = settings_failed(str(exc)), (None, "no settings")
    else:
        subject = _selftest_subject(settings, kiosk.BUILD_DATE)
        report = run_selftest(subject, "loaded" + (" (the demo set-up)" if settings.demo else ""))
        recorded = _record_selftest(record_selftest, subject, report, login_name())
    if args.json:
        entry, reason = recorded
        audit = {"recorded": entry is not None, "entry": entry, "reason": reason or None}
        print(json.dumps({**report.as_dict(), "audit": audit}, indent=2, ensure_ascii=False))
    else:
        print(_selftest_text(report, recorded))
    return EXIT_OK if report.passed else EXIT_CARD


def _selftest_subject(settings: Any, build_date: str) -> Any:  # -> SelftestSubject
    import datetime as dt

    from kiosk.hardware import make_printer
    from kiosk.services.selftest import SelftestSubject, survey_pcsc

    return SelftestSubject(
        kiosk_id=settings.kiosk_id,
        data_dir=settings.data_dir,
        database_url=settings.resolved_database_url,
        hmac_key_file=settings.resolved_voucher_key_file,
        printer=lambda: make_printer(settings, prepare=False),
        readers=survey_pcsc if settings.reader == "pcsc" else None,
        reader_name=settings.reader_name,
        reader_kind=settings.reader,
        build_date=dt.date.fromisoformat(build_date),
    )


def _record_selftest(record: Any, subject: Any, report: Any, actor: str) -> tuple[int | None, str]:
    """The audit entry of the run; what stops it is said, never raised: the checks stand."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.store.seal import AuditSealError

    try:
        return record(subject, report, actor=actor)
    except (SQLAlchemyError, AuditSealError, OSError) as exc:
        return None, f"the database or anchor file refused it ({type(exc).__name__})"


def _selftest_text(report: Any, recorded: tuple[int | None, str]) -> str:
    width = max(len(c.id) for c in report.checks)
    lines = []
    for check in report.checks:
        lines.append(f"{check.verdict.value.upper():4}  {check.id:{width}}  {check.found}")
        if check.fix:
            lines.append(f"{'':4}  {'':{width}}  fix: {check.fix}")
    counts = {v: len(report.ids(v)) for v in type(report.verdict)}
    tally = ", ".join(f"{n} {v.value}" for v, n in counts.items() if n)
    lines.append(f"result: {report.verdict.value.upper()} ({tally}) in {report.seconds:.1f} s")
    entry, reason = recorded
    if entry is not None:
        lines.append(f"recorded in the audit log as entry {entry}")
    else:
        lines.append(f"not recorded in the audit log: {reason}")
    return "\n".join(lines)


# Output ----------------------------------------------------------------------------------------


def _explain(exc: Exception) -> str:
    if isinstance(exc, CardUnreadable):
        return f"The card cannot be read ({exc.reason}: {exc.detail or 'no detail'})."
    if isinstance(exc, CardMute):
        return "The card does not answer (mute card)."
    if isinstance(exc, CardRemoved):
        return (
            "No card in the reader (or it was removed during the read): insert the card and try"
            " again (--wait gives more time)."
        )
    if isinstance(exc, ServiceUnavailable):
        return "The smart card service (pcscd) is not running."
    if isinstance(exc, SharingViolation):
        return (
            "Another program holds the card exclusively (a running kiosk?): stop it and try again."
        )
    if isinstance(exc, ReaderUnavailable):
        return f"Reader unavailable: {exc}"
    return f"Reader error: {exc}"


def _is_card_problem(exc: Exception) -> bool:
    return isinstance(exc, CardUnreadable | CardMute | CardRemoved)

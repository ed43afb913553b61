"""`kiosk diag readers|read|pcsc-demo`: diagnostics for a technician, on the PC/SC readers
through pcscd. A card problem is exit status 1, a reader or pcscd unavailable is 3.
`diag printer` and `diag bundle` are in their own modules (diag_printer.py, diag_bundle.py)."""

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
from kiosk.commands.diag_bundle import add_bundle_command
from kiosk.commands.diag_printer import add_printer_command
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
        "stalled), 2 usage, 3 reader or pcscd unavailable.",
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
    # The printer and the diagnostics bundle: their own modules (the options, output, codes).
    add_printer_command(diag_commands)
    add_bundle_command(diag_commands)


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

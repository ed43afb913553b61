"""`kiosk diag readers|read|atr|apdu|pcsc-demo|selftest`: diagnostics for a technician, on the
PC/SC readers through pcscd, and the self-test of the whole kiosk. A card problem is exit status
1, a reader or pcscd unavailable is 3; `selftest` exits 1 when any of its checks fails.
`diag printer`, `diag bundle`, `diag service` and `diag system` are in their own modules
(diag_printer.py, diag_bundle.py, diag_service.py, diag_system.py)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from drivers.readers.base import CardChannel, ReaderInfo
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
from kiosk.commands.common import (
    EXIT_CARD,
    EXIT_OK,
    EXIT_READER,
    EXIT_USAGE,
    fail,
    settings_log_dir,
)
from kiosk.commands.diag_bundle import add_bundle_command
from kiosk.commands.diag_printer import add_printer_command
from kiosk.commands.diag_service import add_service_command
from kiosk.commands.diag_system import add_system_command
from kiosk.commands.idcard import add_idcard_diag
from kiosk.commands.keys import login_name
from kiosk.domain.text import shorten

# `diag read`: how long to wait for a card, and for the card to answer the read (a stalled card
# is given up on after that); the bounds stated in the help.
MAX_WAIT_S = 600.0
DEFAULT_CARD_TIMEOUT_S = 10.0

T = TypeVar("T")


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
    _add_card_options(read)
    read.add_argument("--json", action="store_true")
    read.add_argument("--full", action="store_true", help="show personal fields unmasked")
    read.add_argument(
        "--timings",
        action="store_true",
        help="the card test: read every public file (EF05, EF06, the photo EF08) and list "
        "each APDU with its header, status word and time",
    )
    read.set_defaults(handler=_diag_read)
    pcsc_demo = diag_commands.add_parser(
        "pcsc-demo",
        help="insert each demo card into a virtual reader of a private pcscd and read it",
    )
    pcsc_demo.set_defaults(handler=_pcsc_demo)
    _add_card_commands(diag_commands)
    add_selftest_command(diag_commands)
    # The printer and the diagnostics bundle: their own modules (the options, output, codes).
    add_printer_command(diag_commands)
    add_bundle_command(diag_commands)
    add_service_command(diag_commands)
    add_system_command(diag_commands)
    add_idcard_diag(diag_commands)


def _pcsc_backend():  # -> PcscBackend, imported late: pyscard loads the PC/SC library
    from drivers.readers.pcsc import PcscBackend

    backend = PcscBackend()
    backend.start()
    backend.wait_ready(5.0)
    return backend


def _diag_readers(args: argparse.Namespace) -> int:
    """The PC/SC readers in the device vocabulary, pcscd (running, version) and which reader
    the kiosk's settings use; 3 when pcscd does not answer (after saying what is known)."""
    from kiosk.services.reader_diag import (
        ReaderService,
        ServiceKind,
        pcscd_version,
        readers_report,
    )

    configured = _configured_reader(args)
    backend = _pcsc_backend()
    try:
        running = backend.service_available
        infos = backend.readers() if running else []
    finally:
        backend.stop()
    service = ReaderService(ServiceKind.PCSCD, running, pcscd_version())
    pcsc = configured["reader"] == "pcsc"  # else the simulated reader (or settings unread)
    wanted = (configured["reader_name"] or "") if pcsc else ""
    report = readers_report(infos, service, wanted=wanted, kiosk_reads=pcsc)
    id_probe = _id_reader_probe(args)
    if id_probe is not None:
        from kiosk.services.reader_diag import IdReaderRow

        report = dataclasses.replace(report, id_reader=IdReaderRow(id_probe))
    if args.json:
        doc = {**report.as_dict(), "configured": configured}
        del doc["at"]  # one look: nothing was watched (each `since` is null)
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(_readers_text(report, configured))
    if not running:
        return fail("The smart card service (pcscd) is not running.", EXIT_READER)
    return EXIT_OK


def _id_reader_probe(args: argparse.Namespace) -> Any:
    """One look at the settings' resident ID card reader (its SAM, and whether a card lies on
    it: never whose); None when the kiosk has none or the settings cannot be read."""
    from kiosk.config import SettingsError, load_settings
    from kiosk.diag_setup import id_reader_probe

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError:
        return None  # the card readers' part says so
    if settings.idcard_reader == "none":
        return None
    return id_reader_probe(settings, look_for_card=True)


def _configured_reader(args: argparse.Namespace) -> dict[str, Any]:
    """The settings' reader (pcsc or mock) and reader_name; what stops them being read is
    said, not raised: the readers are listed all the same."""
    from kiosk.config import SettingsError, load_settings

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return {"reader": None, "reader_name": None, "problem": f"the settings: {exc}"}
    return {"reader": settings.reader, "reader_name": settings.reader_name or None, "problem": None}


def _readers_text(report: Any, configured: dict[str, Any]) -> str:
    service = report.service
    version = service.version or "unknown"
    if service.running:
        lines = [f"pcscd: running, version {version}"]
    else:
        lines = [f"pcscd: not running (version {version}): start it with `systemctl start pcscd`"]
    if configured["problem"]:
        lines.append(f"The kiosk's reader: not known ({configured['problem']})")
    elif configured["reader"] == "mock":
        lines.append(
            'The kiosk\'s reader: the simulated reader (reader = "mock"), inside the running '
            "kiosk: no pcscd is involved; staff mode's Card readers page shows it"
        )
    elif report.wanted:
        lines.append(f"The kiosk's reader: {report.wanted!r} (reader_name)")
    else:
        lines.append("The kiosk's reader: any reader with a card (no reader_name set)")
    if not report.rows:
        lines.append("No card readers found." if service.running else "No readers: pcscd is down.")
    for row in report.rows:
        status = row.status
        media = status.media.value.replace("_", " ")
        words = status.state.value.replace("_", " ")
        if status.media.value != "unknown":
            words += f", {media}"
        mark = "  (the kiosk's reader)" if row.kiosk_uses else ""
        atr = f"  ATR {row.atr}" if row.atr else ""
        driver = f"  [{row.driver}]" if row.driver else ""
        lines.append(f"{row.name}{driver}  {words}{atr}{mark}")
        if status.error:
            lines.append(f"    problem: {status.error}")
    if report.id_reader is not None:
        lines += _id_reader_lines(report.id_reader.probe)
    return "\n".join(lines)


def _id_reader_lines(probe: Any) -> list[str]:
    """The resident ID card reader, as `kiosk diag readers` prints it."""
    status = probe.device
    words = status.state.value.replace("_", " ")
    card = {True: "an ID card on it", False: "no ID card on it"}.get(probe.card_on)
    if card:
        words += f", {card}"
    lines = [f"ID card reader: {probe.port or '-'}  [{probe.driver}]  {words}"]
    if probe.problem is not None:
        lines.append(f"    problem: {probe.problem.found}")
        lines.append(f"    fix: {probe.problem.fix}")
    return lines


def _diag_read(args: argparse.Namespace) -> int:
    from kiosk.card.read import read_card
    from kiosk.services.diagnostics import card_report, reader_rows, render_card_report

    if args.timings:
        return _diag_card_test(args)
    done = _on_card(args, read_card)
    if isinstance(done, int):
        return done
    info, read = done
    report = {"reader": reader_rows([info])[0], **card_report(read, full=args.full)}
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
    from kiosk.diag_setup import selftest_subject
    from kiosk.services.selftest import record_selftest, run_selftest, settings_failed
    from kiosk.services.technician_audit import Actor

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        report, recorded = settings_failed(str(exc)), (None, "no settings")
    else:
        subject = selftest_subject(settings, kiosk.BUILD_DATE)
        report = run_selftest(subject, "loaded" + (" (the demo set-up)" if settings.demo else ""))
        recorded = _record_selftest(record_selftest, subject, report, Actor(login_name()))
    if args.json:
        entry, reason = recorded
        audit = {"recorded": entry is not None, "entry": entry, "reason": reason or None}
        print(json.dumps({**report.as_dict(), "audit": audit}, indent=2, ensure_ascii=False))
    else:
        print(_selftest_text(report, recorded))
    return EXIT_OK if report.passed else EXIT_CARD


def _record_selftest(record: Any, subject: Any, report: Any, actor: Any) -> tuple[int | None, str]:
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


# The card: wait for it, run a job on it, power it down (read, the card test, the console) ------


def _add_card_options(parser: argparse.ArgumentParser) -> None:
    """--reader, --wait and --timeout: which card, and how long to wait for it and for it."""
    parser.add_argument(
        "--reader",
        type=nonblank("the reader name"),
        help="reader name, as `kiosk diag readers` lists it (default: the first with a card)",
    )
    parser.add_argument(
        "--wait",
        type=bounded_float(0, MAX_WAIT_S, "of seconds"),
        default=2.0,
        help=f"seconds to wait for a card to be inserted (0 to {MAX_WAIT_S:g}; default 2)",
    )
    parser.add_argument(
        "--timeout",
        type=bounded_float(0.5, 120, "of seconds"),
        default=DEFAULT_CARD_TIMEOUT_S,
        help="seconds the card has to answer before it counts as stalled "
        f"(0.5 to 120; default {DEFAULT_CARD_TIMEOUT_S:g})",
    )


def _on_card(
    args: argparse.Namespace, job: Callable[[CardChannel], T]
) -> tuple[ReaderInfo, T] | int:
    """Wait for the card (`args.reader`, `args.wait`), run `job` on it within `args.timeout`
    and power it down (its PIN state goes with it). Returns the reader and the job's result,
    or the exit status after one line saying what went wrong."""
    from kiosk.services.card_reading import run_card_job, wait_for_card

    backend = _pcsc_backend()
    stalled = False
    try:
        if not backend.service_available:
            return fail("The smart card service (pcscd) is not running.", EXIT_READER)
        names = [info.name for info in backend.readers()]
        if args.reader is not None and args.reader not in names:
            return fail(_no_such_reader(args.reader, names), EXIT_READER)
        info = wait_for_card(backend, args.reader, args.wait)
        result = run_card_job(backend, info.name, job, args.timeout)
        backend.power_down(info.name)
        return info, result
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


def _add_card_commands(diag_commands: Any) -> None:
    """`diag atr` and `diag apdu` (the card test is `diag read --timings`)."""
    atr = diag_commands.add_parser(
        "atr",
        help="decode the inserted card's ATR (or one given as hex)",
        description="Exit status: 0 decoded, 1 not a valid ATR or no card, 2 usage, "
        "3 reader or pcscd unavailable.",
    )
    atr.add_argument(
        "hex",
        nargs="?",
        metavar="ATR",
        help="an ATR to decode, in hex (spaces allowed inside quotes); without it, the ATR of "
        "the card in the reader",
    )
    _add_card_options(atr)
    atr.add_argument("--json", action="store_true")
    atr.set_defaults(handler=_diag_atr)

    apdu = diag_commands.add_parser(
        "apdu",
        help="send command APDUs to the inserted card and show the answers",
        description="Each HEX is one command APDU (spaces allowed inside quotes; `-`: read them "
        "from standard input, one a line, which keeps a PIN out of the shell's history and "
        "the process list), sent in order on one connection; the card is powered down after. "
        "Commands that may change the card (VERIFY with a PIN, CHANGE PIN, any write, an "
        "unknown or proprietary instruction) are refused without --allow-write. "
        "Exit status: 0 every APDU answered (whatever its status word), 1 the card left or "
        "went mute, 2 usage or a refused command (nothing sent), 3 reader or pcscd "
        "unavailable, or the log cannot record a write.",
    )
    apdu.add_argument("hex", nargs="+", metavar="HEX", help="a command APDU in hex, or `-`")
    _add_card_options(apdu)
    apdu.add_argument(
        "--allow-write",
        action="store_true",
        help="send commands that may change the card (recorded by name in kiosk.log)",
    )
    apdu.add_argument("--full", action="store_true", help="show the response data unmasked")
    apdu.add_argument("--json", action="store_true")
    apdu.set_defaults(handler=_diag_apdu)


def _diag_atr(args: argparse.Namespace) -> int:
    from kiosk.card.apdu import ApduFormatError
    from kiosk.services.diagnostics import atr_report, reader_rows, render_atr_report

    reader: dict[str, Any] | None = None
    if args.hex is not None:
        try:
            raw = _hex_bytes(args.hex, "the ATR", 64)
        except ApduFormatError as exc:
            return fail(str(exc), EXIT_USAGE)
    else:
        done = _on_card(args, _atr_of)  # connecting shows the card answers, as a read would
        if isinstance(done, int):
            return done
        info, raw = done
        reader = reader_rows([info])[0]
    report = atr_report(raw)
    if args.json:
        print(json.dumps({"reader": reader, "atr": report}, indent=2, ensure_ascii=False))
    else:
        if reader is not None:
            print(f"{'reader':<22}{reader['name']} ({reader['driver']})")
        print(render_atr_report(report))
    return EXIT_CARD if "error" in report else EXIT_OK


def _atr_of(channel: CardChannel) -> bytes:
    return channel.atr


def _hex_bytes(text: str, what: str, most: int) -> bytes:
    """Hex digits with spaces, at most `most` bytes; ApduFormatError names what is wrong."""
    from kiosk.card.apdu import ApduFormatError

    if len(text) > 4 * most:
        raise ApduFormatError(f"{what}: {len(text):,} characters, more than {most} bytes")
    digits = "".join(text.split())
    if not digits or len(digits) % 2 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ApduFormatError(f"{what} must be an even number of hex digits")
    if len(digits) // 2 > most:
        raise ApduFormatError(f"{what}: {len(digits) // 2} bytes, more than {most}")
    return bytes.fromhex(digits)


# Standard input for `diag apdu -`: the most it reads, and it stops there.
_STDIN_LIMIT = 64 * 1024


def _diag_apdu(args: argparse.Namespace) -> int:
    from kiosk.card.apdu import ApduFormatError, CommandApdu
    from kiosk.card.console import MAX_APDUS, refused, send_all
    from kiosk.services.apdu_console import console_report, render_console
    from kiosk.services.diagnostics import reader_rows

    texts: list[str] = []
    for text in args.hex:
        if text == "-":
            typed = sys.stdin.read(_STDIN_LIMIT + 1)
            if len(typed) > _STDIN_LIMIT:
                return fail(
                    f"Standard input holds more than {_STDIN_LIMIT:,} characters.", EXIT_USAGE
                )
            texts += [
                line
                for line in typed.splitlines()
                if line.strip() and not line.lstrip().startswith("#")
            ]
        else:
            texts.append(text)
    if not texts:
        return fail("No APDU given (standard input was empty).", EXIT_USAGE)
    if len(texts) > MAX_APDUS:
        return fail(f"{len(texts)} APDUs: at most {MAX_APDUS} in one run.", EXIT_USAGE)
    apdus = []
    for n, text in enumerate(texts, 1):
        try:
            apdus.append(CommandApdu.from_hex(text))
        except ApduFormatError as exc:
            return fail(f"APDU {n}: {exc}; nothing was sent.", EXIT_USAGE)
    changing = refused(apdus)
    if changing and not args.allow_write:
        return fail(
            f"{'; '.join(changing)}: nothing was sent; --allow-write sends commands that may "
            "change the card.",
            EXIT_USAGE,
        )
    problem = _open_console_log(args, must=bool(changing))
    if problem:
        return fail(problem, EXIT_READER)
    if changing:
        logging.getLogger(__name__).info(
            "diag.apdu_write_allowed by=%s apdus=%d changing=%d",
            login_name(),
            len(apdus),
            len(changing),
        )
    done = _on_card(args, lambda channel: send_all(channel, apdus))
    if isinstance(done, int):
        return done
    info, run = done
    report = {"reader": reader_rows([info])[0], **console_report(run, full=args.full)}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_console(report))
    if run.failure is not None:
        unsent = f"; {run.unsent} APDU(s) not sent" if run.unsent else ""
        return fail(
            f"{_explain(run.failure)}{unsent}",
            EXIT_CARD if _is_card_problem(run.failure) else EXIT_READER,
        )
    return EXIT_OK


def _open_console_log(args: argparse.Namespace, *, must: bool) -> str:
    """Send the console's log lines (command names and status words, never data) to kiosk.log.
    Where a command may change the card, a log that cannot be written stops the run (the
    message); otherwise the console runs without it (empty)."""
    from kiosk.logs import setup_logging

    log_dir = settings_log_dir(args)
    try:
        setup_logging(log_dir)
    except Exception as exc:
        if not must:
            return ""
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return (
            f"The log folder {log_dir} cannot be written ({reason}), and a command that may "
            "change the card is recorded there: nothing was sent."
        )
    return ""


def _diag_card_test(args: argparse.Namespace) -> int:
    from kiosk.services.card_test import card_test_report, render_timings, run_card_test
    from kiosk.services.diagnostics import reader_rows, render_card_report

    done = _on_card(args, run_card_test)
    if isinstance(done, int):
        return done
    info, test = done
    report = {"reader": reader_rows([info])[0], **card_test_report(test, full=args.full)}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif report["card"] is not None:
        print(render_card_report(report))
        print(render_timings(report))
    else:
        print(f"Reader   {report['reader']['name']} ({report['reader']['driver']})")
        print(render_timings(report))
    return EXIT_OK if test.passed else EXIT_CARD

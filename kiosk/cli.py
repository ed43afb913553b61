"""The `kiosk` command: the kiosk itself, its demo and tour, the virtual card, diagnostics, db,
and the offline voucher check."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from drivers.readers.errors import (
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderTimeout,
    ReaderUnavailable,
    ServiceUnavailable,
    SharingViolation,
)
from kiosk import exit_codes
from kiosk.card.errors import CardUnreadable
from kiosk.cli_types import (
    Parser,
    bounded_float,
    bounded_int,
    nonblank,
    path_arg,
    short_name,
    shorten,
)
from kiosk.store.cli import add_db_commands

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings

# The exit codes of kiosk.exit_codes under the names the commands here use.
EXIT_OK = exit_codes.OK
EXIT_CARD = exit_codes.FAILED  # diag: a card problem (none, unreadable, mute, stalled)
EXIT_USAGE = exit_codes.USAGE
EXIT_READER = exit_codes.UNAVAILABLE  # reader, pcscd or the vpcd port unavailable

log = logging.getLogger(__name__)

# `diag read`: how long to wait for a card, and for the card to answer the read (a stalled card
# is given up on after that); the bounds stated in the help.
MAX_WAIT_S = 600.0
DEFAULT_CARD_TIMEOUT_S = 10.0
# `vcard`: vpcd asks an accepted card for its ATR at pcscd's next presence poll (every 0.4 s).
# A connection that hears nothing for this long waits in the backlog of a busy reader slot.
VPCD_ACCEPT_WAIT_S = 2.0


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
    log_dir = _log_dir(args)
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


def _log_dir(args: argparse.Namespace) -> Path:
    """The settings' log folder; the platform's when the settings cannot be read."""
    from kiosk.config import Settings, load_settings

    try:
        return load_settings(config_file=args.config, demo=args.demo).log_dir
    except Exception:
        return Settings().log_dir


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
    parser.set_defaults(handler=_run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    tour = commands.add_parser(
        "tour", help="drive every screen headless and save screenshots and tour.json"
    )
    tour.add_argument(
        "--out",
        type=nonblank("the --out folder"),
        required=True,
        help="folder for the PNGs and tour.json",
    )
    tour.add_argument("--lang", choices=["zh_CN", "en", "all"], default="all")
    tour.set_defaults(handler=_tour)

    vcard = commands.add_parser(
        "vcard", help="serve a card image into pcscd through the vsmartcard vpcd driver"
    )
    vcard.add_argument(
        "card",
        type=nonblank("the card"),
        help="a demo card id (e.g. normal) or a card image JSON file",
    )
    vcard.add_argument(
        "--host",
        type=nonblank("the host"),
        default="127.0.0.1",
        help="where pcscd's vpcd driver listens for virtual cards (default: 127.0.0.1)",
    )
    vcard.add_argument(
        "--port",
        type=bounded_int(1, 65535),
        default=35963,
        help="the vpcd driver's port, one per virtual reader: 35963 is Virtual PCD 00 00 "
        "(default), 35964 is Virtual PCD 00 01",
    )
    vcard.set_defaults(handler=_vcard)

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

    voucher = commands.add_parser(
        "voucher", help="vouchers: check a scanned or typed voucher, or make a new signing key"
    )
    voucher_commands = voucher.add_subparsers(title="vouchers", metavar="WHAT", required=True)
    verify = voucher_commands.add_parser(
        "verify",
        help="check a voucher's QR code (signature) or a typed voucher number, offline",
        description="TEXT is the QR code's text as a scanner types it (SSK1:<number>:<signature>)"
        " or a voucher number alone, whose check character is then checked (no signature). "
        "Exit status: 0 valid, 1 invalid or altered, 2 usage or key file problem, "
        "70 internal error.",
    )
    verify.add_argument("text", metavar="TEXT", help="QR code text, or a voucher number")
    verify.add_argument(
        "--key-file",
        type=path_arg("the key file name"),
        help="the signing key file (default: voucher_key_file of the settings)",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_voucher_verify)
    new_key = voucher_commands.add_parser(
        "new-key",
        help="make a new voucher signing key on purpose, recorded in the audit log",
        description="Make a new signing key in the settings' voucher_key_file and record it "
        "in this kiosk's audit log (its fingerprint, never the key). Vouchers signed with the "
        "old key no longer verify against the new one. An existing key is replaced only with "
        "--replace, and kept beside the new one as <file>.replaced-<UTC time>. Exit status: "
        "0 made, 2 refused or a key file or settings problem, 3 the database could not record "
        "it (nothing changed).",
    )
    _new_key_options(new_key)
    new_key.set_defaults(handler=_voucher_new_key)

    audit = commands.add_parser("audit", help="the audit log: retire a lost audit chain key")
    audit_commands = audit.add_subparsers(title="audit log", metavar="WHAT", required=True)
    audit_key = audit_commands.add_parser(
        "new-key",
        help="make a new audit chain key when the old one is lost for good, on the record",
        description="Make a new audit chain key in the data folder (audit-chain.key) and "
        "append one entry audit_key.replaced to this kiosk's audit chain, sealed with it, "
        "naming the retired key's id (never a key) and who did it. Restore the old key from "
        "backup if you can: entries sealed with a retired key can never be verified again "
        "(`kiosk db check` warns of them). An existing key file is replaced only with "
        "--replace, and kept beside the new one as audit-chain.key.replaced-<UTC time>. Stop "
        "the kiosk first. Exit status: 0 made, 2 refused or a key file, data folder or "
        "settings problem, 3 the database could not record it (nothing changed).",
    )
    _new_key_options(audit_key)
    audit_key.set_defaults(handler=_audit_new_key)

    add_db_commands(commands)
    return parser


def _new_key_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--replace", action="store_true", help="replace the existing key (the old file is kept)"
    )
    command.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who makes it, for the audit log, at most 64 characters (default: the login name)",
    )


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
            return _fail("The smart card service (pcscd) is not running.", EXIT_READER)
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
            return _fail("The smart card service (pcscd) is not running.", EXIT_READER)
        names = [info.name for info in backend.readers()]
        if args.reader is not None and args.reader not in names:
            return _fail(_no_such_reader(args.reader, names), EXIT_READER)
        info = wait_for_card(backend, args.reader, args.wait)
        read = run_card_job(backend, info.name, read_card, args.timeout)
        backend.power_down(info.name)
        report = {"reader": reader_rows([info])[0], **card_report(read, full=args.full)}
    except ReaderTimeout:
        # The reader's I/O thread is still inside the unanswered APDU; stopping the backend
        # would wait for it in vain. The process ends, and pcscd lets the context go with it.
        stalled = True
        return _fail(
            f"The card did not answer within {args.timeout:g} s (a stalled card): take it out "
            "and try another; if every card stalls, check the reader.",
            EXIT_CARD,
        )
    except (CardRemoved, CardMute, CardUnreadable, ReaderError) as exc:
        return _fail(_explain(exc), EXIT_CARD if _is_card_problem(exc) else EXIT_READER)
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


def _vcard(args: argparse.Namespace) -> int:
    from drivers.simcard.card import SimCard
    from drivers.simcard.image import ImageError, load_image
    from drivers.simcard.vpcd import VirtualCardClient

    try:
        card = SimCard(load_image(args.card))
    except ImageError as exc:
        return _fail(f"Cannot load card image {shorten(args.card)!r}: {exc}", EXIT_USAGE)
    client = VirtualCardClient(card, host=args.host, port=args.port)
    where = f"{shorten(args.host)}:{args.port}"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    client.start()
    if not client.wait_connected(10.0):
        client.remove()
        return _fail(
            f"No vpcd reader is listening on {where}: is pcscd running with "
            "the vsmartcard-vpcd driver?",
            EXIT_READER,
        )
    if not client.wait_accepted(VPCD_ACCEPT_WAIT_S):
        client.remove()  # else vpcd would take this card as soon as the other one leaves
        return _fail(
            f"The virtual reader at {where} is busy: it already holds a card, and vpcd serves "
            "one at a time (or what listens there is not vpcd). Remove that card first (Ctrl+C "
            "in its `kiosk vcard`), or insert this one into another virtual reader (--port "
            "35964 is Virtual PCD 00 01).",
            EXIT_READER,
        )
    print(f"Card {args.card!r} inserted into the virtual reader at {where}.")
    print("Press Ctrl+C to remove it.")
    try:
        while not stop.wait(0.5) and client.running:
            pass
    except KeyboardInterrupt:
        pass
    client.remove()
    print(f"Card removed ({client.apdus_served} APDUs served).")
    return EXIT_OK


def _pcsc_demo(args: argparse.Namespace) -> int:
    from kiosk.demo.pcsc import run_console_demo

    return run_console_demo()


def _run(args: argparse.Namespace) -> int:
    """The kiosk. A fault it can show (a bad setting, a damaged or unreachable database, an
    unsafe key...) does not end it: it shows "out of service" with a reason code, logs why,
    and tries again (kiosk.startup); only a request to quit ends it, with exit code 0."""
    from kiosk.app import run_kiosk
    from kiosk.config import load_settings

    return run_kiosk(lambda: load_settings(config_file=args.config, demo=args.demo), demo=args.demo)


def _voucher_verify(args: argparse.Namespace) -> int:
    from kiosk.services.signing_key import SigningKeyError, load_key
    from kiosk.services.voucher_codes import InvalidVoucherCode, NumberCheck, check_number, verify

    text = args.text.strip()
    result: dict[str, object] = {"input": "number" if ":" not in text else "qr_code"}
    if ":" not in text:  # a number typed in: only its check character can be checked
        check, number = check_number(text)
        valid = check is NumberCheck.VALID
        result.update(valid=valid, number=number, check=check.value, signature=None)
        if valid:
            message = (
                f"Voucher number {number}: check character VALID. No signature was given, so "
                "this does not show that a kiosk issued it; scan the QR code to check that."
            )
        elif check is NumberCheck.BAD_CHECK:
            message = (
                "INVALID voucher number: the check character does not match (mistyped or altered)."
                " No signature was given."
            )
        else:
            message = "INVALID: not a voucher number (expected KIOSK-YYYYMMDD-NNNNNN-C)."
    else:
        if args.key_file is not None:
            key_file, whose = args.key_file, f"the key in {args.key_file}"
        else:
            from kiosk.config import SettingsError, load_settings

            try:
                settings = load_settings(config_file=args.config, demo=args.demo)
            except SettingsError as exc:
                return _fail(str(exc), EXIT_USAGE)
            key_file, whose = settings.resolved_voucher_key_file, "this kiosk's key"
        try:
            key = load_key(key_file)
        except SigningKeyError as exc:
            return _fail(f"Cannot check the signature: {exc}", EXIT_USAGE)
        try:
            number = verify(text, key).number
        except InvalidVoucherCode as exc:
            valid, message = False, f"INVALID voucher code: {exc}."
            result.update(valid=False, number=None, signature="invalid", reason=str(exc))
        else:
            valid, message = True, f"VALID voucher {number} signed by {whose}"
            result.update(valid=True, number=number, signature="valid")
        result["key_file"] = str(key_file)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(message)
    return EXIT_OK if valid else exit_codes.FAILED


def _voucher_new_key(args: argparse.Namespace) -> int:
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.signing_key import SigningKeyError
    from kiosk.services.voucher_key import new_voucher_key
    from kiosk.store.seal import AuditSealError, SealFiles

    def make(settings: Settings, engine: Engine) -> str:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
        made = new_voucher_key(
            engine,
            settings.resolved_voucher_key_file,
            settings.kiosk_id,
            seal,
            actor=args.by or _login_name(),
            replace=args.replace,
        )
        kept = f"; the old key is kept as {made.backup}" if made.backup else ""
        lost = (
            f" Vouchers kiosk {settings.kiosk_id} signed with the old key ({made.vouchers}) no "
            "longer verify against the new one."
            if made.vouchers
            else ""
        )
        return (
            f"New voucher signing key in {made.key_file} (fingerprint {made.fingerprint})"
            f"{kept}.{lost}"
        )

    return _new_key(args, "No new key", make, (SigningKeyError, AuditSealError))


def _audit_new_key(args: argparse.Namespace) -> int:
    from kiosk.services.audit_key import new_audit_key
    from kiosk.store.seal import AuditSealError, SealFiles

    def make(settings: Settings, engine: Engine) -> str:
        made = new_audit_key(
            engine,
            SealFiles.in_folder(settings.data_dir),
            settings.kiosk_id,
            actor=args.by or _login_name(),
            replace=args.replace,
        )
        retired = f" retires key {made.retired_key_id}" if made.retired_key_id else ""
        kept = f"; the old key file is kept as {made.backup}" if made.backup else ""
        return (
            f"New audit key in {made.key_file} (key id {made.key_id}); entry {made.seq} of chain "
            f"{settings.kiosk_id}{retired or ' records it'}{kept}."
        )

    return _new_key(args, "No new audit key", make, (AuditSealError,))


def _new_key(
    args: argparse.Namespace,
    refused: str,
    make: Callable[[Settings, Engine], str],
    refusals: tuple[type[Exception], ...],
) -> int:
    """What `voucher new-key` and `audit new-key` share: the settings, the database, then
    `make` (which returns the line to print); one line, prefixed `refused`, for each way it can
    fail: `refusals` and bad settings are usage (2), a database that cannot record it is 3."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.config import SettingsError, load_settings
    from kiosk.store.db import create_engine
    from kiosk.store.files import PrivateFileError
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return _fail(str(exc), EXIT_USAGE)
    try:
        engine = create_engine(parse_database_url(settings.resolved_database_url))
    except DatabaseUrlError as exc:
        return _fail(f"{refused}: the settings' database_url: {exc}", EXIT_USAGE)
    except PrivateFileError as exc:
        return _fail(f"Cannot open the database: {exc}", exit_codes.UNAVAILABLE)
    try:
        line = make(settings, engine)
    except refusals as exc:
        return _fail(f"{refused}: {exc}", EXIT_USAGE)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return _fail(
            f"{refused}: the database could not record it ({reason}); nothing was changed. "
            "Is the database up and at its newest schema (kiosk db upgrade)?",
            exit_codes.UNAVAILABLE,
        )
    finally:
        engine.dispose()
    print(line)
    return EXIT_OK


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return f"uid {os.getuid()}"


def _tour(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    problem = _unwritable_folder(out)
    if problem:
        return _fail(f"Cannot write the tour into {shorten(args.out)}: {problem}", EXIT_USAGE)
    from kiosk.config import SettingsError
    from kiosk.demo.tour import LANGUAGES, TourError, run_tour

    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    try:
        index = run_tour(out, languages)
    except SettingsError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except TourError as exc:
        return _fail(f"The tour stopped: {exc}", exit_codes.FAILED)
    except OSError as exc:  # writing into --out failed after all (e.g. /proc refuses folders)
        where = Path(os.fsdecode(exc.filename)) if exc.filename else None
        if where is None or not (where == out or out in where.parents):
            raise
        return _fail(f"Cannot write the tour into {shorten(args.out)}: {exc.strerror}", EXIT_USAGE)
    shots = json.loads(index.read_text(encoding="utf-8"))["shots"]
    print(f"{len(shots)} screenshots in {out}; index: {index}")
    return EXIT_OK


def _unwritable_folder(folder: Path) -> str | None:
    """Why the tour could not write into `folder`, or None if it could; nothing is made here,
    so a tour refused later (a bad setting) leaves nothing behind."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent  # the nearest folder that exists: the tour makes the rest
    if not probe.is_dir():
        return f"{probe} is a file, not a folder; name a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe} cannot be written (permission denied); name a folder you may write"
    return None


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


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code

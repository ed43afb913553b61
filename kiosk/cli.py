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
from collections.abc import Sequence
from pathlib import Path

from drivers.readers.errors import (
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderUnavailable,
    ServiceUnavailable,
)
from kiosk.card.errors import CardUnreadable
from kiosk.store.cli import add_db_commands

# Exit codes a technician's script can tell apart.
EXIT_OK, EXIT_CARD, EXIT_USAGE, EXIT_READER = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Social security card self-service kiosk. Without a command: run the kiosk.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run in a window on the demo set-up: mock reader with a card tray, demo database",
    )
    parser.add_argument("--config", type=Path, help="settings file (default: kiosk.toml)")
    parser.set_defaults(handler=_run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    tour = commands.add_parser(
        "tour", help="drive every screen headless and save screenshots and tour.json"
    )
    tour.add_argument("--out", type=Path, required=True, help="folder for the PNGs and tour.json")
    tour.add_argument("--lang", choices=["zh_CN", "en", "all"], default="all")
    tour.set_defaults(handler=_tour)

    vcard = commands.add_parser(
        "vcard", help="serve a card image into pcscd through the vsmartcard vpcd driver"
    )
    vcard.add_argument("card", help="a demo card id (e.g. normal) or a card image JSON file")
    vcard.add_argument("--host", default="127.0.0.1")
    vcard.add_argument("--port", type=int, default=35963, help="35963: Virtual PCD 00 00")
    vcard.set_defaults(handler=_vcard)

    diag = commands.add_parser("diag", help="diagnostics for a technician")
    diag_commands = diag.add_subparsers(title="diagnostics", metavar="WHAT", required=True)
    readers = diag_commands.add_parser("readers", help="list readers and their state")
    readers.add_argument("--json", action="store_true")
    readers.set_defaults(handler=_diag_readers)
    read = diag_commands.add_parser("read", help="read the inserted card and print every field")
    read.add_argument("--reader", help="reader name (default: the first with a card)")
    read.add_argument("--json", action="store_true")
    read.add_argument("--full", action="store_true", help="show personal fields unmasked")
    read.add_argument("--wait", type=float, default=2.0, help="seconds to wait for a card")
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
        "Exit status: 0 valid, 1 invalid or altered, 2 usage or key file problem.",
    )
    verify.add_argument("text", metavar="TEXT", help="QR code text, or a voucher number")
    verify.add_argument(
        "--key-file",
        type=Path,
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
        "0 made, 1 the database could not record it (nothing changed), 2 refused or a key file "
        "or settings problem.",
    )
    new_key.add_argument(
        "--replace", action="store_true", help="replace the existing key (the old file is kept)"
    )
    new_key.add_argument(
        "--by", metavar="NAME", help="who makes it, for the audit log (default: the login name)"
    )
    new_key.set_defaults(handler=_voucher_new_key)

    add_db_commands(commands)
    return parser


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
    from kiosk.services.card_reading import read_inserted_card, wait_for_card
    from kiosk.services.diagnostics import card_report, reader_rows, render_card_report

    backend = _pcsc_backend()
    try:
        if not backend.service_available:
            return _fail("The smart card service (pcscd) is not running.", EXIT_READER)
        info = wait_for_card(backend, args.reader, args.wait)
        read = read_inserted_card(backend, info.name)
        backend.power_down(info.name)
        report = {"reader": reader_rows([info])[0], **card_report(read, full=args.full)}
    except (CardRemoved, CardMute, CardUnreadable, ReaderError) as exc:
        return _fail(_explain(exc), EXIT_CARD if _is_card_problem(exc) else EXIT_READER)
    finally:
        backend.stop()
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_card_report(report))
    return EXIT_OK


def _vcard(args: argparse.Namespace) -> int:
    from drivers.simcard.card import SimCard
    from drivers.simcard.image import ImageError, load_image
    from drivers.simcard.vpcd import VirtualCardClient

    try:
        card = SimCard(load_image(args.card))
    except (ImageError, OSError) as exc:
        return _fail(f"Cannot load card image {args.card!r}: {exc}", EXIT_USAGE)
    client = VirtualCardClient(card, host=args.host, port=args.port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    client.start()
    if not client.wait_connected(10.0):
        client.remove()
        return _fail(
            f"No vpcd reader is listening on {args.host}:{args.port}: is pcscd running with "
            "the vsmartcard-vpcd driver?",
            EXIT_READER,
        )
    print(f"Card {args.card!r} inserted into the virtual reader at {args.host}:{args.port}.")
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
    from kiosk.pcsc_demo import run_console_demo

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
    return EXIT_OK if valid else 1


def _voucher_new_key(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.config import SettingsError, load_settings
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.signing_key import SigningKeyError
    from kiosk.services.voucher_key import new_voucher_key
    from kiosk.store.db import create_engine
    from kiosk.store.files import PrivateFileError
    from kiosk.store.seal import AuditSealError, SealFiles

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return _fail(str(exc), EXIT_USAGE)
    path = settings.resolved_voucher_key_file
    try:
        engine = create_engine(settings.resolved_database_url)
    except PrivateFileError as exc:
        return _fail(f"Cannot open the database: {exc}", 1)
    try:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
        made = new_voucher_key(
            engine,
            path,
            settings.kiosk_id,
            seal,
            actor=args.by or _login_name(),
            replace=args.replace,
        )
    except (SigningKeyError, AuditSealError) as exc:
        return _fail(f"No new key: {exc}", EXIT_USAGE)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return _fail(
            f"No new key: the database could not record it ({reason}); nothing was changed. "
            "Is the database up and at its newest schema (kiosk db upgrade)?",
            1,
        )
    finally:
        engine.dispose()
    kept = f"; the old key is kept as {made.backup}" if made.backup else ""
    lost = (
        f" The {made.vouchers} vouchers kiosk {settings.kiosk_id} signed with the old key no "
        "longer verify against the new one."
        if made.vouchers
        else ""
    )
    print(
        f"New voucher signing key in {made.key_file} (fingerprint {made.fingerprint}){kept}.{lost}"
    )
    return EXIT_OK


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return f"uid {os.getuid()}"


def _tour(args: argparse.Namespace) -> int:

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.config import SettingsError
    from kiosk.ui.tour import LANGUAGES, TourError, run_tour

    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    try:
        index = run_tour(args.out, languages)
    except SettingsError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except TourError as exc:
        return _fail(f"The tour stopped: {exc}", 1)
    shots = json.loads(index.read_text(encoding="utf-8"))["shots"]
    print(f"{len(shots)} screenshots in {args.out}; index: {index}")
    return EXIT_OK


# Output ----------------------------------------------------------------------------------------


def _explain(exc: Exception) -> str:
    if isinstance(exc, CardUnreadable):
        return f"The card cannot be read ({exc.reason}: {exc.detail or 'no detail'})."
    if isinstance(exc, CardMute):
        return "The card does not answer (mute card)."
    if isinstance(exc, CardRemoved):
        return "No card in the reader (or it was removed during the read)."
    if isinstance(exc, ServiceUnavailable):
        return "The smart card service (pcscd) is not running."
    if isinstance(exc, ReaderUnavailable):
        return f"Reader unavailable: {exc}"
    return f"Reader error: {exc}"


def _is_card_problem(exc: Exception) -> bool:
    return isinstance(exc, CardUnreadable | CardMute | CardRemoved)


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code

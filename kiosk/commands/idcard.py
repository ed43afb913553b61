"""`kiosk idcard serve` (a simulated resident ID card reader on a pseudo-terminal, until Ctrl+C
or SIGTERM) and `kiosk diag idcard` (read the ID card lying on a reader; masked unless --full).

`diag idcard` exits as `diag read` does: 0 read, 1 an ID card problem (none laid on, unreadable,
another kind of card, an answer stalled or garbled during the read), 2 usage (no port given or
set, bad settings), 3 the reader is unavailable (the port cannot be opened or fails, the reader
does not answer, its security module reports a fault)."""

from __future__ import annotations

import argparse
import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.commands.arguments import bounded_float, device_path, nonblank
from kiosk.commands.common import EXIT_CARD, EXIT_OK, EXIT_READER, EXIT_USAGE, fail
from kiosk.domain.text import shorten

SEXES = {"1": "male", "2": "female", "0": "unknown", "9": "not stated"}


def add_idcard_command(commands: Any) -> None:
    """Add `idcard` (serve) to the `kiosk` command's sub-parsers."""
    from drivers.idcard.sim import NAMED_FAULTS

    idcard = commands.add_parser("idcard", help="the simulated resident ID card reader")
    idcard_commands = idcard.add_subparsers(title="commands", metavar="WHAT", required=True)
    serve = idcard_commands.add_parser(
        "serve",
        help="serve a simulated ID card reader on a pseudo-terminal until Ctrl+C",
        description="Plays the reader's side of the protocol (docs: IDCARD_PROFILE) on a "
        "pseudo-terminal, with PERSON's ID card laid on it; PATH becomes a symlink to the "
        "terminal, which `kiosk diag idcard --port PATH` or idcard_port = PATH reads. "
        "Exit status: 0 stopped, 2 usage (unknown person, bad identity file, PATH not usable).",
    )
    serve.add_argument(
        "person",
        metavar="PERSON",
        type=nonblank("PERSON"),
        help="a demo identity (wangxiaoming, lixiuying, zhaojianguo, chenzhiqiang, lijing, "
        "sunlijuan, liufang; or the Chinese name) or a JSON file of one identity",
    )
    serve.add_argument(
        "--link",
        required=True,
        metavar="PATH",
        type=device_path("the link path"),
        help="the symlink to make to the pseudo-terminal (an existing symlink is replaced; "
        "any other file is refused)",
    )
    serve.add_argument(
        "--fault",
        choices=sorted(NAMED_FAULTS),
        default="none",
        help="a fault the reader shows: no card found, select or read failed, the card fails "
        "authentication, a bad checksum, a truncated or no answer (stall), another kind of "
        "card, the security module's self-test failed or not authorised",
    )
    serve.set_defaults(handler=_serve)


def add_idcard_diag(diag_commands: Any) -> None:
    """Add `diag idcard` to the `diag` command's sub-parsers."""
    diag = diag_commands.add_parser(
        "idcard",
        help="read the resident ID card lying on the ID card reader",
        description="The reader's security module id and the ID card's text (masked as on the "
        "screens unless --full). Exit status: 0 read, 1 an ID card problem (none laid on, "
        "unreadable, another kind of card, stalled or garbled during the read), 2 usage, 3 the "
        "reader unavailable (cannot be opened, does not answer, security module fault).",
    )
    diag.add_argument(
        "--port",
        type=device_path("the port"),
        help="the reader's serial device (default: the settings' idcard_port)",
    )
    diag.add_argument(
        "--timeout",
        type=bounded_float(0.1, 60, "of seconds"),
        default=3.0,
        help="seconds the reader has to answer each command (0.1 to 60; default 3)",
    )
    diag.add_argument("--json", action="store_true")
    diag.add_argument("--full", action="store_true", help="show personal fields unmasked")
    diag.set_defaults(handler=_diag_idcard)


# serve -----------------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from drivers.idcard.identities import IdentityFileError, find_identity
    from drivers.idcard.sim import NAMED_FAULTS, SimulatedIdReader
    from kiosk.domain.masking import mask_id_number, mask_name

    try:
        identity = find_identity(args.person)
    except IdentityFileError as exc:
        return fail(f"Cannot serve {shorten(args.person)!r}: {exc}", EXIT_USAGE)
    link = Path(args.link)
    try:
        taken = link.is_dir() or (link.exists() and not link.is_symlink())
    except OSError as exc:  # a name too long, a folder that cannot be searched
        return fail(f"Cannot use {shorten(args.link)!r}: {exc.strerror or exc}", EXIT_USAGE)
    if taken:
        return fail(
            f"{shorten(args.link)!r} exists and is not a symlink: give a new path for the link",
            EXIT_USAGE,
        )
    simulated = SimulatedIdReader(link, identity, fault=NAMED_FAULTS[args.fault])
    try:
        simulated.start()
    except OSError as exc:
        simulated.stop()
        return fail(
            f"Cannot make the link {shorten(args.link)!r}: {exc.strerror or exc}", EXIT_USAGE
        )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(
        f"Serving a simulated ID card reader at {link} (-> {simulated.slave_path}) with the ID "
        f"card of {mask_name(identity.name)} {mask_id_number(identity.id_number)}; fault: "
        f"{args.fault}. Press Ctrl+C to stop.",
        flush=True,
    )
    threading.Thread(
        target=_controls, args=(simulated,), daemon=True, name="idcard-controls"
    ).start()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        simulated.stop()
    served = sum(1 for c in simulated.commands if c is not None)
    print(f"Stopped ({served} commands answered).", flush=True)
    return EXIT_OK


CONTROLS = (
    "take | lay [PERSON] | fault KIND | vanish | back: take the ID card away, lay one on (the "
    "same or another), show a fault (none ends it), unplug the reader or plug it back in"
)


def _controls(simulated: Any) -> None:
    """Commands typed on standard input while serving, one per line (see CONTROLS); ends at
    the end of the input (none given: nothing to do)."""
    import sys

    from drivers.idcard.identities import IdentityFileError, find_identity
    from drivers.idcard.sim import NAMED_FAULTS

    laid = simulated.identity
    print(f"Type {CONTROLS}.", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        verb, rest = words[0].lower(), " ".join(words[1:])
        if verb == "take":
            simulated.take()
            print("ID card taken away.", flush=True)
        elif verb == "lay":
            try:
                laid = find_identity(rest) if rest else laid
            except IdentityFileError as exc:
                print(f"Cannot lay {shorten(rest)!r}: {exc}", flush=True)
                continue
            if laid is not None:
                simulated.lay(laid)
                print("ID card laid on.", flush=True)
        elif verb == "fault" and rest in NAMED_FAULTS:
            simulated.fault = NAMED_FAULTS[rest]
            print(f"Fault: {rest}.", flush=True)
        elif verb == "vanish":
            simulated.vanish()
            print("The reader is gone (its link removed).", flush=True)
        elif verb == "back":
            simulated.come_back()
            print(f"The reader is back at {simulated.link}.", flush=True)
        else:
            print(f"Not a command: {shorten(line.strip())!r}. Type {CONTROLS}.", flush=True)


# diag idcard -----------------------------------------------------------------------------------


def _diag_idcard(args: argparse.Namespace) -> int:
    from drivers.idcard.base import (
        IdCardError,
        IdReaderTimeout,
        IdReaderUnavailable,
        IdStatusError,
    )
    from drivers.idcard.serial import SerialIdCardReader

    port = args.port
    if port is None:
        port_or_code = _configured_port(args)
        if isinstance(port_or_code, int):
            return port_or_code
        port = port_or_code
    reader = SerialIdCardReader(port, read_timeout=args.timeout)
    try:
        sam_id = reader.sam_id(timeout=args.timeout)
    except (IdReaderUnavailable, IdReaderTimeout) as exc:
        return fail(f"ID card reader unavailable: {exc}", EXIT_READER)
    except IdCardError as exc:  # a SAM fault or a garbled answer: the reader is not usable
        return fail(f"The ID card reader is not usable: {exc}", EXIT_READER)
    started = time.monotonic()
    try:
        identity = reader.read_once(timeout=args.timeout)
    except IdReaderUnavailable as exc:
        return fail(f"ID card reader unavailable: {exc}", EXIT_READER)
    except IdStatusError as exc:
        if exc.sw3 == 0x80:
            return fail("No ID card on the reader: lay it on and try again.", EXIT_CARD)
        return fail(f"The ID card cannot be read: {exc}", EXIT_CARD)
    except IdCardError as exc:
        return fail(f"The ID card cannot be read: {exc}", EXIT_CARD)
    report = {
        "port": port,
        "sam_id": sam_id,
        "read_ms": round((time.monotonic() - started) * 1000),
        "masked": not args.full,
        "identity": _identity_fields(identity, full=args.full),
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(_report_text(report))
    return EXIT_OK


def _configured_port(args: argparse.Namespace) -> str | int:
    """The settings' idcard_port, or the exit code after saying why there is none."""
    from kiosk.config import SettingsError, load_settings

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(f"kiosk: {exc}", EXIT_USAGE)
    if settings.idcard_port:
        return settings.idcard_port
    if settings.idcard_reader == "mock":
        return fail(
            'The kiosk uses the simulated ID card reader (idcard_reader = "mock"), inside the '
            "running kiosk: there is no port to read; give --port for a serial reader (or the "
            "link of `kiosk idcard serve`).",
            EXIT_USAGE,
        )
    return fail(
        "No ID card reader port: give --port DEV or set idcard_port in the settings "
        f"(idcard_reader is {settings.idcard_reader!r}).",
        EXIT_USAGE,
    )


def _identity_fields(identity: Any, *, full: bool) -> dict[str, str | None]:
    """The fields as the screens would show them: the name and ID number masked, what the
    screens never show (birth date, ethnicity, address) masked whole; all of it with --full."""
    from kiosk.domain.masking import mask_id_number, mask_name, mask_whole

    valid_to = "long-term" if identity.valid_to is None else identity.valid_to.isoformat()
    fields = {
        "name": identity.name,
        "sex": SEXES.get(identity.sex, identity.sex),
        "ethnicity": identity.ethnicity,
        "birth_date": identity.birth_date.isoformat(),
        "address": identity.address,
        "id_number": identity.id_number,
        "issuer": identity.issuer,
        "valid_from": identity.valid_from.isoformat(),
        "valid_to": valid_to,
    }
    if full:
        return fields
    fields["name"] = mask_name(identity.name)
    fields["id_number"] = mask_id_number(identity.id_number)
    for hidden in ("ethnicity", "birth_date", "address"):
        fields[hidden] = mask_whole(fields[hidden] or "")
    return fields


def _report_text(report: dict[str, Any]) -> str:
    lines = [
        f"ID card reader: {report['port']}  SAM {report['sam_id']}",
        f"read in {report['read_ms']} ms" + ("  (personal fields masked)" * report["masked"]),
    ]
    labels = {
        "name": "name",
        "sex": "sex",
        "ethnicity": "ethnicity",
        "birth_date": "birth date",
        "address": "address",
        "id_number": "ID number",
        "issuer": "issued by",
        "valid_from": "valid from",
        "valid_to": "valid to",
    }
    for key, label in labels.items():
        lines.append(f"  {label:11} {report['identity'][key]}")
    return "\n".join(lines)

"""`kiosk vcard`: serve a card image into pcscd through the vsmartcard vpcd driver, until
Ctrl+C or SIGTERM removes it."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from kiosk.commands.arguments import bounded_int, nonblank
from kiosk.commands.common import EXIT_OK, EXIT_READER, EXIT_USAGE, fail
from kiosk.domain.text import shorten

# vpcd asks an accepted card for its ATR at pcscd's next presence poll (every 0.4 s).
# A connection that hears nothing for this long waits in the backlog of a busy reader slot.
VPCD_ACCEPT_WAIT_S = 2.0


def add_vcard_command(commands: Any) -> None:
    """Add `vcard` to the `kiosk` command's sub-parsers."""
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


def _vcard(args: argparse.Namespace) -> int:
    from drivers.simcard.card import SimCard
    from drivers.simcard.image import ImageError, load_image
    from drivers.simcard.vpcd import VirtualCardClient

    try:
        card = SimCard(load_image(args.card))
    except ImageError as exc:
        return fail(f"Cannot load card image {shorten(args.card)!r}: {exc}", EXIT_USAGE)
    client = VirtualCardClient(card, host=args.host, port=args.port)
    where = f"{shorten(args.host)}:{args.port}"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    client.start()
    if not client.wait_connected(10.0):
        client.remove()
        return fail(
            f"No vpcd reader is listening on {where}: is pcscd running with "
            "the vsmartcard-vpcd driver?",
            EXIT_READER,
        )
    if not client.wait_accepted(VPCD_ACCEPT_WAIT_S):
        client.remove()  # else vpcd would take this card as soon as the other one leaves
        return fail(
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

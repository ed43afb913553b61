"""`kiosk diag pcsc-demo`: every demo card inserted into a virtual reader and read through pcscd.

It runs on a private pcscd (its own socket and vpcd ports) so it neither needs nor disturbs a
system one, and shows the real PC/SC path end to end: simulated card → vpcd → pcscd → pyscard
→ the kiosk's card layer.
"""

from __future__ import annotations

import os
import sys
import threading

from drivers.readers.base import CardReaderBackend, ReaderEvent, ReaderEventKind
from drivers.readers.errors import ReaderError
from drivers.simcard.card import SimCard
from drivers.simcard.image import demo_image_ids, load_image
from drivers.simcard.pcscd import PcscdError, PcscdProcess, missing_requirements
from drivers.simcard.vpcd import VirtualCardClient
from kiosk.card import pin
from kiosk.card.errors import CardError, CardUnreadable
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.services.card_reading import read_inserted_card, wait_for_card
from kiosk.services.diagnostics import card_report, reader_rows, render_card_report

READER = "Virtual PCD 00 00"


def run_console_demo() -> int:
    missing = missing_requirements()
    if missing:
        print("Cannot run the demo: " + "; ".join(missing) + ". `make demo` installs them.")
        return 3
    daemon = PcscdProcess.private()
    try:
        daemon.start()
    except PcscdError as exc:
        print(f"Cannot start pcscd: {exc}")
        daemon.close()
        return 3
    # libpcsclite reads this once, at the process's first PC/SC call, which is still to come.
    os.environ.update(daemon.env)
    from drivers.readers.pcsc import PcscBackend

    backend = PcscBackend()
    backend.start()
    try:
        backend.wait_ready(5.0)
        print(f"pcscd {daemon.pid} offers: {', '.join(r.name for r in backend.readers())}\n")
        tray = sorted(demo_image_ids(), key=lambda card_id: card_id != "normal")
        for card_id in tray:  # the normal card first, in full; the others one line each
            _demo_card(backend, daemon.port(0), card_id, detailed=card_id == "normal")
    finally:
        backend.stop()
        daemon.close()
    return 0


def _demo_card(backend: CardReaderBackend, port: int, card_id: str, *, detailed: bool) -> None:
    image = load_image(card_id)
    card = VirtualCardClient(SimCard(image), port=port)
    removed = threading.Event()

    def on_event(event: ReaderEvent) -> None:
        if event.kind is ReaderEventKind.CARD_REMOVED and event.reader == READER:
            removed.set()

    backend.add_listener(on_event)
    card.start()
    label = f"{image.label.get('en', card_id)} ({card_id})"
    try:
        info = wait_for_card(backend, READER, 5.0)
        read = read_inserted_card(backend, info.name)
        tries = backend.run(info.name, pin.tries_left).result(5)
        backend.power_down(info.name)
        if detailed:
            print(f"== {label}")
            print(render_card_report({"reader": reader_rows([info])[0], **card_report(read)}))
            print(f"PIN tries left: {tries}\n")
        else:
            holder, issuer = read.chip.holder, read.chip.issuer
            print(
                f"== {label}: {mask_name(holder.name)}  {mask_id_number(holder.ssn)}  "
                f"card {mask_card_number(issuer.card_number)}  expires {issuer.expiry_date}  "
                f"PIN tries {tries}  [{read.apdus} APDUs, {read.seconds * 1000:.1f} ms]"
            )
    except CardUnreadable as exc:
        print(f"== {label}: cannot be read ({exc.reason}: {exc.detail})")
    except (CardError, ReaderError) as exc:
        print(f"== {label}: {type(exc).__name__}: {exc}", file=sys.stderr)
    finally:
        card.remove()
        removed.wait(3.0)
        backend.remove_listener(on_event)

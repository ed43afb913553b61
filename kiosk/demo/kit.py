"""The demo's kit for the kiosk (kiosk.app.DemoKit): the demo data its database is seeded with
and the card tray beside its window. `kiosk --demo` hands it to the kiosk; the product itself
never imports the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.app import DemoKit, Kiosk, device_light

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from kiosk.demo.tray import DemoTray


def demo_kit() -> DemoKit:
    """The kit. Its parts import what they need when used: the attract screen is up before the
    database and the tray are wanted (P5)."""
    return DemoKit(seed=_seed, tray=make_demo_tray)


def _seed(engine: Engine) -> None:
    from kiosk.demo.seed import seed_demo

    seed_demo(engine)


def make_demo_tray(kiosk: Kiosk) -> DemoTray:
    """The demo tray beside the window: the demo cards, the printer's faults, and the newest
    voucher under the scanner the demo has not got (its code signed with the kiosk's key). A
    fault chosen there shows on the status strip at once, not at the next ping."""
    from drivers.readers.mock import MockReaderBackend
    from kiosk.demo.tray import DemoTray
    from kiosk.ui.widgets.scanner import type_as_scanner

    assert isinstance(kiosk.backend, MockReaderBackend)
    codes = kiosk.business.context.codes()  # the kiosk's own: an SSK2 code over the number
    from drivers.idcard.mock import MockIdCardReader

    id_reader = kiosk.id_reader if isinstance(kiosk.id_reader, MockIdCardReader) else None
    tray = DemoTray(
        kiosk.backend, kiosk.business.printer, voucher_code=codes.sign, id_reader=id_reader
    )
    tray.scanned.connect(lambda code: type_as_scanner(kiosk.window, code))
    strip = kiosk.window.attract.status_strip

    def show_printer() -> None:
        kiosk.controller.worker.submit(
            kiosk.business.printer_device,
            lambda status: strip.set_printer(*device_light(status)),
            lambda _e: strip.set_printer(False),
        )

    tray.printer_changed.connect(show_printer)
    return tray

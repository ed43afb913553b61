"""Every driver state and event has its counterpart in the kiosk's vocabulary, value for value:
a state added to a driver and forgotten here fails this test, not a citizen's session; and every
device in the one vocabulary of DeviceStatus (CEN/XFS), with the status strip's light."""

from __future__ import annotations

import pytest

from drivers.printers import base as printers
from drivers.readers import base as readers
from drivers.readers.mock import MockReaderBackend
from kiosk.app import device_light
from kiosk.domain.devices import (
    DeviceKind,
    DeviceState,
    DeviceStatus,
    MediaState,
    PrinterState,
    ReaderEventKind,
)
from kiosk.services.devices import (
    ReaderWatch,
    printer_device,
    printer_status,
    probe_backend,
    reader_device,
    reader_event,
)


@pytest.mark.parametrize("state", list(printers.PrinterState))
def test_every_printer_state_translates(state: printers.PrinterState) -> None:
    status = printer_status(printers.PrinterStatus(state, "tray 2"))
    assert status.state is PrinterState(state.value)
    assert status.detail == "tray 2"
    assert status.ready is (state is printers.PrinterState.READY)


@pytest.mark.parametrize("kind", list(readers.ReaderEventKind))
def test_every_reader_event_translates(kind: readers.ReaderEventKind) -> None:
    event = reader_event(readers.ReaderEvent(kind, "Virtual PCD 00 00", atr=b"\x3b\x00"))
    assert event.kind is ReaderEventKind(kind.value)
    assert event.reader == "Virtual PCD 00 00"


def test_the_vocabularies_have_the_same_size() -> None:
    assert len(PrinterState) == len(printers.PrinterState)
    assert len(ReaderEventKind) == len(readers.ReaderEventKind)


# Every device in one vocabulary (CEN/XFS) ------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "reasons", "device", "media", "light"),
    [
        (printers.PrinterState.READY, (), DeviceState.ONLINE, MediaState.PAPER_OK, (True, "")),
        (
            printers.PrinterState.READY,
            ("media-low-report",),
            DeviceState.ONLINE,
            MediaState.PAPER_LOW,
            (True, "paper_low"),
        ),
        (
            printers.PrinterState.NO_PAPER,
            ("media-empty-error",),
            DeviceState.ONLINE,
            MediaState.PAPER_OUT,
            (False, "paper_out"),
        ),
        (
            printers.PrinterState.OFFLINE,
            ("offline-report",),
            DeviceState.OFFLINE,
            MediaState.UNKNOWN,
            (False, "offline"),
        ),
        (
            printers.PrinterState.OFFLINE,
            ("shutdown",),
            DeviceState.POWER_OFF,
            MediaState.UNKNOWN,
            (False, "offline"),
        ),
        (
            printers.PrinterState.ERROR,
            ("media-jam-error",),
            DeviceState.HARDWARE_ERROR,
            MediaState.PAPER_JAMMED,
            (False, ""),
        ),
        (
            printers.PrinterState.ERROR,
            ("cover-open-error",),
            DeviceState.USER_ERROR,
            MediaState.UNKNOWN,
            (False, ""),
        ),
    ],
)
def test_printer_states_and_ipp_reasons_become_device_and_paper_states(
    state: printers.PrinterState,
    reasons: tuple[str, ...],
    device: DeviceState,
    media: MediaState,
    light: tuple[bool, str],
) -> None:
    status = printer_device(printers.PrinterStatus(state, "said", reasons), name="receipt")
    assert (status.kind, status.state, status.media) == (DeviceKind.RECEIPT_PRINTER, device, media)
    assert status.usable is light[0]
    assert bool(status.error) is (not status.usable or media is MediaState.PAPER_LOW)
    assert device_light(status) == light


def test_the_card_reader_as_a_device() -> None:
    backend = MockReaderBackend(["A", "B"])
    watch = ReaderWatch(backend)
    assert watch.device_status().media is MediaState.CARD_ABSENT
    backend.insert("normal", "B")
    chosen = watch.device_status()  # none configured: the reader with the card
    assert (chosen.name, chosen.state, chosen.media) == (
        "B",
        DeviceState.ONLINE,
        MediaState.CARD_PRESENT,
    )
    backend.unplug("A")
    gone = watch.device_status("A")
    assert gone.state is DeviceState.NO_DEVICE and "USB" in gone.error
    missing = watch.device_status("C")
    assert missing.state is DeviceState.NO_DEVICE and "'A', 'B'" in missing.error
    down = reader_device([], service_available=False)
    assert down.state is DeviceState.OFFLINE and "pcscd" in down.error


def test_since_is_the_last_change_not_the_last_look() -> None:
    import datetime as dt

    first = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    later = first + dt.timedelta(minutes=5)
    before = DeviceStatus(DeviceKind.BACK_END, DeviceState.ONLINE, since=first)
    same = DeviceStatus(DeviceKind.BACK_END, DeviceState.ONLINE, since=later)
    assert same.carried_from(before).since == first
    changed = DeviceStatus(DeviceKind.BACK_END, DeviceState.OFFLINE, since=later, error="x")
    assert changed.carried_from(before).since == later
    assert changed.as_dict()["since"] == later.isoformat()


def test_the_back_end_probe_times_a_round_trip(engine) -> None:  # type: ignore[no-untyped-def]
    from kiosk.store.migrate import head_revision

    probe = probe_backend(engine, head_revision())
    assert probe.status.usable and probe.latency_ms is not None and probe.latency_ms >= 0
    assert probe.revision == head_revision() and "answered in" in probe.status.detail
    other = probe_backend(engine, "9999")
    assert other.status.state is DeviceState.HARDWARE_ERROR and "9999" in other.status.error


def test_an_unreachable_back_end_is_offline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.store.db import create_engine

    engine = create_engine("postgresql+psycopg://kiosk@127.0.0.1:9/none?connect_timeout=2")
    try:
        probe = probe_backend(engine)
    finally:
        engine.dispose()
    assert probe.status.state is DeviceState.OFFLINE and probe.latency_ms is None
    assert "does not answer" in probe.status.error

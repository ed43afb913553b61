"""Every driver state and event has its counterpart in the kiosk's vocabulary, value for value:
a state added to a driver and forgotten here fails this test, not a citizen's session."""

from __future__ import annotations

import pytest

from drivers.printers import base as printers
from drivers.readers import base as readers
from kiosk.domain.devices import PrinterState, ReaderEventKind
from kiosk.services.devices import printer_status, reader_event


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

"""The drivers' device types translated into the kiosk's (kiosk.domain.devices), at the edge of
the services, so that flows and screens never import a driver."""

from __future__ import annotations

from drivers.printers import base as printers
from drivers.readers import base as readers
from kiosk.domain.devices import PrinterState, PrinterStatus, ReaderEvent, ReaderEventKind

_PRINTER_STATES = {state: PrinterState(state.value) for state in printers.PrinterState}
_READER_EVENTS = {kind: ReaderEventKind(kind.value) for kind in readers.ReaderEventKind}


def printer_status(status: printers.PrinterStatus) -> PrinterStatus:
    return PrinterStatus(_PRINTER_STATES[status.state], status.detail)


def reader_event(event: readers.ReaderEvent) -> ReaderEvent:
    return ReaderEvent(_READER_EVENTS[event.kind], event.reader)

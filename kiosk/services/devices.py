"""The drivers' device types translated into the kiosk's (kiosk.domain.devices), at the edge of
the services, so that flows and screens never import a driver: printer states, reader events,
and `ReaderWatch`, a reader backend as the screens may see it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from drivers.printers import base as printers
from drivers.readers import base as readers
from kiosk.domain.devices import PrinterState, PrinterStatus, ReaderEvent, ReaderEventKind

_PRINTER_STATES = {state: PrinterState(state.value) for state in printers.PrinterState}
_READER_EVENTS = {kind: ReaderEventKind(kind.value) for kind in readers.ReaderEventKind}

ReaderListener = Callable[[ReaderEvent], None]


def printer_status(status: printers.PrinterStatus) -> PrinterStatus:
    return PrinterStatus(_PRINTER_STATES[status.state], status.detail)


def reader_event(event: readers.ReaderEvent) -> ReaderEvent:
    return ReaderEvent(_READER_EVENTS[event.kind], event.reader)


class ReaderWatch:
    """The readers of a backend, watched: their names now, and their events in the kiosk's
    vocabulary. Listeners are called on the backend's own threads, as the backend's are: they
    must only hand the event on (a Qt signal), never do card I/O."""

    def __init__(self, backend: readers.CardReaderBackend) -> None:
        self._backend = backend
        # The backend's listener made for each of ours, so that removing ours removes it.
        self._wrapped: dict[ReaderListener, readers.Listener] = {}
        self._lock = threading.Lock()

    def add_listener(self, listener: ReaderListener) -> None:
        def translated(event: readers.ReaderEvent) -> None:
            listener(reader_event(event))

        with self._lock:
            if listener in self._wrapped:
                return
            self._wrapped[listener] = translated
        self._backend.add_listener(translated)

    def remove_listener(self, listener: ReaderListener) -> None:
        with self._lock:
            translated = self._wrapped.pop(listener, None)
        if translated is not None:
            self._backend.remove_listener(translated)

    def reader_names(self) -> list[str]:
        """The readers the backend knows now, with a card or without (as its `readers()`
        lists them: a backend may keep an unplugged reader listed as unavailable)."""
        return [info.name for info in self._backend.readers()]

"""Finding the card and reading it through whichever reader backend the kiosk runs on."""

from __future__ import annotations

import threading

from drivers.readers.base import (
    CardReaderBackend,
    ReaderEvent,
    ReaderEventKind,
    ReaderInfo,
)
from drivers.readers.errors import CardRemoved, ReaderTimeout, ReaderUnavailable
from kiosk.card.read import CardRead, read_card

READ_TIMEOUT = 10.0  # a read of a good card takes milliseconds; this bounds a stuck reader


def wait_for_card(
    backend: CardReaderBackend, reader: str | None = None, timeout: float = 5.0
) -> ReaderInfo:
    """The reader holding a card (the named one, or the first with a card), waiting up to
    `timeout` for one to be inserted."""
    inserted = threading.Event()

    def on_event(event: ReaderEvent) -> None:
        if event.kind is ReaderEventKind.CARD_INSERTED and reader in (None, event.reader):
            inserted.set()

    backend.add_listener(on_event)
    try:
        for _ in range(2):
            found = _reader_with_card(backend.readers(), reader)
            if found is not None:
                return found
            inserted.wait(timeout)
    finally:
        backend.remove_listener(on_event)
    if reader is not None and reader not in {info.name for info in backend.readers()}:
        raise ReaderUnavailable(f"no reader named {reader!r}")
    raise CardRemoved("no card inserted")


def read_inserted_card(backend: CardReaderBackend, reader: str) -> CardRead:
    """Run the read sequence on the reader's I/O thread and wait for it, bounded."""
    future = backend.run(reader, read_card)
    try:
        return future.result(READ_TIMEOUT)
    except TimeoutError:
        future.cancel()
        raise ReaderTimeout(f"card read took longer than {READ_TIMEOUT:.0f} s") from None


def _reader_with_card(readers: list[ReaderInfo], name: str | None) -> ReaderInfo | None:
    for info in readers:
        if name in (None, info.name) and info.atr is not None:
            return info
    return None

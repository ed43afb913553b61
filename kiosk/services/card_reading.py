"""Finding the card and reading it through whichever reader backend the kiosk runs on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from drivers.readers.base import (
    CardChannel,
    CardReaderBackend,
    ReaderEvent,
    ReaderEventKind,
    ReaderInfo,
)
from drivers.readers.errors import CardRemoved, ReaderTimeout, ReaderUnavailable
from kiosk.card.read import CardRead, read_card

CARD_TIMEOUT = 10.0  # a card job takes milliseconds; this bounds a stuck reader

T = TypeVar("T")


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


def run_card_job(
    backend: CardReaderBackend,
    reader: str,
    job: Callable[[CardChannel], T],
    timeout: float = CARD_TIMEOUT,
) -> T:
    """Run `job` on the reader's I/O thread and wait for it, bounded: a stuck reader becomes
    `ReaderTimeout` rather than a caller that waits for ever."""
    future = backend.run(reader, job)
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()
        raise ReaderTimeout(f"the card did not answer within {timeout:.0f} s") from None


def read_inserted_card(backend: CardReaderBackend, reader: str) -> CardRead:
    """The read sequence on the reader's I/O thread."""
    return run_card_job(backend, reader, read_card)


def _reader_with_card(readers: list[ReaderInfo], name: str | None) -> ReaderInfo | None:
    for info in readers:
        if name in (None, info.name) and info.atr is not None:
            return info
    return None

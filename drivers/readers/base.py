"""The card reader interface every backend implements, its events and its typed errors.

A backend watches its readers and reports changes as `ReaderEvent`s to listeners. Card I/O goes
through `CardReaderBackend.run(reader, job)`: the job runs on that reader's own I/O thread with a
connected `CardChannel`, and the caller gets a `Future`. Nothing here imports the kiosk.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TypeVar

from drivers.events import Listeners
from drivers.readers import t0
from drivers.readers.errors import (  # noqa: F401  (re-exported: the interface's errors)
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderTimeout,
    ReaderUnavailable,
    ServiceUnavailable,
    SharingViolation,
)

T = TypeVar("T")


class ReaderState(enum.Enum):
    EMPTY = "empty"
    CARD_PRESENT = "card_present"
    CARD_MUTE = "card_mute"
    IN_USE = "in_use"  # held exclusively by another program
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    state: ReaderState
    driver: str
    atr: bytes | None = None


class ReaderEventKind(enum.Enum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    SERVICE_LOST = "service_lost"
    SERVICE_BACK = "service_back"


@dataclass(frozen=True)
class ReaderEvent:
    kind: ReaderEventKind
    reader: str = ""
    atr: bytes | None = None


Listener = Callable[[ReaderEvent], None]


class CardChannel(ABC):
    """A connected card, valid only inside the job it was handed to.

    Backends implement `_send` (one APDU out, the card's raw answer back); the T=0 procedure
    and the APDU count live here so that every backend behaves and counts alike.
    """

    def __init__(self, atr: bytes) -> None:
        self.atr = atr
        self.apdus_sent = 0

    @abstractmethod
    def _send(self, apdu: bytes | bytearray) -> bytes:
        """Send one APDU as is and return exactly what the card answered."""

    def transmit_raw(self, apdu: bytes | bytearray) -> bytes:
        """One APDU, no T=0 resolution: what the APDU console and the fastest read use."""
        self.apdus_sent += 1
        return self._send(apdu)

    def transmit(self, apdu: bytes | bytearray) -> bytes:
        """Send a command APDU, return response data + SW1 SW2 with `61xx`/`6Cxx` resolved. A
        `bytearray` goes to the reader as it is, so a caller can wipe it afterwards (a PIN)."""
        self.apdus_sent += 1
        response = self._send(apdu)
        if len(response) >= 2 and response[-2] not in t0.PROCEDURE_BYTES:
            return response  # complete in one round: the usual case, kept short on purpose
        return t0.resolve(self.transmit_raw, apdu, response)


class CardReaderBackend(Listeners[ReaderEvent], ABC):
    """A set of readers: their list and events, and card jobs run on each reader's I/O thread.

    Listeners are called on the backend's own threads; they must only hand the event on (to a
    queue or a Qt signal), never do card I/O themselves.
    """

    driver_name: str = "?"

    @property
    def service_available(self) -> bool:
        """Whether the service behind the readers answers (pcscd for PC/SC); an in-process
        backend always does."""
        return True

    @abstractmethod
    def start(self) -> None:
        """Begin watching readers; events flow from here on. Idempotent."""

    @abstractmethod
    def stop(self) -> None:
        """Stop watching and end every reader thread. Idempotent."""

    @abstractmethod
    def readers(self) -> list[ReaderInfo]:
        """The readers known now, with their state."""

    @abstractmethod
    def run(self, reader: str, job: Callable[[CardChannel], T]) -> Future[T]:
        """Connect to the card in `reader`, run `job(channel)` on the reader's I/O thread,
        disconnect (leaving the card powered for the next job) and resolve the future with the
        job's result or its exception. Jobs on one reader run one at a time, in order."""

    @abstractmethod
    def power_down(self, reader: str) -> None:
        """End the card session: power the card off so its security state (PIN) is reset."""

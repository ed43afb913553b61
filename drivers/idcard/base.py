"""The resident ID card reader (../shared/design/IDCARD_PROFILE.md) as every backend offers it:
the identity read from a card laid on it, its events, and its typed errors. Nothing here imports
the kiosk.

A backend watches its reader on a thread of its own: it polls "find card" and, when a card is
laid on, selects and reads it and reports `IdCardEvent(LAID, identity)`; when the card is taken
away, `IdCardEvent(TAKEN)`. If the device goes away it reports `DEVICE_LOST`, keeps trying to
open it again and reports `DEVICE_BACK` when it answers. Listeners are called on that thread and
must only hand the event on (to a queue or a Qt signal).

Backends: `serial.py` (pyserial, the profile's frames), `mock.py` (in-process: tests and the
demo tray lay cards on and take them away), and `sim.py` (the reader's side of the protocol on a
pseudo-terminal, with demo identities and fault injection; `kiosk idcard serve`).
"""

from __future__ import annotations

import datetime as dt
import enum
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from drivers.events import Listeners


@dataclass(frozen=True)
class IdIdentity:
    """The text of a second-generation resident ID card (the profile's 256 bytes), decoded.
    Personal data: never logged; masked on screen where not needed. The photo is not kept (its
    WLT format needs the vendor's licensed decoder)."""

    name: str
    sex: str  # "1" male, "2" female (GB/T 2261.1)
    ethnicity: str  # two digits (GB/T 3304)
    birth_date: dt.date
    address: str
    id_number: str  # 18 characters, the last may be "X"
    issuer: str
    valid_from: dt.date
    valid_to: dt.date | None  # None: long-term (长期)

    def __repr__(self) -> str:  # never print personal data by accident (logs, tracebacks)
        return "IdIdentity(<personal data>)"


class IdCardError(Exception):
    """Base of the ID card reader's errors; the message never holds personal data."""


class IdReaderUnavailable(IdCardError):
    """The serial device is not there, cannot be opened, or went away."""


class IdReaderBusy(IdReaderUnavailable):
    """The serial device is there but another program holds it open (a running kiosk's watch
    loop, `kiosk idcard`...): the reader may be fine."""


class IdReaderTimeout(IdCardError):
    """The reader did not answer a command in time (a stalled reader)."""


class IdFrameError(IdCardError):
    """An answer that is not a valid frame: bad preamble, length, checksum, or truncated."""


class IdStatusError(IdCardError):
    """The reader answered with a status byte (SW3) other than the command's success.
    `sw3` is the byte; the message says what it means in words."""

    def __init__(self, sw3: int, message: str) -> None:
        super().__init__(message)
        self.sw3 = sw3


class IdCardUnsupported(IdCardError):
    """A kind of ID card whose text this driver does not read (a foreigner's permanent
    residence ID, a Hong Kong / Macao / Taiwan residence permit): said, not misread."""


class IdReaderState(enum.Enum):
    NO_DEVICE = "no_device"  # not configured, or the device is not there
    READY = "ready"  # answers, no card
    CARD_READ = "card_read"  # a card lies on it and was read
    CARD_ERROR = "card_error"  # a card lies on it and could not be read (last_error says why)
    OFFLINE = "offline"  # was there, not answering now


class IdCardEventKind(enum.Enum):
    LAID = "laid"  # a card was laid on and read: `identity` holds it
    UNREADABLE = "unreadable"  # a card was laid on and could not be read: `error` says why
    TAKEN = "taken"
    DEVICE_LOST = "device_lost"
    DEVICE_BACK = "device_back"


@dataclass(frozen=True)
class IdCardEvent:
    kind: IdCardEventKind
    identity: IdIdentity | None = None
    error: IdCardError | None = None


IdListener = Callable[[IdCardEvent], None]


class IdCardReader(Listeners[IdCardEvent], ABC):
    """One resident ID card reader, and the listeners of its events."""

    driver_name: str = "?"

    @abstractmethod
    def start(self) -> None:
        """Begin watching the reader; events flow from here on. Idempotent."""

    @abstractmethod
    def stop(self) -> None:
        """Stop watching and close the device. Idempotent."""

    @abstractmethod
    def state(self) -> IdReaderState:
        """The reader's state now."""

    @property
    def last_error(self) -> IdCardError | None:
        """Why the reader is not READY or the last card could not be read; None if nothing."""
        return None

    @abstractmethod
    def read_once(self, timeout: float = 3.0) -> IdIdentity:
        """Find, select and read the card lying on the reader now (diagnostics, `kiosk diag
        idcard`), outside the watch loop. Raises the typed errors above."""

"""The kiosk's devices as the screens and flows see them, in the kiosk's own vocabulary: every
device's state in one model (`DeviceStatus`, after CEN/XFS), a printer's state as the
business flows check it before printing, and a card reader's events. The services translate
the drivers' types into these (kiosk.services.devices), so nothing above the services needs to
know a driver."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass


class PrinterState(enum.Enum):
    READY = "ready"
    NO_PAPER = "no_paper"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    state: PrinterState
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.state is PrinterState.READY


class ReaderEventKind(enum.Enum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    SERVICE_LOST = "service_lost"
    SERVICE_BACK = "service_back"


@dataclass(frozen=True, slots=True)
class ReaderEvent:
    """A card reader's change: which reader (its name) and what happened."""

    kind: ReaderEventKind
    reader: str = ""


# One vocabulary for every device (issue 13) ------------------------------------------------
#
# Anchored in CEN/XFS (CWA 16926), the device model of ATMs and self-service terminals: each
# device reports one device state (XFS fwDevice) and the state of its media (XFS fwMedia for a
# card reader, the paper's state for a printer), so the attract screen's status strip, the
# diagnostics screens, the self-test and the bundle can all say the same thing the same way.


class DeviceKind(enum.Enum):
    CARD_READER = "card_reader"
    RECEIPT_PRINTER = "receipt_printer"
    BACK_END = "back_end"
    ID_CARD_READER = "id_card_reader"  # the resident ID card reader, to come


class DeviceState(enum.Enum):
    """XFS's device states: WFS_STAT_DEVONLINE ... WFS_STAT_DEVBUSY."""

    ONLINE = "online"  # there and working
    OFFLINE = "offline"  # there, or was, but not answering (pcscd down, CUPS stopped...)
    POWER_OFF = "power_off"  # switched off
    NO_DEVICE = "no_device"  # not connected: the reader unplugged, no such queue
    HARDWARE_ERROR = "hardware_error"  # it answers, and says it is broken
    USER_ERROR = "user_error"  # a person stops it working: cover open, card inserted wrongly
    BUSY = "busy"  # held by another program


class MediaState(enum.Enum):
    """What is in the device: the card in the reader, the paper in the printer."""

    CARD_PRESENT = "card_present"
    CARD_ABSENT = "card_absent"
    CARD_JAMMED = "card_jammed"
    PAPER_OK = "paper_ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    PAPER_JAMMED = "paper_jammed"
    UNKNOWN = "unknown"  # the device cannot say now (offline, not there)
    NONE = "none"  # a device without media: the back end


# Media that stop the device serving although it is online.
_MEDIA_TROUBLE = frozenset({MediaState.CARD_JAMMED, MediaState.PAPER_OUT, MediaState.PAPER_JAMMED})


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """One device as everything shows it: its kind and name, its state, its media, since when
    it is so (`since`: aware UTC; None where nobody watched it change), and in plain words
    what was found (`detail`) and, when it is not serving, what is wrong (`error`)."""

    kind: DeviceKind
    state: DeviceState
    media: MediaState = MediaState.NONE
    name: str = ""  # which one: the reader's name, the print queue, the database (no password)
    since: dt.datetime | None = None
    detail: str = ""
    error: str = ""

    @property
    def usable(self) -> bool:
        """Whether the device can do its work now: online, and its media not in the way."""
        return self.state is DeviceState.ONLINE and self.media not in _MEDIA_TROUBLE

    def same_as(self, other: DeviceStatus | None) -> bool:
        """The same state, media and error: no change worth a new `since`."""
        return other is not None and (
            other.kind,
            other.name,
            other.state,
            other.media,
            other.error,
        ) == (self.kind, self.name, self.state, self.media, self.error)

    def carried_from(self, previous: DeviceStatus | None) -> DeviceStatus:
        """This status, dated from `previous` when nothing changed: what a watcher keeps, so
        that `since` is the time of the last change, not of the last look."""
        if self.same_as(previous) and previous is not None and previous.since is not None:
            return dataclasses.replace(self, since=previous.since)
        return self

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able data (enum values, ISO time), the diagnostics' stable shape."""
        return {
            "kind": self.kind.value,
            "name": self.name,
            "state": self.state.value,
            "media": self.media.value,
            "since": self.since.isoformat() if self.since is not None else None,
            "detail": self.detail,
            "error": self.error,
        }

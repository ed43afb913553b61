"""Card readers behind one small interface: PC/SC (pcsc.py) and the in-process mock (mock.py)."""

from drivers.readers.base import (
    CardChannel,
    CardMute,
    CardReaderBackend,
    CardRemoved,
    ReaderError,
    ReaderEvent,
    ReaderEventKind,
    ReaderInfo,
    ReaderState,
    ReaderTimeout,
    ReaderUnavailable,
    ServiceUnavailable,
    SharingViolation,
)

__all__ = [
    "CardChannel",
    "CardMute",
    "CardReaderBackend",
    "CardRemoved",
    "ReaderError",
    "ReaderEvent",
    "ReaderEventKind",
    "ReaderInfo",
    "ReaderState",
    "ReaderTimeout",
    "ReaderUnavailable",
    "ServiceUnavailable",
    "SharingViolation",
]

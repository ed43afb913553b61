"""The kiosk's devices as the screens and flows see them: a printer's state and a card reader's
events, in the kiosk's own vocabulary. The services translate the drivers' types into these
(kiosk.services.devices), so nothing above the services needs to know a driver."""

from __future__ import annotations

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

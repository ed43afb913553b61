"""The in-process ID card reader: tests and the demo tray lay ID cards on it and take them away,
unplug and plug it, and make the next read fail.

Listeners are called on the caller's thread (`lay`, `take`, `unplug`, `plug`, `start`), and only
between `start()` and `stop()`; `start()` announces a card already lying on the reader (LAID). As
the serial backend does, a card still lying on the reader when it is plugged back in is read
again (DEVICE_BACK, then LAID).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from drivers.idcard.base import (
    IdCardError,
    IdCardEvent,
    IdCardEventKind,
    IdCardReader,
    IdIdentity,
    IdReaderState,
    IdReaderUnavailable,
    IdStatusError,
)
from drivers.idcard.protocol import SW3_NO_CARD, status_words


class MockIdCardReader(IdCardReader):
    driver_name = "mock"

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.RLock()
        self._running = False
        self._plugged = True
        self._card: IdIdentity | None = None
        self._card_error: IdCardError | None = None  # the card lying on it could not be read
        self._fail_next: IdCardError | None = None
        self._last_error: IdCardError | None = None

    # --- the interface -----------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._running:
                return
            self._running = True
            events = [self._read_card()] if self._plugged and self._card is not None else []
        self._emit_all(events)

    def stop(self) -> None:
        with self._lock:
            self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def state(self) -> IdReaderState:
        with self._lock:
            if not self._plugged:
                return IdReaderState.OFFLINE if self._running else IdReaderState.NO_DEVICE
            if self._card is None:
                return IdReaderState.READY
            if self._card_error is not None:
                return IdReaderState.CARD_ERROR
            return IdReaderState.CARD_READ

    @property
    def last_error(self) -> IdCardError | None:
        return self._last_error

    def read_once(self, timeout: float = 3.0) -> IdIdentity:
        with self._lock:
            if not self._plugged:
                raise IdReaderUnavailable("the ID card reader is unplugged")
            if self._card is None:
                raise IdStatusError(SW3_NO_CARD, f"find card: {status_words(SW3_NO_CARD)}")
            error, self._fail_next = self._fail_next, None
            if error is not None:
                self._last_error = error
                raise error
            return self._card

    # --- what tests and the demo tray do -------------------------------------------------------

    @property
    def identity(self) -> IdIdentity | None:
        """The ID card lying on the reader (None: none)."""
        return self._card

    def lay(self, identity: IdIdentity) -> None:
        """Lay an ID card on the reader (the one lying there is taken away first): LAID, or
        UNREADABLE if `fail_next` set an error."""
        with self._lock:
            events = [self._take()] if self._card is not None else []
            self._card = identity
            if self._plugged and self._running:
                events.append(self._read_card())
        self._emit_all(events)

    def take(self) -> None:
        """Take the ID card away (no-op when none lies there): TAKEN."""
        with self._lock:
            events = [self._take()] if self._card is not None else []
        self._emit_all(events)

    def unplug(self) -> None:
        """The device goes away: DEVICE_LOST."""
        with self._lock:
            if not self._plugged:
                return
            self._plugged = False
            self._card_error = None
            self._last_error = IdReaderUnavailable("the ID card reader is unplugged")
            running = self._running
        if running:
            self._emit(IdCardEvent(IdCardEventKind.DEVICE_LOST, error=self._last_error))

    def plug(self) -> None:
        """The device is back: DEVICE_BACK, then LAID if an ID card lies on it."""
        with self._lock:
            if self._plugged:
                return
            self._plugged = True
            self._last_error = None
            events: list[IdCardEvent | None] = []
            if self._running:
                events.append(IdCardEvent(IdCardEventKind.DEVICE_BACK))
                if self._card is not None:
                    events.append(self._read_card())
        self._emit_all(events)

    def fail_next(self, error: IdCardError) -> None:
        """The next read (a card laid on, or read_once) fails with `error`."""
        with self._lock:
            self._fail_next = error

    # --- inside ------------------------------------------------------------------------------

    def _read_card(self) -> IdCardEvent:
        error, self._fail_next = self._fail_next, None
        self._card_error = error
        if error is not None:
            self._last_error = error
            return IdCardEvent(IdCardEventKind.UNREADABLE, error=error)
        self._last_error = None
        return IdCardEvent(IdCardEventKind.LAID, identity=self._card)

    def _take(self) -> IdCardEvent | None:
        self._card = None
        self._card_error = None
        if self._plugged and self._running:
            return IdCardEvent(IdCardEventKind.TAKEN)
        return None

    def _emit_all(self, events: Sequence[IdCardEvent | None]) -> None:
        for event in events:
            if event is not None:
                self._emit(event)

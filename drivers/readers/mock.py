"""The in-process reader backend: simulated cards (drivers.simcard) in named virtual readers,
with fault injection. The demo runs on it and tests use it in place of a real reader.

Listeners are called on the thread that caused the event: `insert`, `remove`, `plug`,
`unplug` and `start` emit on their caller's thread; a `remove_after` fault emits CARD_REMOVED on
the reader's I/O thread. Events are emitted only between `start()` and `stop()`; `start()`
announces the readers plugged in (READER_ADDED) and the cards already in them (CARD_INSERTED).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TypeVar

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
    ReaderUnavailable,
    ServiceUnavailable,
)
from drivers.simcard.card import SimCard
from drivers.simcard.image import CardImage, load_image

T = TypeVar("T")

DEFAULT_READER = "Mock Reader 0"


@dataclass(frozen=True)
class Faults:
    """Faults of one reader, applied to every APDU sent through it from when they are set.

    remove_after: the card is pulled out when APDU number n (from 1) arrives; that transmit
    raises CardRemoved and CARD_REMOVED is emitted. mute: the card answers nothing (CardMute).
    latency: seconds added to every APDU. corrupt: applied to every answer of the card.
    """

    remove_after: int | None = None
    mute: bool = False
    latency: float = 0.0
    corrupt: Callable[[bytes], bytes] | None = None


class _Slot:
    """One virtual reader: plugged or not, its card, its faults and its I/O thread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.plugged = True
        self.card: SimCard | None = None
        self.faults = Faults()
        self.apdus_since_faults = 0
        self.executor: ThreadPoolExecutor | None = None


class MockReaderBackend(CardReaderBackend):
    driver_name = "mock"

    def __init__(self, readers: Iterable[str] = (DEFAULT_READER,)) -> None:
        super().__init__()
        self._lock = threading.RLock()
        self._slots: dict[str, _Slot] = {}
        for name in readers:
            self._slots[name] = _Slot(name)
        if not self._slots:
            raise ValueError("a mock backend needs at least one reader")
        self._running = False
        self._in_job = threading.local()

    @staticmethod
    def thread_name_prefix(reader: str) -> str:
        """Names of the I/O thread of `reader` start with this."""
        return f"mock-reader:{reader}"

    # --- service ---------------------------------------------------------------------------

    def start(self) -> None:
        events = []
        with self._lock:
            if self._running:
                return
            self._running = True
            for slot in self._slots.values():
                if slot.plugged:
                    events.append(ReaderEvent(ReaderEventKind.READER_ADDED, slot.name))
                    if slot.card is not None:
                        events.append(self._inserted(slot))
        self._emit_all(events)

    def stop(self) -> None:
        """Stop: no more events, new jobs and APDUs fail with ServiceUnavailable, threads end.

        Waits for the reader threads unless called from one of them (a job or a listener)."""
        with self._lock:
            self._running = False
            executors = [s.executor for s in self._slots.values() if s.executor is not None]
            for slot in self._slots.values():
                slot.executor = None
        for executor in executors:
            # Queued jobs still run, and fail at once with ServiceUnavailable.
            executor.shutdown(wait=not getattr(self._in_job, "active", False))

    @property
    def running(self) -> bool:
        return self._running

    # --- readers and cards -----------------------------------------------------------------

    def readers(self) -> list[ReaderInfo]:
        """Every reader this backend knows; unplugged ones with state UNAVAILABLE."""
        with self._lock:
            return [self._info(slot) for slot in self._slots.values()]

    def insert(self, card: SimCard | CardImage | str, reader: str | None = None) -> SimCard:
        """Put a card (or a card image, or a demo image id) into a reader (None: the first),
        removing the card that was there. The card is powered to read its ATR. Returns it."""
        if isinstance(card, str):
            card = load_image(card)
        if isinstance(card, CardImage):
            card = SimCard(card)
        events = []
        with self._lock:
            slot = self._plugged_slot(reader)
            if slot.card is not None:
                events.append(self._take_card(slot))
            slot.card = card
            card.power_on()
            if self._running:
                events.append(self._inserted(slot))
        self._emit_all(events)
        return card

    def remove(self, reader: str | None = None) -> SimCard | None:
        """Take the card out of a reader (no-op when empty). Returns the card."""
        with self._lock:
            slot = self._slot(reader)
            card = slot.card
            event = self._take_card(slot) if card is not None else None
        self._emit_all([event])
        return card

    def card(self, reader: str | None = None) -> SimCard | None:
        with self._lock:
            return self._slot(reader).card

    def unplug(self, reader: str | None = None) -> None:
        """Pull the reader off the bus. A card in it stays in it, powered off."""
        with self._lock:
            slot = self._slot(reader)
            if not slot.plugged:
                return
            slot.plugged = False
            if slot.card is not None:
                slot.card.power_off()
            running = self._running
        self._emit_all([ReaderEvent(ReaderEventKind.READER_REMOVED, slot.name)] if running else [])

    def plug(self, reader: str) -> None:
        """Plug a reader in (a new name adds a reader). A card left in it is announced again."""
        events = []
        with self._lock:
            slot = self._slots.get(reader)
            if slot is None:
                slot = self._slots[reader] = _Slot(reader)
            elif slot.plugged:
                return
            slot.plugged = True
            if slot.card is not None:
                slot.card.power_on()
            if self._running:
                events.append(ReaderEvent(ReaderEventKind.READER_ADDED, slot.name))
                if slot.card is not None:
                    events.append(self._inserted(slot))
        self._emit_all(events)

    def set_faults(self, faults: Faults | None = None, reader: str | None = None) -> None:
        """Set (or with None clear) the faults of a reader; remove_after counts from here."""
        with self._lock:
            slot = self._slot(reader)
            slot.faults = faults or Faults()
            slot.apdus_since_faults = 0

    # --- card I/O --------------------------------------------------------------------------

    def run(self, reader: str, job: Callable[[CardChannel], T]) -> Future[T]:
        """Run `job` on the reader's I/O thread. Errors come back in the future: ReaderUnavailable
        (no such reader or unplugged), CardRemoved (no card), ServiceUnavailable (stopped)."""
        with self._lock:
            slot = self._slots.get(reader)
            if not self._running:
                return _failed(ServiceUnavailable("the mock reader service is stopped"))
            if slot is None:
                return _failed(ReaderUnavailable(f"no reader named {reader!r}"))
            return self._executor(slot).submit(self._work, slot, job)

    def power_down(self, reader: str) -> None:
        """Power the card off once the jobs already submitted to the reader are done."""
        with self._lock:
            slot = self._slots.get(reader)
            if slot is None:
                raise ReaderUnavailable(f"no reader named {reader!r}")
            if not self._running:
                return
            self._executor(slot).submit(self._power_down, slot)

    def _work(self, slot: _Slot, job: Callable[[CardChannel], T]) -> T:
        self._in_job.active = True
        try:
            with self._lock:
                card = self._connected_card(slot)
                if not card.powered:
                    card.power_on()
            channel = _MockChannel(self, slot, card)
            try:
                return job(channel)
            finally:
                channel.close()
        finally:
            self._in_job.active = False

    def _power_down(self, slot: _Slot) -> None:
        with self._lock:
            if slot.card is not None:
                slot.card.power_off()

    def _transfer(self, slot: _Slot, card: SimCard, apdu: bytes) -> bytes:
        """One APDU to the card through the reader's faults (on the I/O thread)."""
        with self._lock:
            if self._connected_card(slot) is not card:
                raise CardRemoved(f"the card left {slot.name!r}")
            faults = slot.faults
            slot.apdus_since_faults += 1
            if faults.remove_after is not None and slot.apdus_since_faults >= faults.remove_after:
                slot.faults = replace(faults, remove_after=None)
                event = self._take_card(slot)
            else:
                event = None
        if event is not None:
            self._emit_all([event])
            raise CardRemoved(f"the card was pulled out of {slot.name!r}")
        if faults.latency > 0:
            time.sleep(faults.latency)
        if faults.mute:
            raise CardMute(f"the card in {slot.name!r} does not answer")
        answer = card.respond(apdu)
        if not answer:
            raise CardMute(f"the card in {slot.name!r} does not answer")
        if faults.corrupt is not None:
            answer = faults.corrupt(answer)
        return answer

    # --- helpers (call with the lock held) --------------------------------------------------

    def _slot(self, reader: str | None) -> _Slot:
        name = next(iter(self._slots)) if reader is None else reader
        slot = self._slots.get(name)
        if slot is None:
            raise ReaderUnavailable(f"no reader named {name!r}")
        return slot

    def _plugged_slot(self, reader: str | None) -> _Slot:
        slot = self._slot(reader)
        if not slot.plugged:
            raise ReaderUnavailable(f"reader {slot.name!r} is unplugged")
        return slot

    def _connected_card(self, slot: _Slot) -> SimCard:
        if not self._running:
            raise ServiceUnavailable("the mock reader service is stopped")
        if not slot.plugged:
            raise ReaderUnavailable(f"reader {slot.name!r} is unplugged")
        if slot.card is None:
            raise CardRemoved(f"no card in {slot.name!r}")
        return slot.card

    def _executor(self, slot: _Slot) -> ThreadPoolExecutor:
        if slot.executor is None:
            slot.executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=self.thread_name_prefix(slot.name)
            )
        return slot.executor

    def _take_card(self, slot: _Slot) -> ReaderEvent | None:
        card = slot.card
        slot.card = None
        if card is not None:
            card.power_off()
        if not self._running or not slot.plugged:
            return None
        return ReaderEvent(ReaderEventKind.CARD_REMOVED, slot.name)

    def _inserted(self, slot: _Slot) -> ReaderEvent:
        assert slot.card is not None
        return ReaderEvent(ReaderEventKind.CARD_INSERTED, slot.name, slot.card.atr)

    def _info(self, slot: _Slot) -> ReaderInfo:
        if not slot.plugged:
            state = ReaderState.UNAVAILABLE
        elif slot.card is None:
            state = ReaderState.EMPTY
        elif slot.faults.mute:
            state = ReaderState.CARD_MUTE
        else:
            state = ReaderState.CARD_PRESENT
        atr = slot.card.atr if slot.card is not None and slot.plugged else None
        return ReaderInfo(slot.name, state, self.driver_name, atr)

    def _emit_all(self, events: Iterable[ReaderEvent | None]) -> None:
        # Outside the lock: a listener may call back into the backend.
        for event in events:
            if event is not None:
                self._emit(event)


class _MockChannel(CardChannel):
    """The connected card handed to one job; closed when the job returns."""

    def __init__(self, backend: MockReaderBackend, slot: _Slot, card: SimCard) -> None:
        super().__init__(card.atr)
        self._backend = backend
        self._slot = slot
        self._card = card
        self._open = True

    def _send(self, apdu: bytes | bytearray) -> bytes:
        if not self._open:
            raise ReaderError("the channel was used after its job ended")
        return self._backend._transfer(self._slot, self._card, bytes(apdu))

    def close(self) -> None:
        self._open = False


def _failed(error: ReaderError) -> Future[T]:
    future: Future[T] = Future()
    future.set_exception(error)
    return future

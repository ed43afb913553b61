"""The kiosk's PC/SC backend against a real pcscd with the vpcd driver and simulated cards:
events, reading every demo card, PIN outcomes, R1 (card pulled at every APDU of a read) and
R2 (pcscd stopped and started again while the reader layer runs)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from drivers.readers.base import ReaderEvent, ReaderEventKind, ReaderState
from drivers.readers.errors import CardRemoved, ReaderUnavailable, ServiceUnavailable
from drivers.readers.pcsc import PcscBackend
from drivers.simcard.image import demo_image_ids, load_image
from kiosk.card import pin
from kiosk.card.errors import CardUnreadable, PinBlocked, PinWrong
from kiosk.card.profile import APDUS_PER_READ
from kiosk.card.read import read_card
from kiosk.services.card_reading import read_inserted_card, wait_for_card

READER = "Virtual PCD 00 00"
RECOVERY_TARGET = 5.0  # R2: back by itself within 5 s


class Events:
    """What the backend reported, with a way to wait for one kind."""

    def __init__(self) -> None:
        self._events: list[ReaderEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: ReaderEvent) -> None:
        with self._changed:
            self._events.append(event)
            self._changed.notify_all()

    def kinds(self) -> list[ReaderEventKind]:
        with self._changed:
            return [event.kind for event in self._events]

    def wait_for(self, kind: ReaderEventKind, timeout: float, after: int = 0) -> ReaderEvent:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self._events[after:]:
                    if event.kind is kind:
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no {kind.value} within {timeout} s: {self.kinds()}")
                self._changed.wait(remaining)

    def __len__(self) -> int:
        with self._changed:
            return len(self._events)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def backend(pcscd, events: Events) -> Iterator[PcscBackend]:
    reader_layer = PcscBackend(poll_ms=250, retry_seconds=0.25)
    reader_layer.add_listener(events)
    reader_layer.start()
    assert reader_layer.wait_ready(5)
    yield reader_layer
    reader_layer.stop()


def card_in(backend: PcscBackend) -> str:
    return wait_for_card(backend, READER, 5).name


def test_readers_are_listed_with_their_driver_and_state(backend: PcscBackend) -> None:
    readers = {info.name: info for info in backend.readers()}
    assert {"Virtual PCD 00 00", "Virtual PCD 00 01"} <= set(readers)
    assert readers[READER].driver == "pcsc"
    assert readers[READER].state is ReaderState.EMPTY


def test_insertion_and_removal_are_events_with_the_atr(
    backend: PcscBackend, events: Events, virtual_card
) -> None:
    client = virtual_card("normal")
    inserted = events.wait_for(ReaderEventKind.CARD_INSERTED, 5)
    assert inserted.reader == READER
    assert inserted.atr == load_image("normal").atr
    mark = len(events)
    client.remove()
    removed = events.wait_for(ReaderEventKind.CARD_REMOVED, 5, after=mark)
    assert removed.reader == READER


@pytest.mark.parametrize("card_id", demo_image_ids())
def test_every_demo_card_reads_through_pcscd(
    backend: PcscBackend, virtual_card, card_id: str
) -> None:
    image = load_image(card_id)
    client = virtual_card(card_id)
    reader = card_in(backend)
    if card_id == "unreadable":
        with pytest.raises(CardUnreadable):
            read_inserted_card(backend, reader)
        return
    read = read_inserted_card(backend, reader)
    assert read.apdus == APDUS_PER_READ
    assert client.apdus_served == APDUS_PER_READ
    assert read.atr == image.atr
    assert read.chip.holder.ssn == image.holder.ssn
    assert read.chip.holder.name == image.holder.name
    assert read.chip.issuer.card_number == image.issuer.card_number


def test_pin_tries_wrong_and_blocked_through_pcscd(backend: PcscBackend, virtual_card) -> None:
    virtual_card("pin-last-try")
    reader = card_in(backend)
    assert backend.run(reader, pin.tries_left).result(5) == 1
    wrong = bytearray(b"000000")
    with pytest.raises(PinBlocked):
        backend.run(reader, lambda channel: pin.verify(channel, wrong)).result(5)
    assert backend.run(reader, pin.tries_left).result(5) == 0


def test_wrong_then_right_pin_and_power_down_forgets_it(backend: PcscBackend, virtual_card) -> None:
    card = virtual_card("normal").card
    reader = card_in(backend)
    with pytest.raises(PinWrong) as wrong:
        backend.run(reader, lambda ch: pin.verify(ch, bytearray(b"111111"))).result(5)
    assert wrong.value.tries_left == 5
    backend.run(reader, lambda ch: pin.verify(ch, bytearray(b"123456"))).result(5)
    assert card.pin_verified and card.tries_left == 6
    backend.power_down(reader)
    # The next job reconnects, which powers the card up again with a fresh security state.
    assert backend.run(reader, pin.tries_left).result(5) == 6
    assert not card.pin_verified


@pytest.mark.parametrize("pulled_at", range(1, APDUS_PER_READ + 1))
def test_card_pulled_at_any_apdu_of_a_read_is_card_removed(
    backend: PcscBackend, events: Events, virtual_card, wait_for_card, pulled_at: int
) -> None:
    """R1: a clean typed error, never a partial result; the next card reads normally."""
    virtual_card("normal", remove_after=pulled_at)
    reader = card_in(backend)
    with pytest.raises(CardRemoved):
        read_inserted_card(backend, reader)
    wait_for_card(False)
    events.wait_for(ReaderEventKind.CARD_REMOVED, 5)
    virtual_card("expired")
    assert read_inserted_card(backend, card_in(backend)).chip.holder.name == "赵建国"


@pytest.mark.parametrize("kill", [False, True], ids=["stopped", "killed"])
def test_pcscd_going_away_and_coming_back(
    backend: PcscBackend, events: Events, pcscd, virtual_card, kill: bool
) -> None:
    """R2: the reader layer says the service is gone, then recovers by itself within 5 s."""
    virtual_card("normal", stay_inserted=True)
    reader = card_in(backend)
    assert read_inserted_card(backend, reader).apdus == APDUS_PER_READ

    mark = len(events)
    pcscd.stop(kill=kill)
    events.wait_for(ReaderEventKind.SERVICE_LOST, 5, after=mark)
    assert backend.readers() == []
    with pytest.raises((ServiceUnavailable, ReaderUnavailable)):
        read_inserted_card(backend, reader)

    mark = len(events)
    pcscd.start()
    back_at = time.monotonic()
    events.wait_for(ReaderEventKind.SERVICE_BACK, RECOVERY_TARGET, after=mark)
    events.wait_for(ReaderEventKind.CARD_INSERTED, RECOVERY_TARGET, after=mark)
    assert time.monotonic() - back_at <= RECOVERY_TARGET
    read = read_inserted_card(backend, card_in(backend))
    assert read.chip.holder.ssn == load_image("normal").holder.ssn


def test_a_job_on_an_unknown_reader_fails_typed(backend: PcscBackend) -> None:
    with pytest.raises(ReaderUnavailable):
        backend.run("No Such Reader", read_card).result(5)


def test_stop_is_quiet_and_ends_the_threads(pcscd, events: Events) -> None:
    reader_layer = PcscBackend()
    reader_layer.add_listener(events)
    reader_layer.start()
    assert reader_layer.wait_ready(5)
    reader_layer.stop()
    assert ReaderEventKind.SERVICE_LOST not in events.kinds()
    names = {thread.name for thread in threading.enumerate()}
    assert not any(name.startswith("pcsc-") for name in names)

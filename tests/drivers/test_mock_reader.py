"""The mock reader backend: events, one I/O thread per reader, T=0 over the simulated card,
faults, stop."""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from drivers.readers.base import (
    CardChannel,
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderEvent,
    ReaderEventKind,
    ReaderState,
    ReaderUnavailable,
    ServiceUnavailable,
)
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.card import SSSE_AID, SimCard
from drivers.simcard.image import load_image

SELECT_SSSE = bytes([0x00, 0xA4, 0x04, 0x00, len(SSSE_AID)]) + SSSE_AID
FCI = bytes([0x6F, 0x13, 0x84, 0x0F]) + SSSE_AID + b"\xa5\x00"
TIMEOUT = 5

Kind = ReaderEventKind
T = TypeVar("T")


class Recorder:
    """A listener that keeps the events and the thread each came on."""

    def __init__(self) -> None:
        self.events: list[ReaderEvent] = []
        self.threads: list[str] = []

    def __call__(self, event: ReaderEvent) -> None:
        self.events.append(event)
        self.threads.append(threading.current_thread().name)

    def kinds(self) -> list[tuple[ReaderEventKind, str]]:
        return [(e.kind, e.reader) for e in self.events]

    def clear(self) -> None:
        self.events.clear()
        self.threads.clear()


@pytest.fixture
def backend() -> Iterator[MockReaderBackend]:
    backend = MockReaderBackend()
    yield backend
    backend.stop()


@pytest.fixture
def recorder(backend: MockReaderBackend) -> Recorder:
    recorder = Recorder()
    backend.add_listener(recorder)
    return recorder


@pytest.fixture
def started(backend: MockReaderBackend, recorder: Recorder) -> MockReaderBackend:
    backend.start()
    recorder.clear()
    return backend


def run(
    backend: MockReaderBackend, job: Callable[[CardChannel], T], reader: str = DEFAULT_READER
) -> T:
    return backend.run(reader, job).result(timeout=TIMEOUT)


# --- readers and events -----------------------------------------------------------------------


def test_default_reader_is_listed_empty(backend: MockReaderBackend) -> None:
    [info] = backend.readers()
    assert info.name == "Mock Reader 0"
    assert info.state is ReaderState.EMPTY
    assert info.driver == "mock"
    assert info.atr is None


def test_start_announces_readers_and_cards(backend: MockReaderBackend, recorder: Recorder) -> None:
    backend.insert("normal")
    assert recorder.events == []  # not started: no events yet
    backend.start()
    assert recorder.kinds() == [
        (Kind.READER_ADDED, DEFAULT_READER),
        (Kind.CARD_INSERTED, DEFAULT_READER),
    ]
    assert recorder.events[1].atr == load_image("normal").atr
    backend.start()  # idempotent
    assert len(recorder.events) == 2


def test_insert_and_remove_emit_events(started: MockReaderBackend, recorder: Recorder) -> None:
    card = started.insert(load_image("expired"))
    assert isinstance(card, SimCard) and card.powered
    assert recorder.events == [ReaderEvent(Kind.CARD_INSERTED, DEFAULT_READER, card.atr)]
    [info] = started.readers()
    assert info.state is ReaderState.CARD_PRESENT and info.atr == card.atr
    assert started.remove() is card
    assert not card.powered
    assert recorder.events[-1] == ReaderEvent(Kind.CARD_REMOVED, DEFAULT_READER)
    assert started.remove() is None
    assert len(recorder.events) == 2
    # Listeners run on the thread that caused the event.
    assert recorder.threads == [threading.current_thread().name] * 2


def test_inserting_over_a_card_removes_it_first(
    started: MockReaderBackend, recorder: Recorder
) -> None:
    first = started.insert("normal")
    second = started.insert("expired")
    assert recorder.kinds() == [
        (Kind.CARD_INSERTED, DEFAULT_READER),
        (Kind.CARD_REMOVED, DEFAULT_READER),
        (Kind.CARD_INSERTED, DEFAULT_READER),
    ]
    assert not first.powered and started.card() is second


def test_several_named_readers(recorder: Recorder) -> None:
    backend = MockReaderBackend(["Left", "Right"])
    backend.add_listener(recorder)
    try:
        backend.start()
        recorder.clear()
        backend.insert("normal", "Right")
        backend.insert("expired")  # the first reader
        states = {r.name: r.state for r in backend.readers()}
        assert states == {"Left": ReaderState.CARD_PRESENT, "Right": ReaderState.CARD_PRESENT}
        assert recorder.kinds() == [(Kind.CARD_INSERTED, "Right"), (Kind.CARD_INSERTED, "Left")]
        assert run(backend, lambda ch: ch.atr, "Left") == load_image("expired").atr
        assert run(backend, lambda ch: ch.atr, "Right") == load_image("normal").atr
    finally:
        backend.stop()


def test_unknown_reader(started: MockReaderBackend) -> None:
    with pytest.raises(ReaderUnavailable):
        run(started, lambda ch: None, "Nope")
    with pytest.raises(ReaderUnavailable):
        started.insert("normal", "Nope")
    with pytest.raises(ReaderUnavailable):
        started.power_down("Nope")


def test_unplug_and_plug(started: MockReaderBackend, recorder: Recorder) -> None:
    card = started.insert("normal")
    recorder.clear()
    started.unplug(DEFAULT_READER)
    assert recorder.kinds() == [(Kind.READER_REMOVED, DEFAULT_READER)]
    [info] = started.readers()
    assert info.state is ReaderState.UNAVAILABLE and info.atr is None
    assert not card.powered
    with pytest.raises(ReaderUnavailable):
        run(started, lambda ch: None)
    with pytest.raises(ReaderUnavailable):
        started.insert("expired")
    started.plug(DEFAULT_READER)
    assert recorder.kinds()[1:] == [
        (Kind.READER_ADDED, DEFAULT_READER),
        (Kind.CARD_INSERTED, DEFAULT_READER),
    ]
    assert run(started, lambda ch: ch.transmit(SELECT_SSSE)) == FCI + b"\x90\x00"


def test_plug_a_new_reader(started: MockReaderBackend, recorder: Recorder) -> None:
    started.plug("USB Reader 1")
    assert recorder.kinds() == [(Kind.READER_ADDED, "USB Reader 1")]
    assert [r.name for r in started.readers()] == [DEFAULT_READER, "USB Reader 1"]


def test_unplug_during_a_job(started: MockReaderBackend) -> None:
    started.insert("normal")

    def job(channel: CardChannel) -> None:
        channel.transmit(SELECT_SSSE)
        started.unplug(DEFAULT_READER)
        channel.transmit(SELECT_SSSE)

    with pytest.raises(ReaderUnavailable):
        run(started, job)


# --- card I/O ---------------------------------------------------------------------------------


def test_job_runs_on_the_reader_thread(started: MockReaderBackend) -> None:
    started.insert("normal")
    names = [run(started, lambda ch: threading.current_thread().name) for _ in range(3)]
    prefix = MockReaderBackend.thread_name_prefix(DEFAULT_READER)
    assert prefix == "mock-reader:Mock Reader 0"
    assert all(name.startswith(prefix) for name in names)
    assert len(set(names)) == 1  # one thread per reader
    assert names[0] != threading.current_thread().name


def test_jobs_on_one_reader_run_in_order(started: MockReaderBackend) -> None:
    started.insert("normal")
    order: list[int] = []
    lock = threading.Lock()

    def job(n: int) -> Callable[[CardChannel], None]:
        def work(channel: CardChannel) -> None:
            with lock:
                order.append(n)
            time.sleep(0.001)

        return work

    futures = [started.run(DEFAULT_READER, job(n)) for n in range(20)]
    for future in futures:
        future.result(timeout=TIMEOUT)
    assert order == list(range(20))


def test_t0_select_through_the_mock(started: MockReaderBackend) -> None:
    card = started.insert("normal")
    assert run(started, lambda ch: ch.transmit_raw(SELECT_SSSE)) == b"\x61\x15"
    assert run(started, lambda ch: ch.transmit(SELECT_SSSE)) == FCI + b"\x90\x00"
    assert card.apdu_count == 3  # raw SELECT, then SELECT + GET RESPONSE


def test_t0_resolves_wrong_le_through_the_mock(started: MockReaderBackend) -> None:
    started.insert("normal")

    def job(channel: CardChannel) -> bytes:
        channel.transmit(SELECT_SSSE)
        return channel.transmit(bytes([0x00, 0xB2, 0x07, 0x2C, 0x00]))

    assert run(started, job) == b"\x07\x09A1052103X\x90\x00"


def test_job_errors_come_back_in_the_future(started: MockReaderBackend) -> None:
    started.insert("normal")

    def job(channel: CardChannel) -> None:
        raise LookupError("the job's own error")

    with pytest.raises(LookupError, match="own error"):
        run(started, job)


def test_no_card_is_card_removed(started: MockReaderBackend) -> None:
    with pytest.raises(CardRemoved):
        run(started, lambda ch: ch.atr)


def test_channel_is_dead_after_the_job(started: MockReaderBackend) -> None:
    started.insert("normal")
    channel = run(started, lambda ch: ch)
    with pytest.raises(ReaderError):
        channel.transmit(SELECT_SSSE)


def test_card_swapped_during_a_job(started: MockReaderBackend) -> None:
    started.insert("normal")

    def job(channel: CardChannel) -> None:
        started.insert("expired")  # someone swaps the card between two APDUs
        channel.transmit(SELECT_SSSE)

    with pytest.raises(CardRemoved):
        run(started, job)


def test_card_stays_powered_between_jobs_until_power_down(started: MockReaderBackend) -> None:
    card = started.insert("normal")
    verify = bytes.fromhex("0020000003123456")
    assert run(started, lambda ch: ch.transmit(verify)) == b"\x90\x00"
    assert card.pin_verified
    started.power_down(DEFAULT_READER)
    assert run(started, lambda ch: ch.atr) == card.atr  # queued after the power-down
    assert card.powered and not card.pin_verified


def test_mute_card_image(started: MockReaderBackend) -> None:
    image = dataclasses.replace(load_image("normal"), mute=True)
    started.insert(image)
    assert started.readers()[0].atr == image.atr
    with pytest.raises(CardMute):
        run(started, lambda ch: ch.transmit(SELECT_SSSE))
    with pytest.raises(CardMute):
        run(started, lambda ch: ch.transmit_raw(SELECT_SSSE))


# --- faults -----------------------------------------------------------------------------------


def test_remove_after(started: MockReaderBackend, recorder: Recorder) -> None:
    card = started.insert("normal")
    recorder.clear()
    started.set_faults(Faults(remove_after=3))
    sent: list[bytes] = []

    def job(channel: CardChannel) -> None:
        for _ in range(5):
            sent.append(channel.transmit(bytes.fromhex("0084000008")))

    with pytest.raises(CardRemoved):
        run(started, job)
    assert len(sent) == 2
    assert card.apdu_count == 2  # the third APDU never reached the card
    assert recorder.kinds() == [(Kind.CARD_REMOVED, DEFAULT_READER)]
    # Emitted on the I/O thread, which is where the removal happened.
    assert recorder.threads[0].startswith(MockReaderBackend.thread_name_prefix(DEFAULT_READER))
    assert started.card() is None and not card.powered
    assert started.readers()[0].state is ReaderState.EMPTY


def test_remove_after_counts_get_response(started: MockReaderBackend, recorder: Recorder) -> None:
    started.insert("normal")
    started.set_faults(Faults(remove_after=2), DEFAULT_READER)
    with pytest.raises(CardRemoved):
        run(started, lambda ch: ch.transmit(SELECT_SSSE))  # SELECT, then GET RESPONSE is no. 2


def test_remove_after_fires_once(started: MockReaderBackend) -> None:
    started.insert("normal")
    started.set_faults(Faults(remove_after=1))
    with pytest.raises(CardRemoved):
        run(started, lambda ch: ch.transmit_raw(SELECT_SSSE))
    started.insert("normal")
    for _ in range(3):
        assert run(started, lambda ch: ch.transmit_raw(SELECT_SSSE)) == b"\x61\x15"


def test_mute_fault(started: MockReaderBackend) -> None:
    card = started.insert("normal")
    started.set_faults(Faults(mute=True))
    assert started.readers()[0].state is ReaderState.CARD_MUTE
    with pytest.raises(CardMute):
        run(started, lambda ch: ch.transmit(SELECT_SSSE))
    assert card.apdu_count == 0
    started.set_faults(None)
    assert run(started, lambda ch: ch.transmit(SELECT_SSSE)) == FCI + b"\x90\x00"


def test_corrupt_fault(started: MockReaderBackend) -> None:
    started.insert("normal")

    def flip_first_bit(answer: bytes) -> bytes:
        return bytes([answer[0] ^ 0x01]) + answer[1:]

    started.set_faults(Faults(corrupt=flip_first_bit))
    # 61 15 becomes 60 15: no longer a procedure byte the exchange follows.
    assert run(started, lambda ch: ch.transmit(SELECT_SSSE)) == b"\x60\x15"


def test_corrupt_to_nothing_is_mute(started: MockReaderBackend) -> None:
    started.insert("normal")
    started.set_faults(Faults(corrupt=lambda answer: answer[:1]))
    with pytest.raises(CardMute):
        run(started, lambda ch: ch.transmit(SELECT_SSSE))


def test_latency(started: MockReaderBackend) -> None:
    started.insert("normal")
    started.set_faults(Faults(latency=0.05))
    began = time.monotonic()
    run(started, lambda ch: ch.transmit(SELECT_SSSE))  # two APDUs
    assert time.monotonic() - began >= 0.1


def test_faults_are_per_reader() -> None:
    backend = MockReaderBackend(["A", "B"])
    try:
        backend.start()
        backend.insert("normal", "A")
        backend.insert("normal", "B")
        backend.set_faults(Faults(mute=True), "A")
        with pytest.raises(CardMute):
            run(backend, lambda ch: ch.transmit(SELECT_SSSE), "A")
        assert run(backend, lambda ch: ch.transmit(SELECT_SSSE), "B") == FCI + b"\x90\x00"
    finally:
        backend.stop()


# --- stop -------------------------------------------------------------------------------------


def test_not_started_is_service_unavailable(backend: MockReaderBackend) -> None:
    backend.insert("normal")
    with pytest.raises(ServiceUnavailable):
        run(backend, lambda ch: None)


def test_stop(started: MockReaderBackend, recorder: Recorder) -> None:
    started.insert("normal")
    run(started, lambda ch: None)  # the I/O thread exists now
    prefix = MockReaderBackend.thread_name_prefix(DEFAULT_READER)
    assert any(t.name.startswith(prefix) for t in threading.enumerate())
    started.stop()
    started.stop()  # idempotent
    assert not any(t.name.startswith(prefix) for t in threading.enumerate())
    with pytest.raises(ServiceUnavailable):
        run(started, lambda ch: None)
    recorder.clear()
    started.remove()
    assert recorder.events == []  # no events once stopped
    started.start()
    started.insert("normal")
    assert run(started, lambda ch: ch.transmit(SELECT_SSSE)) == FCI + b"\x90\x00"


def test_stop_during_a_job(started: MockReaderBackend) -> None:
    started.insert("normal")
    in_job = threading.Event()
    go_on = threading.Event()
    errors: queue.Queue[BaseException] = queue.Queue()

    def job(channel: CardChannel) -> None:
        channel.transmit(SELECT_SSSE)
        in_job.set()
        go_on.wait(TIMEOUT)
        try:
            channel.transmit(SELECT_SSSE)
        except ServiceUnavailable as exc:
            errors.put(exc)
            raise

    future = started.run(DEFAULT_READER, job)
    queued = started.run(DEFAULT_READER, lambda ch: None)
    assert in_job.wait(TIMEOUT)
    stopper = threading.Thread(target=started.stop)
    stopper.start()
    go_on.set()
    stopper.join(TIMEOUT)
    assert not stopper.is_alive()
    with pytest.raises(ServiceUnavailable):
        future.result(timeout=TIMEOUT)
    with pytest.raises(ServiceUnavailable):
        queued.result(timeout=TIMEOUT)
    assert isinstance(errors.get_nowait(), ServiceUnavailable)


def test_stop_from_a_listener_on_the_io_thread(started: MockReaderBackend) -> None:
    started.insert("normal")
    started.set_faults(Faults(remove_after=1))
    started.add_listener(lambda event: started.stop())
    with pytest.raises(CardRemoved):
        run(started, lambda ch: ch.transmit_raw(SELECT_SSSE))
    assert not started.running

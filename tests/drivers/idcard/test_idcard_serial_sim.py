"""The serial backend against the simulated reader over a real pseudo-terminal: every command,
every status byte, bad checksum, truncated and stalled answers, an unsupported card, the watch
loop's events, and the device vanishing and coming back. Timeouts are short (tenths of a
second), so the stall tests take about that long each."""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from drivers.idcard.base import (
    IdCardEvent,
    IdCardEventKind,
    IdCardUnsupported,
    IdFrameError,
    IdReaderState,
    IdReaderTimeout,
    IdReaderUnavailable,
    IdStatusError,
)
from drivers.idcard.identities import demo_identities
from drivers.idcard.protocol import (
    STATUS_WORDS,
    SUCCESS,
    Command,
    FrameReader,
    command,
    parse_response,
    status_words,
)
from drivers.idcard.serial import SerialIdCardReader
from drivers.idcard.sim import NAMED_FAULTS, SAM_ID, Fault, FaultKind, SimulatedIdReader

DEMO = demo_identities()
WANG = DEMO["wangxiaoming"]
ZHAO = DEMO["zhaojianguo"]  # an ID number ending in X, long-term validity


@pytest.fixture
def link(tmp_path: Path) -> Path:
    return tmp_path / "idcard"


@pytest.fixture
def sim(link: Path) -> Iterator[SimulatedIdReader]:
    simulated = SimulatedIdReader(link, WANG)
    simulated.start()
    yield simulated
    simulated.stop()


def make_reader(link: Path) -> SerialIdCardReader:
    return SerialIdCardReader(
        str(link),
        poll_interval=0.05,
        command_timeout=0.2,
        read_timeout=0.3,
        reopen_delays=(0.05, 0.1),
    )


class Events:
    def __init__(self, reader: SerialIdCardReader) -> None:
        self.queue: queue.Queue[IdCardEvent] = queue.Queue()
        reader.add_listener(self.queue.put)

    def next(self, timeout: float = 3.0) -> IdCardEvent:
        return self.queue.get(timeout=timeout)

    def kinds(self, count: int) -> list[IdCardEventKind]:
        return [self.next().kind for _ in range(count)]

    def quiet(self, seconds: float) -> bool:
        try:
            event = self.queue.get(timeout=seconds)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected {event.kind}")


@pytest.fixture
def watching(sim: SimulatedIdReader, link: Path) -> Iterator[tuple[SerialIdCardReader, Events]]:
    reader = make_reader(link)
    events = Events(reader)
    reader.start()
    yield reader, events
    reader.stop()


# --- one read at a time (read_once: diagnostics) ------------------------------------------------


def test_read_once_finds_selects_and_reads_the_card(sim: SimulatedIdReader, link: Path) -> None:
    assert make_reader(link).read_once(timeout=0.3) == WANG
    assert sim.commands == [Command.FIND, Command.SELECT, Command.READ]
    sim.lay(ZHAO)
    identity = make_reader(link).read_once(timeout=0.3)
    assert identity.id_number.endswith("X") and identity.valid_to is None


def test_sam_status_and_id(sim: SimulatedIdReader, link: Path) -> None:
    assert make_reader(link).sam_id() == SAM_ID.hex().upper()
    assert sim.commands == [Command.SAM_STATUS, Command.SAM_ID]


def test_no_card_is_status_80(sim: SimulatedIdReader, link: Path) -> None:
    sim.take()
    with pytest.raises(IdStatusError) as caught:
        make_reader(link).read_once(timeout=0.3)
    assert caught.value.sw3 == 0x80 and "no card" in str(caught.value)


ERRORS = sorted(set(STATUS_WORDS) - set(SUCCESS.values()))


@pytest.mark.parametrize("sw3", ERRORS, ids=[f"{sw3:02X}" for sw3 in ERRORS])
def test_every_status_byte_is_an_error_in_words(
    sim: SimulatedIdReader, link: Path, sw3: int
) -> None:
    for cmd in (Command.SELECT, Command.READ, Command.SAM_STATUS):
        sim.fault = Fault(FaultKind.STATUS, cmd, sw3)
        reader = make_reader(link)
        with pytest.raises(IdStatusError) as caught:
            reader.sam_id() if cmd is Command.SAM_STATUS else reader.read_once(timeout=0.3)
        assert caught.value.sw3 == sw3
        assert status_words(sw3) in str(caught.value) and cmd.words in str(caught.value)


def test_an_undocumented_status_byte_says_so(sim: SimulatedIdReader, link: Path) -> None:
    sim.fault = Fault(FaultKind.STATUS, Command.READ, 0x77)
    with pytest.raises(IdStatusError, match="undocumented status 0x77"):
        make_reader(link).read_once(timeout=0.3)


@pytest.mark.parametrize("cmd", [Command.FIND, Command.SELECT, Command.READ])
def test_a_bad_checksum_is_a_frame_error(sim: SimulatedIdReader, link: Path, cmd: Command) -> None:
    sim.fault = Fault(FaultKind.BAD_CHECKSUM, cmd)
    with pytest.raises(IdFrameError, match="checksum"):
        make_reader(link).read_once(timeout=0.3)


def test_a_truncated_answer_is_a_frame_error_within_the_wait(
    sim: SimulatedIdReader, link: Path
) -> None:
    sim.fault = NAMED_FAULTS["truncated"]
    started = time.monotonic()
    with pytest.raises(IdFrameError, match="truncated"):
        make_reader(link).read_once(timeout=0.3)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("cmd", [Command.FIND, Command.READ])
def test_a_stalled_reader_is_a_timeout(sim: SimulatedIdReader, link: Path, cmd: Command) -> None:
    sim.fault = Fault(FaultKind.STALL, cmd)
    started = time.monotonic()
    with pytest.raises(IdReaderTimeout, match="did not answer within"):
        make_reader(link).read_once(timeout=0.2)
    assert time.monotonic() - started < 1.5


def test_another_kind_of_card_is_refused(sim: SimulatedIdReader, link: Path) -> None:
    sim.fault = NAMED_FAULTS["unsupported"]
    with pytest.raises(IdCardUnsupported, match="not supported here"):
        make_reader(link).read_once(timeout=0.3)


def test_no_device_is_unavailable(link: Path) -> None:
    with pytest.raises(IdReaderUnavailable, match="cannot open"):
        make_reader(link).read_once(timeout=0.2)


def test_the_simulator_answers_unknown_and_damaged_commands(
    sim: SimulatedIdReader, link: Path
) -> None:
    with serial.Serial(str(link), 115200, timeout=0.5) as port:

        def ask(data: bytes) -> int:
            port.write(data)
            frames = FrameReader()
            deadline = time.monotonic() + 1
            while time.monotonic() < deadline:
                frames.feed(port.read(max(1, port.in_waiting)))
                body = frames.next_frame()
                if body is not None:
                    return parse_response(body)[0]
            raise AssertionError("no answer")

        assert ask(command(0x55, 0x01)) == 0x21  # unknown command
        damaged = bytearray(command(0x20, 0x01))
        damaged[-1] ^= 0xFF
        assert ask(bytes(damaged)) == 0x10  # the command's checksum is wrong
        assert ask(command(0x20, 0x01)) == 0x9F  # and the line goes on


# --- the watch loop ----------------------------------------------------------------------------


def test_laid_taken_and_laid_again(
    sim: SimulatedIdReader, watching: tuple[SerialIdCardReader, Events]
) -> None:
    reader, events = watching
    laid = events.next()
    assert laid.kind is IdCardEventKind.LAID and laid.identity == WANG
    assert reader.state() is IdReaderState.CARD_READ
    assert events.quiet(0.3)  # read once, not on every poll
    sim.take()
    assert events.next().kind is IdCardEventKind.TAKEN
    assert reader.state() is IdReaderState.READY
    sim.lay(ZHAO)
    laid = events.next()
    assert laid.kind is IdCardEventKind.LAID and laid.identity == ZHAO


def test_an_unreadable_card_is_reported_once_until_taken(
    sim: SimulatedIdReader, watching: tuple[SerialIdCardReader, Events]
) -> None:
    reader, events = watching
    assert events.next().kind is IdCardEventKind.LAID
    sim.take()
    assert events.next().kind is IdCardEventKind.TAKEN
    sim.fault = NAMED_FAULTS["read-failed"]
    sim.lay(WANG)
    unreadable = events.next()
    assert unreadable.kind is IdCardEventKind.UNREADABLE
    assert isinstance(unreadable.error, IdStatusError) and unreadable.error.sw3 == 0x41
    assert reader.state() is IdReaderState.CARD_ERROR and reader.last_error is unreadable.error
    assert events.quiet(0.3)
    sim.fault = NAMED_FAULTS["unsupported"]
    sim.take()
    assert events.next().kind is IdCardEventKind.TAKEN
    sim.lay(WANG)
    refused = events.next()
    assert refused.kind is IdCardEventKind.UNREADABLE
    assert isinstance(refused.error, IdCardUnsupported)


def test_the_device_vanishes_and_comes_back(
    sim: SimulatedIdReader, watching: tuple[SerialIdCardReader, Events]
) -> None:
    reader, events = watching
    assert events.next().kind is IdCardEventKind.LAID
    sim.vanish()
    lost = events.next()
    assert lost.kind is IdCardEventKind.DEVICE_LOST
    assert isinstance(lost.error, IdReaderUnavailable)
    assert reader.state() is IdReaderState.OFFLINE
    assert events.quiet(0.3)  # one DEVICE_LOST, however many tries to reopen
    sim.come_back()
    assert events.kinds(2) == [IdCardEventKind.DEVICE_BACK, IdCardEventKind.LAID]
    assert reader.state() is IdReaderState.CARD_READ


def test_a_reader_that_stops_answering_is_lost_once_and_back(
    sim: SimulatedIdReader, watching: tuple[SerialIdCardReader, Events]
) -> None:
    reader, events = watching
    assert events.next().kind is IdCardEventKind.LAID
    sim.fault = Fault(FaultKind.STALL, None)
    lost = events.next()
    assert lost.kind is IdCardEventKind.DEVICE_LOST
    assert isinstance(lost.error, IdReaderTimeout)
    assert reader.state() is IdReaderState.OFFLINE
    assert events.quiet(0.8)  # reopened, still silent: not back, not lost again
    sim.fault = None
    assert events.kinds(2) == [IdCardEventKind.DEVICE_BACK, IdCardEventKind.LAID]


@pytest.mark.parametrize("sw3", [0x60, 0x66])
def test_a_security_module_fault_is_lost_once_and_back(
    sim: SimulatedIdReader, watching: tuple[SerialIdCardReader, Events], sw3: int
) -> None:
    reader, events = watching
    assert events.next().kind is IdCardEventKind.LAID
    sim.fault = Fault(FaultKind.STATUS, None, sw3)
    lost = events.next()
    assert lost.kind is IdCardEventKind.DEVICE_LOST
    assert isinstance(lost.error, IdStatusError) and lost.error.sw3 == sw3
    assert reader.state() is IdReaderState.OFFLINE and reader.last_error is lost.error
    assert events.quiet(0.4)
    sim.fault = None
    assert events.kinds(2) == [IdCardEventKind.DEVICE_BACK, IdCardEventKind.LAID]
    assert reader.state() is IdReaderState.CARD_READ


def test_no_device_at_start_is_lost_at_once_then_back(link: Path) -> None:
    reader = make_reader(link)
    events = Events(reader)
    reader.start()
    try:
        assert events.next().kind is IdCardEventKind.DEVICE_LOST
        assert reader.state() is IdReaderState.NO_DEVICE
        simulated = SimulatedIdReader(link)
        simulated.start()
        try:
            assert events.next().kind is IdCardEventKind.DEVICE_BACK
            assert reader.state() is IdReaderState.READY
            simulated.lay(WANG)
            assert events.next().kind is IdCardEventKind.LAID
        finally:
            simulated.stop()
    finally:
        reader.stop()
    assert reader.state() is IdReaderState.NO_DEVICE


def test_nothing_personal_is_logged(
    sim: SimulatedIdReader, link: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reader = make_reader(link)
    events = Events(reader)
    reader.start()
    try:
        assert events.next().kind is IdCardEventKind.LAID
        sim.fault = NAMED_FAULTS["read-failed"]
        sim.take()
        events.next()
        sim.lay(WANG)
        assert events.next().kind is IdCardEventKind.UNREADABLE
    finally:
        reader.stop()
    assert "idcard.laid" in caplog.text
    for secret in (WANG.name, WANG.id_number, WANG.id_number[-6:], WANG.address[:6]):
        assert secret not in caplog.text


def test_a_port_held_by_the_kiosk_says_so(sim: SimulatedIdReader, link: Path) -> None:
    reader = make_reader(link)
    events = Events(reader)
    reader.start()
    try:
        assert events.next().kind is IdCardEventKind.LAID
        with pytest.raises(IdReaderUnavailable, match="another program holds it"):
            make_reader(link).read_once(timeout=0.2)
        assert reader.read_once(timeout=0.3) == WANG  # the watching reader's own port
    finally:
        reader.stop()

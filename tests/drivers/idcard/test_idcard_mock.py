"""The in-process ID card reader the demo tray and the flows' tests use."""

from __future__ import annotations

import pytest

from drivers.idcard.base import (
    IdCardEvent,
    IdCardEventKind,
    IdFrameError,
    IdReaderState,
    IdReaderUnavailable,
    IdStatusError,
)
from drivers.idcard.identities import demo_identities
from drivers.idcard.mock import MockIdCardReader

DEMO = demo_identities()
WANG, LI = DEMO["wangxiaoming"], DEMO["lixiuying"]
K = IdCardEventKind


@pytest.fixture
def reader() -> MockIdCardReader:
    return MockIdCardReader()


def record(reader: MockIdCardReader) -> list[IdCardEvent]:
    events: list[IdCardEvent] = []
    reader.add_listener(events.append)
    return events


def test_no_events_before_start_and_start_announces_the_card(reader: MockIdCardReader) -> None:
    events = record(reader)
    reader.lay(WANG)
    assert events == []
    reader.start()
    reader.start()  # idempotent
    assert events == [IdCardEvent(K.LAID, identity=WANG)]
    assert reader.state() is IdReaderState.CARD_READ


def test_lay_take_and_lay_another(reader: MockIdCardReader) -> None:
    events = record(reader)
    reader.start()
    assert reader.state() is IdReaderState.READY
    reader.lay(WANG)
    reader.lay(LI)  # the first is taken away first
    reader.take()
    reader.take()  # nothing lies there: no event
    assert [(e.kind, e.identity) for e in events] == [
        (K.LAID, WANG),
        (K.TAKEN, None),
        (K.LAID, LI),
        (K.TAKEN, None),
    ]
    reader.stop()
    reader.lay(WANG)
    assert len(events) == 4


def test_fail_next_makes_one_read_unreadable(reader: MockIdCardReader) -> None:
    events = record(reader)
    reader.start()
    error = IdStatusError(0x41, "read text and photo: reading the card failed")
    reader.fail_next(error)
    reader.lay(WANG)
    assert events[-1] == IdCardEvent(K.UNREADABLE, error=error)
    assert reader.state() is IdReaderState.CARD_ERROR and reader.last_error is error
    reader.take()
    reader.lay(WANG)
    assert events[-1].kind is K.LAID and reader.last_error is None


def test_unplug_and_plug_read_the_card_again(reader: MockIdCardReader) -> None:
    events = record(reader)
    reader.start()
    reader.lay(WANG)
    reader.unplug()
    assert reader.state() is IdReaderState.OFFLINE
    assert isinstance(reader.last_error, IdReaderUnavailable)
    with pytest.raises(IdReaderUnavailable):
        reader.read_once()
    reader.plug()
    assert [e.kind for e in events] == [K.LAID, K.DEVICE_LOST, K.DEVICE_BACK, K.LAID]
    assert reader.state() is IdReaderState.CARD_READ


def test_read_once(reader: MockIdCardReader) -> None:
    with pytest.raises(IdStatusError) as caught:
        reader.read_once()
    assert caught.value.sw3 == 0x80
    reader.lay(WANG)
    assert reader.read_once() == WANG
    reader.fail_next(IdFrameError("a frame's checksum is wrong"))
    with pytest.raises(IdFrameError):
        reader.read_once()
    assert reader.read_once() == WANG

"""ReaderWatch: a reader backend's events reach the kiosk's listeners in the domain vocabulary,
a listener removed hears nothing more, and the readers' names are there for "any reader left?"."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from drivers.readers.mock import DEFAULT_READER, MockReaderBackend
from kiosk.domain.devices import ReaderEvent, ReaderEventKind
from kiosk.services.devices import ReaderWatch


@pytest.fixture
def backend() -> Iterator[MockReaderBackend]:
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


class Heard:
    def __init__(self) -> None:
        self.events: list[ReaderEvent] = []
        self.arrived = threading.Event()

    def __call__(self, event: ReaderEvent) -> None:
        self.events.append(event)
        self.arrived.set()

    def wait(self, kind: ReaderEventKind) -> ReaderEvent:
        for _ in range(50):
            found = [e for e in self.events if e.kind is kind]
            if found:
                return found[-1]
            self.arrived.wait(0.1)
            self.arrived.clear()
        raise AssertionError(f"no {kind} heard")


def test_events_arrive_in_the_domain_vocabulary(backend: MockReaderBackend) -> None:
    watch, heard = ReaderWatch(backend), Heard()
    watch.add_listener(heard)
    watch.add_listener(heard)  # once is enough: no event twice
    backend.insert("normal")
    event = heard.wait(ReaderEventKind.CARD_INSERTED)
    assert type(event) is ReaderEvent and event.reader == DEFAULT_READER
    assert len([e for e in heard.events if e.kind is ReaderEventKind.CARD_INSERTED]) == 1


def test_a_removed_listener_hears_nothing_more(backend: MockReaderBackend) -> None:
    watch, heard, other = ReaderWatch(backend), Heard(), Heard()
    watch.add_listener(heard)
    watch.add_listener(other)
    watch.remove_listener(heard)
    watch.remove_listener(heard)  # twice is harmless
    backend.insert("normal")
    other.wait(ReaderEventKind.CARD_INSERTED)
    assert heard.events == []


def test_reader_names(backend: MockReaderBackend) -> None:
    watch = ReaderWatch(backend)
    assert watch.reader_names() == [DEFAULT_READER]
    backend.plug("Second Reader")
    assert watch.reader_names() == [DEFAULT_READER, "Second Reader"]

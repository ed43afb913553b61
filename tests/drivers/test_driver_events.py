"""drivers.events.Listeners: what the card readers and the ID card readers share."""

from __future__ import annotations

from drivers.events import Listeners


class Source(Listeners[str]):
    def say(self, event: str) -> None:
        self._emit(event)


def test_listeners_hear_in_order_until_removed() -> None:
    source, heard = Source(), []
    first, second = (lambda e: heard.append(("first", e))), (lambda e: heard.append(("second", e)))
    source.add_listener(first)
    source.add_listener(second)
    source.say("a")
    source.remove_listener(first)
    source.remove_listener(first)  # again: nothing
    source.say("b")
    assert heard == [("first", "a"), ("second", "a"), ("second", "b")]


def test_a_listener_may_remove_itself_while_hearing() -> None:
    source, heard = Source(), []

    def once(event: str) -> None:
        heard.append(event)
        source.remove_listener(once)

    source.add_listener(once)
    source.add_listener(heard.append)
    source.say("a")
    source.say("b")
    assert heard == ["a", "a", "b"]

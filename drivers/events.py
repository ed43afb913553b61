"""The listeners of a driver's events (card readers, ID card readers): added and removed from any
thread, called in the order they were added on the thread that emits. They must only hand the
event on (to a queue or a Qt signal), never do device I/O themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")


class Listeners(Generic[E]):
    """A base for whatever emits events `E` to listeners."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[E], None]] = []

    def add_listener(self, listener: Callable[[E], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[E], None]) -> None:
        """Nothing if it was not listening."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: E) -> None:
        for listener in list(self._listeners):  # a copy: a listener may remove itself
            listener(event)

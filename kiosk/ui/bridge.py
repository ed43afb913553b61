"""The bridge between the kiosk's threads and Qt: reader events and results of background work
arrive here on whatever thread produced them and leave as Qt signals on the GUI thread.

Reader listeners must never do card I/O (pyscard's monitor lesson); they only emit. Work that
may block (card jobs, database queries) runs on one named worker thread, so the GUI thread
never waits on a card, a database or a printer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.domain.devices import ReaderEvent
from kiosk.domain.idcard import IdCardNotice
from kiosk.services.devices import ReaderWatch
from kiosk.services.idcard import IdCardWatch

log = logging.getLogger(__name__)


class ReaderBridge(QObject):
    """Reader events as a Qt signal (queued to the GUI thread by Qt's cross-thread delivery),
    in the kiosk's vocabulary (kiosk.domain.devices)."""

    event = Signal(object)  # kiosk.domain.devices.ReaderEvent

    def __init__(self, watch: ReaderWatch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        watch.add_listener(self._on_event)

    def _on_event(self, event: ReaderEvent) -> None:
        self.event.emit(event)

    def detach(self) -> None:
        self.watch.remove_listener(self._on_event)


class IdCardBridge(QObject):
    """The resident ID card reader's notices as a Qt signal on the GUI thread, as ReaderBridge
    does for the card readers (issue 15). The listener only emits: no I/O on the reader's
    thread beyond what the driver did."""

    notice = Signal(object)  # kiosk.domain.idcard.IdCardNotice

    def __init__(self, watch: IdCardWatch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        watch.add_listener(self._on_notice)

    def _on_notice(self, notice: IdCardNotice) -> None:
        self.notice.emit(notice)

    def detach(self) -> None:
        self.watch.remove_listener(self._on_notice)


class Worker(QObject):
    """Runs callables on one background thread; their outcome comes back as a signal carrying
    the callback to run on the GUI thread."""

    # One tuple (callback, value): PySide6 mishandles the refcount of None passed through an
    # `object` signal argument, which ends in "deallocating None" at exit after many emits.
    _done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-worker")
        self._done.connect(self._deliver)
        self.pending = 0

    def submit(
        self,
        fn: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.pending += 1

        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:  # handed to on_error on the GUI thread
                self._done.emit((on_error, exc))
            else:
                self._done.emit((on_result, result))

        self._pool.submit(run)

    def _deliver(self, outcome: tuple[Callable[[Any], None], Any]) -> None:
        self.pending -= 1
        callback, value = outcome
        callback(value)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

"""PC/SC readers through pyscard: the only kiosk module that imports pyscard.

One supervisor thread ("pcsc-monitor") watches pcscd with SCardGetStatusChange, including the
PnP pseudo-reader so that readers coming and going are noticed at once. When pcscd goes away the
supervisor reports SERVICE_LOST, keeps trying to establish a new context, and reports
SERVICE_BACK and the readers again once the daemon answers: no restart of the kiosk is needed.

Each reader gets its own I/O worker thread ("pcsc-io-<n>") with its own context. The worker
keeps the card handle open between jobs while the card stays in the reader, so a read costs
only its APDUs, and drops it on removal, on an error, or when the session powers the card down.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from smartcard import scard

from drivers.readers.base import (
    CardChannel,
    CardReaderBackend,
    ReaderEvent,
    ReaderEventKind,
    ReaderInfo,
    ReaderState,
)
from drivers.readers.errors import (
    CardMute,
    CardRemoved,
    ReaderError,
    ReaderUnavailable,
    ServiceUnavailable,
    SharingViolation,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

PNP_READER = "\\\\?PnP?\\Notification"
_STATE_BITS = 0xFFFF  # the low word holds the flags; the high word is pcsc-lite's event count

# Every PC/SC failure maps to one typed reader error, here and nowhere else.
_ERRORS: dict[int, type[ReaderError]] = {
    scard.SCARD_E_NO_SMARTCARD: CardRemoved,
    scard.SCARD_W_REMOVED_CARD: CardRemoved,
    scard.SCARD_W_RESET_CARD: CardRemoved,  # another program reset it: the session is gone
    scard.SCARD_W_UNPOWERED_CARD: CardRemoved,
    scard.SCARD_W_UNRESPONSIVE_CARD: CardMute,
    scard.SCARD_E_PROTO_MISMATCH: CardMute,
    scard.SCARD_F_COMM_ERROR: CardMute,
    scard.SCARD_E_NOT_TRANSACTED: CardMute,
    scard.SCARD_E_SHARING_VIOLATION: SharingViolation,
    scard.SCARD_E_UNKNOWN_READER: ReaderUnavailable,
    scard.SCARD_E_READER_UNAVAILABLE: ReaderUnavailable,
    scard.SCARD_E_NO_READERS_AVAILABLE: ReaderUnavailable,
    scard.SCARD_E_NO_SERVICE: ServiceUnavailable,
    scard.SCARD_E_SERVICE_STOPPED: ServiceUnavailable,
    scard.SCARD_E_INVALID_HANDLE: ServiceUnavailable,  # a context from before a pcscd restart
}


# Transmit failures that mean "pulled out" or "mute" depending on whether the card is still in.
_DOUBTFUL = frozenset({scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_F_COMM_ERROR})
# pcscd polls a reader's card presence every 0.4 s; a little over that settles the question.
PRESENCE_SETTLE_SECONDS = 0.6
SCARD_ABSENT = 0x0002  # SCardStatus card state (pcsclite.h); pyscard does not export it

# libpcsclite before 2.4.0 (Debian 12 ships 1.9.9) does not guard all of its client-side lists
# of contexts and card handles: SCardDisconnect walks them with no lock held, and SCardConnect
# adds to a context's list of handles under that context's lock only. A disconnect on one thread
# while another opens or closes a context, connects or transmits can therefore crash the whole
# process (a segfault in SCardDisconnect, seen in CI; fixed upstream by "Protect contextMapList
# modifications using a mutex"). So every call that creates, finds or drops a context or a card
# handle goes through this one lock, in this process. SCardGetStatusChange (which blocks for up
# to the poll interval), SCardCancel (which must reach it) and SCardListReaders stay outside:
# they only look a context up, under the library's own lock, and contexts come and go only here.
# The price: a transmit to a card that does not answer holds the lock until pcscd gives up or
# the card is pulled, and a second reader's calls wait meanwhile (a kiosk reads one card at a
# time; removal events still arrive, since SCardGetStatusChange does not wait for the lock).
_CLIENT_LISTS = threading.Lock()


def pcsc_call(function: Callable[..., T], *args: Any) -> T:
    """Call one of pyscard's SCard* functions that touch libpcsclite's lists (see above)."""
    with _CLIENT_LISTS:
        return function(*args)


def _error(hresult: int, what: str) -> ReaderError:
    kind = _ERRORS.get(hresult & 0xFFFFFFFF, ReaderError)
    return kind(f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})")


def _check(hresult: int, what: str) -> None:
    if hresult != scard.SCARD_S_SUCCESS:
        raise _error(hresult, what)


def _state_of(event_state: int) -> ReaderState:
    if event_state & (scard.SCARD_STATE_UNAVAILABLE | scard.SCARD_STATE_UNKNOWN):
        return ReaderState.UNAVAILABLE
    if event_state & scard.SCARD_STATE_PRESENT:
        if event_state & scard.SCARD_STATE_MUTE:
            return ReaderState.CARD_MUTE
        if event_state & scard.SCARD_STATE_EXCLUSIVE:
            return ReaderState.IN_USE
        return ReaderState.CARD_PRESENT
    return ReaderState.EMPTY


class _Channel(CardChannel):
    def __init__(self, handle: int, protocol: int, atr: bytes) -> None:
        super().__init__(atr)
        self._handle = handle
        t1 = protocol == scard.SCARD_PROTOCOL_T1
        self._pci = scard.SCARD_PCI_T1 if t1 else scard.SCARD_PCI_T0

    def _send(self, apdu: bytes | bytearray) -> bytes:
        hresult, response = pcsc_call(scard.SCardTransmit, self._handle, self._pci, list(apdu))
        if hresult == scard.SCARD_S_SUCCESS and len(response) >= 2:
            return bytes(response)
        if hresult == scard.SCARD_S_SUCCESS or hresult in _DOUBTFUL:
            # A card pulled out mid-APDU looks like this at first (vpcd: an empty answer, then
            # NOT_TRANSACTED) until pcscd's presence poll catches up; a mute card looks the same
            # for ever. Asking pcscd for a moment tells the two apart.
            self._raise_if_removed()
            if hresult != scard.SCARD_S_SUCCESS:
                raise _error(hresult, "transmit")
            return bytes(response)  # present, but no status word: the T=0 layer calls it mute
        raise _error(hresult, "transmit")

    def _raise_if_removed(self) -> None:
        deadline = time.monotonic() + PRESENCE_SETTLE_SECONDS
        while True:
            hresult, _reader, state, _protocol, _atr = pcsc_call(scard.SCardStatus, self._handle)
            if hresult != scard.SCARD_S_SUCCESS:
                error = _error(hresult, "status")
                if isinstance(error, CardRemoved):
                    raise error
            elif state & SCARD_ABSENT:
                raise CardRemoved("the card left the reader")
            if time.monotonic() >= deadline:
                return
            time.sleep(0.05)


class _ReaderWorker:
    """One reader's I/O thread: jobs run here one at a time, in order."""

    def __init__(self, name: str, index: int) -> None:
        self.name = name
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]] | None] = queue.Queue()
        self._context: int | None = None
        self._handle: int | None = None
        self._protocol = 0
        self._atr = b""
        self._thread = threading.Thread(target=self._loop, name=f"pcsc-io-{index}", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    def run_job(self, job: Callable[[CardChannel], T]) -> Future[T]:
        return self.submit(lambda: self._with_channel(job))

    def stop(self) -> None:
        self._jobs.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while (item := self._jobs.get()) is not None:
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to the caller through the future
                future.set_exception(exc)
        self.drop(scard.SCARD_LEAVE_CARD)
        self._release_context()

    def _with_channel(self, job: Callable[[CardChannel], T]) -> T:
        self._connect()
        assert self._handle is not None
        channel = _Channel(self._handle, self._protocol, self._atr)
        try:
            return job(channel)
        except (CardRemoved, CardMute, ServiceUnavailable, ReaderUnavailable):
            self.drop(scard.SCARD_LEAVE_CARD)
            raise

    def _connect(self) -> None:
        if self._handle is not None:
            return
        if self._context is None:
            hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
            _check(hresult, "establish context")
            self._context = context
        hresult, handle, protocol = pcsc_call(
            scard.SCardConnect,
            self._context,
            self.name,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if hresult != scard.SCARD_S_SUCCESS:
            error = _error(hresult, "connect")
            if isinstance(error, ServiceUnavailable):
                self._release_context()
            raise error
        hresult, _reader, _state, _protocol, atr = pcsc_call(scard.SCardStatus, handle)
        if hresult != scard.SCARD_S_SUCCESS:
            pcsc_call(scard.SCardDisconnect, handle, scard.SCARD_LEAVE_CARD)
            raise _error(hresult, "status")
        self._handle, self._protocol, self._atr = handle, protocol, bytes(atr)

    def drop(self, disposition: int) -> None:
        """Close the card handle; UNPOWER_CARD also resets the card's security state."""
        if self._handle is not None:
            pcsc_call(scard.SCardDisconnect, self._handle, disposition)
            self._handle = None

    def _release_context(self) -> None:
        if self._context is not None:
            pcsc_call(scard.SCardReleaseContext, self._context)
            self._context = None


class PcscBackend(CardReaderBackend):
    """Readers offered by pcscd, watched by a supervisor that survives pcscd restarts."""

    driver_name = "pcsc"

    def __init__(self, poll_ms: int = 1000, retry_seconds: float = 0.5) -> None:
        super().__init__()
        self._poll_ms = poll_ms
        self._retry = retry_seconds
        self._lock = threading.Lock()
        self._readers: dict[str, ReaderInfo] = {}
        self._workers: dict[str, _ReaderWorker] = {}
        self._worker_count = 0
        self._stopping = threading.Event()
        self._context: int | None = None
        self._service_up: bool | None = None
        self._thread: threading.Thread | None = None
        self._scanned = threading.Event()  # set once pcscd answered or was found absent

    @property
    def service_available(self) -> bool:
        return bool(self._service_up)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._supervise, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        context = self._context
        if context is not None:
            scard.SCardCancel(context)  # wakes a blocked SCardGetStatusChange
        self._thread.join(timeout=5)
        self._thread = None
        with self._lock:
            workers = list(self._workers.values())
            self._workers.clear()
            self._readers.clear()
        for worker in workers:
            worker.stop()

    def readers(self) -> list[ReaderInfo]:
        with self._lock:
            return list(self._readers.values())

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the first scan of pcscd is done (the reader list is then meaningful)."""
        return self._scanned.wait(timeout)

    def run(self, reader: str, job: Callable[[CardChannel], T]) -> Future[T]:
        with self._lock:
            worker = self._workers.get(reader)
        if worker is None:
            future: Future[T] = Future()
            if self._service_up is False:
                future.set_exception(ServiceUnavailable("pcscd is not running"))
            else:
                future.set_exception(ReaderUnavailable(f"no reader named {reader!r}"))
            return future
        return worker.run_job(job)

    def power_down(self, reader: str) -> None:
        with self._lock:
            worker = self._workers.get(reader)
        if worker is not None:
            worker.submit(lambda: worker.drop(scard.SCARD_UNPOWER_CARD))

    # The supervisor -------------------------------------------------------------------------

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            try:
                self._watch()
            except ServiceUnavailable as exc:
                log.info("pcsc.service_lost reason=%s", exc)
            except ReaderError as exc:  # anything unexpected: start over with a new context
                log.warning("pcsc.monitor_error reason=%s", exc)
            self._release_context()
            if self._stopping.is_set():
                break  # stop() clears the readers itself; a shutdown is not a lost service
            self._forget_all_readers()  # first, so that listeners of SERVICE_LOST see none
            self._set_service(False)
            self._stopping.wait(self._retry)

    def _watch(self) -> None:
        hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
        _check(hresult, "establish context")
        self._context = context
        states: dict[str, int] = {PNP_READER: scard.SCARD_STATE_UNAWARE}
        names = self._list_readers(context)
        first_round = True  # answers at once: every reader starts UNAWARE
        while not self._stopping.is_set():
            self._sync_reader_list(names, states)
            request = [(name, state) for name, state in states.items()]
            hresult, changes = scard.SCardGetStatusChange(context, self._poll_ms, request)
            if first_round and hresult in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
                first_round = False
                if hresult == scard.SCARD_S_SUCCESS:
                    self._apply(changes, states)
                self._set_service(True)  # only now are the cards in the readers known
                continue
            if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
                continue
            if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
                names = self._list_readers(context)  # a reader left between list and wait
                continue
            _check(hresult, "status change")
            if self._apply(changes, states):
                names = self._list_readers(context)

    def _apply(self, changes: list[tuple[str, int, list[int]]], states: dict[str, int]) -> bool:
        """Record what changed; True when the reader list itself changed (PnP)."""
        reader_list_changed = False
        for name, event_state, atr in changes:
            if not event_state & scard.SCARD_STATE_CHANGED:
                continue
            states[name] = event_state & ~scard.SCARD_STATE_CHANGED
            if name == PNP_READER:
                reader_list_changed = True
            else:
                self._card_state(name, event_state & _STATE_BITS, bytes(atr))
        return reader_list_changed

    def _list_readers(self, context: int) -> list[str]:
        hresult, names = scard.SCardListReaders(context, [])
        if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_READER_UNAVAILABLE):
            return []
        _check(hresult, "list readers")
        return list(names)

    def _sync_reader_list(self, names: list[str], states: dict[str, int]) -> None:
        with self._lock:
            known = set(self._readers)
        for name in names:
            if name not in known:
                states[name] = scard.SCARD_STATE_UNAWARE
                self._add_reader(name)
        for name in known - set(names):
            states.pop(name, None)
            self._remove_reader(name)

    def _add_reader(self, name: str) -> None:
        with self._lock:
            self._worker_count += 1
            self._workers[name] = _ReaderWorker(name, self._worker_count)
            self._readers[name] = ReaderInfo(name, ReaderState.EMPTY, self.driver_name)
        log.info("pcsc.reader_added")
        self._emit(ReaderEvent(ReaderEventKind.READER_ADDED, name))

    def _remove_reader(self, name: str) -> None:
        with self._lock:
            info = self._readers.pop(name, None)
            worker = self._workers.pop(name, None)
        if worker is not None:
            worker.stop()
        if info is not None and info.atr is not None:
            self._emit(ReaderEvent(ReaderEventKind.CARD_REMOVED, name))
        log.info("pcsc.reader_removed")
        self._emit(ReaderEvent(ReaderEventKind.READER_REMOVED, name))

    def _card_state(self, name: str, event_state: int, atr: bytes) -> None:
        state = _state_of(event_state)
        present = state in (ReaderState.CARD_PRESENT, ReaderState.CARD_MUTE, ReaderState.IN_USE)
        with self._lock:
            old = self._readers.get(name)
            if old is None:
                return
            new_atr = atr if present else None
            self._readers[name] = ReaderInfo(name, state, self.driver_name, new_atr)
            worker = self._workers.get(name)
        was_present = old.atr is not None
        if was_present and (not present or new_atr != old.atr):
            if worker is not None:
                worker.submit(lambda: worker.drop(scard.SCARD_LEAVE_CARD))
            self._emit(ReaderEvent(ReaderEventKind.CARD_REMOVED, name))
        if present and (not was_present or new_atr != old.atr):
            self._emit(ReaderEvent(ReaderEventKind.CARD_INSERTED, name, new_atr))

    def _forget_all_readers(self) -> None:
        with self._lock:
            names = list(self._readers)
        for name in names:
            self._remove_reader(name)

    def _set_service(self, up: bool) -> None:
        previous, self._service_up = self._service_up, up
        self._scanned.set()
        if previous is True and not up:
            self._emit(ReaderEvent(ReaderEventKind.SERVICE_LOST))
        elif previous is False and up:
            self._emit(ReaderEvent(ReaderEventKind.SERVICE_BACK))

    def _release_context(self) -> None:
        context, self._context = self._context, None
        if context is not None:
            pcsc_call(scard.SCardReleaseContext, context)

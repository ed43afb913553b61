"""The resident ID card reader on a serial line (RS-232 or USB-CDC, pyserial), speaking the
profile's frames (protocol.py).

Every command waits a bounded time for its answer: nothing at all is IdReaderTimeout (a stalled
reader), part of a frame is IdFrameError (truncated); every answer's length and checksum are
checked, and a status other than the command's success is IdStatusError with its meaning.

The watch loop (its own thread) polls "find card" every `poll_interval` seconds. A card found
is selected and read once: LAID with the identity, or UNREADABLE with the error (a card that
could not be read stays "laid" until it is taken away and laid on again: no endless re-reads).
"No card" after that is TAKEN. When the port errors or vanishes (or answers nothing three polls
in a row) the loop reports DEVICE_LOST, closes it and tries to open it again with a growing
pause; when it answers "find card" again, DEVICE_BACK (and a card lying on it is read again:
LAID). A reader that answers find with a fault of its own (its security module: SW3 60, 66...)
is lost too, its port kept open, and back when find works. If the port cannot be opened when the
loop starts, DEVICE_LOST is reported at once, so that a listener always sees DEVICE_BACK after a
DEVICE_LOST, and each of them once per outage.

Seen with the profile only (the simulated reader): a vendor's reader whose "find card" answers
80 for a card that was read and is still lying there would make the loop report TAKEN after
LAID; such a reader's manual would say so and the loop would then need to confirm with select.

Logged: events, errors and timings, never what the card holds.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import serial

try:
    from termios import error as _TermiosError  # tcflush on a hung-up pty
except ImportError:  # not POSIX

    class _TermiosError(Exception):  # type: ignore[no-redef]
        pass


from drivers.idcard.base import (
    IdCardError,
    IdCardEvent,
    IdCardEventKind,
    IdCardReader,
    IdCardUnsupported,
    IdFrameError,
    IdIdentity,
    IdReaderBusy,
    IdReaderState,
    IdReaderTimeout,
    IdReaderUnavailable,
    IdStatusError,
)
from drivers.idcard.protocol import (
    SW3_NO_CARD,
    Command,
    FrameReader,
    answer_data,
    command_of,
    decode_text,
    split_read_data,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_BAUDRATE = 115200
REOPEN_DELAYS = (0.5, 1.0, 2.0, 5.0)  # seconds between tries to open the port again (the last
# one repeats)
LOST_AFTER_SILENT_POLLS = 3
_READ_SLICE = 0.02  # seconds one read of the port waits at most (the deadline is checked after)


class SerialLink:
    """One open serial port and the commands on it. Not thread-safe: its owner serialises."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = DEFAULT_BAUDRATE,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: float = 1,
    ) -> None:
        self.port = port
        try:
            self._serial = serial.Serial(
                port,
                baudrate=baudrate,
                bytesize=bytesize,
                parity=parity,
                stopbits=stopbits,
                timeout=_READ_SLICE,
                write_timeout=1.0,
                exclusive=True,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            busy = getattr(exc, "errno", None) in (errno.EAGAIN, errno.EBUSY)
            hint = " (another program holds it: a running kiosk?)" if busy else ""
            kind = IdReaderBusy if busy else IdReaderUnavailable
            raise kind(f"cannot open the ID card reader at {port}: {_why(exc)}{hint}") from None
        self._frames = FrameReader()

    def close(self) -> None:
        with contextlib.suppress(serial.SerialException, OSError):
            self._serial.close()

    def transact(self, cmd: Command, timeout: float) -> bytes:
        """Send `cmd` and return its answer's data (protocol.answer_data), waiting at most
        `timeout` seconds for the whole answer."""
        started = time.monotonic()
        deadline = started + timeout
        try:
            self._serial.reset_input_buffer()
            self._frames.clear()
            self._serial.write(command_of(cmd))
            self._serial.flush()
            while True:
                body = self._frames.next_frame()
                if body is not None:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    if self._frames.partial:
                        raise IdFrameError(f"{cmd.words}: the answer was truncated")
                    raise IdReaderTimeout(
                        f"{cmd.words}: the ID card reader did not answer within {timeout:g} s"
                    )
                chunk = self._serial.read(max(1, self._serial.in_waiting))
                self._frames.feed(chunk)
        except (serial.SerialException, OSError, _TermiosError) as exc:
            raise IdReaderUnavailable(
                f"the ID card reader at {self.port} failed: {_why(exc)}"
            ) from None
        except IdFrameError as exc:
            raise IdFrameError(f"{cmd.words}: {exc}") from None
        data = answer_data(cmd, body)
        log.debug("idcard.command %s ms=%.0f", cmd.name, (time.monotonic() - started) * 1000)
        return data

    def card_present(self, timeout: float) -> bool:
        try:
            self.transact(Command.FIND, timeout)
        except IdStatusError as exc:
            if exc.sw3 == SW3_NO_CARD:
                return False
            raise
        return True

    def read_card(self, timeout: float, read_timeout: float) -> IdIdentity:
        """Select and read the card that find found."""
        self.transact(Command.SELECT, timeout)
        text, _photo = split_read_data(self.transact(Command.READ, read_timeout))
        return decode_text(text)

    def sam_id(self, timeout: float) -> str:
        """The SAM id (not personal data) as hex; checks the SAM's status first."""
        self.transact(Command.SAM_STATUS, timeout)
        return self.transact(Command.SAM_ID, timeout).hex().upper()


class SerialIdCardReader(IdCardReader):
    driver_name = "serial"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = DEFAULT_BAUDRATE,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: float = 1,
        poll_interval: float = 0.3,
        command_timeout: float = 1.0,
        read_timeout: float = 3.0,
        reopen_delays: Sequence[float] = REOPEN_DELAYS,
    ) -> None:
        super().__init__()
        self.port = port
        self._serial_options: dict[str, Any] = {
            "baudrate": baudrate,
            "bytesize": bytesize,
            "parity": parity,
            "stopbits": stopbits,
        }
        self.poll_interval = poll_interval
        self.command_timeout = command_timeout
        self.read_timeout = read_timeout
        self.reopen_delays = tuple(reopen_delays) or REOPEN_DELAYS
        self._link: SerialLink | None = None
        self._io = threading.Lock()  # one command at a time on the port
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = IdReaderState.NO_DEVICE
        self._last_error: IdCardError | None = None

    # --- the interface -----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._watch, name="idcard-serial", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stopping.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._io:
            self._close()
        self._state = IdReaderState.NO_DEVICE

    def state(self) -> IdReaderState:
        return self._state

    @property
    def last_error(self) -> IdCardError | None:
        return self._last_error

    def read_once(self, timeout: float = 3.0) -> IdIdentity:
        """Find, select and read the card now; each answer waited for at most `timeout` s.
        Uses the watch loop's port when it is running, else opens the port for this read."""
        with self._io:
            link, temporary = self._link, self._link is None
            if link is None:
                link = SerialLink(self.port, **self._serial_options)
            try:
                if not link.card_present(timeout):
                    raise IdStatusError(SW3_NO_CARD, "find card: no card was found on the reader")
                return link.read_card(timeout, max(timeout, self.read_timeout))
            finally:
                if temporary:
                    link.close()

    def sam_id(self, timeout: float = 1.0) -> str:
        """The reader's SAM status checked and its id (hex): diagnostics."""
        return self._on_link(lambda link: link.sam_id(timeout))

    def card_present(self, timeout: float = 1.0) -> bool:
        """Whether a card lies on the reader ("find card" only: nothing is read from it), for
        the diagnostics of a reader no watch loop runs on."""
        return self._on_link(lambda link: link.card_present(timeout))

    def _on_link(self, work: Callable[[SerialLink], T]) -> T:
        """`work` on the watch loop's open port, else on the port opened for it alone."""
        with self._io:
            link, temporary = self._link, self._link is None
            if link is None:
                link = SerialLink(self.port, **self._serial_options)
            try:
                return work(link)
            finally:
                if temporary:
                    link.close()

    # --- the watch loop ----------------------------------------------------------------------

    def _watch(self) -> None:
        """The loop. `lost`: DEVICE_LOST was reported and DEVICE_BACK not yet; it is reported
        when "find card" is answered again, not when the port merely opens, so that a reader
        that opens but does not answer is lost once, not lost and back every few seconds."""
        card_on = False
        lost = False
        silent = 0
        tries = 0
        while not self._stopping.is_set():
            if self._link is None:
                try:
                    with self._io:
                        self._link = SerialLink(self.port, **self._serial_options)
                except IdReaderUnavailable as exc:
                    if not lost:
                        lost = True
                        self._lose(exc, was_open=False)
                    self._stopping.wait(self.reopen_delays[min(tries, len(self.reopen_delays) - 1)])
                    tries += 1
                    continue
                silent = 0
                log.info("idcard.device_open port=%s", self.port)
            try:
                with self._io:
                    present = self._link is not None and self._link.card_present(
                        self.command_timeout
                    )
            except IdReaderUnavailable as exc:  # the port failed: reopened after a pause
                card_on = False
                if not lost:
                    lost = True
                    self._lose(exc, was_open=True)
                self._close_and_wait(tries)
                tries += 1
                continue
            except IdStatusError as exc:  # it answers, but cannot look for cards (its SAM)
                card_on = False
                if not lost:
                    lost = True
                    self._lose(exc, was_open=True)
                self._stopping.wait(self.reopen_delays[min(tries, len(self.reopen_delays) - 1)])
                tries += 1
                continue
            except IdCardError as exc:  # a stalled or garbled answer to find
                silent += 1
                log.warning("idcard.find_failed kind=%s error=%s", type(exc).__name__, exc)
                if silent >= LOST_AFTER_SILENT_POLLS:
                    card_on = False
                    if not lost:
                        lost = True
                        self._lose(exc, was_open=True)
                    self._close_and_wait(tries)
                    tries += 1
                    continue
                self._stopping.wait(self.poll_interval)
                continue
            except Exception as exc:  # a bug: logged; the loop must not die, the port is reopened
                log.exception("idcard.watch_error")
                card_on = False
                if not lost:
                    lost = True
                    error = IdReaderUnavailable(f"the ID card reader failed ({type(exc).__name__})")
                    self._lose(error, was_open=True)
                self._close_and_wait(tries)
                tries += 1
                continue
            silent = tries = 0
            if lost:
                lost = False
                card_on = False
                self._state = IdReaderState.READY
                self._last_error = None
                log.info("idcard.device_back port=%s", self.port)
                self._emit(IdCardEvent(IdCardEventKind.DEVICE_BACK))
            if present and not card_on:
                card_on = True
                self._read_laid_card()
            elif not present and (card_on or self._state is not IdReaderState.READY):
                was_on, card_on = card_on, False
                self._state = IdReaderState.READY
                self._last_error = None
                if was_on:
                    log.info("idcard.taken")
                    self._emit(IdCardEvent(IdCardEventKind.TAKEN))
            self._stopping.wait(self.poll_interval)

    def _close_and_wait(self, tries: int) -> None:
        with self._io:
            self._close()
        self._stopping.wait(self.reopen_delays[min(tries, len(self.reopen_delays) - 1)])

    def _read_laid_card(self) -> None:
        started = time.monotonic()
        error: IdCardError | None = None
        identity: IdIdentity | None = None
        for attempt in range(2):  # a card still sliding into the field may fail once
            try:
                with self._io:
                    if self._link is None:
                        return
                    identity = self._link.read_card(self.command_timeout, self.read_timeout)
                error = None
                break
            except IdReaderUnavailable:
                raise
            except IdCardUnsupported as exc:
                error = exc
                break
            except IdCardError as exc:
                error = exc
                if attempt == 0 and not self._stopping.wait(0.1):
                    continue
        ms = (time.monotonic() - started) * 1000
        if error is not None:
            self._state = IdReaderState.CARD_ERROR
            self._last_error = error
            log.warning(
                "idcard.unreadable kind=%s error=%s ms=%.0f", type(error).__name__, error, ms
            )
            self._emit(IdCardEvent(IdCardEventKind.UNREADABLE, error=error))
            return
        self._state = IdReaderState.CARD_READ
        self._last_error = None
        log.info("idcard.laid ms=%.0f", ms)
        self._emit(IdCardEvent(IdCardEventKind.LAID, identity=identity))

    def _lose(self, error: IdCardError, *, was_open: bool) -> None:
        self._state = IdReaderState.OFFLINE if was_open else IdReaderState.NO_DEVICE
        self._last_error = error
        log.warning("idcard.device_lost port=%s error=%s", self.port, error)
        self._emit(IdCardEvent(IdCardEventKind.DEVICE_LOST, error=error))

    def _close(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()


def _why(exc: BaseException) -> str:
    """An OS error's reason without pyserial's repetition of the path."""
    code = getattr(exc, "errno", None)
    if isinstance(code, int):  # pyserial puts the path and errno into strerror too
        return os.strerror(code)
    errno_text = getattr(exc, "strerror", None)
    if errno_text is None and len(exc.args) == 2 and isinstance(exc.args[1], str):
        errno_text = exc.args[1]  # termios.error: (errno, text)
    return str(errno_text or exc or type(exc).__name__)

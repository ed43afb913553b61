"""A simulated resident ID card reader: the reader's side of the protocol (protocol.py) on a
pseudo-terminal, for tests, the demo and `kiosk idcard serve`.

The pty's slave is what the serial backend opens; `link` (a symlink) points at it, like a udev
rule's /dev/idcard. An ID card can be laid on and taken away, faults injected (`Fault`), and the
device made to vanish and come back (the pty closed, a new one opened behind the same symlink),
as a USB reader pulled out and plugged in again does.

The simulator keeps the slave open itself, so that a client closing the port (one `kiosk diag
idcard` after another) does not hang the pty up; closing the master is what makes the client's
reads fail (EIO), as an unplugged USB-serial adapter does.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import select
import threading
import tty
from dataclasses import dataclass
from pathlib import Path

from drivers.idcard.base import IdFrameError, IdIdentity
from drivers.idcard.protocol import (
    SUCCESS,
    Command,
    FrameReader,
    encode_text,
    parse_command,
    read_data,
    response,
)

log = logging.getLogger(__name__)

SAM_ID = bytes.fromhex("0501000020190315000000000000A5C3")
CARD_SERIAL = bytes.fromhex("0000000000000000")


class FaultKind(enum.Enum):
    STATUS = "status"  # answer with the SW3 `sw3`
    BAD_CHECKSUM = "bad-checksum"  # the answer's checksum is wrong
    TRUNCATED = "truncated"  # only the first half of the answer is sent
    STALL = "stall"  # no answer at all
    UNSUPPORTED = "unsupported"  # the card is a Hong Kong / Macao / Taiwan residence permit


@dataclass(frozen=True)
class Fault:
    """A fault of the simulated reader, applied to every answer to `command` (None: to every
    command) while it is set."""

    kind: FaultKind
    command: Command | None = Command.READ
    sw3: int = 0

    def applies(self, cmd: Command) -> bool:
        return self.command is None or self.command == cmd


# The faults `kiosk idcard serve --fault` names.
NAMED_FAULTS: dict[str, Fault | None] = {
    "none": None,
    "no-card": Fault(FaultKind.STATUS, Command.FIND, 0x80),
    "select-failed": Fault(FaultKind.STATUS, Command.SELECT, 0x81),
    "read-failed": Fault(FaultKind.STATUS, Command.READ, 0x41),
    "auth-failed": Fault(FaultKind.STATUS, Command.READ, 0x31),
    "bad-checksum": Fault(FaultKind.BAD_CHECKSUM, Command.READ),
    "truncated": Fault(FaultKind.TRUNCATED, Command.READ),
    "stall": Fault(FaultKind.STALL, Command.READ),
    "unsupported": Fault(FaultKind.UNSUPPORTED, Command.READ),
    "sam-self-test": Fault(FaultKind.STATUS, None, 0x60),
    "sam-unauthorised": Fault(FaultKind.STATUS, None, 0x66),
}


class SimulatedIdReader:
    """The reader's side on a pty. `start()` opens the pty and serves on a thread of its own;
    `stop()` closes it and removes the symlink."""

    def __init__(
        self,
        link: str | os.PathLike[str],
        identity: IdIdentity | None = None,
        *,
        fault: Fault | None = None,
    ) -> None:
        self.link = Path(link)
        self._lock = threading.Lock()
        self._card = identity
        self._found = False
        self._selected = False
        self.fault = fault
        self.commands: list[Command | None] = []  # every command received (None: unknown)
        self._master: int | None = None
        self._slave: int | None = None
        self._wake_r, self._wake_w = os.pipe()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    # --- the device --------------------------------------------------------------------------

    @property
    def slave_path(self) -> str | None:
        return None if self._slave is None else os.ttyname(self._slave)

    def start(self) -> None:
        """Open the pty, point the symlink at it and serve."""
        if self._thread is not None:
            return
        master, slave = os.openpty()
        tty.setraw(slave)
        os.set_blocking(master, False)
        self._master, self._slave = master, slave
        temporary = self.link.with_name(f".{self.link.name}.{os.getpid()}.tmp")
        try:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            os.symlink(os.ttyname(slave), temporary)
            os.replace(temporary, self.link)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            for fd in (master, slave):
                os.close(fd)
            self._master = self._slave = None
            raise
        self._stopping.clear()
        self._thread = threading.Thread(target=self._serve, name="idcard-sim", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the pty (the client's reads fail from now on) and remove the symlink."""
        self.vanish()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._wake_r = self._wake_w = -1

    def vanish(self) -> None:
        """The device goes away: the pty is closed and the symlink removed."""
        thread, self._thread = self._thread, None
        self._stopping.set()
        if self._wake_w >= 0:
            with contextlib.suppress(OSError):
                os.write(self._wake_w, b"x")
        if thread is not None:
            thread.join()
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None
        if self.link.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        with self._lock:
            self._found = self._selected = False

    def come_back(self) -> None:
        """The device is back: a new pty behind the same symlink."""
        if self._wake_r < 0:
            self._wake_r, self._wake_w = os.pipe()
        self.start()

    # --- the card ----------------------------------------------------------------------------

    def lay(self, identity: IdIdentity) -> None:
        with self._lock:
            self._card = identity
            self._found = self._selected = False

    def take(self) -> None:
        with self._lock:
            self._card = None
            self._found = self._selected = False

    @property
    def identity(self) -> IdIdentity | None:
        return self._card

    # --- serving -----------------------------------------------------------------------------

    def _serve(self) -> None:
        frames = FrameReader()
        master = self._master
        assert master is not None
        while not self._stopping.is_set():
            try:
                readable, _, _ = select.select([master, self._wake_r], [], [], 0.5)
            except (OSError, ValueError):
                return
            if self._wake_r in readable:
                with contextlib.suppress(OSError):
                    os.read(self._wake_r, 64)
            if master not in readable:
                continue
            try:
                chunk = os.read(master, 4096)
            except BlockingIOError:
                continue
            except OSError:  # nobody holds the slave (we do, so only when closing)
                return
            frames.feed(chunk)
            while True:
                try:
                    body = frames.next_frame()
                except IdFrameError:
                    self._send(response(0x10))  # the command's checksum or length is wrong
                    continue
                if body is None:
                    break
                answer = self._answer(body)
                if answer:
                    self._send(answer)

    def _answer(self, body: bytes) -> bytes:
        try:
            code, param, _data = parse_command(body)
        except IdFrameError:
            return response(0x11)
        cmd = next((c for c in Command if c.value == (code, param)), None)
        self.commands.append(cmd)
        if cmd is None:
            return response(0x21)
        fault = self.fault
        if fault is not None and fault.applies(cmd):
            if fault.kind is FaultKind.STATUS:
                return response(fault.sw3)
            if fault.kind is FaultKind.STALL:
                return b""
        answer = self._normal_answer(cmd, fault)
        if fault is not None and fault.applies(cmd):
            if fault.kind is FaultKind.BAD_CHECKSUM:
                return answer[:-1] + bytes([answer[-1] ^ 0x5A])
            if fault.kind is FaultKind.TRUNCATED:
                return answer[: len(answer) // 2]
        return answer

    def _normal_answer(self, cmd: Command, fault: Fault | None) -> bytes:
        with self._lock:
            card = self._card
            if cmd is Command.SAM_STATUS:
                return response(SUCCESS[cmd])
            if cmd is Command.SAM_ID:
                return response(SUCCESS[cmd], SAM_ID)
            if card is None:
                return response(0x80 if cmd is Command.FIND else 0x41)
            if cmd is Command.FIND:
                self._found = True
                return response(SUCCESS[cmd], bytes(4))
            if cmd is Command.SELECT:
                if not self._found:
                    return response(0x81)
                self._selected = True
                return response(SUCCESS[cmd], CARD_SERIAL)
            if not self._selected:
                return response(0x41)
            unsupported = fault is not None and fault.kind is FaultKind.UNSUPPORTED
            text = encode_text(card, kind="J" if unsupported else "")
            return response(SUCCESS[cmd], read_data(text))

    def _send(self, data: bytes) -> None:
        master = self._master
        view = memoryview(data)
        while view and master is not None and not self._stopping.is_set():
            try:
                written = os.write(master, view)
            except BlockingIOError:
                select.select([], [master], [], 0.1)
                continue
            except OSError:
                return
            view = view[written:]

"""Serve a simulated card into pcscd through the vsmartcard virtual reader driver (vpcd).

vpcd listens on a TCP port per virtual reader slot (35963 for "Virtual PCD 00 00", 35964 for
"Virtual PCD 00 01"); a virtual card is a TCP client of that port. Connecting is inserting the
card, closing the connection is pulling it out. Nothing here imports the kiosk.

Wire protocol (both directions): a 2-byte big-endian length, then that many bytes. A 1-byte
message from vpcd is a control (0 power off, 1 power on, 2 reset, 4 "send your ATR": answered
with the ATR); anything longer is a command APDU, answered with the response APDU.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from typing import Protocol

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # slot 0, "Virtual PCD 00 00"; slot n listens on VPCD_PORT + n

CTRL_POWER_OFF = 0
CTRL_POWER_ON = 1
CTRL_RESET = 2
CTRL_ATR = 4

# A mute card's APDU is answered with this single byte (see VirtualCardClient): one byte is no
# response APDU (it lacks a status word), so the reader layer rejects it, and vpcd keeps the card.
MUTE_ANSWER = b"\x6f"

_CONNECT_RETRY_S = 0.05
# Linux only; elsewhere there is nothing to re-arm.
_TCP_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)


class CardLike(Protocol):
    """What VirtualCardClient needs of a card (drivers.simcard.card.SimCard has it)."""

    @property
    def atr(self) -> bytes: ...

    def power_on(self) -> bytes: ...

    def power_off(self) -> None: ...

    def reset(self) -> bytes: ...

    def respond(self, apdu: bytes) -> bytes: ...


class VirtualCardClient:
    """A simulated card inserted into a vpcd reader slot, served on a background thread.

    `start()` inserts the card: a thread named ``vpcd-<port>`` connects to vpcd (retrying until
    vpcd listens, so pcscd may start later) and answers what pcscd sends. `remove()` pulls it
    out: the connection is closed and the thread joined. `start()` again re-inserts it.

    Fault injection:

    - `remove_after=n`: when the n-th APDU of this insertion arrives, the connection is closed
      without an answer, as if the card were pulled out during that APDU. Through vpcd 0.8 and
      pcscd 1.9 that SCardTransmit returns SCARD_S_SUCCESS with no bytes at all (vpcd reads
      the closed connection as an empty answer), later ones SCARD_E_NOT_TRANSACTED, and
      SCARD_W_REMOVED_CARD once pcscd's presence poll (every 0.4 s) has seen the card go.
    - a card whose `respond()` returns ``b""`` is mute: each APDU is answered with the single
      byte `MUTE_ANSWER`, which SCardTransmit returns at once (a response without a status
      word, which the T=0 layer reports as a mute card), and the card stays in the reader.
      Both alternatives hang: vpcd waits for the bytes of an empty answer, and for an answer
      that never comes, with SCardTransmit and the whole reader in pcscd blocked until the card
      is removed.

    `stay_inserted=True` reconnects when vpcd closes the connection (pcscd stopped or
    restarted), as a real card stays in its reader while the service restarts; `remove()`
    still removes it for good.

    Every APDU costs one round trip through the loopback interface. vpcd writes the length and
    the APDU separately, so a delayed ACK here holds the APDU back for about 40 ms; hence
    `TCP_NODELAY`, and `TCP_QUICKACK` re-armed after every `recv`: Linux leaves quick-ACK mode
    by itself once the connection looks interactive, so setting it once at connect time gains
    nothing (measured: 44 ms per APDU). `quickack=False` exists only to measure that.
    """

    def __init__(
        self,
        card: CardLike,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
        *,
        remove_after: int | None = None,
        stay_inserted: bool = False,
        quickack: bool = True,
    ) -> None:
        if remove_after is not None and remove_after < 1:
            raise ValueError("remove_after counts APDUs from 1")
        self.card = card
        self.host = host
        self.port = port
        self.remove_after = remove_after
        self.stay_inserted = stay_inserted
        self.quickack = quickack
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._connected = threading.Event()
        self._accepted = threading.Event()
        self._apdus_received = 0
        self._apdus_served = 0
        self._connections = 0

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Insert the card: connect to vpcd on a background thread. Idempotent while inserted."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._connected.clear()
            self._accepted.clear()
            self._apdus_received = 0
            self._apdus_served = 0
            self._thread = threading.Thread(target=self._run, name=f"vpcd-{self.port}", daemon=True)
            self._thread.start()

    def remove(self, timeout: float | None = 5.0) -> None:
        """Pull the card out: close the connection and join the thread. Idempotent."""
        self._stopping.set()
        with self._lock:
            thread = self._thread
            self._close_socket()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                raise RuntimeError(f"thread {thread.name} did not end within {timeout} s")

    stop = remove

    def __enter__(self) -> VirtualCardClient:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove()

    def wait_connected(self, timeout: float | None = None) -> bool:
        """Wait until the TCP connection to vpcd stands; False on timeout.

        pcscd notices the card at its next presence poll (every 0.4 s), not at once: wait for
        the card state through PC/SC (SCardGetStatusChange) where that matters.
        """
        return self._connected.wait(timeout)

    def wait_accepted(self, timeout: float | None = None) -> bool:
        """Wait until vpcd has taken the card into its reader slot; False on timeout.

        A slot serves one card. vpcd accepts one connection and leaves any other in the listen
        backlog, where connecting succeeds but nothing ever arrives. An accepted card hears
        from vpcd within one presence poll of pcscd (every 0.4 s: vpcd asks for the ATR to see
        the card is still there), so silence for a few polls means the slot is busy.
        """
        return self._accepted.wait(timeout)

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    @property
    def running(self) -> bool:
        """True from `start()` until `remove()`, or until the card was dropped for good."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def apdus_served(self) -> int:
        """Command APDUs answered since the last `start()` (controls are not counted)."""
        return self._apdus_served

    @property
    def apdus_received(self) -> int:
        """Command APDUs received since the last `start()`, including one left unanswered."""
        return self._apdus_received

    @property
    def connections(self) -> int:
        """TCP connections made to vpcd over this object's life (reconnects included)."""
        return self._connections

    # --- the serving thread -----------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                sock = self._connect()
                if sock is None:
                    return
                log.debug("vpcd.connected port=%d", self.port)
                try:
                    self._serve(sock)
                except OSError as exc:
                    if not self._stopping.is_set():
                        log.debug("vpcd.connection_lost port=%d error=%s", self.port, exc)
                finally:
                    self._connected.clear()
                    with self._lock:
                        if self._sock is sock:
                            self._close_socket()
                if not self.stay_inserted:
                    return
        except Exception:  # the card itself failed: log it, the card then looks pulled out
            log.exception("vpcd.card_failed port=%d", self.port)
        finally:
            self._connected.clear()
            with self._lock:
                self._close_socket()

    def _connect(self) -> socket.socket | None:
        """Connect to vpcd, retrying until it listens; None when asked to stop meanwhile."""
        while not self._stopping.is_set():
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                sock.connect((self.host, self.port))
            except OSError:
                sock.close()
                self._stopping.wait(_CONNECT_RETRY_S)
                continue
            with self._lock:
                if self._stopping.is_set():
                    sock.close()
                    return None
                self._sock = sock
                self._connections += 1
            self._connected.set()
            return sock
        return None

    def _serve(self, sock: socket.socket) -> None:
        """Answer vpcd until the connection ends (EOF, `remove()`, or `remove_after`)."""
        card = self.card
        while True:
            header = self._recv_exact(sock, 2)
            if header is None:
                return
            self._accepted.set()  # vpcd talks to this connection: the card is in its slot
            length = int.from_bytes(header, "big")
            message = self._recv_exact(sock, length) if length else b""
            if message is None:
                return
            if len(message) == 1:
                answer = self._control(message[0])
                if answer is None:
                    continue
            elif not message:
                continue  # vpcd never sends an empty message; nothing sensible to answer
            else:
                self._apdus_received += 1
                if self.remove_after is not None and self._apdus_received >= self.remove_after:
                    log.debug("vpcd.pulled_out port=%d apdu=%d", self.port, self._apdus_received)
                    self._stopping.set()  # pulled out: no reconnect even with stay_inserted
                    return
                answer = card.respond(message) or MUTE_ANSWER
                self._apdus_served += 1
            sock.sendall(len(answer).to_bytes(2, "big") + answer)

    def _control(self, code: int) -> bytes | None:
        """Carry out a vpcd control; the bytes to answer, or None when there is no answer."""
        if code == CTRL_ATR:
            return bytes(self.card.atr)
        if code == CTRL_POWER_ON:
            self.card.power_on()
        elif code == CTRL_POWER_OFF:
            self.card.power_off()
        elif code == CTRL_RESET:
            self.card.reset()
        else:
            log.warning("vpcd.unknown_control port=%d code=%d", self.port, code)
        return None

    def _recv_exact(self, sock: socket.socket, size: int) -> bytes | None:
        """`size` bytes from the socket, or None at EOF."""
        data = b""
        while len(data) < size:  # MSG_WAITALL returns short only at EOF or on a signal
            more = sock.recv(size - len(data), socket.MSG_WAITALL)
            self._after_recv(sock)
            if not more:
                return None
            data += more
        return data

    def _after_recv(self, sock: socket.socket) -> None:
        """Re-arm TCP_QUICKACK, which Linux drops by itself (see the class docstring)."""
        if self.quickack and _TCP_QUICKACK is not None:
            sock.setsockopt(socket.IPPROTO_TCP, _TCP_QUICKACK, 1)

    def _close_socket(self) -> None:
        """Close the current connection (caller holds `_lock`); unblocks a pending recv."""
        sock, self._sock = self._sock, None
        if sock is None:
            return
        with contextlib.suppress(OSError):  # not connected any more
            sock.shutdown(socket.SHUT_RDWR)  # wakes a recv blocked on another thread
        sock.close()

"""VirtualCardClient against a stand-in for vpcd's side of the wire: controls, APDUs, removal,
re-insertion and fault injection, without pcscd (tests/pcsc has the real thing)."""

from __future__ import annotations

import socket
import threading

import pytest

from drivers.simcard.vpcd import MUTE_ANSWER, VirtualCardClient

ATR = bytes.fromhex("3B6D000000814E43238697159900BF7C7A")
TIMEOUT = 5.0


class EchoCard:
    """The SimCard interface, answering every APDU with its INS byte + 90 00."""

    def __init__(self, *, mute: bool = False) -> None:
        self.atr = ATR
        self.mute = mute
        self.calls: list[str] = []
        self.apdu_count = 0

    def power_on(self) -> bytes:
        self.calls.append("on")
        return self.atr

    def power_off(self) -> None:
        self.calls.append("off")

    def reset(self) -> bytes:
        self.calls.append("reset")
        return self.atr

    def respond(self, apdu: bytes) -> bytes:
        self.apdu_count += 1
        return b"" if self.mute else bytes([apdu[1]]) + b"\x90\x00"


class FakeVpcd:
    """vpcd's end: listens, accepts the card, sends length-prefixed messages."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(TIMEOUT)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        self.conn, _ = self.server.accept()
        self.conn.settimeout(TIMEOUT)

    def send(self, message: bytes) -> None:
        assert self.conn is not None
        self.conn.sendall(len(message).to_bytes(2, "big") + message)

    def recv(self) -> bytes | None:
        """The next message, or None when the card closed the connection."""
        header = self._exact(2)
        if header is None:
            return None
        return self._exact(int.from_bytes(header, "big"))

    def exchange(self, message: bytes) -> bytes | None:
        self.send(message)
        return self.recv()

    def _exact(self, size: int) -> bytes | None:
        assert self.conn is not None
        data = b""
        while len(data) < size:
            more = self.conn.recv(size - len(data))
            if not more:
                return None
            data += more
        return data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.server.close()


@pytest.fixture
def vpcd():
    fake = FakeVpcd()
    yield fake
    fake.close()


def test_controls_reach_the_card_and_the_atr_is_answered(vpcd: FakeVpcd) -> None:
    card = EchoCard()
    with VirtualCardClient(card, port=vpcd.port) as client:
        vpcd.accept()
        assert client.wait_connected(TIMEOUT)
        assert vpcd.exchange(b"\x04") == ATR
        vpcd.send(b"\x01")
        vpcd.send(b"\x02")
        vpcd.send(b"\x00")
        assert vpcd.exchange(b"\x04") == ATR  # the controls before it were handled in order
        assert card.calls == ["on", "reset", "off"]
        assert client.apdus_served == 0


def test_apdus_are_answered_and_counted(vpcd: FakeVpcd) -> None:
    card = EchoCard()
    with VirtualCardClient(card, port=vpcd.port) as client:
        vpcd.accept()
        for ins in (0xA4, 0xB2, 0x84):
            assert vpcd.exchange(bytes([0x00, ins, 0x00, 0x00, 0x00])) == bytes([ins, 0x90, 0x00])
        assert client.apdus_served == 3


def test_the_thread_is_named_after_the_port(vpcd: FakeVpcd) -> None:
    with VirtualCardClient(EchoCard(), port=vpcd.port):
        vpcd.accept()
        assert f"vpcd-{vpcd.port}" in {thread.name for thread in threading.enumerate()}


def test_remove_closes_the_connection_and_start_reinserts(vpcd: FakeVpcd) -> None:
    client = VirtualCardClient(EchoCard(), port=vpcd.port)
    client.start()
    vpcd.accept()
    assert vpcd.exchange(b"\x04") == ATR
    client.remove()
    assert not client.running
    assert not client.connected
    assert vpcd.recv() is None  # vpcd sees the card go

    client.start()
    vpcd.accept()
    assert vpcd.exchange(b"\x00\x84\x00\x00\x08") == b"\x84\x90\x00"
    assert client.apdus_served == 1  # counted afresh for this insertion
    assert client.connections == 2
    client.remove()


def test_remove_after_drops_the_card_at_that_apdu_without_an_answer(vpcd: FakeVpcd) -> None:
    card = EchoCard()
    client = VirtualCardClient(card, port=vpcd.port, remove_after=3)
    client.start()
    vpcd.accept()
    assert vpcd.exchange(b"\x04") == ATR  # controls do not count
    assert vpcd.exchange(b"\x00\xa4\x04\x00\x00") is not None
    assert vpcd.exchange(b"\x00\xb2\x01\x2c\x00") is not None
    assert vpcd.exchange(b"\x00\xb2\x02\x2c\x00") is None
    assert card.apdu_count == 2  # the card never saw the third
    assert client.apdus_received == 3
    assert client.apdus_served == 2
    client.remove()  # the thread has ended already; remove() stays harmless


def test_a_mute_card_answers_one_byte_and_stays(vpcd: FakeVpcd) -> None:
    with VirtualCardClient(EchoCard(mute=True), port=vpcd.port) as client:
        vpcd.accept()
        assert vpcd.exchange(b"\x00\x84\x00\x00\x08") == MUTE_ANSWER
        assert vpcd.exchange(b"\x04") == ATR
        assert client.running


def test_start_waits_for_vpcd_to_listen() -> None:
    fake = FakeVpcd()
    port = fake.port
    fake.close()  # nobody listens on the port yet
    client = VirtualCardClient(EchoCard(), port=port)
    client.start()
    try:
        assert not client.wait_connected(0.2)
        late = socket.create_server(("127.0.0.1", port))
        try:
            assert client.wait_connected(TIMEOUT)
        finally:
            late.close()
    finally:
        client.remove()


def test_stay_inserted_reconnects_when_vpcd_drops_the_connection(vpcd: FakeVpcd) -> None:
    client = VirtualCardClient(EchoCard(), port=vpcd.port, stay_inserted=True)
    client.start()
    try:
        vpcd.accept()
        assert vpcd.conn is not None
        vpcd.conn.close()  # pcscd went away
        vpcd.accept()  # the card comes back by itself
        assert vpcd.exchange(b"\x04") == ATR
        assert client.connections == 2
    finally:
        client.remove()
    assert not client.running


def test_remove_after_must_count_from_one() -> None:
    with pytest.raises(ValueError):
        VirtualCardClient(EchoCard(), remove_after=0)

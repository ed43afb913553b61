"""The simulated card served through vpcd into a real pcscd, driven with bare pyscard calls:
insertion, removal, re-insertion, T=0 behaviour, fault injection and pcscd restarts."""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from smartcard import scard

from drivers.simcard.card import SSSE_AID, SimCard
from drivers.simcard.image import load_image
from drivers.simcard.pcscd import PcscdProcess
from drivers.simcard.vpcd import MUTE_ANSWER, VirtualCardClient

READER = "Virtual PCD 00 00"
GET_CHALLENGE = bytes.fromhex("0084000008")
SELECT_SSSE = bytes([0x00, 0xA4, 0x04, 0x00, len(SSSE_AID)]) + SSSE_AID
HANG_GUARD = 10.0  # a call that takes longer than this counts as hung (not a speed check)

InsertCard = Callable[..., VirtualCardClient]  # the virtual_card fixture (conftest.py)
WaitForCard = Callable[..., bytes]  # the wait_for_card fixture


@pytest.fixture
def context() -> Iterator[int]:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS
    yield context
    scard.SCardReleaseContext(context)


def connect(context: int, protocol: int = scard.SCARD_PROTOCOL_T0) -> int:
    hresult, handle, active = scard.SCardConnect(
        context, READER, scard.SCARD_SHARE_SHARED, protocol
    )
    assert hresult == scard.SCARD_S_SUCCESS, f"SCardConnect: 0x{hresult:08X}"
    assert active == scard.SCARD_PROTOCOL_T0
    return handle


def transmit(handle: int, apdu: bytes) -> tuple[int, bytes]:
    hresult, response = scard.SCardTransmit(handle, scard.SCARD_PCI_T0, list(apdu))
    return hresult, bytes(response)


def state_of(context: int) -> tuple[int, bytes]:
    hresult, states = scard.SCardGetStatusChange(context, 0, [(READER, scard.SCARD_STATE_UNAWARE)])
    assert hresult == scard.SCARD_S_SUCCESS
    _, state, atr = states[0]
    return state, bytes(atr)


def test_both_readers_are_listed_with_and_without_a_card(
    pcscd: PcscdProcess, virtual_card: InsertCard, context: int
) -> None:
    hresult, readers = scard.SCardListReaders(context, [])
    assert hresult == scard.SCARD_S_SUCCESS
    assert readers == list(pcscd.reader_names)
    virtual_card("normal")
    assert scard.SCardListReaders(context, [])[1] == list(pcscd.reader_names)


def test_insertion_is_reported_with_the_cards_atr(virtual_card: InsertCard, context: int) -> None:
    state, atr = state_of(context)
    assert state & scard.SCARD_STATE_EMPTY

    virtual_card("normal")

    state, atr = state_of(context)
    assert state & scard.SCARD_STATE_PRESENT
    assert atr == load_image("normal").atr


def test_select_by_aid_answers_61xx_and_get_response_fetches_the_fci(
    virtual_card: InsertCard, context: int
) -> None:
    virtual_card("normal")
    handle = connect(context)

    hresult, response = transmit(handle, SELECT_SSSE)
    assert hresult == scard.SCARD_S_SUCCESS
    assert len(response) == 2 and response[0] == 0x61  # pcscd leaves T=0 GET RESPONSE to us

    hresult, fci = transmit(handle, bytes([0x00, 0xC0, 0x00, 0x00, response[1]]))
    assert hresult == scard.SCARD_S_SUCCESS
    assert len(fci) == response[1] + 2 and fci[-2:] == b"\x90\x00"
    scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)


def test_the_card_speaks_t0_only(virtual_card: InsertCard, context: int) -> None:
    virtual_card("normal")
    hresult, _, _ = scard.SCardConnect(
        context, READER, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1
    )
    assert hresult == scard.SCARD_E_PROTO_MISMATCH
    connect(context, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)  # negotiates T=0


def test_removal_is_reported_and_fails_the_old_handle(
    virtual_card: InsertCard, context: int, wait_for_card: WaitForCard
) -> None:
    client = virtual_card("normal")
    handle = connect(context)
    assert transmit(handle, GET_CHALLENGE)[0] == scard.SCARD_S_SUCCESS

    client.remove()
    wait_for_card(False)

    assert state_of(context)[0] & scard.SCARD_STATE_EMPTY
    assert transmit(handle, GET_CHALLENGE)[0] == scard.SCARD_W_REMOVED_CARD


def test_reinsertion_works(
    virtual_card: InsertCard, context: int, wait_for_card: WaitForCard
) -> None:
    client = virtual_card("normal")
    client.remove()
    wait_for_card(False)

    client.start()
    assert wait_for_card(True) == load_image("normal").atr
    handle = connect(context)
    hresult, response = transmit(handle, GET_CHALLENGE)
    assert hresult == scard.SCARD_S_SUCCESS and response[-2:] == b"\x90\x00"
    assert client.apdus_served == 1
    scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)


@pytest.mark.parametrize("n", [1, 2, 15])
def test_remove_after_n_fails_the_nth_transmit(
    n: int, virtual_card: InsertCard, context: int, wait_for_card: WaitForCard
) -> None:
    card = SimCard(load_image("normal"))
    client = virtual_card(card=card, remove_after=n)
    handle = connect(context)
    for _ in range(n - 1):
        hresult, response = transmit(handle, GET_CHALLENGE)
        assert hresult == scard.SCARD_S_SUCCESS and response[-2:] == b"\x90\x00"

    # vpcd reads the dropped connection as an empty answer: "success" with no status word.
    hresult, response = transmit(handle, GET_CHALLENGE)
    assert hresult != scard.SCARD_S_SUCCESS or len(response) < 2
    # From then on the reader fails every transmit until pcscd reports the card gone.
    assert transmit(handle, GET_CHALLENGE)[0] in (
        scard.SCARD_E_NOT_TRANSACTED,
        scard.SCARD_W_REMOVED_CARD,
    )
    assert card.apdu_count == n - 1
    assert client.apdus_received == n
    wait_for_card(False)
    assert transmit(handle, GET_CHALLENGE)[0] == scard.SCARD_W_REMOVED_CARD


def test_a_mute_card_answers_at_once_and_stays_in_the_reader(
    virtual_card: InsertCard, context: int
) -> None:
    mute = dataclasses.replace(load_image("normal"), mute=True)
    virtual_card(card=SimCard(mute))
    handle = connect(context)

    result: list[tuple[int, bytes]] = []
    worker = threading.Thread(target=lambda: result.append(transmit(handle, GET_CHALLENGE)))
    worker.start()
    worker.join(HANG_GUARD)
    assert not worker.is_alive(), "SCardTransmit to a mute card hung"

    assert result == [(scard.SCARD_S_SUCCESS, MUTE_ANSWER)]  # no status word: mute
    assert state_of(context)[0] & scard.SCARD_STATE_PRESENT


class _SocketOptionProbe(VirtualCardClient):
    """Records TCP_NODELAY and TCP_QUICKACK as they stand after each recv."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.after_recv: list[tuple[int, int]] = []

    def _after_recv(self, sock: socket.socket) -> None:
        super()._after_recv(sock)
        self.after_recv.append(
            (
                sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY),
                sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK),
            )
        )


@pytest.mark.skipif(not hasattr(socket, "TCP_QUICKACK"), reason="TCP_QUICKACK is Linux only")
def test_nodelay_is_set_and_quickack_rearmed_after_every_recv(
    pcscd: PcscdProcess, context: int, wait_for_card: WaitForCard
) -> None:
    # The speed itself is measured by bench/p3_roundtrip.py, not asserted here.
    probe = _SocketOptionProbe(SimCard(load_image("normal")), port=pcscd.port(0))
    probe.start()
    try:
        wait_for_card(True)
        handle = connect(context)
        for _ in range(20):
            assert transmit(handle, GET_CHALLENGE)[0] == scard.SCARD_S_SUCCESS
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
    finally:
        probe.remove()
        wait_for_card(False)
    # Two recvs per message (length, then payload): at least 40 for the 20 APDUs.
    assert len(probe.after_recv) >= 2 * 20
    assert set(probe.after_recv) == {(1, 1)}


def _blocked_status_change(context: int, result: list[int]) -> None:
    hresult, _ = scard.SCardGetStatusChange(
        context, scard.INFINITE, [(READER, scard.SCARD_STATE_PRESENT)]
    )
    result.append(hresult)


@pytest.mark.parametrize("kill", [False, True], ids=["sigterm", "sigkill"])
def test_a_pcscd_restart_needs_a_new_context(
    kill: bool, pcscd: PcscdProcess, virtual_card: InsertCard, wait_for_card: WaitForCard
) -> None:
    virtual_card("normal", stay_inserted=True)  # a real card stays in its reader meanwhile
    hresult, old = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS
    state_of(old)
    result: list[int] = []
    waiter = threading.Thread(target=_blocked_status_change, args=(old, result))
    waiter.start()

    pcscd.stop(kill=kill)
    waiter.join(HANG_GUARD)
    # The blocked call returns when pcscd dies: EOF on its socket, or ECONNRESET when the
    # killed pcscd had unread bytes from us, which libpcsclite reports as a security violation;
    # or, when the call was between two of its polls as the daemon died (seen under load),
    # the "no service" of a socket that is gone.
    assert result in (
        [scard.SCARD_F_COMM_ERROR],
        [scard.SCARD_W_SECURITY_VIOLATION],
        [scard.SCARD_E_NO_SERVICE],
    )
    assert scard.SCardListReaders(old, [])[0] == scard.SCARD_E_NO_SERVICE
    assert scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)[0] == scard.SCARD_E_NO_SERVICE

    pcscd.start()
    assert scard.SCardListReaders(old, [])[0] == scard.SCARD_E_NO_SERVICE  # still dead
    scard.SCardReleaseContext(old)
    assert wait_for_card(True) == load_image("normal").atr  # a new context sees the card

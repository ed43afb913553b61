"""PIN handling: tries left without spending one, VERIFY and CHANGE PIN with typed outcomes.

PINs travel as `bytearray`s of ASCII digits (the caller wipes its own), encoded to packed BCD
straight into the APDU buffer, which goes to the reader as it is (no immutable copy) and is
overwritten as soon as the card has answered.
"""

from __future__ import annotations

from drivers.readers.base import CardChannel
from kiosk.card.apdu import Response
from kiosk.card.errors import CardUnreadable, PinBlocked, PinWrong
from kiosk.card.read import select_ssse

PIN_LENGTH = 6


def tries_left(channel: CardChannel) -> int:
    """Ask the card how many tries remain: VERIFY with no data, which spends none."""
    select_ssse(channel)
    response = Response.parse(channel.transmit(bytes([0x00, 0x20, 0x00, 0x00])))
    if response.sw == 0x6983:
        return 0
    if response.sw >> 8 == 0x63 and response.sw & 0xF0 == 0xC0:
        return response.sw & 0x0F
    if response.ok:  # already verified in this session
        return -1
    raise CardUnreadable("bad_status", f"VERIFY query: {response.sw_hex}")


def verify(channel: CardChannel, pin: bytearray) -> None:
    """VERIFY the PIN; returns on success, raises `PinWrong(tries_left)` or `PinBlocked`."""
    select_ssse(channel)
    apdu = bytearray([0x00, 0x20, 0x00, 0x00, PIN_LENGTH // 2])
    try:
        _append_bcd(apdu, pin)
        _outcome(Response.parse(channel.transmit(apdu)))
    finally:
        _wipe(apdu)


def change(channel: CardChannel, old: bytearray, new: bytearray) -> None:
    """CHANGE PIN: `80 5E 01 00 Lc old FF new`; same outcomes as `verify` for the old PIN."""
    select_ssse(channel)
    apdu = bytearray([0x80, 0x5E, 0x01, 0x00, PIN_LENGTH + 1])
    try:
        _append_bcd(apdu, old)
        apdu.append(0xFF)
        _append_bcd(apdu, new)
        _outcome(Response.parse(channel.transmit(apdu)))
    finally:
        _wipe(apdu)


def check_format(pin: bytearray) -> bool:
    return len(pin) == PIN_LENGTH and all(0x30 <= b <= 0x39 for b in pin)


def _append_bcd(apdu: bytearray, pin: bytearray) -> None:
    """The PIN as packed BCD at the end of `apdu`, digit pair by digit pair: no other buffer
    ever holds it."""
    if not check_format(pin):
        raise ValueError("a PIN is six digits")
    for i in range(0, PIN_LENGTH, 2):
        apdu.append(((pin[i] - 0x30) << 4) | (pin[i + 1] - 0x30))


def _outcome(response: Response) -> None:
    if response.ok:
        return
    if response.sw == 0x6983:
        raise PinBlocked()
    if response.sw >> 8 == 0x63 and response.sw & 0xF0 == 0xC0:
        tries = response.sw & 0x0F
        if tries == 0:
            raise PinBlocked()
        raise PinWrong(tries)
    raise CardUnreadable("bad_status", f"PIN command answered {response.sw_hex}")


def _wipe(buffer: bytearray) -> None:
    for i in range(len(buffer)):
        buffer[i] = 0

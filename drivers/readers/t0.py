"""T=0 exchange rules shared by every backend: `61 xx` fetches with GET RESPONSE, `6C xx`
resends with the right Le, both bounded so a hostile card cannot keep the reader busy forever."""

from __future__ import annotations

from collections.abc import Callable

from drivers.readers.errors import CardMute

MAX_ROUNDS = 64
MAX_TOTAL = 64 * 1024
PROCEDURE_BYTES = frozenset({0x61, 0x6C})  # SW1 values that mean "not done yet"


def exchange(send: Callable[[bytes], bytes], apdu: bytes) -> bytes:
    """Send `apdu` through `send` and resolve the T=0 procedure bytes.

    Returns the collected data followed by the final SW1 SW2. Raises `CardMute` for an answer
    shorter than a status word or when the card exceeds the round or size bounds.
    """
    return resolve(send, apdu, send(apdu))


def resolve(send: Callable[[bytes], bytes], apdu: bytes | bytearray, response: bytes) -> bytes:
    """Carry on from the card's first `response` to `apdu` until the answer is complete."""
    data = bytearray()
    command: bytes | bytearray = apdu
    rounds = 1
    while True:
        if len(response) < 2:
            raise CardMute(f"answer of {len(response)} byte(s), no status word")
        body, sw1, sw2 = response[:-2], response[-2], response[-1]
        if sw1 == 0x6C and len(command) >= 4:
            # Wrong Le: the same command again with the Le the card asked for (no data kept).
            command = _with_le(command, sw2)
        elif sw1 == 0x61:
            data += body
            if len(data) > MAX_TOTAL:
                raise CardMute("card answered more than 64 KiB")
            command = _get_response(command[0], sw2)
        else:
            return bytes(data) + response
        if rounds == MAX_ROUNDS:
            raise CardMute(f"card kept the exchange going past {MAX_ROUNDS} rounds")
        response = send(command)
        rounds += 1


def _get_response(cla: int, le: int) -> bytes:
    """GET RESPONSE on the command's logical channel; proprietary classes fetch with CLA 00."""
    channel = cla & 0x03 if cla < 0x80 else 0x00
    return bytes([channel, 0xC0, 0x00, 0x00, le])


def _with_le(apdu: bytes | bytearray, le: int) -> bytes:
    """The same command with its Le (the last byte of a case 2 or case 4 APDU) replaced."""
    if len(apdu) == 4:
        return bytes(apdu) + bytes([le])
    if len(apdu) == 5:  # case 2: CLA INS P1 P2 Le
        return bytes(apdu[:4]) + bytes([le])
    lc = apdu[4]
    return bytes(apdu[: 5 + lc]) + bytes([le])

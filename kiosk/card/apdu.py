"""APDU building and status words: one table that gives every status word its meaning."""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000

# Meanings for the diagnostics console and logs; the citizen never sees these.
_SW_MEANINGS: dict[int, str] = {
    0x9000: "success",
    0x6282: "end of file reached before Le bytes",
    0x6700: "wrong length",
    0x6981: "command incompatible with file structure",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked (PIN blocked)",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current EF)",
    0x6A80: "incorrect data",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A83: "record not found",
    0x6A86: "incorrect P1 P2",
    0x6B00: "wrong parameters (offset outside the EF)",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}


def describe_sw(sw: int) -> str:
    """The meaning of a status word in plain words."""
    sw1, sw2 = sw >> 8, sw & 0xFF
    if sw in _SW_MEANINGS:
        return _SW_MEANINGS[sw]
    if sw1 == 0x61:
        return f"{sw2} response bytes waiting (GET RESPONSE)"
    if sw1 == 0x6C:
        return f"wrong Le: resend with Le = {sw2}"
    if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
        return f"verification failed, {sw2 & 0x0F} tries left"
    return "unknown status word"


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @classmethod
    def parse(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise ValueError("response shorter than a status word")
        return cls(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @property
    def sw_hex(self) -> str:
        return f"{self.sw:04X}"


def command(
    cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
) -> bytes:
    """A short APDU: case 1 to 4 by what is given."""
    apdu = bytes([cla, ins, p1, p2])
    if data:
        if len(data) > 255:
            raise ValueError("short APDUs carry at most 255 bytes")
        apdu += bytes([len(data)]) + data
    if le is not None:
        apdu += bytes([le & 0xFF])
    return apdu


def parse_hex(text: str) -> bytes:
    """Hex typed by a person: spaces, colons and a 0x prefix allowed."""
    cleaned = text.replace(" ", "").replace(":", "").replace("0x", "").replace("0X", "")
    return bytes.fromhex(cleaned)

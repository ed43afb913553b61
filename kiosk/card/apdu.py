"""APDUs both ways: building and checking command APDUs, the card's responses, and what each
status word means (ISO/IEC 7816-4, with the readings CARD_PROFILE.md gives them).

A technician's hex (the APDU console) is checked here, once, for the command line and the
screen alike: even length, 4 to 261 bytes (a short APDU: header, Lc, 255 bytes, Le), and an Lc
that matches the data that follows. Error messages never quote the bytes, which may be a PIN.
"""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000
MIN_COMMAND = 4  # CLA INS P1 P2
MAX_COMMAND = 4 + 1 + 255 + 1  # header, Lc, the most data a short APDU carries, Le


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


# Command APDUs as a technician types them ------------------------------------------------------


class ApduFormatError(ValueError):
    """A command APDU that cannot be sent as it stands; the message says why, without its bytes."""


@dataclass(frozen=True)
class CommandApdu:
    """A checked short command APDU (ISO/IEC 7816-3 cases 1 to 4)."""

    raw: bytes

    @property
    def cla(self) -> int:
        return self.raw[0]

    @property
    def ins(self) -> int:
        return self.raw[1]

    @property
    def p1(self) -> int:
        return self.raw[2]

    @property
    def p2(self) -> int:
        return self.raw[3]

    @property
    def data(self) -> bytes:
        return self.raw[5 : 5 + self.raw[4]] if len(self.raw) > 5 else b""

    @property
    def le(self) -> int | None:
        """Le as sent (00 means 256), or None for cases 1 and 3."""
        if len(self.raw) == 5:
            return self.raw[4]
        if len(self.raw) > 5 and len(self.raw) == 6 + self.raw[4]:
            return self.raw[-1]
        return None

    @property
    def header(self) -> bytes:
        """CLA INS P1 P2 and P3 (Lc or Le) where there is one: what a trace may show."""
        return self.raw[:5]

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        if not MIN_COMMAND <= len(raw) <= MAX_COMMAND:
            raise ApduFormatError(
                f"{_bytes(len(raw))}: a command APDU has {MIN_COMMAND} to {MAX_COMMAND} bytes"
            )
        if raw[0] == 0xFF:
            raise ApduFormatError("CLA FF is not a command class (it starts a PPS exchange)")
        if raw[1] >> 4 in (0x6, 0x9):
            raise ApduFormatError(
                f"INS {raw[1]:02X} is not a valid instruction (6X and 9X are status bytes)"
            )
        if len(raw) > 5:
            lc, after_lc = raw[4], len(raw) - 5
            if lc == 0:
                raise ApduFormatError(
                    "Lc 00 with data: extended-length APDUs are not supported (short APDUs only)"
                )
            if after_lc not in (lc, lc + 1):
                raise ApduFormatError(
                    f"Lc says {_bytes(lc, 'data ')} but {_bytes(after_lc)} follow it "
                    f"({lc} data, or {lc} data and Le)"
                )
        return cls(bytes(raw))

    @classmethod
    def from_hex(cls, text: str) -> CommandApdu:
        """Hex digits with any spaces between them (`00 A4 04 00`, `00a40400`)."""
        if len(text) > 4 * MAX_COMMAND:  # checked first: a 10 MB argument is refused unread
            raise ApduFormatError(
                f"{len(text):,} characters: a command APDU is at most {MAX_COMMAND} bytes"
            )
        digits = "".join(text.split())
        if not digits:
            raise ApduFormatError("empty: give the APDU as hex digits")
        for position, char in enumerate(digits, 1):
            if char not in _HEX_DIGITS:
                shown = char if char.isprintable() and char.isascii() else f"U+{ord(char):04X}"
                raise ApduFormatError(f"{shown!r} at hex digit {position} is not a hex digit")
        if len(digits) % 2:
            raise ApduFormatError(f"{len(digits)} hex digits: an odd number, a digit is missing")
        return cls.parse(bytes.fromhex(digits))


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _bytes(count: int, kind: str = "") -> str:
    return f"{count} {kind}byte" if count == 1 else f"{count} {kind}bytes"


# Status words ----------------------------------------------------------------------------------

_STATUS_WORDS = {
    0x9000: "done",
    0x6200: "warning: no information given (nothing changed)",
    0x6281: "warning: part of the data may be corrupted",
    0x6282: "warning: end of the file or record before Le bytes",
    0x6283: "warning: the selected file is deactivated",
    0x6284: "warning: the file control information is not formatted as ISO 7816-4 says",
    0x6285: "warning: the selected file is in termination state",
    0x6286: "warning: no input data from a sensor",
    0x6300: "warning: no information given (memory changed)",
    0x6381: "warning: the file is full after the last write",
    0x6400: "error: execution error (nothing changed)",
    0x6581: "error: memory failure",
    0x6700: "error: wrong length (Lc or Le)",
    0x6800: "error: a function in CLA not supported",
    0x6881: "error: logical channel not supported",
    0x6882: "error: secure messaging not supported",
    0x6900: "error: command not allowed",
    0x6981: "error: command incompatible with the file structure",
    0x6982: "error: security status not satisfied (a real card may want a PSAM first)",
    0x6983: "error: authentication method blocked (PIN blocked)",
    0x6984: "error: reference data not usable",
    0x6985: "error: conditions of use not satisfied (GET RESPONSE: nothing waiting)",
    0x6986: "error: command not allowed (no current EF)",
    0x6987: "error: expected secure messaging data objects missing",
    0x6988: "error: incorrect secure messaging data objects",
    0x6A80: "error: incorrect data in the data field",
    0x6A81: "error: function not supported",
    0x6A82: "error: file or application not found",
    0x6A83: "error: record not found",
    0x6A84: "error: not enough memory space in the file",
    0x6A85: "error: Lc inconsistent with the TLV structure",
    0x6A86: "error: incorrect P1 P2",
    0x6A87: "error: Lc inconsistent with P1 P2",
    0x6A88: "error: referenced data not found",
    0x6B00: "error: wrong P1 P2 (offset outside the file)",
    0x6D00: "error: instruction (INS) not supported",
    0x6E00: "error: class (CLA) not supported",
    0x6F00: "error: no precise diagnosis",
}

_SW1_FAMILIES = {
    0x62: "warning (nothing changed)",
    0x63: "warning (memory changed)",
    0x64: "error (nothing changed)",
    0x65: "error (memory changed)",
    0x66: "error: security related",
    0x67: "error: wrong length",
    0x68: "error: a function in CLA not supported",
    0x69: "error: command not allowed",
    0x6A: "error: wrong parameters",
    0x6B: "error: wrong parameters P1 P2",
    0x6D: "error: instruction (INS) not supported",
    0x6E: "error: class (CLA) not supported",
    0x6F: "error: no precise diagnosis",
}


def sw_meaning(sw: int) -> str:
    """The status word in plain words, for a technician: `6A82` → "error: file or application
    not found". Every value gets an answer; an unknown one says so."""
    sw1, sw2 = sw >> 8, sw & 0xFF
    if sw in _STATUS_WORDS:
        return _STATUS_WORDS[sw]
    if sw1 == 0x61:
        waiting = sw2 or 256
        return (
            f"done, {waiting} bytes waiting: fetch them with GET RESPONSE (00 C0 00 00 {sw2:02X})"
        )
    if sw1 == 0x6C:
        return f"error: wrong Le, the card has {sw2 or 256} bytes: send again with Le {sw2:02X}"
    if sw1 == 0x63 and sw2 >> 4 == 0xC:
        return f"warning: counter {sw2 & 0x0F} (VERIFY: {sw2 & 0x0F} PIN tries left)"
    if sw1 == 0x90 or sw1 == 0x91:
        return f"done (proprietary {sw:04X})"
    if sw1 in _SW1_FAMILIES:
        return f"{_SW1_FAMILIES[sw1]}, detail {sw2:02X}"
    return "not an ISO 7816-4 status word"

"""APDUs both ways: building and checking command APDUs, the card's responses, and what each
status word means (ISO/IEC 7816-4, with the readings CARD_PROFILE.md gives them).

A technician's hex (the APDU console) is checked here, once, for the command line and the
screen alike: even length, 4 to 261 bytes (a short APDU: header, Lc, 255 bytes, Le), and an Lc
that matches the data that follows. Error messages never quote the bytes, which may be a PIN.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

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
    0x9000: QT_TRANSLATE_NOOP("DiagText", "done"),
    0x6200: QT_TRANSLATE_NOOP("DiagText", "warning: no information given (nothing changed)"),
    0x6281: QT_TRANSLATE_NOOP("DiagText", "warning: part of the data may be corrupted"),
    0x6282: QT_TRANSLATE_NOOP("DiagText", "warning: end of the file or record before Le bytes"),
    0x6283: QT_TRANSLATE_NOOP("DiagText", "warning: the selected file is deactivated"),
    0x6284: QT_TRANSLATE_NOOP(
        "DiagText", "warning: the file control information is not formatted as ISO 7816-4 says"
    ),
    0x6285: QT_TRANSLATE_NOOP("DiagText", "warning: the selected file is in termination state"),
    0x6286: QT_TRANSLATE_NOOP("DiagText", "warning: no input data from a sensor"),
    0x6300: QT_TRANSLATE_NOOP("DiagText", "warning: no information given (memory changed)"),
    0x6381: QT_TRANSLATE_NOOP("DiagText", "warning: the file is full after the last write"),
    0x6400: QT_TRANSLATE_NOOP("DiagText", "error: execution error (nothing changed)"),
    0x6581: QT_TRANSLATE_NOOP("DiagText", "error: memory failure"),
    0x6700: QT_TRANSLATE_NOOP("DiagText", "error: wrong length (Lc or Le)"),
    0x6800: QT_TRANSLATE_NOOP("DiagText", "error: a function in CLA not supported"),
    0x6881: QT_TRANSLATE_NOOP("DiagText", "error: logical channel not supported"),
    0x6882: QT_TRANSLATE_NOOP("DiagText", "error: secure messaging not supported"),
    0x6900: QT_TRANSLATE_NOOP("DiagText", "error: command not allowed"),
    0x6981: QT_TRANSLATE_NOOP("DiagText", "error: command incompatible with the file structure"),
    0x6982: QT_TRANSLATE_NOOP(
        "DiagText", "error: security status not satisfied (a real card may want a PSAM first)"
    ),
    0x6983: QT_TRANSLATE_NOOP("DiagText", "error: authentication method blocked (PIN blocked)"),
    0x6984: QT_TRANSLATE_NOOP("DiagText", "error: reference data not usable"),
    0x6985: QT_TRANSLATE_NOOP(
        "DiagText", "error: conditions of use not satisfied (GET RESPONSE: nothing waiting)"
    ),
    0x6986: QT_TRANSLATE_NOOP("DiagText", "error: command not allowed (no current EF)"),
    0x6987: QT_TRANSLATE_NOOP("DiagText", "error: expected secure messaging data objects missing"),
    0x6988: QT_TRANSLATE_NOOP("DiagText", "error: incorrect secure messaging data objects"),
    0x6A80: QT_TRANSLATE_NOOP("DiagText", "error: incorrect data in the data field"),
    0x6A81: QT_TRANSLATE_NOOP("DiagText", "error: function not supported"),
    0x6A82: QT_TRANSLATE_NOOP("DiagText", "error: file or application not found"),
    0x6A83: QT_TRANSLATE_NOOP("DiagText", "error: record not found"),
    0x6A84: QT_TRANSLATE_NOOP("DiagText", "error: not enough memory space in the file"),
    0x6A85: QT_TRANSLATE_NOOP("DiagText", "error: Lc inconsistent with the TLV structure"),
    0x6A86: QT_TRANSLATE_NOOP("DiagText", "error: incorrect P1 P2"),
    0x6A87: QT_TRANSLATE_NOOP("DiagText", "error: Lc inconsistent with P1 P2"),
    0x6A88: QT_TRANSLATE_NOOP("DiagText", "error: referenced data not found"),
    0x6B00: QT_TRANSLATE_NOOP("DiagText", "error: wrong P1 P2 (offset outside the file)"),
    0x6D00: QT_TRANSLATE_NOOP("DiagText", "error: instruction (INS) not supported"),
    0x6E00: QT_TRANSLATE_NOOP("DiagText", "error: class (CLA) not supported"),
    0x6F00: QT_TRANSLATE_NOOP("DiagText", "error: no precise diagnosis"),
}

_SW1_FAMILIES = {
    0x62: QT_TRANSLATE_NOOP("DiagText", "warning (nothing changed)"),
    0x63: QT_TRANSLATE_NOOP("DiagText", "warning (memory changed)"),
    0x64: QT_TRANSLATE_NOOP("DiagText", "error (nothing changed)"),
    0x65: QT_TRANSLATE_NOOP("DiagText", "error (memory changed)"),
    0x66: QT_TRANSLATE_NOOP("DiagText", "error: security related"),
    0x67: QT_TRANSLATE_NOOP("DiagText", "error: wrong length"),
    0x68: QT_TRANSLATE_NOOP("DiagText", "error: a function in CLA not supported"),
    0x69: QT_TRANSLATE_NOOP("DiagText", "error: command not allowed"),
    0x6A: QT_TRANSLATE_NOOP("DiagText", "error: wrong parameters"),
    0x6B: QT_TRANSLATE_NOOP("DiagText", "error: wrong parameters P1 P2"),
    0x6D: QT_TRANSLATE_NOOP("DiagText", "error: instruction (INS) not supported"),
    0x6E: QT_TRANSLATE_NOOP("DiagText", "error: class (CLA) not supported"),
    0x6F: QT_TRANSLATE_NOOP("DiagText", "error: no precise diagnosis"),
}


def sw_meaning(sw: int) -> str:
    """The status word in plain words, for a technician: `6A82` → "error: file or application
    not found". Every value gets an answer; an unknown one says so. A `Text`: the screens show
    it in their language."""
    sw1, sw2 = sw >> 8, sw & 0xFF
    if sw in _STATUS_WORDS:
        return Text(_STATUS_WORDS[sw])
    if sw1 == 0x61:
        return Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "done, {n} bytes waiting: fetch them with GET RESPONSE (00 C0 00 00 {le})",
            ),
            n=str(sw2 or 256),
            le=f"{sw2:02X}",
        )
    if sw1 == 0x6C:
        return Text(
            QT_TRANSLATE_NOOP(
                "DiagText", "error: wrong Le, the card has {n} bytes: send again with Le {le}"
            ),
            n=str(sw2 or 256),
            le=f"{sw2:02X}",
        )
    if sw1 == 0x63 and sw2 >> 4 == 0xC:
        return Text(
            QT_TRANSLATE_NOOP("DiagText", "warning: counter {n} (VERIFY: {n} PIN tries left)"),
            n=str(sw2 & 0x0F),
        )
    if sw1 == 0x90 or sw1 == 0x91:
        return Text(QT_TRANSLATE_NOOP("DiagText", "done (proprietary {sw})"), sw=f"{sw:04X}")
    if sw1 in _SW1_FAMILIES:
        return Text(
            QT_TRANSLATE_NOOP("DiagText", "{family}, detail {sw2}"),
            family=Text(_SW1_FAMILIES[sw1]),
            sw2=f"{sw2:02X}",
        )
    return Text(QT_TRANSLATE_NOOP("DiagText", "not an ISO 7816-4 status word"))

"""The simulated social security card: an ISO 7816 responder that serves a CardImage exactly as
CARD_PROFILE.md describes, status words included.

Choices where the profile is silent:

- Files: MF holds only SSSE. EF 0005/0006/0008 are reachable (by FID or SFI) only while SSSE is
  selected; from MF they answer 6A82. SELECT 3F00 needs P1 00. A failed SELECT keeps the
  selection. A successful SELECT of MF or SSSE leaves no current EF.
- An SFI reference that finds the file makes it current even if the record or offset is then
  refused (6A83, 6C xx, 6B00). READ RECORD on the transparent EF08, READ BINARY on a record EF:
  6981. Record 0 does not exist (6A83). READ RECORD with Le 00 answers 6C + the record length.
- READ BINARY: Le 00 means 256. An offset past the end is 6B00; an offset at the end, as in an
  empty EF08, returns no data + 6282.
- A case 1 command (VERIFY query) may come as 4 bytes or, as T=0 sends it, with P3 = 00.
- GET RESPONSE with Le larger than what waits returns what waits + 9000; any other command
  discards what waits (a malformed GET RESPONSE does not). SELECT by name always answers
  61 xx, whatever Le it carries.
- VERIFY without data answers 63 Cx (6983 when blocked) whether or not the PIN was verified.
  A wrong PIN that uses the last try answers 63 C0; later VERIFYs answer 6983. The PIN belongs to
  the card, not to a DF, so VERIFY and CHANGE PIN work with any selection. PIN data that is not
  6 BCD digits counts as a wrong PIN (VERIFY) or is refused with 6A80 (the new PIN of CHANGE PIN,
  or a separator other than FF). A successful CHANGE PIN leaves the PIN verified.
- Bad P1/P2 for a known command: 6A86. CLA other than 00 / 80: 6E00; a known INS under the other
  CLA: 6E00; unknown INS: 6D00; a wrong Lc or a missing or surplus Le: 6700.
- Unpowered or mute cards answer nothing (b""). The try counter and a changed PIN last for the
  SimCard object's lifetime; power-off and reset clear only the security state and selection.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from drivers.simcard.image import (
    SFI_HOLDER,
    SFI_ISSUER,
    SFI_PHOTO,
    CardImage,
    encode_records,
)

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
MF_FID = 0x3F00
FID_TO_SFI = {0x0005: SFI_ISSUER, 0x0006: SFI_HOLDER, 0x0008: SFI_PHOTO}
CHALLENGE_LENGTH = 8

SW_OK = b"\x90\x00"
SW_END_OF_FILE = b"\x62\x82"
SW_WRONG_LENGTH = b"\x67\x00"
SW_INCOMPATIBLE_FILE = b"\x69\x81"
SW_PIN_BLOCKED = b"\x69\x83"
SW_NOTHING_WAITING = b"\x69\x85"
SW_NO_CURRENT_EF = b"\x69\x86"
SW_WRONG_DATA = b"\x6a\x80"
SW_NOT_FOUND = b"\x6a\x82"
SW_NO_RECORD = b"\x6a\x83"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_WRONG_OFFSET = b"\x6b\x00"
SW_UNKNOWN_INS = b"\x6d\x00"
SW_UNKNOWN_CLA = b"\x6e\x00"

_MF = "MF"
_SSSE = "SSSE"


class _Apdu:
    """A parsed short command APDU; `valid` is False when Lc/Le do not add up."""

    __slots__ = ("cla", "data", "has_lc", "ins", "le", "p1", "p2", "valid")

    def __init__(self, raw: bytes) -> None:
        self.cla, self.ins, self.p1, self.p2 = raw[0], raw[1], raw[2], raw[3]
        body = raw[4:]
        self.data = b""
        self.has_lc = False
        self.le: int | None = None
        self.valid = True
        if len(body) == 1:
            self.le = body[0]
        elif len(body) > 1:
            lc = body[0]
            self.has_lc = True
            self.data = body[1 : 1 + lc]
            rest = body[1 + lc :]
            # lc 0 would be an extended-length APDU, which this card does not support.
            if lc == 0 or len(self.data) != lc or len(rest) > 1:
                self.valid = False
            elif rest:
                self.le = rest[0]

    @property
    def case1(self) -> bool:
        """No data and no Le (P3 = 00 counts, as T=0 transmits case 1 that way)."""
        return not self.has_lc and self.le in (None, 0)

    @property
    def case2(self) -> bool:
        return not self.has_lc and self.le is not None

    @property
    def case3(self) -> bool:
        return self.has_lc and self.le is None


class SimCard:
    """A card in a reader: power it on, then send APDUs to `respond`. Thread-safe."""

    def __init__(self, image: CardImage, *, rng: Callable[[int], bytes] = os.urandom) -> None:
        self._image = image
        self._rng = rng
        self._records = encode_records(image)
        self._lock = threading.RLock()
        self._pin = _pack_pin(image.pin)
        self._tries_left = image.pin_tries_left
        self._powered = False
        self._apdu_count = 0
        self._reset_state()

    # --- the card's life -------------------------------------------------------------------

    @property
    def image(self) -> CardImage:
        return self._image

    @property
    def atr(self) -> bytes:
        return self._image.atr

    @property
    def powered(self) -> bool:
        return self._powered

    @property
    def apdu_count(self) -> int:
        """APDUs received by `respond` since the card was made (benchmarks count with it)."""
        return self._apdu_count

    @property
    def tries_left(self) -> int:
        return self._tries_left

    @property
    def pin_verified(self) -> bool:
        return self._verified

    def power_on(self) -> bytes:
        with self._lock:
            self._powered = True
            self._reset_state()
            return self.atr

    def power_off(self) -> None:
        with self._lock:
            self._powered = False
            self._reset_state()

    def reset(self) -> bytes:
        """Warm reset (or cold, if unpowered): security state and selection cleared."""
        return self.power_on()

    def _reset_state(self) -> None:
        self._df = _MF
        self._current_sfi: int | None = None
        self._verified = False
        self._waiting = b""

    # --- commands --------------------------------------------------------------------------

    def respond(self, apdu: bytes) -> bytes:
        """Answer one command APDU with response data + SW1 SW2, or b"" for no answer."""
        with self._lock:
            self._apdu_count += 1
            if not self._powered or self._image.mute:
                return b""
            if len(apdu) < 4:
                self._waiting = b""
                return SW_WRONG_LENGTH
            command = _Apdu(bytes(apdu))
            if (command.cla, command.ins) == (0x00, 0xC0):
                return self._get_response(command)
            self._waiting = b""
            handler = _HANDLERS.get((command.cla, command.ins))
            if handler is None:
                if command.cla not in (0x00, 0x80):
                    return SW_UNKNOWN_CLA
                if command.ins in _KNOWN_INS:
                    return SW_UNKNOWN_CLA
                return SW_UNKNOWN_INS
            if not command.valid:
                return SW_WRONG_LENGTH
            return handler(self, command)

    def _get_response(self, command: _Apdu) -> bytes:
        if not command.valid or not command.case2:
            return SW_WRONG_LENGTH
        if command.p1 or command.p2:
            return SW_WRONG_P1P2
        if not self._waiting:
            return SW_NOTHING_WAITING
        wanted = command.le or 256
        out, self._waiting = self._waiting[:wanted], self._waiting[wanted:]
        if self._waiting:
            return out + bytes([0x61, min(len(self._waiting), 256) & 0xFF])
        return out + SW_OK

    def _select(self, command: _Apdu) -> bytes:
        if not command.has_lc:
            return SW_WRONG_LENGTH
        if command.p2 != 0x00:
            return SW_WRONG_P1P2
        if command.p1 == 0x04:
            if command.data != SSSE_AID:
                return SW_NOT_FOUND
            self._df, self._current_sfi = _SSSE, None
            self._waiting = _fci(SSSE_AID)
            return bytes([0x61, len(self._waiting)])
        if command.p1 not in (0x00, 0x02):
            return SW_WRONG_P1P2
        if len(command.data) != 2:
            return SW_WRONG_LENGTH
        fid = int.from_bytes(command.data, "big")
        if fid == MF_FID and command.p1 == 0x00:
            self._df, self._current_sfi = _MF, None
            return SW_OK
        if self._df == _SSSE and fid in FID_TO_SFI:
            self._current_sfi = FID_TO_SFI[fid]
            return SW_OK
        return SW_NOT_FOUND

    def _read_record(self, command: _Apdu) -> bytes:
        if not command.case2:
            return SW_WRONG_LENGTH
        if command.p2 & 0x07 != 0x04:
            return SW_WRONG_P1P2
        sfi = command.p2 >> 3
        if sfi:
            if not self._sfi_exists(sfi):
                return SW_NOT_FOUND
            self._current_sfi = sfi
        elif self._current_sfi is None:
            return SW_NO_CURRENT_EF
        records = self._records.get(self._current_sfi)
        if records is None:
            return SW_INCOMPATIBLE_FILE
        if not 1 <= command.p1 <= len(records):
            return SW_NO_RECORD
        record = records[command.p1 - 1]
        if command.le != len(record):
            return bytes([0x6C, len(record)])
        return record + SW_OK

    def _read_binary(self, command: _Apdu) -> bytes:
        if not command.case2:
            return SW_WRONG_LENGTH
        if command.p1 & 0x80:
            if command.p1 & 0x60:
                return SW_WRONG_P1P2
            sfi = command.p1 & 0x1F
            if not self._sfi_exists(sfi):
                return SW_NOT_FOUND
            self._current_sfi = sfi
            offset = command.p2
        else:
            if self._current_sfi is None:
                return SW_NO_CURRENT_EF
            offset = (command.p1 << 8) | command.p2
        if self._current_sfi != SFI_PHOTO:
            return SW_INCOMPATIBLE_FILE
        content = self._image.photo_data
        if offset > len(content):
            return SW_WRONG_OFFSET
        wanted = command.le or 256
        out = content[offset : offset + wanted]
        return out + (SW_OK if len(out) == wanted else SW_END_OF_FILE)

    def _verify(self, command: _Apdu) -> bytes:
        if command.p1 != 0x00 or command.p2 != 0x00:
            return SW_WRONG_P1P2
        if command.case1:
            if self._tries_left == 0:
                return SW_PIN_BLOCKED
            return _tries_sw(self._tries_left)
        if not command.case3 or len(command.data) != 3:
            return SW_WRONG_LENGTH
        return self._check_pin(command.data)

    def _change_pin(self, command: _Apdu) -> bytes:
        if command.p1 != 0x01 or command.p2 != 0x00:
            return SW_WRONG_P1P2
        if not command.case3 or len(command.data) != 7:
            return SW_WRONG_LENGTH
        old, separator, new = command.data[:3], command.data[3], command.data[4:]
        if separator != 0xFF or not _is_pin_bcd(new):
            return SW_WRONG_DATA
        answer = self._check_pin(old)
        if answer == SW_OK:
            self._pin = new
        return answer

    def _check_pin(self, candidate: bytes) -> bytes:
        if self._tries_left == 0:
            return SW_PIN_BLOCKED
        if candidate == self._pin:
            self._tries_left = self._image.pin_tries_max
            self._verified = True
            return SW_OK
        self._tries_left -= 1
        self._verified = False
        return _tries_sw(self._tries_left)

    def _get_challenge(self, command: _Apdu) -> bytes:
        if command.p1 or command.p2:
            return SW_WRONG_P1P2
        if not command.case2:
            return SW_WRONG_LENGTH
        if command.le != CHALLENGE_LENGTH:
            return bytes([0x6C, CHALLENGE_LENGTH])
        return self._rng(CHALLENGE_LENGTH) + SW_OK

    def _sfi_exists(self, sfi: int) -> bool:
        return self._df == _SSSE and sfi in FID_TO_SFI.values()


_HANDLERS: dict[tuple[int, int], Callable[[SimCard, _Apdu], bytes]] = {
    (0x00, 0xA4): SimCard._select,
    (0x00, 0xB2): SimCard._read_record,
    (0x00, 0xB0): SimCard._read_binary,
    (0x00, 0x20): SimCard._verify,
    (0x00, 0x84): SimCard._get_challenge,
    (0x80, 0x5E): SimCard._change_pin,
}
_KNOWN_INS = frozenset(ins for _, ins in _HANDLERS) | {0xC0}


def _fci(aid: bytes) -> bytes:
    """FCI of a DF: 6F template with the DF name (84) and an empty proprietary template (A5)."""
    body = bytes([0x84, len(aid)]) + aid + b"\xa5\x00"
    return bytes([0x6F, len(body)]) + body


def _tries_sw(tries: int) -> bytes:
    return bytes([0x63, 0xC0 | tries])


def _pack_pin(pin: str) -> bytes:
    return bytes.fromhex(pin)


def _is_pin_bcd(packed: bytes) -> bool:
    return all(n <= 9 for byte in packed for n in (byte >> 4, byte & 0x0F))

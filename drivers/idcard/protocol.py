"""The reader's host protocol (../shared/design/IDCARD_PROFILE.md) as pure functions: frames
built and parsed, status bytes in words, the 256-byte text decoded and encoded. No I/O here:
the serial backend (serial.py) and the simulated reader (sim.py) both speak through this module.

A frame is `AA AA AA 96 69`, a big-endian length (the bytes after it, checksum included), the
body, and a checksum (XOR of the length bytes and the body). A command's body is the command,
its parameter and data; an answer's body is SW1 SW2 SW3 and data.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import reduce

from drivers.idcard.base import (
    IdCardUnsupported,
    IdFrameError,
    IdIdentity,
    IdStatusError,
)

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER = len(PREAMBLE) + 2  # preamble and length
# The length field's bounds. The smallest frame is a command without data (command, parameter,
# checksum: 3); the largest the profile has is the read answer (0x0508 = 1,288). Readers that
# also read a fingerprint answer 30 10 with 1,024 bytes more (0x0908); anything longer is noise,
# refused at once instead of waiting for up to 64 KiB that will never come.
MIN_LENGTH = 3
MAX_LENGTH = 0x0908 + 0x100
TEXT_BYTES = 256
PHOTO_BYTES = 1024


class Command(enum.Enum):
    """The profile's commands: (command, parameter)."""

    FIND = (0x20, 0x01)
    SELECT = (0x20, 0x02)
    READ = (0x30, 0x01)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)

    @property
    def code(self) -> int:
        return self.value[0]

    @property
    def param(self) -> int:
        return self.value[1]

    @property
    def words(self) -> str:
        return _COMMAND_WORDS[self]


_COMMAND_WORDS = {
    Command.FIND: "find card",
    Command.SELECT: "select card",
    Command.READ: "read text and photo",
    Command.SAM_STATUS: "SAM status",
    Command.SAM_ID: "SAM id",
}

# What each command answers on success: its SW3 and the length of its data (None: checked by
# the command's own decoder).
SUCCESS = {
    Command.FIND: 0x9F,
    Command.SELECT: 0x90,
    Command.READ: 0x90,
    Command.SAM_STATUS: 0x90,
    Command.SAM_ID: 0x90,
}
DATA_LENGTH: dict[Command, int] = {
    Command.FIND: 4,
    Command.SELECT: 8,
    Command.READ: 4 + TEXT_BYTES + PHOTO_BYTES,
    Command.SAM_STATUS: 0,
    Command.SAM_ID: 16,
}

# Every SW3 of the profile, in words (the one table; messages and the diagnostics use it).
SW3_NO_CARD = 0x80
STATUS_WORDS: dict[int, str] = {
    0x90: "success",
    0x9F: "a card was found",
    0x10: "the reader received a command with a bad checksum",
    0x11: "the reader received a command of the wrong length",
    0x21: "the reader does not know the command",
    0x23: "the operation is not permitted on this card",
    0x24: "the reader reports an unrecognised error",
    0x31: "the card failed authentication",
    0x33: "the card's information failed authentication",
    0x40: "the card is of an unrecognised type",
    0x41: "reading the card failed",
    0x60: "the reader's security module (SAM) failed its self-test",
    0x66: "the reader's security module (SAM) is not authorised",
    0x80: "no card was found on the reader",
    0x81: "selecting the card failed",
    0x91: "the card has no content of that kind",
}


def status_words(sw3: int) -> str:
    return STATUS_WORDS.get(sw3, f"an undocumented status 0x{sw3:02X}")


def checksum(data: bytes | bytearray) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def frame(body: bytes) -> bytes:
    """A whole frame around `body` (a command's or an answer's)."""
    if not MIN_LENGTH - 1 <= len(body) <= MAX_LENGTH - 1:
        raise ValueError(f"a frame body of {len(body)} bytes is out of bounds")
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def command(cmd: int, param: int, data: bytes = b"") -> bytes:
    """The frame of a command, e.g. command(0x20, 0x01) = AA AA AA 96 69 00 03 20 01 22."""
    return frame(bytes([cmd, param]) + data)


def command_of(cmd: Command) -> bytes:
    return command(cmd.code, cmd.param)


def response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """The frame of an answer (the simulated reader's side)."""
    return frame(bytes([sw1, sw2, sw3]) + data)


class FrameReader:
    """Frames out of a byte stream that arrives in pieces of any size.

    `feed` bytes as they come; `next_frame` returns the next complete frame's body, None when
    more bytes are needed, or raises IdFrameError for a frame whose length is out of bounds or
    whose checksum is wrong. After an error it resynchronises: it drops the first byte of the bad
    frame's preamble and looks for the next preamble, so calling `next_frame` again goes on with
    the rest of the stream. Bytes before a preamble are noise and skipped. The outcomes (frames
    and errors, in order) depend only on the bytes, not on how they were split."""

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._buffer = bytearray()
        self._max_length = max_length

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def clear(self) -> None:
        self._buffer.clear()

    @property
    def partial(self) -> bool:
        """A frame has begun (its preamble, or part of it, was seen) and is not complete."""
        buffer = self._buffer
        if buffer.find(PREAMBLE) >= 0:
            return True
        return any(buffer.endswith(PREAMBLE[:n]) for n in range(1, len(PREAMBLE)))

    def next_frame(self) -> bytes | None:
        buffer = self._buffer
        start = buffer.find(PREAMBLE)
        if start < 0:
            # Keep only what could still be the beginning of a preamble.
            del buffer[: max(0, len(buffer) - (len(PREAMBLE) - 1))]
            return None
        del buffer[:start]
        if len(buffer) < HEADER:
            return None
        length = int.from_bytes(buffer[len(PREAMBLE) : HEADER], "big")
        if not MIN_LENGTH <= length <= self._max_length:
            del buffer[:1]
            raise IdFrameError(
                f"a frame length of {length} bytes is out of bounds "
                f"({MIN_LENGTH} to {self._max_length})"
            )
        end = HEADER + length
        if len(buffer) < end:
            return None
        if checksum(buffer[len(PREAMBLE) : end - 1]) != buffer[end - 1]:
            del buffer[:1]
            raise IdFrameError("a frame's checksum is wrong")
        body = bytes(buffer[HEADER : end - 1])
        del buffer[:end]
        return body


def split_frame(data: bytes) -> bytes:
    """The body of the one frame in `data` (a whole answer, as a test or a one-shot caller
    has it); IdFrameError if there is none or it is truncated."""
    reader = FrameReader()
    reader.feed(data)
    body = reader.next_frame()
    if body is None:
        raise IdFrameError("the answer is truncated" if reader.partial else "no frame")
    return body


def parse_response(body: bytes) -> tuple[int, bytes]:
    """An answer's body → (SW3, data). SW1 and SW2 must be 00."""
    if len(body) < 3:
        raise IdFrameError(f"an answer of {len(body)} bytes has no status")
    if body[0] or body[1]:
        raise IdFrameError(f"an answer's SW1 SW2 are {body[0]:02X} {body[1]:02X}, not 00 00")
    return body[2], bytes(body[3:])


def parse_command(body: bytes) -> tuple[int, int, bytes]:
    """A command's body → (command, parameter, data) (the simulated reader's side)."""
    if len(body) < 2:
        raise IdFrameError(f"a command of {len(body)} bytes has no command and parameter")
    return body[0], body[1], bytes(body[2:])


def answer_data(cmd: Command, body: bytes) -> bytes:
    """The data of `cmd`'s answer: IdStatusError (the SW3 in words) unless it succeeded,
    IdFrameError if its data has the wrong length."""
    sw3, data = parse_response(body)
    if sw3 != SUCCESS[cmd]:
        raise IdStatusError(sw3, f"{cmd.words}: {status_words(sw3)} (SW3 {sw3:02X})")
    if len(data) != DATA_LENGTH[cmd]:
        raise IdFrameError(
            f"{cmd.words}: the answer has {len(data)} bytes of data, not {DATA_LENGTH[cmd]}"
        )
    return data


def read_data(text: bytes, photo: bytes = bytes(PHOTO_BYTES)) -> bytes:
    """The data of a read answer: the two lengths, the text and the photo."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def split_read_data(data: bytes) -> tuple[bytes, bytes]:
    """A read answer's data → (text, photo), their lengths checked."""
    if len(data) < 4:
        raise IdFrameError("the read answer has no text and photo lengths")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if text_length != TEXT_BYTES or photo_length != PHOTO_BYTES:
        raise IdFrameError(
            f"the read answer's text and photo are {text_length} and {photo_length} bytes, "
            f"not {TEXT_BYTES} and {PHOTO_BYTES}"
        )
    if len(data) != 4 + text_length + photo_length:
        raise IdFrameError("the read answer's lengths do not add up")
    return data[4 : 4 + text_length], data[4 + text_length :]


# The text ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    offset: int
    size: int  # bytes (UCS-2: two per character)

    @property
    def chars(self) -> int:
        return self.size // 2


NAME = _Field(0, 30)
SEX = _Field(30, 2)
ETHNICITY = _Field(32, 4)
BIRTH = _Field(36, 16)
ADDRESS = _Field(52, 70)
ID_NUMBER = _Field(122, 36)
ISSUER = _Field(158, 30)
VALID_FROM = _Field(188, 16)
VALID_TO = _Field(204, 16)
RESERVED = _Field(220, 36)
# The card kind marker: the 2 bytes at offset 248 (inside the profile's "reserved"). Vendors'
# SDK manuals document it for readers that also read the newer kinds of card: a space on the
# resident ID card, "I" on the foreigner's permanent residence ID (2017), "Y" on its 2023
# successor, "J" on the Hong Kong / Macao / Taiwan residents' residence permit. Those cards put
# other fields where the resident card has reserved spaces (the permit: its pass number and
# issue count at 220; the foreigner's card: another layout altogether).
KIND = _Field(248, 2)
KIND_NAMES = {
    "I": "a foreigner's permanent residence ID card",
    "Y": "a foreigner's permanent residence ID card (2023)",
    "J": "a Hong Kong, Macao or Taiwan residents' residence permit",
}
LONG_TERM = "长期"

_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
# First digits of ID numbers that are not resident ID numbers: 81, 82, 83 the residence permits
# of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000); 9 the 2023 foreigner's
# permanent residence ID. Resident numbers begin with a province code, 11 to 65.
_NON_RESIDENT_PREFIXES = {
    "81": KIND_NAMES["J"],
    "82": KIND_NAMES["J"],
    "83": KIND_NAMES["J"],
    "9": KIND_NAMES["Y"],
}


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_valid(id_number: str) -> bool:
    return (
        _ID_NUMBER.fullmatch(id_number) is not None
        and id_check_char(id_number[:17]) == id_number[17]
    )


def _field(text: str, field: _Field) -> str:
    start = field.offset // 2
    return text[start : start + field.chars].rstrip(" ")


def _date(value: str, what: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{8}", value):
        raise IdFrameError(f"the card's {what} is not a date YYYYMMDD")
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise IdFrameError(f"the card's {what} is not a date") from None


def card_kind(text: bytes) -> str | None:
    """None for a resident ID card's text; else what kind of card it is, in words. Relied on:
    the kind marker at offset 248 (a space on the resident card), the rest of the reserved
    field (spaces on the resident card) and the ID number's first digits (81/82/83 and 9 are not
    resident numbers)."""
    try:
        decoded = text.decode("utf-16-le")
    except UnicodeDecodeError:
        return None  # not text at all: decode_text says so
    marker = _field(decoded, KIND)
    if marker:
        return KIND_NAMES.get(marker, f"a kind of ID card marked {marker!r}")
    if _field(decoded, RESERVED):
        return "a kind of ID card with data in the resident card's reserved field"
    number = _field(decoded, ID_NUMBER)
    for prefix, kind in _NON_RESIDENT_PREFIXES.items():
        if number.startswith(prefix):
            return kind
    return None


def decode_text(text: bytes) -> IdIdentity:
    """The 256 bytes of a resident ID card → IdIdentity. IdCardUnsupported for another kind of
    card; IdFrameError for text that does not follow the layout (the messages never hold the
    personal data itself)."""
    if len(text) != TEXT_BYTES:
        raise IdFrameError(f"the card's text is {len(text)} bytes, not {TEXT_BYTES}")
    kind = card_kind(text)
    if kind is not None:
        raise IdCardUnsupported(f"this kind of ID card is not supported here ({kind})")
    try:
        decoded = text.decode("utf-16-le")
    except UnicodeDecodeError:
        raise IdFrameError("the card's text is not UCS-2") from None
    if len(decoded) != TEXT_BYTES // 2:  # a surrogate pair would make it shorter
        raise IdFrameError("the card's text is not UCS-2")
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in decoded):
        raise IdFrameError("the card's text holds control characters")
    name = _field(decoded, NAME)
    if not name:
        raise IdFrameError("the card's name is empty")
    sex = _field(decoded, SEX)
    if sex not in ("0", "1", "2", "9"):
        raise IdFrameError("the card's sex is not a GB/T 2261.1 code")
    ethnicity = _field(decoded, ETHNICITY)
    if not re.fullmatch(r"[0-9]{2}", ethnicity):
        raise IdFrameError("the card's ethnicity is not two digits")
    birth = _date(_field(decoded, BIRTH), "birth date")
    id_number = _field(decoded, ID_NUMBER)
    if not id_number_valid(id_number):
        raise IdFrameError("the card's ID number is not a valid resident ID number")
    if id_number[6:14] != birth.strftime("%Y%m%d"):
        raise IdFrameError("the card's birth date and ID number disagree")
    valid_from = _date(_field(decoded, VALID_FROM), "valid-from date")
    to_text = _field(decoded, VALID_TO)
    valid_to = None if to_text == LONG_TERM else _date(to_text, "valid-to date")
    if valid_to is not None and valid_to < valid_from:
        raise IdFrameError("the card's validity ends before it begins")
    return IdIdentity(
        name=name,
        sex=sex,
        ethnicity=ethnicity,
        birth_date=birth,
        address=_field(decoded, ADDRESS),
        id_number=id_number,
        issuer=_field(decoded, ISSUER),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _put(chars: list[str], field: _Field, value: str, what: str) -> None:
    if len(value) > field.chars:
        raise ValueError(f"{what} has {len(value)} characters, more than {field.chars}")
    start = field.offset // 2
    chars[start : start + field.chars] = list(value.ljust(field.chars, " "))


def encode_text(identity: IdIdentity, *, kind: str = "") -> bytes:
    """The 256 bytes a reader hands over for `identity` (the simulator's and the tests' side).
    `kind` sets the kind marker (e.g. "J") to make the text of a card this driver refuses."""
    chars = [" "] * (TEXT_BYTES // 2)
    _put(chars, NAME, identity.name, "the name")
    _put(chars, SEX, identity.sex, "the sex")
    _put(chars, ETHNICITY, identity.ethnicity, "the ethnicity")
    _put(chars, BIRTH, identity.birth_date.strftime("%Y%m%d"), "the birth date")
    _put(chars, ADDRESS, identity.address, "the address")
    _put(chars, ID_NUMBER, identity.id_number, "the ID number")
    _put(chars, ISSUER, identity.issuer, "the issuing authority")
    _put(chars, VALID_FROM, identity.valid_from.strftime("%Y%m%d"), "the valid-from date")
    to_text = LONG_TERM if identity.valid_to is None else identity.valid_to.strftime("%Y%m%d")
    _put(chars, VALID_TO, to_text, "the valid-to date")
    _put(chars, KIND, kind, "the kind marker")
    data = "".join(chars).encode("utf-16-le")
    if len(data) != TEXT_BYTES:
        raise ValueError("characters outside UCS-2 do not fit the card's text")
    return data

"""Card images: the JSON description of one demo card (assets/cards/README.md) and its encoding
into the EF05/EF06 records of CARD_PROFILE.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sscard_assets import assets_dir

ATR_PREFIX = bytes.fromhex("3B6D0000")
ATR_LENGTH = len(ATR_PREFIX) + 13
PHOTO_MAX = 4096
# A card image is about 1 KB of JSON; anything much larger is not one (and a 100,000-deep
# nesting of brackets would exhaust the parser's stack).
IMAGE_MAX_BYTES = 64 * 1024
NAME_LENGTH = 30
NAME_EXTENSION_LENGTH = 20
BACKEND_STATUSES = frozenset({"normal", "temporary_loss", "lost", "cancelled"})

SFI_ISSUER = 0x05
SFI_HOLDER = 0x06
SFI_PHOTO = 0x08

# Record number -> (tag, value length), in the order of the profile table.
EF05_LAYOUT: tuple[tuple[int, int], ...] = (
    (0x01, 16),  # card identification code
    (0x02, 1),  # card type
    (0x03, 4),  # spec version
    (0x04, 12),  # issuing organisation code
    (0x05, 4),  # issue date
    (0x06, 4),  # expiry date
    (0x07, 9),  # card number
)
EF06_LAYOUT: tuple[tuple[int, int], ...] = (
    (0x08, 18),  # social security number
    (0x09, 30),  # name
    (0x4E, 20),  # name extension
    (0x0A, 1),  # gender
    (0x0B, 1),  # ethnicity
    (0x0C, 3),  # birthplace
    (0x0D, 4),  # birth date
)

_RAW_KEY = re.compile(r"^([0-9]{1,2}):([0-9]{1,3})$")
_ID_STEM = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ImageError(ValueError):
    """A card image file that does not follow assets/cards/README.md."""


@dataclass(frozen=True)
class IssuerData:
    """EF05: card issuer data."""

    card_id_code: bytes
    card_type: str
    spec_version: str
    issuer_org: str
    issue_date: dt.date
    expiry_date: dt.date
    card_number: str


@dataclass(frozen=True)
class HolderData:
    """EF06: cardholder basic data."""

    ssn: str
    name: str
    gender: str
    ethnicity: str
    birthplace: str
    birth_date: dt.date


@dataclass(frozen=True)
class BackendData:
    """What the demo back end holds about the card (not on the chip)."""

    known: bool
    status: str
    mobile: str
    photo_on_file: bool


@dataclass(frozen=True)
class CardImage:
    id: str
    label: Mapping[str, str]
    atr: bytes
    pin: str
    pin_tries_max: int
    pin_tries_left: int
    issuer: IssuerData
    holder: HolderData
    backend: BackendData
    photo: str | None = None  # file name beside the JSON file
    photo_data: bytes = b""  # the contents of EF08
    raw_records: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    mute: bool = False


# --- locating images -----------------------------------------------------------------------


def cards_dir() -> Path:
    """The demo card images: assets/cards, wherever the project is installed."""
    return assets_dir() / "cards"


def demo_image_ids() -> list[str]:
    return sorted(p.stem for p in cards_dir().glob("*.json"))


def load_image(path_or_id: str | os.PathLike[str]) -> CardImage:
    """Load a card image from a JSON file, or by id ("normal") from `cards_dir()`."""
    text = os.fspath(path_or_id)
    if isinstance(path_or_id, os.PathLike) or text.endswith(".json") or os.sep in text:
        path = Path(text)
    else:
        if not _ID_STEM.match(text):
            raise ImageError(f"{text!r} is neither a card image id nor a .json path")
        path = cards_dir() / f"{text}.json"
    data = read_json_file(path)
    try:
        return image_from_dict(data, base_dir=path.parent, default_id=path.stem)
    except ImageError as exc:
        raise ImageError(f"{path}: {exc}") from None


def read_json_file(path: Path, max_bytes: int = IMAGE_MAX_BYTES) -> Any:
    """The JSON value in `path`, a regular UTF-8 file of at most `max_bytes`; ImageError
    saying what is wrong otherwise (missing, a folder or FIFO, too big, not UTF-8, not JSON,
    nested too deeply)."""
    raw = read_regular_file(path, max_bytes, "card image")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImageError(f"{path}: not UTF-8 text (byte {exc.start} is not)") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImageError(f"{path}: not JSON ({exc})") from None
    except RecursionError:
        raise ImageError(f"{path}: JSON nested too deeply to be a card image") from None


def read_regular_file(path: Path, max_bytes: int, what: str) -> bytes:
    """The bytes of `path` if it is a regular file of at most `max_bytes`; else ImageError.

    Opened non-blocking, so a FIFO fails at once instead of waiting for a writer, and checked
    before reading, so /dev/zero is refused rather than read until memory runs out.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImageError(f"no {what} at {path}") from None
    except OSError as exc:
        raise ImageError(f"cannot open {what} {path}: {exc.strerror}") from None
    except ValueError:  # a NUL in the path
        raise ImageError(f"the {what} path contains a NUL character") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder itself
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise ImageError(f"{what} {path} is {kind}")
    with os.fdopen(fd, "rb") as file:
        if info.st_size > max_bytes:
            raise ImageError(f"{what} {path} is {info.st_size:,} bytes; at most {max_bytes:,}")
        try:
            data = file.read(max_bytes + 1)
        except OSError as exc:
            raise ImageError(f"cannot read {what} {path}: {exc.strerror}") from None
    if len(data) > max_bytes:  # grew since fstat
        raise ImageError(f"{what} {path} is larger than {max_bytes:,} bytes")
    return data


def image_from_dict(
    data: Mapping[str, Any], *, base_dir: Path | None = None, default_id: str = ""
) -> CardImage:
    """Build and check a CardImage from the parsed JSON; `base_dir` is where the photo lives."""
    if not isinstance(data, Mapping):
        raise ImageError("the image must be a JSON object")
    issuer = _section(data, "issuer")
    holder = _section(data, "holder")
    backend = _section(data, "backend")

    atr = _hex(data.get("atr"), "atr")
    if len(atr) != ATR_LENGTH or not atr.startswith(ATR_PREFIX):
        raise ImageError("atr must be 3B 6D 00 00 followed by 13 historical bytes")
    pin = _str(data.get("pin"), "pin")
    if len(pin) != 6 or not (pin.isascii() and pin.isdigit()):
        raise ImageError("pin must be 6 digits")
    tries_max = _int(data.get("pin_tries_max", 6), "pin_tries_max")
    tries_left = _int(data.get("pin_tries_left", tries_max), "pin_tries_left")
    # 63 Cx carries the count in one nibble.
    if not 1 <= tries_max <= 15 or not 0 <= tries_left <= tries_max:
        raise ImageError("need 1 <= pin_tries_max <= 15 and 0 <= pin_tries_left <= pin_tries_max")

    photo = data.get("photo")
    photo_data = b""
    if photo is not None:
        photo = _str(photo, "photo")
        if base_dir is None:
            raise ImageError("a photo file name needs the image's folder")
        # EF08 holds PHOTO_MAX bytes: a larger file, a FIFO or /dev/zero is refused unread.
        photo_data = read_regular_file(base_dir / photo, PHOTO_MAX, "photo")

    raw = data.get("raw_records") or {}
    if not isinstance(raw, Mapping):
        raise ImageError("raw_records must be an object")
    raw_records: dict[str, bytes] = {}
    for key, value in raw.items():
        sfi, rec = _raw_key(key)
        record = _hex(value, f"raw_records[{key!r}]")
        if not 1 <= len(record) <= 255:
            raise ImageError(f"raw_records[{key!r}] must be 1 to 255 bytes")
        raw_records[f"{sfi}:{rec}"] = record

    label = data.get("label") or {}
    if not isinstance(label, Mapping) or not all(isinstance(v, str) for v in label.values()):
        raise ImageError("label must map language codes to text")

    image = CardImage(
        id=_str(data.get("id", default_id), "id"),
        label=MappingProxyType(dict(label)),
        atr=atr,
        pin=pin,
        pin_tries_max=tries_max,
        pin_tries_left=tries_left,
        issuer=IssuerData(
            card_id_code=_hex(issuer.get("card_id_code"), "issuer.card_id_code"),
            card_type=_str(issuer.get("card_type"), "issuer.card_type"),
            spec_version=_str(issuer.get("spec_version"), "issuer.spec_version"),
            issuer_org=_str(issuer.get("issuer_org"), "issuer.issuer_org"),
            issue_date=_date(issuer.get("issue_date"), "issuer.issue_date"),
            expiry_date=_date(issuer.get("expiry_date"), "issuer.expiry_date"),
            card_number=_str(issuer.get("card_number"), "issuer.card_number"),
        ),
        holder=HolderData(
            ssn=_str(holder.get("ssn"), "holder.ssn"),
            name=_str(holder.get("name"), "holder.name"),
            gender=_str(holder.get("gender"), "holder.gender"),
            ethnicity=_str(holder.get("ethnicity"), "holder.ethnicity"),
            birthplace=_str(holder.get("birthplace"), "holder.birthplace"),
            birth_date=_date(holder.get("birth_date"), "holder.birth_date"),
        ),
        backend=BackendData(
            # Unknown unless it says so: the back end is seeded only with what an image claims.
            known=_bool(backend.get("known", False), "backend.known"),
            status=_str(backend.get("status", "normal"), "backend.status"),
            mobile=_str(backend.get("mobile", ""), "backend.mobile"),
            photo_on_file=_bool(backend.get("photo_on_file", False), "backend.photo_on_file"),
        ),
        photo=photo,
        photo_data=photo_data,
        raw_records=MappingProxyType(raw_records),
        mute=_bool(data.get("mute", False), "mute"),
    )
    if image.backend.status not in BACKEND_STATUSES:
        raise ImageError(f"backend.status must be one of {sorted(BACKEND_STATUSES)}")
    # Encoding checks every chip field's length and character set.
    encode_records(image)
    return image


# --- encoding --------------------------------------------------------------------------------


def tlv(tag: int, value: bytes) -> bytes:
    if len(value) > 255:
        raise ImageError(f"tag {tag:02X}: value of {len(value)} bytes")
    return bytes([tag, len(value)]) + value


def bcd(digits: str, length: int, *, pad: str = "F") -> bytes:
    """Pack decimal digits two to a byte, right-padded with `pad` nibbles to `length` bytes."""
    if not digits.isascii() or not digits.isdigit():
        raise ImageError(f"{digits!r}: BCD needs decimal digits")
    if len(digits) > 2 * length:
        raise ImageError(f"{digits!r}: more than {2 * length} digits")
    return bytes.fromhex(digits.ljust(2 * length, pad))


def bcd_date(day: dt.date) -> bytes:
    return bcd(day.strftime("%Y%m%d"), 4)


def split_name(name: str) -> tuple[bytes, bytes]:
    """GBK name and name extension values, 00-padded to 30 and 20 bytes.

    The split falls on a character boundary, so each part decodes on its own and their
    concatenation (padding stripped) is the whole name either way a reader joins them.
    """
    try:
        encoded = [ch.encode("gbk") for ch in name]
    except UnicodeEncodeError:
        raise ImageError(f"name {name!r} cannot be written in GBK") from None
    head = bytearray()
    index = 0
    while index < len(encoded) and len(head) + len(encoded[index]) <= NAME_LENGTH:
        head += encoded[index]
        index += 1
    tail = b"".join(encoded[index:])
    if len(tail) > NAME_EXTENSION_LENGTH:
        limit = NAME_LENGTH + NAME_EXTENSION_LENGTH
        raise ImageError(f"name {name!r} is longer than {limit} bytes in GBK")
    return bytes(head).ljust(NAME_LENGTH, b"\0"), tail.ljust(NAME_EXTENSION_LENGTH, b"\0")


def encode_ef05(image: CardImage) -> tuple[bytes, ...]:
    """The seven EF05 records (tag and length included), before raw_records overrides."""
    issuer = image.issuer
    if len(issuer.card_id_code) != 16:
        raise ImageError("issuer.card_id_code must be 16 bytes (32 hex digits)")
    values = (
        issuer.card_id_code,
        _ascii(issuer.card_type, 1, "issuer.card_type"),
        _ascii(issuer.spec_version, 4, "issuer.spec_version"),
        bcd(issuer.issuer_org, 12),
        bcd_date(issuer.issue_date),
        bcd_date(issuer.expiry_date),
        _ascii(issuer.card_number, 9, "issuer.card_number"),
    )
    return _records(EF05_LAYOUT, values)


def encode_ef06(image: CardImage) -> tuple[bytes, ...]:
    """The seven EF06 records (tag and length included), before raw_records overrides."""
    holder = image.holder
    if holder.gender not in ("1", "2"):
        raise ImageError("holder.gender must be '1' or '2'")
    name, extension = split_name(holder.name)
    values = (
        _ascii(holder.ssn, 18, "holder.ssn"),
        name,
        extension,
        holder.gender.encode("ascii"),
        _exact_bcd(holder.ethnicity, 1, "holder.ethnicity"),
        _exact_bcd(holder.birthplace, 3, "holder.birthplace"),
        bcd_date(holder.birth_date),
    )
    return _records(EF06_LAYOUT, values)


def encode_records(image: CardImage) -> dict[int, tuple[bytes, ...]]:
    """SFI -> records (index 0 is record 1) of the record files, raw_records applied.

    A raw record replaces the encoded one with the same number, or extends the file when it
    is the next number after the last.
    """
    files = {SFI_ISSUER: list(encode_ef05(image)), SFI_HOLDER: list(encode_ef06(image))}
    for key in sorted(image.raw_records, key=_raw_key):
        sfi, rec = _raw_key(key)
        if sfi not in files:
            raise ImageError(f"raw_records[{key!r}]: SFI {sfi} is not a record file")
        records = files[sfi]
        if rec <= len(records):
            records[rec - 1] = image.raw_records[key]
        elif rec == len(records) + 1:
            records.append(image.raw_records[key])
        else:
            raise ImageError(f"raw_records[{key!r}]: records must stay numbered without gaps")
    return {sfi: tuple(records) for sfi, records in files.items()}


# --- helpers ---------------------------------------------------------------------------------


def _records(layout: tuple[tuple[int, int], ...], values: tuple[bytes, ...]) -> tuple[bytes, ...]:
    out = []
    for (tag, length), value in zip(layout, values, strict=True):
        if len(value) != length:
            raise ImageError(f"tag {tag:02X}: value of {len(value)} bytes, profile says {length}")
        out.append(tlv(tag, value))
    return tuple(out)


def _ascii(text: str, length: int, what: str) -> bytes:
    if not text.isascii() or not text.isprintable() or len(text) != length:
        raise ImageError(f"{what} must be {length} printable ASCII characters")
    return text.encode("ascii")


def _exact_bcd(digits: str, length: int, what: str) -> bytes:
    if len(digits) != 2 * length:
        raise ImageError(f"{what} must be {2 * length} digits")
    return bcd(digits, length)


def _raw_key(key: str) -> tuple[int, int]:
    match = _RAW_KEY.match(key) if isinstance(key, str) else None
    if not match:
        raise ImageError(f"raw_records key {key!r} is not 'SFI:REC'")
    sfi, rec = int(match.group(1)), int(match.group(2))
    if not 1 <= sfi <= 30 or not 1 <= rec <= 254:
        raise ImageError(f"raw_records key {key!r}: SFI 1-30, record 1-254")
    return sfi, rec


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    section = data.get(name)
    if not isinstance(section, Mapping):
        raise ImageError(f"{name} must be an object")
    return section


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ImageError(f"{what} must be a string")
    return value


def _int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ImageError(f"{what} must be an integer")
    return value


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise ImageError(f"{what} must be true or false")
    return value


def _hex(value: object, what: str) -> bytes:
    text = _str(value, what).replace(" ", "")
    if len(text) % 2 or not all(c in string.hexdigits for c in text):
        raise ImageError(f"{what} must be hex digits")
    return bytes.fromhex(text)


def _date(value: object, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_str(value, what))
    except ValueError:
        raise ImageError(f"{what} must be a date YYYY-MM-DD") from None

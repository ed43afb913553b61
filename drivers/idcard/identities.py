"""Identities from JSON: the demo ID cards (demo_identities.json beside this file) and a
person's own file for `kiosk idcard serve PERSON`. The simulator and the mock reader use them;
the kiosk's demo tray lists them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from drivers.idcard.base import IdCardError, IdIdentity
from drivers.idcard.protocol import LONG_TERM, decode_text, encode_text

DEMO_FILE = Path(__file__).with_name("demo_identities.json")
MAX_FILE_BYTES = 64 * 1024
_FIELDS = (
    "name",
    "sex",
    "ethnicity",
    "birth_date",
    "address",
    "id_number",
    "issuer",
    "valid_from",
    "valid_to",
)


class IdentityFileError(ValueError):
    """An identity file or entry that is not one resident ID card's text (one line, without
    the personal data)."""


def identity_from_dict(data: Any) -> IdIdentity:
    """An identity from its JSON object; checked as the card's text would be (encoded and
    decoded), so that what the simulator serves is what a reader could hand over."""
    if not isinstance(data, dict):
        raise IdentityFileError("an identity is a JSON object")
    missing = [name for name in _FIELDS if name not in data]
    if missing:
        raise IdentityFileError(f"an identity lacks {', '.join(missing)}")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise IdentityFileError(f"an identity has unknown fields: {', '.join(unknown)}")
    texts = {k: data[k] for k in _FIELDS if k != "valid_to"}
    if not all(isinstance(v, str) for v in texts.values()):
        raise IdentityFileError("an identity's fields are text")
    valid_to = data["valid_to"]
    if valid_to is not None and not isinstance(valid_to, str):
        raise IdentityFileError("valid_to is a date YYYY-MM-DD or null (long-term)")
    try:
        identity = IdIdentity(
            name=texts["name"],
            sex=texts["sex"],
            ethnicity=texts["ethnicity"],
            birth_date=dt.date.fromisoformat(texts["birth_date"]),
            address=texts["address"],
            id_number=texts["id_number"].upper(),
            issuer=texts["issuer"],
            valid_from=dt.date.fromisoformat(texts["valid_from"]),
            valid_to=None
            if valid_to in (None, LONG_TERM)
            else dt.date.fromisoformat(str(valid_to)),
        )
        return decode_text(encode_text(identity))
    except ValueError as exc:  # IdFrameError is not one: caught below
        raise IdentityFileError(f"an identity does not fit a resident ID card: {exc}") from None
    except IdCardError as exc:  # IdFrameError, IdCardUnsupported: their messages hold no data
        raise IdentityFileError(f"an identity is not a valid resident ID card: {exc}") from None


def identity_to_dict(identity: IdIdentity) -> dict[str, str | None]:
    return {
        "name": identity.name,
        "sex": identity.sex,
        "ethnicity": identity.ethnicity,
        "birth_date": identity.birth_date.isoformat(),
        "address": identity.address,
        "id_number": identity.id_number,
        "issuer": identity.issuer,
        "valid_from": identity.valid_from.isoformat(),
        "valid_to": None if identity.valid_to is None else identity.valid_to.isoformat(),
    }


def demo_identities() -> dict[str, IdIdentity]:
    """The demo ID cards by key (e.g. "wangxiaoming"), in the file's order."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return {key: identity_from_dict(value) for key, value in data["identities"].items()}


def find_identity(person: str) -> IdIdentity:
    """A demo identity by key or by its Chinese name, or the identity in a JSON file (one
    identity object). IdentityFileError says what is wrong in one line."""
    demos = demo_identities()
    if person in demos:
        return demos[person]
    for identity in demos.values():
        if identity.name == person:
            return identity
    if not person or any(ord(ch) < 0x20 for ch in person):
        raise IdentityFileError("PERSON is a demo identity or a JSON file's path")
    path = Path(person)
    if not path.suffix.lower() == ".json" and not path.exists():
        raise IdentityFileError(
            f"{person!r} is neither a demo identity ({', '.join(demos)}) nor a JSON file"
        )
    try:
        if not path.is_file():
            raise IdentityFileError(f"{person!r} is not a regular file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IdentityFileError(f"{person!r} is larger than {MAX_FILE_BYTES // 1024} KiB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise IdentityFileError(f"cannot read {person!r}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IdentityFileError(f"{person!r} is not UTF-8 JSON") from None
    return identity_from_dict(data)

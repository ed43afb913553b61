"""The diagnostics bundle: one archive a technician attaches to a ticket (`kiosk diag bundle`,
later the diagnostics screen), holding named documents (JSON, and the log's tail as text).

It must hold no full name, ID number, card number, mobile, PIN or key (QUALITY.md S1). The
documents put into it are made without personal data in the first place (the settings without
secrets: `settings_document`; the log, which the kiosk keeps free of it); on top of that, every
text that goes in passes `redact_text`, which masks anything shaped like an ID number, a card
number, a mobile number, a long run of digits (a bank card) or a long hexadecimal or base64 run
(a key, a card's identification code). Names have no shape to look for: they never enter.

A document joins with `Bundle.add_json(name, document)` (or `add_text`); whoever has one to add
(the self-test's result, the last card test) calls it before `write`. The archive is a tar.gz
named for the kiosk and the time, written 0600 and atomically into the folder given, with a
manifest.json listing what it holds.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.masking import mask_card_number, mask_id_number, mask_whole
from kiosk.domain.text import shorten
from kiosk.services.day_report import write_private_atomically
from kiosk.store.db import redacted

FORMAT = 1  # manifest.json's "format": raised when the layout of the bundle changes
LOG_LINES = 2000  # the log's last lines in a bundle
LOG_BYTES = 512 * 1024  # ... and at most this much of it (a log of very long lines)
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,62}\.(json|txt)")

# -- redaction -----------------------------------------------------------------------------------

_EDGE_L, _EDGE_R = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_HEX = re.compile(_EDGE_L + r"[0-9A-Fa-f]{32,}" + _EDGE_R)
_BASE64 = re.compile(r"(?<![0-9A-Za-z+/])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{40,}={0,2}")
_ID_NUMBER = re.compile(_EDGE_L + r"[0-9]{17}[0-9Xx]" + _EDGE_R)
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9]{9}(?![0-9])")
_LONG_DIGITS = re.compile(r"(?<![0-9])[0-9]{12,}(?![0-9])")
# A card number: 8 letters or digits and a check character, with at least one digit.
_CARD_NUMBER = re.compile(_EDGE_L + r"(?=[A-Z]*[0-9])[A-Z0-9]{8}[0-9X]" + _EDGE_R)


def redact_text(text: str) -> str:
    """`text` with every run shaped like a key, an ID number, a mobile, a bank or social
    security card number masked. Errs on the side of masking: a 9-character code or a long
    hash in a log line is masked too."""
    text = _HEX.sub(lambda m: f"[{len(m.group())} hex digits hidden]", text)
    text = _BASE64.sub(lambda m: f"[{len(m.group())} characters hidden]", text)
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE.sub(lambda m: mask_whole(m.group()), text)
    text = _LONG_DIGITS.sub(lambda m: mask_id_number(m.group()), text)
    return _CARD_NUMBER.sub(lambda m: mask_card_number(m.group()), text)


def redact_tree(document: Any) -> Any:
    """A JSON document with `redact_text` applied to every string in it, keys included;
    numbers, booleans and None stay as they are (a byte count is no card number)."""
    if isinstance(document, str):
        return redact_text(document)
    if isinstance(document, Mapping):
        return {redact_text(str(k)): redact_tree(v) for k, v in document.items()}
    if isinstance(document, list | tuple):
        return [redact_tree(v) for v in document]
    if document is None or isinstance(document, bool | int | float):
        return document
    return redact_text(str(document))  # a Path, a date: as text


# -- what goes in --------------------------------------------------------------------------------

# Settings never written into a bundle, only whether they are set: a code that opens the staff
# login, and anything named like a credential (a setting added later included).
SECRET_SETTINGS = frozenset({"service_code"})
_SECRET_WORDS = ("password", "secret", "token", "credential")


def settings_document(values: Mapping[str, Any]) -> dict[str, Any]:
    """The kiosk's settings (a field name -> value mapping) safe to share: the database URL
    with its password hidden, secrets as "(set)" or "(not set)", paths as text. Key files
    appear as their paths only; nothing here reads a file."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in SECRET_SETTINGS or any(word in name.lower() for word in _SECRET_WORDS):
            out[name] = "(set)" if value else "(not set)"
        elif name.endswith("_url") and isinstance(value, str) and value:
            out[name] = _url_without_password(value)
        elif isinstance(value, Path):
            out[name] = str(value)
        elif value is None or isinstance(value, str | bool | int | float):
            out[name] = value
        else:
            out[name] = str(value)
    return out


def _url_without_password(url: str) -> str:
    try:
        return redacted(url)
    except Exception:  # not a URL SQLAlchemy reads: hide anything between :// and @
        return re.sub(r"(?<=://)[^@/]*@", "***@", url)


@dataclass(frozen=True)
class LogTail:
    """The end of a log file: its last lines, how many, and why there are none."""

    path: str
    text: str
    lines: int
    file_bytes: int | None
    problem: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "lines": self.lines,
            "file_bytes": self.file_bytes,
            "problem": self.problem,
        }


def log_tail(path: Path, lines: int = LOG_LINES, limit: int = LOG_BYTES) -> LogTail:
    """The last `lines` lines of the log at `path` (at most `limit` bytes of its end), read
    without blocking: a FIFO or a device where the log should be is reported, not read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return LogTail(str(path), "", 0, None, f"cannot open it: {exc.strerror}")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return LogTail(str(path), "", 0, None, "it is not a regular file")
    with os.fdopen(fd, "rb") as file:
        start = max(0, info.st_size - limit)
        file.seek(start)
        data = file.read(limit)
    text = data.decode("utf-8", "replace")
    if start > 0:  # the first line was cut: drop it
        text = text.partition("\n")[2]
    kept = text.splitlines()[-lines:] if lines > 0 else []
    return LogTail(str(path), "\n".join(kept) + ("\n" if kept else ""), len(kept), info.st_size)


# -- the archive ---------------------------------------------------------------------------------


class BundleError(Exception):
    """The bundle cannot be written where it was asked to be: the message says why, `cause`
    is the OSError writing it ran into (None: the folder was refused before)."""

    def __init__(self, message: str, cause: OSError | None = None) -> None:
        super().__init__(message)
        self.cause = cause


@dataclass(frozen=True)
class BundleFile:
    path: Path
    size: int
    documents: tuple[str, ...]


class Bundle:
    """A bundle in the making for the kiosk `kiosk_id` at `made_at` (aware): named documents,
    redacted as they are added, written as one archive by `write`."""

    def __init__(self, kiosk_id: str, made_at: dt.datetime) -> None:
        if made_at.tzinfo is None:
            raise ValueError("made_at must be an aware datetime")
        self.kiosk_id = kiosk_id
        self.made_at = made_at
        self._documents: dict[str, bytes] = {}

    @property
    def stem(self) -> str:
        stamp = self.made_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"diag-{self.kiosk_id}-{stamp}"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._documents)

    def _add(self, name: str, data: bytes) -> None:
        if not _NAME.fullmatch(name) or name == "manifest.json":
            raise ValueError(f"{name!r} is not a bundle document name (a-z, 0-9, ._-, .json/.txt)")
        if name in self._documents:
            raise ValueError(f"the bundle already holds {name}")
        self._documents[name] = data

    def add_json(self, name: str, document: Any) -> None:
        """Add `document` (JSON-able) as `name` ("selftest.json"), every string in it redacted.
        The hook for whoever has something to add: the self-test, the last card test."""
        safe = redact_tree(document)
        self._add(name, json.dumps(safe, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")

    def add_text(self, name: str, text: str) -> None:
        """Add `text` as `name` ("kiosk-log-tail.txt"), redacted."""
        self._add(name, redact_text(text).encode("utf-8"))

    def _manifest(self) -> bytes:
        manifest = {
            "format": FORMAT,
            "kiosk_id": self.kiosk_id,
            "made_at": self.made_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "documents": {name: len(data) for name, data in self._documents.items()},
            "redaction": "ID numbers, card numbers, mobiles, long digit runs, long hex and "
            "base64 runs masked in every document; secrets in the settings shown as set or "
            "not set",
        }
        return json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    def archive(self) -> bytes:
        """The tar.gz: a folder named like the file, holding manifest.json and the documents
        (each 0600, owned by nobody in particular, dated when the bundle was made)."""
        buffer = io.BytesIO()
        mtime = int(self.made_at.timestamp())
        with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
            for name, data in [("manifest.json", self._manifest()), *self._documents.items()]:
                info = tarfile.TarInfo(f"{self.stem}/{name}")
                info.size, info.mtime, info.mode = len(data), mtime, 0o600
                tar.addfile(info, io.BytesIO(data))
        return buffer.getvalue()

    def write(self, folder: Path) -> BundleFile:
        """Write the archive into `folder` (which must exist and be writable) as
        diag-<kiosk>-<UTC time>.tar.gz, 0600, atomically (a pulled stick leaves no half file).
        Raises BundleError saying why it cannot."""
        problem = folder_problem(folder)
        if problem:
            raise BundleError(problem)
        data = self.archive()
        path = folder / f"{self.stem}.tar.gz"
        n = 1
        while os.path.lexists(path):  # two bundles in one second: keep both
            n += 1
            path = folder / f"{self.stem}-{n}.tar.gz"
        try:
            write_private_atomically(path, data)
        except OSError as exc:
            raise BundleError(
                f"cannot write into {_shown(folder)}: {exc.strerror or exc}", exc
            ) from None
        return BundleFile(path, len(data), ("manifest.json", *self._documents))


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot take a bundle (missing, not a folder), None when it looks fine.
    Whether it can be written shows when it is written (root may write where the mode
    says no; a read-only stick says so only then)."""
    shown = _shown(folder)
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return f"{shown} does not exist: give an existing folder (a USB stick's is under /media)"
    except NotADirectoryError:
        return f"{shown} is not a folder: part of its path is a file"
    except OSError as exc:
        return f"cannot use {shown}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{shown} is not a folder; give the folder to write the bundle into"
    return None


def _shown(path: Path) -> str:
    """A path for a one-line message: control characters escaped, a huge one shortened."""
    text = str(path)
    return shorten(text if text.isprintable() else repr(text)[1:-1], 200)

"""Database URLs as a technician types them, checked before anything connects.

`kiosk db … --url X` used to hand X straight to SQLAlchemy, so a path, a typo or an unknown
scheme ended in a traceback. `parse_database_url` says in one line what is wrong and what to
type instead; `describe_database_error` turns what the driver raised when connecting into one
line too. Only SQLite (the kiosk's own file) and PostgreSQL through psycopg 3 (the central back
end) are installed, so only those are accepted.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kiosk.domain.text import shorten

EXAMPLES = "sqlite:////var/lib/sscard-kiosk/kiosk.db or postgresql://user@host/database"
# Linux's limits: a whole path (PATH_MAX, with its NUL) and one name in it (NAME_MAX), in bytes.
PATH_MAX = 4095
NAME_MAX = 255
_DRIVERS = {"sqlite": (None, "pysqlite"), "postgresql": (None, "psycopg")}
_PASSWORD = re.compile(r"(://[^:@/]*:)[^@/]*@")


class DatabaseUrlError(ValueError):
    """A database URL that cannot work; the message says why and what to write instead."""


def parse_database_url(text: str) -> URL:
    """The URL in `text`, or DatabaseUrlError saying what is wrong with it.

    SQLite URLs must name an absolute path (`sqlite:///tmp/k.db` is the relative `tmp/k.db`, a
    classic slip that used to create a database in whatever folder the command ran in) that is
    not a directory or a special file and fits the file system's limits. An in-memory SQLite
    URL (`sqlite://`) is accepted.
    """
    if not text.strip():
        raise DatabaseUrlError(f"the database URL is empty; give one such as {EXAMPLES}")
    if "\0" in text:
        raise DatabaseUrlError("the database URL contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes from the command line that are not UTF-8
        raise DatabaseUrlError(
            "the database URL holds bytes that are not UTF-8 text; give the database a path "
            "whose names are UTF-8"
        ) from None
    if "://" not in text:
        if os.sep in text or text.endswith((".db", ".sqlite", ".sqlite3")):
            raise DatabaseUrlError(
                f"{shown(text)} is a file path, not a database URL: "
                f"use {shown('sqlite:///' + str(Path(text).expanduser().absolute()))}"
            )
        raise DatabaseUrlError(f"{shown(text)} is not a database URL; use one such as {EXAMPLES}")
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise DatabaseUrlError(
            f"{shown(text)} is not a database URL; use one such as {EXAMPLES}"
        ) from None
    backend = "postgresql" if url.get_backend_name() == "postgres" else url.get_backend_name()
    if backend not in _DRIVERS:
        raise DatabaseUrlError(
            f"unknown kind of database {backend!r} in {shown(text)}; "
            f"the kiosk works with SQLite and PostgreSQL, e.g. {EXAMPLES}"
        )
    driver = url.drivername.partition("+")[2] or None
    if driver not in _DRIVERS[backend]:
        raise DatabaseUrlError(
            f"the database driver {driver!r} is not installed; "
            f"write {backend}:// without a driver name"
        )
    if backend == "sqlite":
        _check_sqlite_path(url, text)
    return url


def _check_sqlite_path(url: URL, text: str) -> None:
    database = url.database
    if url.query and not url.query.get("uri"):
        options = "&".join(f"{key}=…" for key in url.query)
        raise DatabaseUrlError(
            f"the kiosk's SQLite settings are fixed; drop ?{options} from {shown(text)}"
        )
    if not database or database == ":memory:" or url.query.get("uri"):
        return
    path = Path(database)
    if not path.is_absolute():
        raise DatabaseUrlError(
            f"{shown(text)} names the relative path {shown(database)}; "
            f"for an absolute path write four slashes: {shown('sqlite:///' + str(path.absolute()))}"
        )
    encoded = os.fsencode(database)
    longest = max(len(part) for part in encoded.split(b"/"))
    if len(encoded) > PATH_MAX or longest > NAME_MAX:
        raise DatabaseUrlError(
            f"the database path {shown(database)} is too long for the file system (at most "
            f"{PATH_MAX:,} bytes, {NAME_MAX} in one name); give a shorter path"
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return  # a new database: upgrade and seed create it, check says it is missing
    except OSError:
        return  # e.g. a folder that cannot be searched: opening it says so, as unusable
    if stat.S_ISDIR(mode):
        raise DatabaseUrlError(
            f"{shown(database)} is a folder, not a database file; "
            f"name the file in it, e.g. sqlite:///{path / 'kiosk.db'}"
        )
    if not stat.S_ISREG(mode):
        raise DatabaseUrlError(
            f"{shown(database)} is not a regular file (a device, FIFO or socket); "
            "name the kiosk's database file"
        )


def describe_database_error(error: BaseException) -> str:
    """What the driver said when connecting or querying, as one line without SQL or values."""
    original = getattr(error, "orig", None) or error
    message = " ".join(str(original).split()) or type(original).__name__
    return shorten(message, 240)


def shown(text: str) -> str:
    """`text` for a one-line message: any password hidden, a long value cut short."""
    return shorten(_PASSWORD.sub(r"\1***@", text), 100)

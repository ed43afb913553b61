"""The agency's side of the centre (docs/fleet.md): make it, register kiosks, watch it.

`init` creates the roles, the schemas, the `registry` tables (the kiosk's own Alembic
migrations, run with `search_path=registry` as the owner role), the `fleet` tables and the API
functions, and is safe to run again: everything is created if missing and the functions are
replaced, so running it after an upgrade brings them up to date. `add_kiosk` makes a kiosk's
login role and returns the URL for its settings. Everything here connects with the admin URL
(a role that may create roles, usually the cluster's superuser) and never logs a password.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import string
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from sqlalchemy.engine import URL, Engine

from kiosk.domain.vouchers import is_kiosk_id
from kiosk.store.db import create_engine, normalize_url

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "sscard"
PREFIX_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,15}")
PROGRESS_STEPS = ("applied", "in_production", "ready", "collected")
PASSWORD_LENGTH = 32
_PASSWORD_ALPHABET = string.ascii_letters + string.digits  # nothing a URL must escape
# Opening the admin connection: a dropped route fails in seconds, not minutes.
CONNECT_TIMEOUT_S = 5
SQL_FILES = ("roles.sql", "schema.sql", "functions.sql", "grants.sql")


class CentreAdminError(Exception):
    """Something the administrator must fix (a bad prefix or kiosk ID, an unknown voucher)."""


@dataclass(frozen=True)
class Roles:
    owner: str
    kiosk: str
    prefix: str

    def kiosk_role(self, kiosk_id: str) -> str:
        return f"{self.prefix}_k_{kiosk_id.lower()}"


def roles(prefix: str = DEFAULT_PREFIX) -> Roles:
    if not PREFIX_PATTERN.fullmatch(prefix):
        raise CentreAdminError(
            "the prefix must be a lower-case letter, then up to 15 lower-case letters, digits or _"
        )
    return Roles(owner=f"{prefix}_owner", kiosk=f"{prefix}_kiosk", prefix=prefix)


def sql_text(name: str, names: Roles) -> str:
    """A .sql file of this package with the role names of `names` put in."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    replacements = {
        "@owner_literal@": f"'{names.owner}'",
        "@kiosk_literal@": f"'{names.kiosk}'",
        "@owner@": f'"{names.owner}"',
        "@kiosk@": f'"{names.kiosk}"',
    }
    for token, value in replacements.items():
        text = text.replace(token, value)
    return text


def connect_kwargs(url: str | URL) -> dict[str, Any]:
    """psycopg's keyword arguments for a SQLAlchemy PostgreSQL URL."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise CentreAdminError("the centre is a PostgreSQL database: give a postgresql:// URL")
    kwargs: dict[str, Any] = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "dbname": parsed.database,
    }
    for key, value in parsed.query.items():
        kwargs[key] = value if isinstance(value, str) else value[-1]
    kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    return {key: value for key, value in kwargs.items() if value is not None}


def _connect(admin_url: str | URL) -> psycopg.Connection[Any]:
    return psycopg.connect(**connect_kwargs(admin_url), autocommit=True)


def registry_engine(admin_url: str | URL, prefix: str = DEFAULT_PREFIX) -> Engine:
    """An engine on the `registry` schema acting as the owner role: the kiosk's migrations and
    seeders run on it unchanged, and what they create belongs to the owner."""
    names = roles(prefix)
    options = f"-c search_path=registry -c role={names.owner}"
    return create_engine(normalize_url(admin_url), connect_args={"options": options})


def init(admin_url: str | URL, prefix: str = DEFAULT_PREFIX) -> None:
    """Create or bring up to date the centre of `prefix` in the database of `admin_url`."""
    from kiosk.store.migrate import upgrade

    names = roles(prefix)
    with _connect(admin_url) as conn:
        # One init at a time per database: two at once would race on CREATE ROLE and friends.
        conn.execute("SELECT pg_advisory_lock(hashtext('sscard central init'))")
        try:
            conn.execute(sql_text("roles.sql", names))
            engine = registry_engine(admin_url, prefix)
            try:
                upgrade(engine)
            finally:
                engine.dispose()
            with conn.transaction():
                conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(names.owner)))
                conn.execute(sql_text("schema.sql", names))
                conn.execute(
                    "INSERT INTO fleet.settings (id, subject_key) VALUES (1, %s)"
                    " ON CONFLICT (id) DO NOTHING",
                    (secrets.token_hex(32),),
                )
                conn.execute(sql_text("functions.sql", names))
                conn.execute(sql_text("grants.sql", names))
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext('sscard central init'))")
    log.info("central.init prefix=%s", prefix)


def add_kiosk(
    admin_url: str | URL,
    prefix: str,
    kiosk_id: str,
    *,
    host_url: str | URL | None = None,
) -> str:
    """Register `kiosk_id` (a new password if it is there already; its messages stay) and
    return the `central_url` for its settings: the admin URL's server and database (or
    `host_url`'s, as the kiosks reach it) with the kiosk's role and password."""
    if not is_kiosk_id(kiosk_id):
        raise CentreAdminError("a kiosk ID is 1-12 characters A-Z, 0-9")
    names = roles(prefix)
    role = names.kiosk_role(kiosk_id)
    password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
    with _connect(admin_url) as conn, conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        # The server gets the SCRAM verifier, never the password: nothing to find in its logs.
        verifier = conn.pgconn.encrypt_password(
            password.encode(), role.encode(), b"scram-sha-256"
        ).decode()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(verifier)
            )
        )
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(names.kiosk), sql.Identifier(role))
        )
        conn.execute(
            "INSERT INTO fleet.kiosks (kiosk_id, role_name) VALUES (%s, %s)"
            " ON CONFLICT (kiosk_id) DO UPDATE SET role_name = EXCLUDED.role_name",
            (kiosk_id, role),
        )
    base = normalize_url(host_url if host_url is not None else admin_url)
    log.info("central.add_kiosk kiosk=%s", kiosk_id)
    return base.set(username=role, password=password).render_as_string(hide_password=False)


@dataclass(frozen=True)
class KioskStatus:
    kiosk_id: str
    last_seq: int
    last_applied_at: dt.datetime | None
    lag_s: float | None  # the newest applied message: applied_at - created_at
    messages: int
    problems: int
    head_chain: str | None
    head_seq: int | None
    head_at: dt.datetime | None
    alerts: int


@dataclass(frozen=True)
class CentreStatus:
    kiosks: tuple[KioskStatus, ...]
    messages: int
    problems: int
    alerts: int
    reissues: int


_STATUS_SQL = """
SELECT k.kiosk_id, k.last_seq, k.last_applied_at, k.head_chain, k.head_seq, k.head_at,
    (SELECT extract(epoch FROM m.applied_at - m.created_at)::float FROM fleet.messages m
        WHERE m.kiosk_id = k.kiosk_id AND m.applied_at IS NOT NULL
        ORDER BY m.seq DESC LIMIT 1) AS lag_s,
    (SELECT count(*) FROM fleet.messages m WHERE m.kiosk_id = k.kiosk_id) AS messages,
    (SELECT count(*) FROM fleet.messages m
        WHERE m.kiosk_id = k.kiosk_id AND m.problem IS NOT NULL) AS problems,
    (SELECT count(*) FROM fleet.alerts a WHERE a.kiosk_id = k.kiosk_id) AS alerts
FROM fleet.kiosks k ORDER BY k.kiosk_id
"""


def status(admin_url: str | URL, prefix: str = DEFAULT_PREFIX) -> CentreStatus:
    roles(prefix)
    with _connect(admin_url) as conn:
        rows = conn.cursor(row_factory=dict_row).execute(_STATUS_SQL).fetchall()
        reissues = conn.execute("SELECT count(*) FROM fleet.reissues").fetchone()
    kiosks = tuple(KioskStatus(**row) for row in rows)
    return CentreStatus(
        kiosks=kiosks,
        messages=sum(k.messages for k in kiosks),
        problems=sum(k.problems for k in kiosks),
        alerts=sum(k.alerts for k in kiosks),
        reissues=int(reissues[0]) if reissues else 0,
    )


def alerts(admin_url: str | URL, prefix: str = DEFAULT_PREFIX) -> list[dict[str, Any]]:
    """Every alert, oldest first: kiosk_id, kind, detail, at."""
    roles(prefix)
    with _connect(admin_url) as conn:
        cursor = conn.cursor(row_factory=dict_row)
        return cursor.execute(
            "SELECT kiosk_id, kind, detail, at FROM fleet.alerts ORDER BY id"
        ).fetchall()


def move_progress(admin_url: str | URL, prefix: str, voucher: str, to: str) -> bool:
    """Move a reissue on to `to` (never back): True if it moved, False if it was there or
    further already. CentreAdminError for an unknown voucher or progress."""
    roles(prefix)
    if to not in PROGRESS_STEPS:
        raise CentreAdminError(f"progress is one of {', '.join(PROGRESS_STEPS)}")
    with _connect(admin_url) as conn:
        try:
            row = conn.execute(
                "SELECT fleet.move_progress(%s, %s, now())", (voucher, to)
            ).fetchone()
        except psycopg.errors.lookup("SK100") as exc:
            raise CentreAdminError(exc.diag.message_primary or "not applied") from None
    return bool(row and row[0])


def drop(admin_url: str | URL, prefix: str) -> None:
    """Drop the roles of `prefix` and what they own in this database (for tests; the schemas
    go with the test database)."""
    names = roles(prefix)
    with _connect(admin_url) as conn:
        members = [
            row[0]
            for row in conn.execute(
                "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
                " JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = %s",
                (names.kiosk,),
            ).fetchall()
            if row[0].startswith(f"{prefix}_k_")
        ]
        existing = {
            row[0]
            for row in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                ([*members, names.kiosk, names.owner],),
            ).fetchall()
        }
        for role in [*members, names.kiosk, names.owner]:
            if role in existing:
                conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))

"""`CentreClient`: the kiosk's side of the centre's API (docs/fleet.md).

One method per API function, each one call (one transaction at the centre) on one connection
kept open between calls and opened again after a failure. Two errors:

- `CentreUnreachable`: no connection, a timeout, the server going away, or a transient error
  at the centre (a deadlock, a shutdown): the kiosk tries again later;
- `CentreRejected`: the centre answered with an error (a role that is not a registered kiosk,
  a malformed call): a configuration problem, not something to retry in a loop.
  `KioskPaused`, a kind of it, says the centre stopped taking proofs from this kiosk (S8).

Nothing here logs a personal datum or the password; the URL is shown redacted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy.engine import URL

from kiosk.store.central.admin import connect_kwargs
from kiosk.store.db import redacted

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3
STATEMENT_TIMEOUT_MS = 5_000
# A connection whose packets go unanswered this long is dead (a cut cable, a dropped route):
# libpq's TCP_USER_TIMEOUT, and keepalives for an idle one.
TCP_USER_TIMEOUT_MS = 8_000
# SQLSTATE classes that say "try again later" rather than "something is wrong": connection
# exceptions, transaction rollbacks (deadlock, serialization), operator intervention
# (shutdown, cancel), insufficient resources, system errors.
_TRANSIENT_CLASSES = ("08", "40", "53", "57", "58")
_KIOSK_PAUSED = "SK001"
# The server answered the connection and refused these credentials or this database: a
# configuration problem (a rotated password, a kiosk role dropped, a wrong URL), not the centre
# being away. libpq gives no SQLSTATE for a failed connection, only the server's FATAL line.
_REFUSED_AT_CONNECT = re.compile(
    r"FATAL:\s+(password authentication failed|role \S+ does not exist|database \S+ does not "
    r"exist|role \S+ is not permitted to log in|no pg_hba\.conf entry|permission denied)"
)


class CentreError(Exception):
    """The centre could not answer the call."""


class CentreUnreachable(CentreError):
    """No answer from the centre now (connection, timeout, transient): try again later."""


class CentreRejected(CentreError):
    """The centre answered with an error: a configuration problem or a malformed call.
    `sqlstate` is PostgreSQL's code for it."""

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class KioskPaused(CentreRejected):
    """The centre takes no proofs from this kiosk until `until` (too many failures, S8)."""

    def __init__(self, until: dt.datetime | None) -> None:
        super().__init__("kiosk paused", _KIOSK_PAUSED)
        self.until = until


@dataclass(frozen=True)
class Hello:
    kiosk_id: str
    server_time: dt.datetime


@dataclass(frozen=True)
class ChainHead:
    chain: str
    seq: int
    hash: str


@dataclass(frozen=True)
class Anchor:
    kiosk_id: str
    last_seq: int
    head: ChainHead | None
    at: dt.datetime | None


@dataclass(frozen=True)
class CentreAlert:
    """An alert the centre recorded about this kiosk (a cut chain tail, a message it could
    not apply): `kind` and `detail` in the centre's words."""

    kind: str
    detail: str
    at: dt.datetime | None


@dataclass(frozen=True)
class CentreMessage:
    """One outbox message as the centre takes it: `seq` the local outbox row id, `key`
    `<topic>:<idempotency key>`, `payload` the JSON object the service wrote."""

    seq: int
    key: str
    topic: str
    payload: Mapping[str, Any]
    created_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "key": self.key,
            "topic": self.topic,
            "payload": dict(self.payload),
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class SubmitResult:
    last_seq: int  # the kiosk's last seq the centre has taken
    applied: int  # new messages taken in this call (with or without a problem)
    duplicates: int  # messages the centre had already
    problems: int = 0  # of the applied: stored, but their effect could not be applied


# HOLDER of docs/fleet.md: table name -> rows (column names of kiosk/store/models.py).
HolderRows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class IdentifyResult:
    result: str  # "ok" | "no_match" | "id_locked" | "kiosk_paused"
    attempts_left: int | None = None
    until: dt.datetime | None = None
    holder: HolderRows | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Reissue:
    voucher: str
    kiosk_id: str
    card_number_masked: str
    progress: str
    progress_at: dt.datetime | None
    outlet: str | None
    expected_pickup_date: dt.date | None
    applied_at: dt.datetime | None = None  # when the kiosk recorded it (its voucher's issue)


def _time(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def reissue_from_json(row: Mapping[str, Any]) -> Reissue:
    """A reissue as the centre's JSON has it."""
    return Reissue(
        voucher=row["voucher"],
        kiosk_id=row["kiosk_id"],
        card_number_masked=row["card_number_masked"],
        progress=row["progress"],
        progress_at=_time(row.get("progress_at")),
        outlet=row.get("outlet"),
        expected_pickup_date=_date(row.get("expected_pickup_date")),
        applied_at=_time(row.get("applied_at")),
    )


class CentreClient:
    """Calls the centre's API as the kiosk role of `url` (its settings' `central_url`).
    Safe to share between threads: one call at a time on its one connection."""

    def __init__(
        self,
        url: str | URL,
        *,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
    ) -> None:
        self._shown = redacted(url)
        kwargs = connect_kwargs(url)
        kwargs["connect_timeout"] = max(1, round(connect_timeout_s))
        kwargs["options"] = f"-c statement_timeout={int(statement_timeout_ms)}"
        kwargs.setdefault("tcp_user_timeout", TCP_USER_TIMEOUT_MS)
        kwargs.setdefault("keepalives", 1)
        kwargs.setdefault("keepalives_idle", 10)
        kwargs.setdefault("keepalives_interval", 3)
        kwargs.setdefault("keepalives_count", 3)
        kwargs.setdefault("application_name", "sscard-kiosk")
        self._kwargs = kwargs
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CentreClient({self._shown})"

    # The API ---------------------------------------------------------------------------------

    def hello(self) -> Hello:
        data = self._call("SELECT fleet.hello()")
        return Hello(kiosk_id=data["kiosk_id"], server_time=_time(data["server_time"]) or _now())

    def anchor(self) -> Anchor:
        data = self._call("SELECT fleet.anchor()")
        head = None
        if data.get("seq") is not None:
            head = ChainHead(chain=data["chain"], seq=int(data["seq"]), hash=data["hash"])
        return Anchor(
            kiosk_id=data["kiosk_id"],
            last_seq=int(data["last_seq"]),
            head=head,
            at=_time(data.get("at")),
        )

    def alerts(self) -> list[CentreAlert]:
        """This kiosk's newest alerts at the centre (at most 20), newest first."""
        rows = self._call("SELECT fleet.kiosk_alerts()") or []
        return [CentreAlert(r["kind"], r["detail"], _time(r.get("at"))) for r in rows]

    def outlets(self) -> list[dict[str, Any]]:
        return list(self._call("SELECT fleet.outlets()") or [])

    def reissues(self, vouchers: Sequence[str]) -> dict[str, Reissue]:
        data = self._call("SELECT fleet.reissues(%s::text[])", (list(vouchers),)) or {}
        return {number: reissue_from_json(row) for number, row in data.items()}

    def holder_by_card(self, card_number: str, ssn: str) -> HolderRows | None:
        """The holder of this card with this SSN, or None (a failure counted at the centre).
        KioskPaused while the centre takes no proofs from this kiosk."""
        return self._call("SELECT fleet.holder_by_card(%s, %s)", (card_number, ssn))

    def holder_by_id(self, ssn: str, mobile: str) -> IdentifyResult:
        data = self._call("SELECT fleet.holder_by_id(%s, %s)", (ssn, mobile))
        left = data.get("attempts_left")
        return IdentifyResult(
            result=data["result"],
            attempts_left=int(left) if left is not None else None,
            until=_time(data.get("until")),
            holder=data.get("holder"),
        )

    def submit(
        self, messages: Sequence[CentreMessage], chain_head: ChainHead | None
    ) -> SubmitResult:
        head = (
            None
            if chain_head is None
            else {"chain": chain_head.chain, "seq": chain_head.seq, "hash": chain_head.hash}
        )
        data = self._call(
            "SELECT fleet.submit(%s, %s)",
            (Jsonb([m.as_json() for m in messages]), Jsonb(head) if head is not None else None),
        )
        return SubmitResult(
            last_seq=int(data["last_seq"]),
            applied=int(data["applied"]),
            duplicates=int(data["duplicates"]),
            problems=int(data.get("problems", 0)),
        )

    def close(self) -> None:
        with self._lock:
            self._drop()

    # The connection --------------------------------------------------------------------------

    def _call(self, query: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            conn = self._connection()
            try:
                row = conn.execute(query, params).fetchone()
            except psycopg.Error as exc:
                raise self._failed(exc) from None
            value = row[0] if row else None
            # jsonb comes back parsed; a text fallback (another loader) is parsed here.
            return json.loads(value) if isinstance(value, str) else value

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is not None and not self._conn.closed:
            return self._conn
        try:
            self._conn = psycopg.connect(**self._kwargs, autocommit=True)
        except psycopg.Error as exc:
            raise self._failed(exc) from None
        return self._conn

    def _failed(self, exc: psycopg.Error) -> CentreError:
        """The error to raise for `exc`; the connection is dropped unless the centre answered
        in an orderly way on a connection that is still good."""
        sqlstate = getattr(exc, "sqlstate", None)
        broken = self._conn is None or self._conn.closed or self._conn.broken
        if sqlstate is None or broken or sqlstate[:2] in _TRANSIENT_CLASSES:
            self._drop()
            kind = type(exc).__name__
            said = " ".join(str(exc).split())
            if self._conn is None and _REFUSED_AT_CONNECT.search(said):
                log.warning("centre.login_refused url=%s", self._shown)
                reason = said.rsplit(" failed: ", 1)[-1][:120]
                return CentreRejected(f"the centre refuses this kiosk's login: {reason}")
            log.warning(
                "centre.unreachable url=%s error=%s sqlstate=%s", self._shown, kind, sqlstate
            )
            if self._conn is None:  # connecting: libpq's reason (no password in it) helps
                reason = said.rsplit(" failed: ", 1)[-1][:120] or kind  # libpq's why, no host
                return CentreUnreachable(f"the centre cannot be reached: {reason}")
            return CentreUnreachable(f"the centre cannot be reached ({kind})")
        message = exc.diag.message_primary or type(exc).__name__
        if sqlstate == _KIOSK_PAUSED:
            return KioskPaused(_time(exc.diag.message_detail))
        log.warning("centre.rejected url=%s sqlstate=%s", self._shown, sqlstate)
        return CentreRejected(message, sqlstate)

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

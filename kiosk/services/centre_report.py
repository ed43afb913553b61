"""The centre in the diagnostics (docs/fleet.md): what a technician reads about a fleet kiosk's
centre on the Database page, in `kiosk db check`, the self-test and the bundle.

`centre_report` asks the centre as this kiosk's role: `hello()` timed (reachable or not, the
kiosk id the centre knows this role as), `anchor()` (the last message seq it applied and the
audit chain head it anchored), and the centre's alerts for this kiosk where its API offers
them. With the kiosk's local database it checks the **tail**: the entry the centre anchored
(chain, seq, hash) must be in the local audit log with that hash; when it is not, the local
log lost (or rewrote) entries the centre had anchored, an integrity failure like a broken
chain. In the running kiosk the outbox sender's state is added.

Never raises for what it finds: an unreachable or refusing centre is the report's `state`, with
`reason` (the client's words, one line, no password: for the command line and the JSON) and
`fix` (plain words). Nothing is written anywhere, locally or at the centre.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text
from kiosk.services.centre import CentreApi
from kiosk.services.selftest import Verdict
from kiosk.store.central.client import (
    CentreAlert,
    CentreError,
    CentreRejected,
    CentreUnreachable,
    ChainHead,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

_PASSWORD = re.compile(r"(://[^:@/\s]*:)[^@/\s]*@")


class TailState(enum.Enum):
    """The local audit log against the head the centre anchored."""

    HELD = "held"  # the anchored entry is here, with the anchored hash
    CUT = "cut"  # the local log lost entries the centre had anchored
    REWRITTEN = "rewritten"  # the anchored entry is here with another hash
    NO_ANCHOR = "no_anchor"  # the centre has anchored nothing of this kiosk yet
    NOT_CHECKED = "not_checked"  # the centre or the local database could not be read

    @property
    def broken(self) -> bool:
        return self in (TailState.CUT, TailState.REWRITTEN)


FIX_UNREACHABLE = Text(
    QT_TRANSLATE_NOOP(
        "DiagText",
        "check the network to the centre and that its PostgreSQL runs; businesses are kept "
        "here and sent when it answers",
    )
)
FIX_REJECTED = Text(
    QT_TRANSLATE_NOOP(
        "DiagText",
        "the centre refuses this kiosk's role: put the URL `kiosk central add-kiosk` printed "
        "for this kiosk into central_url (kiosk.toml), or add the kiosk again at the centre",
    )
)
FIX_TAIL = Text(
    QT_TRANSLATE_NOOP(
        "DiagText",
        "the local audit log lost entries the centre had anchored: keep the kiosk out of "
        "service, keep its database for investigation and report it",
    )
)


class SenderLike(Protocol):
    """What the report reads of the running kiosk's OutboxSender."""

    def status(self) -> CentreStatus: ...

    @property
    def last_error(self) -> str | None: ...


@dataclass(frozen=True)
class SenderState:
    """The outbox sender of the running kiosk as it last saw the centre."""

    state: CentreState
    last_sent_at: dt.datetime | None
    last_error: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state.value,
            "last_sent_at": _iso(self.last_sent_at),
            "last_error": self.last_error,
        }


@dataclass(frozen=True)
class CentreLink:
    """The centre a fleet kiosk asks (`api`: its CentreClient, or a FakeCentre), the URL it
    was made from (`url`, shown with the password hidden), and, in the running kiosk, its
    outbox sender."""

    api: CentreApi
    url: str
    sender: SenderLike | None = None


@dataclass(frozen=True)
class CentreReport:
    url: str  # password hidden
    state: CentreState  # ONLINE, UNREACHABLE or REJECTED
    checked_at: dt.datetime
    reason: str = ""  # the client's words when it is not online (no password)
    round_trip_ms: float | None = None
    kiosk_id: str | None = None  # the kiosk id the centre knows this role as
    last_seq: int | None = None  # the last outbox seq the centre applied
    anchored: ChainHead | None = None  # the audit chain head the centre anchored
    anchored_at: dt.datetime | None = None
    tail: TailState = TailState.NOT_CHECKED
    local_seq: int | None = None  # the local chain's newest seq (the anchored chain's)
    alerts: tuple[CentreAlert, ...] | None = None  # None: the centre's API does not offer them
    sender: SenderState | None = None

    @property
    def reachable(self) -> bool:
        return self.state is CentreState.ONLINE

    @property
    def fix(self) -> str:
        if self.state is CentreState.UNREACHABLE:
            return FIX_UNREACHABLE
        if self.state is CentreState.REJECTED:
            return FIX_REJECTED
        return ""

    def check(self, waiting: int | None, oldest_age_s: float | None) -> tuple[Verdict, str, str]:
        """The "centre" check's (verdict, found, fix): PASS reachable with its round trip;
        WARN unreachable (saying what waits, and since when); FAIL refused."""
        if self.state is CentreState.ONLINE:
            found = Text(
                QT_TRANSLATE_NOOP("DiagText", "answers in {ms} as kiosk {kiosk}"),
                ms=_ms(self.round_trip_ms),
                kiosk=self.kiosk_id or "-",
            )
            return Verdict.PASS, found, ""
        if self.state is CentreState.REJECTED:
            found = Text(
                QT_TRANSLATE_NOOP("DiagText", "refuses this kiosk: {reason}"), reason=self.reason
            )
            return Verdict.FAIL, found, FIX_REJECTED
        if waiting and oldest_age_s is not None:
            from kiosk.services.database_report import age_words

            found = Text(
                QT_TRANSLATE_NOOP(
                    "DiagText", "not reachable; {n} waiting here, the oldest for {age}"
                ),
                n=f"{waiting:,}",
                age=age_words(oldest_age_s),
            )
        else:
            found = Text(QT_TRANSLATE_NOOP("DiagText", "not reachable; no message waits here"))
        return Verdict.WARN, found, FIX_UNREACHABLE

    def tail_check(self) -> tuple[Verdict, str, str]:
        """The "centre_anchor" check's (verdict, found, fix): the local audit log still holds
        the entry the centre anchored."""
        head = self.anchored
        if self.tail is TailState.HELD and head is not None:
            found = Text(
                QT_TRANSLATE_NOOP("DiagText", "seq {seq} of chain {chain} is here, as anchored"),
                seq=str(head.seq),
                chain=head.chain,
            )
            return Verdict.PASS, found, ""
        if self.tail is TailState.CUT and head is not None:
            found = Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "the local audit log lost entries the centre had anchored: it anchored "
                    "seq {seq} of chain {chain}, the newest here is {local}",
                ),
                seq=str(head.seq),
                chain=head.chain,
                local=str(self.local_seq or 0),
            )
            return Verdict.FAIL, found, FIX_TAIL
        if self.tail is TailState.REWRITTEN and head is not None:
            found = Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "seq {seq} of chain {chain} here is not the entry the centre anchored "
                    "(another hash): the local audit log was rewritten",
                ),
                seq=str(head.seq),
                chain=head.chain,
            )
            return Verdict.FAIL, found, FIX_TAIL
        if self.tail is TailState.NO_ANCHOR:
            nothing = QT_TRANSLATE_NOOP("DiagText", "the centre has anchored nothing yet")
            return Verdict.PASS, Text(nothing), ""
        unchecked = QT_TRANSLATE_NOOP("DiagText", "not checked: the centre did not answer")
        return Verdict.SKIP, Text(unchecked), ""

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of the centre part (`kiosk db check --json`, the bundle)."""
        head = self.anchored
        return {
            "url": self.url,
            "state": self.state.value,
            "reachable": self.reachable,
            "reason": self.reason or None,
            "fix": self.fix or None,
            "round_trip_ms": self.round_trip_ms,
            "kiosk_id": self.kiosk_id,
            "last_seq": self.last_seq,
            "anchored": (
                None if head is None else {"chain": head.chain, "seq": head.seq, "hash": head.hash}
            ),
            "anchored_at": _iso(self.anchored_at),
            "tail": self.tail.value,
            "local_seq": self.local_seq,
            "alerts": (
                None
                if self.alerts is None
                else [{"kind": a.kind, "detail": a.detail, "at": _iso(a.at)} for a in self.alerts]
            ),
            "sender": None if self.sender is None else self.sender.as_dict(),
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
        }

    def lines(self) -> list[str]:
        """The centre part as `kiosk db check` prints it."""
        out = [f"centre: {self.url}"]
        if self.state is CentreState.ONLINE:
            out.append(
                f"centre: answers in {_ms(self.round_trip_ms)} as kiosk {self.kiosk_id}, "
                f"last seq applied {self.last_seq}"
            )
        else:
            out.append(f"centre: {self.state.value}: {self.reason} ({self.fix})")
        head = self.anchored
        if head is not None:
            at = self.anchored_at.isoformat(timespec="seconds") if self.anchored_at else "-"
            out.append(
                f"centre: anchored chain {head.chain} seq {head.seq} hash {head.hash[:12]}… at {at}"
            )
        _verdict, found, _fix = self.tail_check()
        if self.tail.broken:
            out.append(f"FAIL cut tail: {found}")
        elif self.tail is not TailState.NOT_CHECKED:
            out.append(f"centre anchor: {found}")
        if self.alerts is not None:
            if not self.alerts:
                out.append("centre alerts: none")
            for alert in self.alerts:
                out.append(f"centre alert: {_iso(alert.at)} {alert.kind}: {alert.detail}")
        if self.sender is not None:
            sent = _iso(self.sender.last_sent_at) or "never"
            error = f", last error {self.sender.last_error}" if self.sender.last_error else ""
            out.append(f"sender: {self.sender.state.value}, last sent {sent}{error}")
        return out


def centre_report(
    link: CentreLink,
    *,
    engine: Engine | None = None,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> CentreReport:
    """The centre as this kiosk's role sees it now, and (given the kiosk's local `engine`)
    the tail check; see the module."""
    now = clock()
    url = shown_url(link.url)
    sender = _sender(link.sender)
    started = time.perf_counter()
    try:
        hello = link.api.hello()
        round_trip = round((time.perf_counter() - started) * 1000, 2)
        anchor = link.api.anchor()
        alerts = _alerts(link.api)
    except CentreError as exc:
        state = CentreState.REJECTED if isinstance(exc, CentreRejected) else CentreState.UNREACHABLE
        if not isinstance(exc, CentreRejected | CentreUnreachable):
            state = CentreState.UNREACHABLE
        log.info("centre_report.not_online state=%s", state.value)
        return CentreReport(url, state, now, reason=_said(exc), sender=sender)
    tail, local_seq = TailState.NOT_CHECKED, None
    if anchor.head is None:
        tail = TailState.NO_ANCHOR
    elif engine is not None:
        try:
            tail, local_seq = check_tail(engine, anchor.head)
        except Exception as exc:  # the local database could not be read: said elsewhere
            log.info("centre_report.tail_not_checked error=%s", type(exc).__name__)
    if tail.broken:
        log.warning(
            "centre_report.tail_%s chain=%s anchored_seq=%d local_seq=%s",
            tail.value,
            anchor.head.chain if anchor.head else "-",
            anchor.head.seq if anchor.head else 0,
            local_seq,
        )
    return CentreReport(
        url,
        CentreState.ONLINE,
        now,
        round_trip_ms=round_trip,
        kiosk_id=hello.kiosk_id,
        last_seq=anchor.last_seq,
        anchored=anchor.head,
        anchored_at=anchor.at,
        tail=tail,
        local_seq=local_seq,
        alerts=alerts,
        sender=sender,
    )


def check_tail(engine: Engine, head: ChainHead) -> tuple[TailState, int | None]:
    """Whether the local audit log holds the entry `head` names with its hash; and the local
    chain's newest seq."""
    import sqlalchemy as sa

    from kiosk.store.db import read_session
    from kiosk.store.models import AuditLogEntry

    entry = AuditLogEntry
    with read_session(engine) as session:
        found = session.scalar(
            sa.select(entry.hash).where(entry.chain == head.chain, entry.seq == head.seq)
        )
        newest = session.scalar(sa.select(sa.func.max(entry.seq)).where(entry.chain == head.chain))
    local = int(newest) if newest is not None else None
    if found is None:
        return TailState.CUT, local
    if found != head.hash:
        return TailState.REWRITTEN, local
    return TailState.HELD, local


def shown_url(url: str) -> str:
    """`url` with its password hidden (something that is not a URL: what is before @ hidden)."""
    from kiosk.store.db import redacted

    try:
        return redacted(url)
    except Exception:
        return re.sub(r"(?<=://)[^@/]*@", "***@", url)


def _alerts(api: CentreApi) -> tuple[CentreAlert, ...] | None:
    """This kiosk's alerts at the centre, where the API offers them (None: it does not)."""
    alerts: Callable[[], Sequence[CentreAlert]] | None = getattr(api, "alerts", None)
    if alerts is None:
        return None
    return tuple(alerts())


def _sender(sender: SenderLike | None) -> SenderState | None:
    if sender is None:
        return None
    status = sender.status()
    return SenderState(status.state, status.last_sent_at, sender.last_error)


def _said(exc: BaseException) -> str:
    words = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return _PASSWORD.sub(r"\1***@", words)[:200]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")

"""A centre in the process (docs/fleet.md): CentreClient's methods over a database of its own
(the demo's seeded SQLite, say), for fast service tests and the tour's centre-unreachable shots.

It answers as the real centre's functions do: HOLDER rows as JSON with the centre's ids, the
identification limits of S8 counted per SSN and per kiosk, reissues and their progress from the
messages submitted. `reachable = False` makes every call raise CentreUnreachable, as a centre
behind a cut cable does; set it back and it answers again.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kiosk.domain.journal import ReissueProgress
from kiosk.domain.masking import mask_card_number
from kiosk.services.proof import normalize_mobile
from kiosk.store import models as m
from kiosk.store.central.client import (
    Anchor,
    CentreAlert,
    CentreMessage,
    CentreRejected,
    CentreUnreachable,
    ChainHead,
    Hello,
    IdentifyResult,
    KioskPaused,
    Reissue,
    SubmitResult,
    reissue_from_json,
)
from kiosk.store.replica import HOLDER_RECORDS

_ORDER = list(ReissueProgress)


def row_json(row: Any) -> dict[str, Any]:
    """A model row as the centre's `to_jsonb(row)` has it."""
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        out[column.name] = value
    return out


class FakeCentre:
    def __init__(
        self,
        engine: Engine,
        kiosk_id: str = "DEMO01",
        *,
        identify_max_failures: int = 5,
        identify_window: dt.timedelta = dt.timedelta(hours=24),
        kiosk_max_failures: int = 20,
        kiosk_window: dt.timedelta = dt.timedelta(minutes=60),
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.engine = engine
        self.kiosk_id = kiosk_id
        self.reachable = True
        self.rejecting = False
        self.per_person = identify_max_failures
        self.person_window = identify_window
        self.per_kiosk = kiosk_max_failures
        self.kiosk_window = kiosk_window
        self.clock = clock
        self.calls: list[str] = []
        self.messages: list[dict[str, Any]] = []
        self.reissue_rows: dict[str, dict[str, Any]] = {}
        self.last_seq = 0
        self.chain_head: ChainHead | None = None
        self.anchored_at: dt.datetime | None = None
        self.paused_until: dt.datetime | None = None  # set: every proof raises KioskPaused
        self.alert_rows: list[CentreAlert] = []  # this kiosk's alerts, oldest first
        self._person_failures: dict[str, list[dt.datetime]] = {}
        self._kiosk_failures: list[dt.datetime] = []
        self._lock = threading.Lock()

    # Switches -------------------------------------------------------------------------------

    def set_reachable(self, reachable: bool) -> None:
        self.reachable = reachable

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if not self.reachable:
            raise CentreUnreachable(f"{name}: the centre cannot be reached (FakeCentre)")
        if self.rejecting:
            raise CentreRejected(f"{name}: permission denied (FakeCentre)")
        if name.startswith("holder_by") and self.paused_until is not None:
            raise KioskPaused(self.paused_until)

    # The API --------------------------------------------------------------------------------

    def holder_by_card(self, card_number: str, ssn: str) -> dict[str, Any] | None:
        self._call("holder_by_card")
        with Session(self.engine) as session:
            card = session.scalar(sa.select(m.Card).where(m.Card.card_number == card_number))
            if card is None or card.cardholder.ssn != ssn:
                with self._lock:
                    self._kiosk_failures.append(self.clock())
                return None
            return self._holder(session, card.cardholder)

    def holder_by_id(self, ssn: str, mobile: str) -> IdentifyResult:
        self._call("holder_by_id")
        now = self.clock()
        with self._lock:
            kiosk = [t for t in self._kiosk_failures if t > now - self.kiosk_window]
            if len(kiosk) >= self.per_kiosk:
                return _answer("kiosk_paused", until=min(kiosk) + self.kiosk_window)
            person = [t for t in self._person_failures.get(ssn, []) if t > now - self.person_window]
            if len(person) >= self.per_person:
                return _answer("id_locked", until=min(person) + self.person_window)
        with Session(self.engine) as session:
            holder = session.scalar(sa.select(m.Cardholder).where(m.Cardholder.ssn == ssn))
            if holder is not None and holder.mobile and holder.mobile == normalize_mobile(mobile):
                with self._lock:
                    self._person_failures.pop(ssn, None)
                return _answer("ok", holder=self._holder(session, holder))
        with self._lock:
            person.append(now)
            self._person_failures[ssn] = person
            self._kiosk_failures.append(now)
            if len(person) >= self.per_person:
                return _answer("id_locked", until=min(person) + self.person_window)
            return _answer("no_match", attempts_left=self.per_person - len(person))

    def reissues(self, vouchers: Sequence[str]) -> dict[str, Reissue]:
        self._call("reissues")
        with self._lock:
            rows = {v: dict(self.reissue_rows[v]) for v in vouchers if v in self.reissue_rows}
        return {v: reissue_from_json(row) for v, row in rows.items()}

    def outlets(self) -> list[dict[str, Any]]:
        self._call("outlets")
        with Session(self.engine) as session:
            return [row_json(o) for o in session.scalars(sa.select(m.Outlet).order_by(m.Outlet.id))]

    def anchor(self) -> Anchor:
        self._call("anchor")
        with self._lock:
            return Anchor(self.kiosk_id, self.last_seq, self.chain_head, self.anchored_at)

    def alerts(self) -> list[CentreAlert]:
        self._call("alerts")
        with self._lock:
            return list(reversed(self.alert_rows))[:20]

    def hello(self) -> Hello:
        self._call("hello")
        return Hello(kiosk_id=self.kiosk_id, server_time=self.clock())

    def submit(
        self, messages: Sequence[CentreMessage], chain_head: ChainHead | None
    ) -> SubmitResult:
        self._call("submit")
        applied = duplicates = 0
        with self._lock:
            keys = {message["key"] for message in self.messages}
            for message in messages:
                if message.seq <= self.last_seq or message.key in keys:
                    duplicates += 1
                    continue
                self.messages.append(message.as_json())
                keys.add(message.key)
                self.last_seq = message.seq
                self._apply(message.topic, message.payload)
                applied += 1
            if chain_head is not None:
                old = self.chain_head
                if old is not None and old.chain == chain_head.chain:
                    if chain_head.seq < old.seq:
                        detail = f"anchored seq {old.seq}, now seq {chain_head.seq}"
                        self.alert_rows.append(CentreAlert("chain_went_back", detail, self.clock()))
                    elif chain_head.seq == old.seq and chain_head.hash != old.hash:
                        detail = f"seq {old.seq} anchored with another hash"
                        self.alert_rows.append(CentreAlert("chain_rewritten", detail, self.clock()))
                self.chain_head = chain_head
                self.anchored_at = self.clock()
        return SubmitResult(last_seq=self.last_seq, applied=applied, duplicates=duplicates)

    # What the agency does -------------------------------------------------------------------

    def progress(self, voucher: str, to: ReissueProgress) -> None:
        """The card factory or a counter moves a reissue on (`kiosk central progress`)."""
        with self._lock:
            row = self.reissue_rows[voucher]
            if _ORDER.index(to) > _ORDER.index(ReissueProgress(row["progress"])):
                row["progress"] = to.value
                row["progress_at"] = self.clock().isoformat()

    def add_reissue(self, row: Mapping[str, Any]) -> None:
        """A reissue recorded at another kiosk (REISSUE of docs/fleet.md, plus its ssn)."""
        with self._lock:
            self.reissue_rows[str(row["voucher"])] = dict(row)

    # ----------------------------------------------------------------------------------------

    def _apply(self, topic: str, payload: Mapping[str, Any]) -> None:
        if topic == "reissue":
            self.reissue_rows[str(payload["voucher"])] = {
                "voucher": payload["voucher"],
                "kiosk_id": payload.get("kiosk_id", self.kiosk_id),
                "card_number_masked": mask_card_number(str(payload["card_number"])),
                "progress": ReissueProgress.APPLIED.value,
                "progress_at": payload.get("applied_at"),
                "outlet": payload.get("outlet"),
                "expected_pickup_date": payload.get("expected_pickup_date"),
                "applied_at": payload.get("applied_at"),
                "ssn": payload.get("ssn"),
            }
        elif topic == "reissue_progress":
            row = self.reissue_rows.get(str(payload["voucher"]))
            to = ReissueProgress(payload["progress"])
            if row is not None and _ORDER.index(to) > _ORDER.index(
                ReissueProgress(row["progress"])
            ):
                row["progress"] = to.value
                row["progress_at"] = payload.get("at")

    def _holder(self, session: Session, holder: m.Cardholder) -> dict[str, Any]:
        out: dict[str, Any] = {"cardholders": [row_json(holder)]}
        out["cards"] = [row_json(c) for c in sorted(holder.cards, key=lambda c: c.id)]
        employers: set[int] = set()
        for key, model in HOLDER_RECORDS.items():
            table: Any = model
            rows = session.scalars(sa.select(model).where(table.cardholder_id == holder.id))
            out[key] = [row_json(r) for r in rows]
            employers |= {r["employer_id"] for r in out[key] if r.get("employer_id")}
        out["employers"] = [
            row_json(e)
            for e in session.scalars(sa.select(m.Employer).where(m.Employer.id.in_(employers)))
        ]
        with self._lock:
            out["reissues"] = [
                {k: v for k, v in row.items() if k != "ssn"}
                for row in self.reissue_rows.values()
                if row.get("ssn") == holder.ssn
            ]
        return out


def _answer(
    result: str,
    *,
    holder: dict[str, Any] | None = None,
    attempts_left: int | None = None,
    until: dt.datetime | None = None,
) -> IdentifyResult:
    return IdentifyResult(result, attempts_left=attempts_left, until=until, holder=holder)


__all__ = ["FakeCentre", "row_json"]

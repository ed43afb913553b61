"""The outbox: messages for the central back end, written in the business transaction that
caused them and sent after it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.store import models as m


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        topic: str,
        payload: Mapping[str, object],
        *,
        at: dt.datetime,
        transaction_id: int | None,
    ) -> None:
        self.session.add(
            m.OutboxMessage(
                transaction_id=transaction_id,
                topic=topic,
                payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
                created_at=at,
                attempts=0,
            )
        )

    def progress_notes(self, voucher: str) -> list[ProgressNote]:
        """The `reissue_progress` messages this kiosk wrote for `voucher` outside any local
        transaction (a desk moving another kiosk's voucher, docs/fleet.md), oldest first: what
        it told the centre, whether sent or still waiting."""
        o = m.OutboxMessage
        # The payload is json.dumps as add() writes it: the pair narrows the rows read, the
        # parsed payload decides.
        pair = json.dumps({"voucher": voucher}, ensure_ascii=False)[1:-1]
        rows = self.session.execute(
            sa.select(o.payload, o.created_at, o.sent_at)
            .where(
                o.topic == "reissue_progress",
                o.transaction_id.is_(None),
                o.payload.contains(pair, autoescape=True),
            )
            .order_by(o.id)
        )
        notes: list[ProgressNote] = []
        for payload, created_at, sent_at in rows:
            data = json.loads(payload)
            if isinstance(data, dict) and data.get("voucher") == voucher:
                notes.append(ProgressNote(str(data.get("progress")), created_at, sent_at))
        return notes

    def pending(self, limit: int = 100) -> list[tuple[int, str, dict[str, object]]]:
        """(id, topic, payload) of messages not yet delivered, oldest first."""
        rows = self.session.execute(
            sa.select(m.OutboxMessage.id, m.OutboxMessage.topic, m.OutboxMessage.payload)
            .where(m.OutboxMessage.sent_at.is_(None))
            .order_by(m.OutboxMessage.id)
            .limit(limit)
        )
        return [(id_, topic, json.loads(payload)) for id_, topic, payload in rows]

    def waiting(self, kiosk_id: str) -> tuple[int, dt.datetime | None]:
        """How many messages of `kiosk_id`'s transactions are not yet sent, and when the oldest
        of them was written (None when none wait)."""
        o = m.OutboxMessage
        waiting = (
            sa.select(o.created_at)
            .join(m.Transaction, m.Transaction.id == o.transaction_id)
            .where(o.sent_at.is_(None), m.Transaction.kiosk_id == kiosk_id)
        )
        count = self.session.scalar(sa.select(sa.func.count()).select_from(waiting.subquery()))
        oldest = self.session.scalar(waiting.order_by(o.id).limit(1))
        return int(count or 0), oldest

    def mark_sent(self, message_id: int, at: dt.datetime) -> None:
        self.session.execute(
            sa.update(m.OutboxMessage)
            .where(m.OutboxMessage.id == message_id)
            .values(sent_at=at, attempts=m.OutboxMessage.attempts + 1, last_error=None)
        )

    def mark_failed(self, message_id: int, error: str) -> None:
        self.session.execute(
            sa.update(m.OutboxMessage)
            .where(m.OutboxMessage.id == message_id)
            .values(attempts=m.OutboxMessage.attempts + 1, last_error=error[:200])
        )

    # --- the outbox sender's reads and writes (kiosk.services.outbox_sender) ---

    def pending_batch(self, limit: int) -> list[PendingMessage]:
        """Up to `limit` messages not yet delivered, oldest (lowest id) first, whole."""
        o = m.OutboxMessage
        rows = self.session.execute(
            sa.select(o.id, o.topic, o.payload, o.created_at)
            .where(o.sent_at.is_(None))
            .order_by(o.id)
            .limit(limit)
        )
        return [PendingMessage(id_, topic, payload, at) for id_, topic, payload, at in rows]

    def queue(self) -> tuple[int, dt.datetime | None]:
        """How many messages (of any transaction, or none) wait, and the oldest one's time."""
        o = m.OutboxMessage
        count = self.session.scalar(
            sa.select(sa.func.count()).select_from(o).where(o.sent_at.is_(None))
        )
        oldest = self.session.scalar(
            sa.select(o.created_at).where(o.sent_at.is_(None)).order_by(o.id).limit(1)
        )
        return int(count or 0), oldest

    def mark_sent_many(self, ids: Collection[int], at: dt.datetime) -> int:
        """Mark the messages `ids` delivered (those not marked already); returns how many."""
        o = m.OutboxMessage
        result = self.session.execute(
            sa.update(o)
            .where(o.id.in_(list(ids)), o.sent_at.is_(None))
            .values(sent_at=at, attempts=o.attempts + 1, last_error=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def mark_failed_many(self, ids: Collection[int], error: str) -> None:
        """One more failed attempt for the messages `ids`; `error` names the kind, no data."""
        o = m.OutboxMessage
        self.session.execute(
            sa.update(o)
            .where(o.id.in_(list(ids)), o.sent_at.is_(None))
            .values(attempts=o.attempts + 1, last_error=error[:200])
            .execution_options(synchronize_session=False)
        )


@dataclass(frozen=True)
class PendingMessage:
    """One outbox row as the sender reads it: its id (the seq the centre orders by), topic,
    payload (JSON text, personal data inside: never logged) and when it was written."""

    id: int
    topic: str
    payload: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ProgressNote:
    """A `reissue_progress` message as written here: the step, when, and when it was sent
    (None: still waiting)."""

    progress: str
    created_at: dt.datetime
    sent_at: dt.datetime | None

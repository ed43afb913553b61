"""The outbox: messages for the central back end, written in the business transaction that
caused them and sent after it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

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

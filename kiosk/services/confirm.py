"""After a business in a fleet (docs/fleet.md): nudge the outbox sender and wait briefly for the
centre's confirmation of that business's message, so the receipt can say whether the centre has
it (`centre_pending`). The business is committed before this is asked and is never undone by it
(R7: a confirmed transaction is never lost); the message reaches the centre later.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.store import models as m
from kiosk.store.db import read_session

log = logging.getLogger(__name__)

POLL_S = 0.05


class Nudge(Protocol):
    """The outbox sender's door (kiosk.services.outbox_sender.OutboxSender): send now."""

    def nudge(self) -> None: ...


class CentreConfirmation:
    """`sender` None: standalone, nothing is ever pending. With a sender: fleet."""

    def __init__(
        self,
        engine: Engine,
        sender: Nudge | None,
        *,
        fleet: bool | None = None,
        wait_s: float = 1.5,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.sender = sender
        self.fleet = sender is not None if fleet is None else fleet
        self.wait_s = wait_s
        self._sleep = sleep
        self._monotonic = monotonic

    def pending(self, idempotency_key: str) -> bool:
        """Whether the centre has not confirmed the business under `idempotency_key` within
        the wait. Never raises: a database that cannot be read says pending."""
        if not self.fleet:
            return False
        if self.sender is not None:
            try:
                self.sender.nudge()
            except Exception as exc:  # the sender's trouble never fails a recorded business
                log.warning("fleet.nudge_failed error=%s", type(exc).__name__)
        deadline = self._monotonic() + self.wait_s
        while True:
            try:
                if self._unsent(idempotency_key) == 0:
                    return False
            except SQLAlchemyError as exc:
                log.warning("fleet.confirm_unreadable error=%s", type(exc).__name__)
                return True
            if self.sender is None or self._monotonic() >= deadline:
                log.info("fleet.centre_pending")
                return True
            self._sleep(POLL_S)

    def _unsent(self, idempotency_key: str) -> int:
        with read_session(self.engine) as session:
            count = session.scalar(
                sa.select(sa.func.count())
                .select_from(m.OutboxMessage)
                .join(m.Transaction, m.Transaction.id == m.OutboxMessage.transaction_id)
                .where(
                    m.Transaction.idempotency_key == idempotency_key,
                    m.OutboxMessage.sent_at.is_(None),
                )
            )
        return int(count or 0)


__all__ = ["CentreConfirmation", "Nudge"]

"""Staff mode's progress moves and hand-over tell the centre through the outbox, in the same
transaction (docs/fleet.md, `reissue_progress`); a double tap writes no second message."""

from __future__ import annotations

import json

import sqlalchemy as sa
from desk_helpers import CLERK, make_desk
from sqlalchemy.engine import Engine

from kiosk.domain.journal import ReissueProgress
from kiosk.store import models as m
from kiosk.store.seal import AuditSeal


def progress_messages(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as c:
        rows = c.execute(
            sa.select(m.OutboxMessage.payload)
            .where(m.OutboxMessage.topic == "reissue_progress")
            .order_by(m.OutboxMessage.id)
        )
        return [json.loads(payload) for (payload,) in rows]


def test_progress_and_hand_over_write_reissue_progress_messages(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    desk = make_desk(demo_engine, audit_seal)
    number, _ = desk.reissue()
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)  # a double tap: nothing new
    desk.desk.hand_over(CLERK, number, id_checked=True)
    messages = progress_messages(demo_engine)
    assert [(p["voucher"], p["progress"]) for p in messages] == [
        (number, "ready"),
        (number, "collected"),
    ]
    assert [p["idempotency_key"] for p in messages] == [f"{number}:ready", f"{number}:collected"]
    assert all(str(p["at"]).endswith("+00:00") for p in messages)

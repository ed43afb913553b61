"""What someone who can write the database, but holds no audit key, can do to the audit log:
the tests of the sealed chain and of `kiosk db check` use it to show each forgery is found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.store.audit import GENESIS_HASH, entry_body, legacy_hash


def recompute_chain(
    engine: Engine,
    chain: str,
    edit_first: str,
    sealer: Callable[[str, str], str] = legacy_hash,
    *,
    as_legacy: bool = False,
) -> None:
    """Rewrite the actor of entry 1 of `chain`, then seal every entry again with
    `sealer(prev, body)` and point the head at the new last seal. `as_legacy` also passes the
    whole chain off as the unkeyed chain of old (no key ids, the head's legacy count at its end).
    """
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, seq, at, actor_kind, actor, action, outcome, transaction_key, "
                "detail FROM audit_log WHERE chain = :c ORDER BY seq"
            ),
            {"c": chain},
        ).all()
        prev = GENESIS_HASH
        for row in rows:
            actor = edit_first if row.seq == 1 else row.actor
            at = row.at if isinstance(row.at, dt.datetime) else dt.datetime.fromisoformat(row.at)
            body = entry_body(
                chain=chain,
                seq=row.seq,
                at=at.replace(tzinfo=dt.UTC),
                actor_kind=row.actor_kind,
                actor=actor,
                action=row.action,
                outcome=row.outcome,
                transaction_key=row.transaction_key,
                detail=row.detail,
            )
            new = sealer(prev, body)
            key_id = ", key_id = NULL" if as_legacy else ""
            conn.execute(
                sa.text(
                    f"UPDATE audit_log SET actor = :a, prev_hash = :p, hash = :h{key_id} "
                    "WHERE id = :i"
                ),
                {"a": actor, "p": prev, "h": new, "i": row.id},
            )
            prev = new
        legacy = ", legacy_seq = seq" if as_legacy else ""
        conn.execute(
            sa.text(f"UPDATE audit_heads SET hash = :h{legacy} WHERE chain = :c"),
            {"h": prev, "c": chain},
        )
        conn.commit()

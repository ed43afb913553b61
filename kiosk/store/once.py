"""Once per idempotency key: a business transaction recorded under a key is recorded once.

Submitting the same key again, after a double tap, a timeout or a restart, returns what the first
submit recorded and writes nothing (R4); the same key with a different request is a client bug
(IdempotencyKeyReused). What a business writes is the use case's (kiosk.services); this module
only decides whether to write it or to give back what was written.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from kiosk.domain.business import RecordedBusiness
from kiosk.domain.errors import IdempotencyKeyReused
from kiosk.domain.journal import LossReportReceipt, TransactionKind
from kiosk.store.audit import canonical_json
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

R = TypeVar("R", LossReportReceipt, RecordedBusiness)


def request_hash(kind: TransactionKind, fields: dict[str, object]) -> str:
    """The fingerprint of a request, stored with its key to tell a retry from a reused key."""
    return hashlib.sha256(canonical_json([kind.value, fields]).encode()).hexdigest()


def record_once(
    uow: UnitOfWork,
    kind: TransactionKind,
    key: str,
    fingerprint: str,
    replay: Callable[[UnitOfWork, str, str], R | None],
    write: Callable[[], R],
    *,
    detail: str = "",
) -> R:
    """Run `write` in one unit of work unless `key` was recorded before: then return what
    `replay` gives back for it (which raises IdempotencyKeyReused for a different request)."""
    try:
        with uow:
            previous = replay(uow, key, fingerprint)
            if previous is not None:
                log.info("journal.%s.replayed", kind.value)
                return previous
            recorded = write()
            uow.commit()
    except IntegrityError:
        # A twin submit with the same key committed between our look-up and our insert
        # (PostgreSQL; SQLite's write lock taken at BEGIN rules this out). Its result is ours.
        with uow:
            previous = replay(uow, key, fingerprint)
        if previous is None:
            raise
        log.info("journal.%s.replayed race=1", kind.value)
        return previous
    log.info("journal.%s.recorded%s", kind.value, detail)
    return recorded


def replay_loss_report(uow: UnitOfWork, key: str, fingerprint: str) -> LossReportReceipt | None:
    """The receipt of the loss report recorded under `key`, if any."""
    try:
        found = uow.journal.loss_report_receipt(key)
    except LookupError:  # the key belongs to another kind of transaction
        raise IdempotencyKeyReused() from None
    return same_request(found, fingerprint)


def replay_recorded(uow: UnitOfWork, key: str, fingerprint: str) -> RecordedBusiness | None:
    """What a reissue, replacement or cancellation recorded under `key`, if anything."""
    return same_request(uow.journal.recorded(key), fingerprint)


def same_request(found: tuple[str, R] | None, fingerprint: str) -> R | None:
    """What was recorded, if the request is the one recorded; IdempotencyKeyReused if not."""
    if found is None:
        return None
    stored_hash, previous = found
    if stored_hash != fingerprint:
        raise IdempotencyKeyReused()
    return previous

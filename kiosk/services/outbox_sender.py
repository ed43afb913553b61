"""The outbox sender (docs/fleet.md, "the kiosk's side"): what a fleet kiosk committed locally
reaches the centre exactly once, in order.

`send_once()` reads the oldest pending outbox rows of the local database (a batch), sends them
with the audit chain's head to the centre (`centre.submit(messages, chain_head)`, one
transaction there), and only after the centre's answer marks them sent locally, in one local
transaction. A crash between the two re-sends the batch later; the centre drops the duplicates
(by seq and by key), so a business is applied once. A message the centre stored with a problem
counts as delivered: the centre keeps it with an alert, and later messages are never blocked.

`run(stop)` loops: full batches back to back, then a short poll (or at once after `nudge()`);
while the centre cannot be reached (or refuses), exponential backoff with jitter, capped. The
only state is the local database, so a restarted kiosk (or `kiosk fleet send`) carries on
where the last one stopped. Personal data (the payloads hold SSNs and card numbers) is never
logged: the log says counts, seqs and the kind of error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.store.central.client import CentreRejected, CentreUnreachable
from kiosk.store.repositories.day import DayRepository
from kiosk.store.repositories.outbox import OutboxRepository, PendingMessage
from kiosk.store.types import utcnow

log = logging.getLogger(__name__)

DEFAULT_BATCH = 50
DEFAULT_POLL_S = 1.0
_RECENT_KEYS = 4096  # confirmed idempotency keys kept for wait_sent()


class Centre(Protocol):
    """What the sender needs of kiosk.store.central.client.CentreClient."""

    def submit(
        self, messages: Sequence[Mapping[str, Any]], chain_head: Mapping[str, Any] | None
    ) -> Any: ...


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: attempt n (0 first) waits a random time between half
    and all of min(longest, first * 2**n), so a fleet that lost its centre at once does not
    come back at once."""

    first: float = 0.5
    longest: float = 30.0
    factor: float = 2.0

    def ceiling(self, attempt: int) -> float:
        return min(self.longest, self.first * self.factor ** min(max(attempt, 0), 32))

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        top = self.ceiling(attempt)
        return top * (0.5 + 0.5 * (rng or random).random())


@dataclass(frozen=True)
class SendResult:
    """One round: messages sent (applied + duplicates at the centre), applied and duplicates
    as the centre counted them, whether more wait, and the error's kind when it failed."""

    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    more: bool = False
    error: str | None = None
    last_seq: int | None = None


def message_key(topic: str, payload: Mapping[str, Any], message_id: int) -> str:
    """`<topic>:<idempotency_key>`; a payload without a key (none today) by its outbox id."""
    key = payload.get("idempotency_key")
    return f"{topic}:{key}" if key else f"{topic}:outbox-{message_id}"


def wire_message(row: PendingMessage) -> dict[str, Any]:
    """One outbox row as `fleet.submit` takes it."""
    payload = json.loads(row.payload)
    return {
        "seq": row.id,
        "key": message_key(row.topic, payload, row.id),
        "topic": row.topic,
        "payload": payload,
        "created_at": row.created_at.astimezone(dt.UTC).isoformat(),
    }


_LONG_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def error_kind(exc: BaseException) -> str:
    """What failed, for the log and the outbox's last_error: the error's class and its first
    line with long digit runs (an SSN, a card number) masked."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = _LONG_DIGITS.sub("***", text)[:150]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _answer(result: Any, name: str) -> int | None:
    value = result.get(name) if isinstance(result, Mapping) else getattr(result, name, None)
    return None if value is None else int(value)


class OutboxSender:
    """Delivers the local outbox to the centre; see the module's docstring. Thread-safe: one
    round at a time (a lock), status() and nudge() from any thread."""

    def __init__(
        self,
        engine: Engine,
        centre: Centre,
        kiosk_id: str,
        chain: str | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        *,
        batch: int = DEFAULT_BATCH,
        poll_s: float = DEFAULT_POLL_S,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        sleep_slice_s: float = 0.25,
        after_submit: Callable[[Sequence[dict[str, Any]]], None] | None = None,
    ) -> None:
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.engine = engine
        self.centre = centre
        self.kiosk_id = kiosk_id
        self.chain = chain or kiosk_id  # the audit chain the businesses seal into
        self.clock = clock
        self.batch = batch
        self.poll_s = poll_s
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.sleep_slice_s = sleep_slice_s
        # A fault point for the crash tests: called after the centre committed, before the mark.
        self.after_submit = after_submit
        self._round = threading.Lock()
        self._state_lock = threading.Condition()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._state = CentreState.UNKNOWN
        self._checked_at: dt.datetime | None = None
        self._last_sent_at: dt.datetime | None = None
        self._failures = 0
        self._last_error: str | None = None
        self._recent: deque[str] = deque(maxlen=_RECENT_KEYS)
        self._recent_set: set[str] = set()

    # --- one round ---

    def send_once(self) -> SendResult:
        """Send the oldest batch waiting; mark it sent after the centre's answer. Raises
        nothing for the centre being away or refusing: the result says so (`error`)."""
        with self._round:
            try:
                rows, head = self._read_batch()
            except SQLAlchemyError as exc:
                kind = error_kind(exc)
                log.warning("outbox.local_read_failed error=%s", kind)
                return SendResult(error=kind)
            if not rows:
                self._note_ok(None)
                return SendResult()
            messages = [wire_message(row) for row in rows]
            try:
                answer = self.centre.submit(messages, head)
            except (CentreUnreachable, CentreRejected) as exc:
                return self._failed(rows, exc)
            if self.after_submit is not None:
                self.after_submit(messages)
            now = self.clock()
            self._mark_sent([row.id for row in rows], now)
            self._note_ok(now, [m["payload"].get("idempotency_key") for m in messages])
            applied = _answer(answer, "applied") or 0
            duplicates = _answer(answer, "duplicates") or 0
            log.info(
                "outbox.sent seq=%d..%d messages=%d applied=%d duplicates=%d",
                rows[0].id,
                rows[-1].id,
                len(rows),
                applied,
                duplicates,
            )
            return SendResult(
                sent=len(rows),
                applied=applied,
                duplicates=duplicates,
                more=len(rows) == self.batch,
                last_seq=_answer(answer, "last_seq"),
            )

    def _read_batch(self) -> tuple[list[PendingMessage], dict[str, Any] | None]:
        # One read transaction: the batch and the chain head as of the same moment.
        with Session(self.engine) as session:
            rows = OutboxRepository(session).pending_batch(self.batch)
            head = DayRepository(session).chain_head(self.chain) if rows else None
        wire_head = (
            None if head is None else {"chain": head.chain, "seq": head.seq, "hash": head.hash}
        )
        return rows, wire_head

    def _mark_sent(self, ids: list[int], now: dt.datetime) -> None:
        # Retried: the centre has the batch; not marking it only costs a duplicate later.
        for attempt in range(5):
            try:
                with Session(self.engine) as session:
                    OutboxRepository(session).mark_sent_many(ids, now)
                    session.commit()
                return
            except SQLAlchemyError as exc:
                log.warning("outbox.mark_failed attempt=%d error=%s", attempt + 1, error_kind(exc))
                time.sleep(0.05 * (attempt + 1))
        log.error(
            "outbox.not_marked seq=%d..%d (the centre will drop the re-send)", ids[0], ids[-1]
        )

    def _failed(self, rows: list[PendingMessage], exc: BaseException) -> SendResult:
        kind = error_kind(exc)
        state = CentreState.REJECTED if isinstance(exc, CentreRejected) else CentreState.UNREACHABLE
        with self._state_lock:
            first = self._state is not state or self._last_error != kind
            self._state = state
            self._checked_at = self.clock()
            self._failures += 1
            self._last_error = kind
        # Said once per change, not once per retry.
        (log.warning if first else log.debug)(
            "outbox.send_failed state=%s seq=%d messages=%d error=%s",
            state.value,
            rows[0].id,
            len(rows),
            kind,
        )
        try:
            with Session(self.engine) as session:
                OutboxRepository(session).mark_failed_many([r.id for r in rows], kind)
                session.commit()
        except SQLAlchemyError as problem:  # only bookkeeping: never stops the sender
            log.debug("outbox.attempt_not_recorded error=%s", error_kind(problem))
        return SendResult(error=kind)

    def _note_ok(self, sent_at: dt.datetime | None, keys: Sequence[object] = ()) -> None:
        with self._state_lock:
            if self._state is not CentreState.ONLINE and sent_at is not None:
                log.info("outbox.centre_online failures_before=%d", self._failures)
            if sent_at is not None:
                self._state = CentreState.ONLINE
                self._failures = 0
                self._last_error = None
                self._last_sent_at = sent_at
            self._checked_at = self.clock()
            for key in keys:
                if isinstance(key, str) and key not in self._recent_set:
                    if len(self._recent) == self._recent.maxlen:
                        self._recent_set.discard(self._recent[0])
                    self._recent.append(key)
                    self._recent_set.add(key)
            self._state_lock.notify_all()

    # --- the loop ---

    def run(self, stop: threading.Event | None = None) -> None:
        """Send until `stop` is set (or stop() is called): back to back while full batches
        wait, a poll of `poll_s` (cut short by nudge()) when the outbox is empty, and backoff
        while the centre is away."""
        stop = stop or self._stop
        log.info("outbox.sender_started kiosk=%s batch=%d", self.kiosk_id, self.batch)
        while not (stop.is_set() or self._stop.is_set()):
            self._wake.clear()
            result = self.send_once()
            if result.error is not None:
                with self._state_lock:
                    attempt = max(self._failures - 1, 0)
                self._wait(stop, self.backoff.delay(attempt, self.rng), wakeable=False)
            elif not result.more:
                self._wait(stop, self.poll_s, wakeable=True)
        log.info("outbox.sender_stopped kiosk=%s", self.kiosk_id)

    def _wait(self, stop: threading.Event, seconds: float, *, wakeable: bool) -> None:
        # In slices, so a stop event set from outside is seen quickly; nudge() cuts a poll
        # short, never a backoff (a busy kiosk would otherwise hammer a centre that is away).
        deadline = time.monotonic() + seconds
        while not (stop.is_set() or self._stop.is_set()):
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if wakeable:
                if self._wake.wait(min(left, self.sleep_slice_s)):
                    return
            else:
                self._stop.wait(min(left, self.sleep_slice_s))

    def nudge(self) -> None:
        """A business committed: send now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    # --- what the kiosk shows ---

    def status(self) -> CentreStatus:
        """The centre as this sender last saw it, with the local outbox's depth and age."""
        queued, oldest = 0, None
        try:
            with Session(self.engine) as session:
                queued, oldest = OutboxRepository(session).queue()
        except SQLAlchemyError as exc:
            log.debug("outbox.queue_unreadable error=%s", error_kind(exc))
        with self._state_lock:
            return CentreStatus(
                state=self._state,
                queued=queued,
                oldest_at=oldest,
                checked_at=self._checked_at,
                last_sent_at=self._last_sent_at,
            )

    @property
    def last_error(self) -> str | None:
        with self._state_lock:
            return self._last_error

    @property
    def failures(self) -> int:
        """Failed rounds since the last delivery (what the backoff counts)."""
        with self._state_lock:
            return self._failures

    def wait_sent(self, idempotency_key: str, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the centre to confirm the message of the business
        with this idempotency key (sent by this sender since it started); True when it did."""
        deadline = time.monotonic() + timeout
        self.nudge()
        with self._state_lock:
            while idempotency_key not in self._recent_set:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._state_lock.wait(left)
            return True

"""Loss reports: one business transaction, written whole, once per idempotency key (R4)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReportable,
    CardUnknown,
    IdempotencyKeyReused,
)
from kiosk.domain.journal import (
    ActorKind,
    Agent,
    LossReportKind,
    LossReportReceipt,
    LossReportRequest,
)
from kiosk.domain.records import CardStatus
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.services.loss_report import record_loss_report
from kiosk.services.vouchers import record_voucher_print
from kiosk.store import models as m
from kiosk.store.db import read_session
from kiosk.store.repositories import CardRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

NORMAL_SSN, NORMAL_CARD = "110105198506120173", "A1052103X"
TEMP_LOSS_SSN, TEMP_LOSS_CARD = "650102198304150514", "X65010277"
OTHER_SSNS = ("310104199003080267", "440106197811230350", "42010619561001013X")
KIOSK = "BJCY01"


def request(
    ssn: str = NORMAL_SSN,
    kind: LossReportKind = LossReportKind.TEMPORARY,
    key: str | None = None,
    **kw: object,
) -> LossReportRequest:
    return LossReportRequest(
        idempotency_key=key or str(uuid.uuid4()), kiosk_id=KIOSK, ssn=ssn, kind=kind, **kw
    )


def counts(engine: Engine) -> dict[str, int]:
    tables = {
        "transactions": m.Transaction,
        "loss_reports": m.LossReport,
        "vouchers": m.Voucher,
        "audit": m.AuditLogEntry,
        "outbox": m.OutboxMessage,
        "status_changes": m.CardStatusChange,
    }
    with read_session(engine) as s:
        return {
            name: s.scalar(sa.select(sa.func.count()).select_from(model)) or 0
            for name, model in tables.items()
        }


def test_loss_report_writes_the_whole_transaction(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    before = counts(demo_engine)
    agent = Agent(id_number="11010519491231002X", name="王大明", relationship="父子")
    req = request(agent=agent)
    receipt = record_loss_report(UnitOfWork(demo_engine, audit_seal), req)

    assert not receipt.replayed
    assert receipt.card_number == NORMAL_CARD and receipt.kind is LossReportKind.TEMPORARY
    assert normalize_voucher_number(receipt.voucher_number) == receipt.voucher_number
    assert receipt.voucher_number.startswith(f"{KIOSK}-")
    after = counts(demo_engine)
    assert {k: after[k] - before[k] for k in after} == dict.fromkeys(after, 1)

    with read_session(demo_engine) as s:
        cards = CardRepository(s)
        card = cards.get(NORMAL_CARD)
        assert card is not None and card.status is CardStatus.TEMPORARY_LOSS
        change = cards.history(NORMAL_CARD)[-1]
        assert change.from_status is CardStatus.NORMAL
        assert change.transaction_key == req.idempotency_key
        (entry,) = s.scalars(
            sa.select(m.AuditLogEntry).where(m.AuditLogEntry.transaction_key == req.idempotency_key)
        )
        # The actor is the agent, masked; no full ID or card number in the audit log.
        assert entry.actor_kind is ActorKind.AGENT and entry.actor == "1101**********002X"
        assert NORMAL_CARD not in entry.detail and NORMAL_SSN not in entry.actor
        lr = s.scalar(sa.select(m.LossReport))
        assert lr is not None and lr.agent_name == "王大明"


def test_temporary_then_final_then_nothing(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    record_loss_report(uow, request(kind=LossReportKind.TEMPORARY))
    final = record_loss_report(uow, request(kind=LossReportKind.FINAL))
    assert final.card_number == NORMAL_CARD
    for kind in LossReportKind:
        with pytest.raises(CardNotReportable):
            record_loss_report(uow, request(kind=kind))
    with read_session(demo_engine) as s:
        assert [c.to_status for c in CardRepository(s).history(NORMAL_CARD)] == [
            CardStatus.TEMPORARY_LOSS,
            CardStatus.LOST,
        ]


def test_refusals_write_nothing(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    before = counts(demo_engine)
    with pytest.raises(CardNotReportable):  # already under temporary loss report
        record_loss_report(uow, request(TEMP_LOSS_SSN, LossReportKind.TEMPORARY))
    with pytest.raises(CardholderUnknown):
        record_loss_report(uow, request("330106199502140486"))  # the unknown card's holder
    with pytest.raises(CardUnknown):
        record_loss_report(uow, request(card_number=TEMP_LOSS_CARD))  # not this holder's card
    assert counts(demo_engine) == before


def test_same_key_twice_gives_one_transaction(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    req = request()
    first = record_loss_report(uow, req)
    before = counts(demo_engine)
    second = record_loss_report(uow, req)
    assert second.replayed
    assert (second.voucher_number, second.card_number, second.kind) == (
        first.voucher_number,
        first.card_number,
        first.kind,
    )
    assert second.reported_at == first.reported_at
    assert counts(demo_engine) == before


def test_same_key_for_another_request_is_refused(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    req = request()
    record_loss_report(uow, req)
    with pytest.raises(IdempotencyKeyReused):
        record_loss_report(uow, request(OTHER_SSNS[0], key=req.idempotency_key))
    with pytest.raises(IdempotencyKeyReused):
        record_loss_report(uow, request(kind=LossReportKind.FINAL, key=req.idempotency_key))


def _in_threads(n: int, work) -> list[object]:  # type: ignore[no-untyped-def]
    """Run work(i) in n threads released together; results (or exceptions) by index."""
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_same_key_concurrently_gives_one_transaction(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    req = request(kind=LossReportKind.FINAL)
    before = counts(demo_engine)
    results = _in_threads(
        8, lambda _i: record_loss_report(UnitOfWork(demo_engine, audit_seal), req)
    )
    assert all(isinstance(r, LossReportReceipt) for r in results), results
    receipts = [r for r in results if isinstance(r, LossReportReceipt)]
    assert len({r.voucher_number for r in receipts}) == 1
    assert sum(not r.replayed for r in receipts) == 1
    after = counts(demo_engine)
    assert {k: after[k] - before[k] for k in after} == dict.fromkeys(after, 1)


def test_concurrent_reports_on_one_card_are_decided_in_turn(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    """Different keys, same card: exactly one temporary loss report gets through."""
    results = _in_threads(
        6, lambda _i: record_loss_report(UnitOfWork(demo_engine, audit_seal), request())
    )
    assert sum(isinstance(r, LossReportReceipt) for r in results) == 1
    assert sum(isinstance(r, CardNotReportable) for r in results) == 5


def test_concurrent_kiosks_get_distinct_voucher_numbers(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    ssns = (NORMAL_SSN, *OTHER_SSNS)
    results = _in_threads(
        len(ssns),
        lambda i: record_loss_report(UnitOfWork(demo_engine, audit_seal), request(ssns[i])),
    )
    numbers = sorted(r.voucher_number for r in results if isinstance(r, LossReportReceipt))
    assert len(numbers) == len(ssns)
    day = numbers[0].split("-")[1]
    assert [n.split("-")[2] for n in numbers] == [f"{i:06d}" for i in range(1, len(ssns) + 1)]
    assert all(n.split("-")[1] == day for n in numbers)


def test_voucher_date_is_the_local_date(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    # 17:30 UTC is already the next day in Beijing.
    late = dt.datetime(2026, 11, 22, 17, 30, tzinfo=dt.UTC)
    receipt = record_loss_report(UnitOfWork(demo_engine, audit_seal), request(), now=late)
    assert receipt.voucher_number.split("-")[1] == "20261123"


def test_voucher_prints_are_counted_and_audited(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    receipt = record_loss_report(uow, request())
    number = receipt.voucher_number
    common = {"kiosk_id": KIOSK}
    assert (
        record_voucher_print(uow, number, actor_kind=ActorKind.SYSTEM, actor="kiosk", **common) == 0
    )
    assert (
        record_voucher_print(
            uow, number, actor_kind=ActorKind.CITIZEN, actor="1101**********0173", **common
        )
        == 1
    )
    with read_session(demo_engine) as s:
        actions = [
            e.action
            for e in s.scalars(
                sa.select(m.AuditLogEntry)
                .where(m.AuditLogEntry.transaction_key == receipt.idempotency_key)
                .order_by(m.AuditLogEntry.seq)
            )
        ]
    assert actions == ["loss_report.recorded", "voucher.printed", "voucher.reprinted"]
    with pytest.raises(LookupError):
        record_voucher_print(uow, "NOPE", actor_kind=ActorKind.SYSTEM, actor="kiosk", **common)


def test_losing_the_race_on_the_key_returns_the_winners_receipt(
    demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, audit_seal: AuditSeal
) -> None:
    """The look-up misses a twin that commits before our insert: the unique key refuses our
    insert and the twin's receipt comes back (the PostgreSQL race, made deterministic)."""
    from kiosk.services import loss_report

    req = request()
    first = record_loss_report(UnitOfWork(demo_engine, audit_seal), req)
    real_replay = loss_report.replay_loss_report
    calls = []

    def blind_first_look(uow, key, fingerprint):  # type: ignore[no-untyped-def]
        calls.append(key)
        return None if len(calls) == 1 else real_replay(uow, key, fingerprint)

    monkeypatch.setattr(loss_report, "replay_loss_report", blind_first_look)
    before = counts(demo_engine)
    again = record_loss_report(UnitOfWork(demo_engine, audit_seal), req)
    assert len(calls) == 2 and again.replayed
    assert again.voucher_number == first.voucher_number
    assert counts(demo_engine) == before

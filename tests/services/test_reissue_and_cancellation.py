"""Reissue, replacement and cancellation: each one business transaction, written whole or not at
all, once per idempotency key (R4, R5), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter
from kiosk.domain.business import (
    BusinessReceipt,
    CancellationRequest,
    PickupQuote,
    RecordedBusiness,
    ReissueRequest,
)
from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReplaceable,
    CardNotReportable,
    CardUnknown,
    IdempotencyKeyReused,
    NotUnderTemporaryLoss,
    OutletNotIssuing,
    ReissueUnderWay,
    ReprintUsed,
)
from kiosk.domain.journal import (
    ActorKind,
    Agent,
    LossReportKind,
    LossReportRequest,
    ReissueProgress,
    ReissueReason,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.records import CardStatus
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services import reissue as reissue_module
from kiosk.services.business import BusinessService
from kiosk.services.cancellation import record_loss_cancellation
from kiosk.services.loss_report import record_loss_report
from kiosk.services.reissue import record_reissue
from kiosk.services.vouchers import record_voucher_print
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.check import check_database
from kiosk.store.db import read_session
from kiosk.store.repositories import (
    CardRepository,
    JournalRepository,
    OutboxRepository,
    VoucherRepository,
)
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

NORMAL_SSN, NORMAL_CARD = "110105198506120173", "A1052103X"  # photo on file
NO_PHOTO_SSN, NO_PHOTO_CARD = "440106197811230350", "G44010629"
TEMP_LOSS_SSN, TEMP_LOSS_CARD = "650102198304150514", "X65010277"  # reported at a counter
EXPIRED_SSN, EXPIRED_CARD = "42010619561001013X", "H42010593"
UNKNOWN_SSN = "330106199502140486"
KIOSK = "BJCY01"
OUTLET, NOT_ISSUING = "BJCY-01", "BJCY-05"
QUOTE = PickupQuote(dt.date(2026, 12, 11), True, 15, 0)
AGENT = Agent(id_number="11010519491231002X", name="王大明", relationship="父子")

JOURNAL_TABLES = {
    "transactions": m.Transaction,
    "loss_reports": m.LossReport,
    "loss_cancellations": m.LossCancellation,
    "reissue_applications": m.ReissueApplication,
    "vouchers": m.Voucher,
    "voucher_prints": m.VoucherPrint,
    "audit": m.AuditLogEntry,
    "outbox": m.OutboxMessage,
    "status_changes": m.CardStatusChange,
}


def key() -> str:
    return uuid.uuid4().hex


def reissue(
    ssn: str = NORMAL_SSN,
    card: str = NORMAL_CARD,
    reason: ReissueReason = ReissueReason.LOST,
    *,
    k: str | None = None,
    outlet: str = OUTLET,
    agent: Agent | None = None,
) -> ReissueRequest:
    return ReissueRequest(k or key(), KIOSK, ssn, card, reason, outlet, agent)


def cancellation(
    ssn: str = TEMP_LOSS_SSN, card: str = TEMP_LOSS_CARD, *, k: str | None = None
) -> CancellationRequest:
    return CancellationRequest(k or key(), KIOSK, ssn, card)


def snapshot(engine: Engine) -> dict[str, Any]:
    """Row counts of every journal table, the voucher sequences and every card's status."""
    with read_session(engine) as s:
        out: dict[str, Any] = {
            name: s.scalar(sa.select(sa.func.count()).select_from(model)) or 0
            for name, model in JOURNAL_TABLES.items()
        }
        out["voucher_seq"] = s.scalar(sa.select(sa.func.sum(m.VoucherCounter.last_seq))) or 0
        heads = s.execute(sa.select(m.AuditHead.chain, m.AuditHead.seq))
        out["audit_heads"] = sorted((chain, seq) for chain, seq in heads)
        cards = s.execute(sa.select(m.Card.card_number, m.Card.status))
        out["cards"] = {number: status for number, status in cards}
    return out


def delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in JOURNAL_TABLES}


def status_of(engine: Engine, card: str) -> CardStatus:
    with read_session(engine) as s:
        found = CardRepository(s).get(card)
    assert found is not None
    return found.status


def set_status(engine: Engine, card: str, status: CardStatus) -> None:
    """What a counter would do elsewhere: change a card's status outside the kiosk."""
    with UnitOfWork(engine) as uow:
        uow.session.execute(
            sa.update(m.Card).where(m.Card.card_number == card).values(status=status)
        )
        uow.commit()


def set_progress(engine: Engine, progress: ReissueProgress) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.execute(sa.update(m.ReissueApplication).values(progress=progress))
        uow.commit()


def assert_check_passes(engine: Engine, seal: AuditSeal) -> None:
    """The whole of `kiosk db check`: the sealed chain, its anchor, the journal against it."""
    report = check_database(engine, seal=seal)
    assert report.ok, "\n".join(report.lines())


# --- the transactions ----------------------------------------------------------------------------


def test_reissue_after_loss_writes_the_whole_transaction(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    before = snapshot(demo_engine)
    req = reissue(agent=AGENT, reason=ReissueReason.STOLEN)
    recorded = record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE)

    assert not recorded.replayed
    assert recorded.kind is TransactionKind.REISSUE and recorded.loss_kind is LossReportKind.FINAL
    assert recorded.reason is ReissueReason.STOLEN
    assert recorded.outlet is not None and recorded.outlet.code == OUTLET
    assert (recorded.pickup_date, recorded.pickup_date_exact) == (QUOTE.expected_date, True)
    assert recorded.agent and not recorded.photo_required
    after = snapshot(demo_engine)
    assert delta(before, after) == {
        "transactions": 1,
        "loss_reports": 1,
        "loss_cancellations": 0,
        "reissue_applications": 1,
        "vouchers": 1,
        "voucher_prints": 0,
        "audit": 1,
        "outbox": 1,
        "status_changes": 1,
    }
    assert after["cards"][NORMAL_CARD] is CardStatus.LOST

    with read_session(demo_engine) as s:
        app = s.scalars(sa.select(m.ReissueApplication)).one()
        assert app.progress is ReissueProgress.APPLIED and app.reason is ReissueReason.STOLEN
        assert (app.fee_fen, app.photo_required, app.agent_name) == (0, False, "王大明")
        loss = s.scalars(sa.select(m.LossReport)).one()
        assert loss.kind is LossReportKind.FINAL and loss.transaction_id == app.transaction_id
        voucher = s.scalars(sa.select(m.Voucher)).one()
        assert voucher.kind is VoucherKind.CARD_RECEIPT
        assert voucher.number == recorded.voucher_number
        (entry,) = AuditRepository(s).for_transaction(req.idempotency_key)
        assert entry.action == "reissue.applied" and entry.actor_kind is ActorKind.AGENT
        assert entry.actor == "1101**********002X"
        text = str(entry.detail) + entry.actor
        for secret in (NORMAL_SSN, NORMAL_CARD, AGENT.id_number, AGENT.name):
            assert secret not in text
        ((_, topic, payload),) = OutboxRepository(s).pending()
        assert topic == "reissue" and payload["card_number"] == NORMAL_CARD
        assert payload["status"] == "lost" and payload["voucher"] == recorded.voucher_number
    assert_check_passes(demo_engine, audit_seal)


def test_reissue_of_a_card_under_temporary_loss(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    record_reissue(
        UnitOfWork(demo_engine, audit_seal), reissue(TEMP_LOSS_SSN, TEMP_LOSS_CARD), pickup=QUOTE
    )
    assert status_of(demo_engine, TEMP_LOSS_CARD) is CardStatus.LOST


def test_photo_is_required_when_none_is_on_file(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    recorded = record_reissue(
        UnitOfWork(demo_engine, audit_seal), reissue(NO_PHOTO_SSN, NO_PHOTO_CARD), pickup=QUOTE
    )
    assert recorded.photo_required and not recorded.agent


def test_damaged_card_is_replaced_and_keeps_working(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    before = snapshot(demo_engine)
    quote = PickupQuote(dt.date(2026, 12, 11), False, 15, 2000)
    recorded = record_reissue(
        UnitOfWork(demo_engine, audit_seal), reissue(reason=ReissueReason.DAMAGED), pickup=quote
    )
    assert recorded.kind is TransactionKind.REPLACEMENT and recorded.loss_kind is None
    assert (recorded.fee_fen, recorded.pickup_date_exact) == (2000, False)
    after = snapshot(demo_engine)
    assert delta(before, after) == {
        "transactions": 1,
        "loss_reports": 0,
        "loss_cancellations": 0,
        "reissue_applications": 1,
        "vouchers": 1,
        "voucher_prints": 0,
        "audit": 1,
        "outbox": 1,
        "status_changes": 0,
    }
    # The damaged card stays in force until the new one is collected.
    assert after["cards"][NORMAL_CARD] is CardStatus.NORMAL
    with read_session(demo_engine) as s:
        (entry,) = AuditRepository(s).for_transaction(recorded.idempotency_key)
        assert entry.action == "replacement.applied" and entry.actor_kind is ActorKind.CITIZEN


def test_an_expired_card_can_be_replaced(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    req = reissue(EXPIRED_SSN, EXPIRED_CARD, ReissueReason.DAMAGED)
    assert record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE).voucher_number


def test_cancelling_a_counter_report_points_at_no_report(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    before = snapshot(demo_engine)
    recorded = record_loss_cancellation(UnitOfWork(demo_engine, audit_seal), cancellation())
    assert recorded.kind is TransactionKind.LOSS_CANCELLATION and recorded.outlet is None
    after = snapshot(demo_engine)
    assert delta(before, after) == {
        "transactions": 1,
        "loss_reports": 0,
        "loss_cancellations": 1,
        "reissue_applications": 0,
        "vouchers": 1,
        "voucher_prints": 0,
        "audit": 1,
        "outbox": 1,
        "status_changes": 1,
    }
    assert after["cards"][TEMP_LOSS_CARD] is CardStatus.NORMAL
    with read_session(demo_engine) as s:
        row = s.scalars(sa.select(m.LossCancellation)).one()
        tx = s.get_one(m.Transaction, row.transaction_id)
        assert row.loss_report_id is None and tx.card_id is not None
        voucher = s.scalars(sa.select(m.Voucher)).one()
        assert voucher.kind is VoucherKind.CANCELLATION_RECEIPT
        (entry,) = AuditRepository(s).for_transaction(recorded.idempotency_key)
        assert entry.action == "loss_report.cancelled"
        assert entry.actor == "6501**********0514"
        assert TEMP_LOSS_CARD not in str(entry.detail)


def test_cancelling_a_kiosk_report_points_at_the_open_one(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    temporary = LossReportRequest(key(), KIOSK, NORMAL_SSN, LossReportKind.TEMPORARY)
    for _ in range(2):  # report, cancel, report again: the second cancellation takes the second
        record_loss_report(uow, temporary)
        record_loss_cancellation(uow, cancellation(NORMAL_SSN, NORMAL_CARD))
        temporary = LossReportRequest(key(), KIOSK, NORMAL_SSN, LossReportKind.TEMPORARY)
    with read_session(demo_engine) as s:
        reports = list(s.scalars(sa.select(m.LossReport.id).order_by(m.LossReport.id)))
        pointed = list(
            s.scalars(sa.select(m.LossCancellation.loss_report_id).order_by(m.LossCancellation.id))
        )
    assert pointed == reports and len(reports) == 2
    assert status_of(demo_engine, NORMAL_CARD) is CardStatus.NORMAL


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: reissue(UNKNOWN_SSN, "Z33010648"), CardholderUnknown),
        (lambda: reissue(card=TEMP_LOSS_CARD), CardUnknown),  # not this holder's card
        (lambda: reissue(outlet=NOT_ISSUING), OutletNotIssuing),
        (lambda: reissue(outlet="NOPE"), OutletNotIssuing),
        (
            lambda: reissue(TEMP_LOSS_SSN, TEMP_LOSS_CARD, ReissueReason.DAMAGED),
            CardNotReplaceable,
        ),
    ],
)
def test_reissue_refusals_write_nothing(
    demo_engine: Engine,
    make: Callable[[], ReissueRequest],
    error: type[Exception],
    audit_seal: AuditSeal,
) -> None:
    before = snapshot(demo_engine)
    with pytest.raises(error):
        record_reissue(UnitOfWork(demo_engine, audit_seal), make(), pickup=QUOTE)
    assert snapshot(demo_engine) == before


@pytest.mark.parametrize("status", [CardStatus.LOST, CardStatus.CANCELLED, CardStatus.REPLACED])
@pytest.mark.parametrize("reason", list(ReissueReason))
def test_a_card_out_of_force_cannot_be_reissued(
    demo_engine: Engine, status: CardStatus, reason: ReissueReason, audit_seal: AuditSeal
) -> None:
    set_status(demo_engine, NORMAL_CARD, status)
    before = snapshot(demo_engine)
    with pytest.raises(CardNotReportable) as caught:
        record_reissue(UnitOfWork(demo_engine, audit_seal), reissue(reason=reason), pickup=QUOTE)
    assert caught.value.status == status.value
    assert snapshot(demo_engine) == before


def test_one_reissue_at_a_time_until_collected(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    damaged = ReissueReason.DAMAGED
    record_reissue(uow, reissue(reason=damaged), pickup=QUOTE)
    before = snapshot(demo_engine)
    for reason in ReissueReason:
        with pytest.raises(ReissueUnderWay):
            record_reissue(uow, reissue(reason=reason), pickup=QUOTE)
    assert snapshot(demo_engine) == before
    for progress in (ReissueProgress.IN_PRODUCTION, ReissueProgress.READY):
        set_progress(demo_engine, progress)
        with pytest.raises(ReissueUnderWay):
            record_reissue(uow, reissue(reason=damaged), pickup=QUOTE)
    set_progress(demo_engine, ReissueProgress.COLLECTED)
    assert record_reissue(uow, reissue(reason=damaged), pickup=QUOTE).voucher_number


def test_cancellation_refusals_write_nothing(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    before = snapshot(demo_engine)
    uow = UnitOfWork(demo_engine, audit_seal)
    with pytest.raises(NotUnderTemporaryLoss):
        record_loss_cancellation(uow, cancellation(NORMAL_SSN, NORMAL_CARD))
    with pytest.raises(CardUnknown):
        record_loss_cancellation(uow, cancellation(NORMAL_SSN, TEMP_LOSS_CARD))
    with pytest.raises(CardholderUnknown):
        record_loss_cancellation(uow, cancellation(UNKNOWN_SSN, "Z33010648"))
    set_status(demo_engine, TEMP_LOSS_CARD, CardStatus.LOST)
    with pytest.raises(NotUnderTemporaryLoss):
        record_loss_cancellation(uow, cancellation())
    after = snapshot(demo_engine)
    assert delta(before, after) == dict.fromkeys(JOURNAL_TABLES, 0)


# --- idempotency ---------------------------------------------------------------------------------


def test_same_key_twice_replays_the_reissue(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    req = reissue(agent=AGENT)
    first = record_reissue(uow, req, pickup=QUOTE)
    before = snapshot(demo_engine)
    # A retry the next day quotes another date; the replay keeps the recorded one.
    later = PickupQuote(dt.date(2026, 12, 14), False, 15, 500)
    second = record_reissue(uow, req, pickup=later)
    assert second.replayed and not first.replayed
    assert second == RecordedBusiness(**{**first.__dict__, "replayed": True})
    assert snapshot(demo_engine) == before


def test_same_key_twice_replays_the_cancellation(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    req = cancellation()
    first = record_loss_cancellation(uow, req)
    before = snapshot(demo_engine)
    second = record_loss_cancellation(uow, req)  # the card is normal now: still a replay
    assert second.replayed and second.voucher_number == first.voucher_number
    assert second.recorded_at == first.recorded_at
    assert snapshot(demo_engine) == before


def test_same_key_for_another_request_is_refused(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    req = reissue()
    record_reissue(uow, req, pickup=QUOTE)
    k = req.idempotency_key
    before = snapshot(demo_engine)
    with pytest.raises(IdempotencyKeyReused):
        record_reissue(uow, reissue(k=k, outlet="BJCY-02"), pickup=QUOTE)
    with pytest.raises(IdempotencyKeyReused):
        record_reissue(uow, reissue(k=k, reason=ReissueReason.STOLEN), pickup=QUOTE)
    with pytest.raises(IdempotencyKeyReused):
        record_loss_cancellation(uow, cancellation(k=k))
    with pytest.raises(IdempotencyKeyReused):
        record_loss_report(uow, LossReportRequest(k, KIOSK, NORMAL_SSN, LossReportKind.TEMPORARY))
    temporary = LossReportRequest(key(), KIOSK, TEMP_LOSS_SSN, LossReportKind.FINAL)
    record_loss_report(uow, temporary)
    before = snapshot(demo_engine)
    with pytest.raises(IdempotencyKeyReused):
        record_reissue(
            uow, reissue(TEMP_LOSS_SSN, TEMP_LOSS_CARD, k=temporary.idempotency_key), pickup=QUOTE
        )
    assert snapshot(demo_engine) == before


def _in_threads(n: int, work: Callable[[int], object]) -> list[object]:
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
        t.join(timeout=120)
    return results


def test_same_reissue_key_from_eight_threads_is_one_transaction(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    req = reissue()
    before = snapshot(demo_engine)
    results = _in_threads(
        8, lambda _i: record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE)
    )
    assert all(isinstance(r, RecordedBusiness) for r in results), results
    recorded = [r for r in results if isinstance(r, RecordedBusiness)]
    assert len({r.voucher_number for r in recorded}) == 1
    assert sum(not r.replayed for r in recorded) == 1
    after = snapshot(demo_engine)
    assert delta(before, after) == {
        "transactions": 1,
        "loss_reports": 1,
        "loss_cancellations": 0,
        "reissue_applications": 1,
        "vouchers": 1,
        "voucher_prints": 0,
        "audit": 1,
        "outbox": 1,
        "status_changes": 1,
    }
    assert_check_passes(demo_engine, audit_seal)


def test_same_cancellation_key_from_eight_threads_is_one_transaction(
    demo_engine: Engine,
    audit_seal: AuditSeal,
) -> None:
    req = cancellation()
    before = snapshot(demo_engine)
    results = _in_threads(
        8, lambda _i: record_loss_cancellation(UnitOfWork(demo_engine, audit_seal), req)
    )
    recorded = [r for r in results if isinstance(r, RecordedBusiness)]
    assert len(recorded) == 8, results
    assert len({r.voucher_number for r in recorded}) == 1
    assert sum(not r.replayed for r in recorded) == 1
    d = delta(before, snapshot(demo_engine))
    assert (d["transactions"], d["loss_cancellations"], d["vouchers"]) == (1, 1, 1)
    assert (d["audit"], d["outbox"], d["status_changes"]) == (1, 1, 1)


def test_same_key_from_eight_threads_through_the_service(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    """The service on top: eight double taps, one voucher, every receipt the same."""
    service = BusinessService(
        demo_engine,
        KioskInfo(KIOSK, "hall"),
        signing_key=b"k",
        audit_seal=audit_seal,
        printer=FakePrinter(),
    )
    req = reissue(NO_PHOTO_SSN, NO_PHOTO_CARD, agent=AGENT)
    before = snapshot(demo_engine)
    results = _in_threads(8, lambda _i: service.apply_reissue(req))
    receipts = [r for r in results if isinstance(r, BusinessReceipt)]
    assert len(receipts) == 8, results
    assert len({(r.voucher_number, r.qr_payload, r.pickup) for r in receipts}) == 1
    assert sum(not r.replayed for r in receipts) == 1
    d = delta(before, snapshot(demo_engine))
    assert (d["transactions"], d["vouchers"], d["audit"], d["outbox"]) == (1, 1, 1, 1)


def test_different_keys_for_one_holder_give_one_reissue(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    results = _in_threads(
        6, lambda _i: record_reissue(UnitOfWork(demo_engine, audit_seal), reissue(), pickup=QUOTE)
    )
    assert sum(isinstance(r, RecordedBusiness) for r in results) == 1, results
    assert sum(isinstance(r, ReissueUnderWay) for r in results) == 5, results


def test_losing_the_race_on_the_key_returns_the_winners_record(
    demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, audit_seal: AuditSeal
) -> None:
    """The look-up misses a twin that commits before our insert (the PostgreSQL race, made
    deterministic): the unique key refuses our insert and the twin's record comes back."""
    req = reissue()
    first = record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE)
    real = reissue_module.replay_recorded
    calls: list[str] = []

    def blind_first_look(uow: UnitOfWork, k: str, fingerprint: str) -> RecordedBusiness | None:
        calls.append(k)
        return None if len(calls) == 1 else real(uow, k, fingerprint)

    monkeypatch.setattr(reissue_module, "replay_recorded", blind_first_look)
    before = snapshot(demo_engine)
    again = record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE)
    assert len(calls) == 2 and again.replayed
    assert again.voucher_number == first.voucher_number
    assert snapshot(demo_engine) == before


# --- a failure at each step leaves nothing behind ------------------------------------------------


class Injected(RuntimeError):
    pass


REISSUE_STEPS = [
    (JournalRepository, "add_transaction"),
    (CardRepository, "lock_for_change"),
    (JournalRepository, "reissue_under_way"),
    (JournalRepository, "issuing_outlet_id"),
    (CardRepository, "change_status"),
    (JournalRepository, "add_loss_report"),
    (JournalRepository, "add_reissue"),
    (VoucherRepository, "next_voucher_number"),
    (VoucherRepository, "add_voucher"),
    (AuditRepository, "append"),
    (OutboxRepository, "add"),
    (UnitOfWork, "commit"),
]
CANCEL_STEPS = [
    (JournalRepository, "add_transaction"),
    (CardRepository, "lock_for_change"),
    (JournalRepository, "open_temporary_report"),
    (CardRepository, "change_status"),
    (JournalRepository, "add_loss_cancellation"),
    (VoucherRepository, "next_voucher_number"),
    (VoucherRepository, "add_voucher"),
    (AuditRepository, "append"),
    (OutboxRepository, "add"),
    (UnitOfWork, "commit"),
]


def _fail(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[int]:
    calls: list[int] = []

    def boom(*_args: object, **_kwargs: object) -> None:
        calls.append(1)
        raise Injected(name)

    monkeypatch.setattr(cls, name, boom)
    return calls


@pytest.mark.parametrize(("cls", "name"), REISSUE_STEPS, ids=[n for _, n in REISSUE_STEPS])
def test_reissue_failing_at_any_step_leaves_nothing(
    demo_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    cls: type,
    name: str,
    audit_seal: AuditSeal,
) -> None:
    # An earlier kiosk transaction, so the audit chain has something to keep intact.
    record_loss_report(
        UnitOfWork(demo_engine, audit_seal),
        LossReportRequest(key(), KIOSK, EXPIRED_SSN, LossReportKind.TEMPORARY),
    )
    req = reissue(TEMP_LOSS_SSN, TEMP_LOSS_CARD, agent=AGENT)
    before = snapshot(demo_engine)
    with monkeypatch.context() as patch:
        calls = _fail(patch, cls, name)
        with pytest.raises(Injected):
            record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE)
    assert calls, "the step was reached"
    assert snapshot(demo_engine) == before
    assert_check_passes(demo_engine, audit_seal)
    # The key was not used up: the retry records the transaction, once.
    assert not record_reissue(UnitOfWork(demo_engine, audit_seal), req, pickup=QUOTE).replayed
    assert snapshot(demo_engine)["transactions"] == before["transactions"] + 1
    assert_check_passes(demo_engine, audit_seal)


@pytest.mark.parametrize(("cls", "name"), CANCEL_STEPS, ids=[n for _, n in CANCEL_STEPS])
def test_cancellation_failing_at_any_step_leaves_nothing(
    demo_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    cls: type,
    name: str,
    audit_seal: AuditSeal,
) -> None:
    req = cancellation()
    before = snapshot(demo_engine)
    with monkeypatch.context() as patch:
        calls = _fail(patch, cls, name)
        with pytest.raises(Injected):
            record_loss_cancellation(UnitOfWork(demo_engine, audit_seal), req)
    assert calls
    assert snapshot(demo_engine) == before
    assert_check_passes(demo_engine, audit_seal)
    assert not record_loss_cancellation(UnitOfWork(demo_engine, audit_seal), req).replayed


# --- prints and the one self-service reprint -----------------------------------------------------


def test_a_citizen_reprints_once_staff_as_often_as_needed(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    number = record_reissue(uow, reissue(), pickup=QUOTE).voucher_number
    citizen = {"kiosk_id": KIOSK, "actor_kind": ActorKind.CITIZEN, "actor": "1101**********0173"}
    assert record_voucher_print(uow, number, **citizen) == 0  # the original
    assert record_voucher_print(uow, number, self_service=True, **citizen) == 1
    before = snapshot(demo_engine)
    with pytest.raises(ReprintUsed):
        record_voucher_print(uow, number, self_service=True, **citizen)
    # The one reprint is the voucher's, whoever takes it at the kiosk (S8).
    holder = {"kiosk_id": KIOSK, "actor_kind": ActorKind.ANONYMOUS, "actor": "voucher holder"}
    with pytest.raises(ReprintUsed):
        record_voucher_print(uow, number, self_service=True, **holder)
    assert snapshot(demo_engine) == before
    staff = {"kiosk_id": KIOSK, "actor_kind": ActorKind.STAFF, "actor": "S0***7"}
    assert record_voucher_print(uow, number, reason="lost it again", **staff) == 2
    with pytest.raises(ValueError, match="not by staff"):
        record_voucher_print(uow, number, self_service=True, **staff)


def test_a_failed_first_print_does_not_use_the_reprint(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    number = record_loss_cancellation(uow, cancellation()).voucher_number
    citizen = {"kiosk_id": KIOSK, "actor_kind": ActorKind.CITIZEN, "actor": "6501**********0514"}
    assert record_voucher_print(uow, number, self_service=True, **citizen) == 0
    assert record_voucher_print(uow, number, self_service=True, **citizen) == 1
    with pytest.raises(ReprintUsed):
        record_voucher_print(uow, number, self_service=True, **citizen)


def test_voucher_record_reads_back_what_was_recorded(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    uow = UnitOfWork(demo_engine, audit_seal)
    recorded = record_reissue(uow, reissue(NO_PHOTO_SSN, NO_PHOTO_CARD, agent=AGENT), pickup=QUOTE)
    with read_session(demo_engine) as s:
        record = VoucherRepository(s).voucher_record(recorded.voucher_number)
    assert record is not None
    assert (record.ssn, record.card_number, record.agent) == (NO_PHOTO_SSN, NO_PHOTO_CARD, AGENT)
    assert record.kind is VoucherKind.CARD_RECEIPT and record.progress is ReissueProgress.APPLIED
    assert record.photo_required and record.pickup_date == QUOTE.expected_date
    assert (record.next_print_no, record.citizen_reprints) == (0, 0)
    assert NO_PHOTO_SSN not in repr(record) and AGENT.name not in repr(record)

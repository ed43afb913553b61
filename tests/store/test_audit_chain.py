"""The audit hash chain (S5): intact chains verify; an edited or deleted row is found, by the
check function and by `kiosk db check`."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk import cli
from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest, Outcome
from kiosk.store.audit import GENESIS_HASH, AuditRepository, verify_audit_chains
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, read_session
from kiosk.store.journal import record_loss_report
from kiosk.store.unitofwork import UnitOfWork

SSNS = ("110105198506120173", "310104199003080267", "440106197811230350", "42010619561001013X")


def _fill(engine: Engine) -> None:
    """Four loss reports on kiosk K1 and two staff actions on kiosk K2: two chains."""
    uow = UnitOfWork(engine)
    for ssn in SSNS:
        record_loss_report(
            uow,
            LossReportRequest(str(uuid.uuid4()), "K1", ssn, LossReportKind.TEMPORARY),
        )
    with uow:
        for action in ("staff.login", "staff.audit_viewed"):
            uow.audit.append(
                chain="K2",
                actor_kind=ActorKind.STAFF,
                actor="clerk01",
                action=action,
                outcome=Outcome.OK,
                at=dt.datetime.now(dt.UTC),
                detail={"note": "中文也要一样"},
            )
        uow.commit()


def _problems(engine: Engine) -> list[tuple[str, int | None, str]]:
    with read_session(engine) as session:
        return [(p.chain, p.seq, p.kind) for p in verify_audit_chains(session)]


def _sql(engine: Engine, statement: str) -> None:
    with engine.connect() as conn:
        conn.execute(sa.text(statement))
        conn.commit()


def test_intact_chains_verify(demo_engine: Engine) -> None:
    assert _problems(demo_engine) == []  # no entries at all is fine too
    _fill(demo_engine)
    assert _problems(demo_engine) == []
    with read_session(demo_engine) as session:
        newest = AuditRepository(session).entries(chain="K1")
        assert [e.seq for e in newest] == [4, 3, 2, 1]
        assert newest[-1].prev_hash == GENESIS_HASH
        assert newest[0].detail["card"].count("*") == 5  # masked card number
    report = check_database(demo_engine)
    assert report.ok, report.lines()


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        pytest.param(
            "UPDATE audit_log SET outcome = 'refused' WHERE chain = 'K1' AND seq = 2",
            [("K1", 2, "altered")],
            id="edit-a-field",
        ),
        pytest.param(
            "UPDATE audit_log SET detail = '{\"note\":\"changed\"}' WHERE chain = 'K2' AND seq = 1",
            [("K2", 1, "altered")],
            id="edit-detail",
        ),
        pytest.param(
            "UPDATE audit_log SET at = at - INTERVAL '1 hour' WHERE chain = 'K1' AND seq = 3",
            [("K1", 3, "altered")],
            id="edit-time",
        ),
        pytest.param(
            "DELETE FROM audit_log WHERE chain = 'K1' AND seq = 2",
            [("K1", 3, "missing"), ("K1", 3, "broken_link")],
            id="delete-a-middle-row",
        ),
        pytest.param(
            "DELETE FROM audit_log WHERE chain = 'K1' AND seq = 1",
            [("K1", 2, "missing"), ("K1", 2, "broken_link")],
            id="delete-the-first-row",
        ),
        pytest.param(
            "DELETE FROM audit_log WHERE chain = 'K1' AND seq = 4",
            [("K1", 4, "head_mismatch")],
            id="delete-the-last-row",
        ),
        pytest.param(
            "DELETE FROM audit_log WHERE chain = 'K2'",
            [("K2", 2, "head_mismatch")],
            id="delete-a-whole-chain",
        ),
        pytest.param(
            "UPDATE audit_log SET hash = prev_hash WHERE chain = 'K1' AND seq = 2",
            [("K1", 2, "altered"), ("K1", 3, "broken_link")],
            id="edit-a-hash",
        ),
        pytest.param(
            "DELETE FROM audit_heads WHERE chain = 'K1'",
            [("K1", None, "no_head")],
            id="delete-a-head",
        ),
    ],
)
def test_tampering_is_found(
    demo_engine: Engine, tamper: str, expected: list[tuple[str, int | None, str]]
) -> None:
    _fill(demo_engine)
    if demo_engine.dialect.name == "sqlite":
        tamper = tamper.replace("at - INTERVAL '1 hour'", "datetime(at, '-1 hour')")
    _sql(demo_engine, tamper)
    assert _problems(demo_engine) == expected
    assert not check_database(demo_engine).ok


def test_db_check_command_reports_tampering(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine(demo_url)
    try:
        _fill(engine)
    finally:
        engine.dispose()
    assert cli.main(["db", "check", "--url", demo_url]) == 0
    out = capsys.readouterr().out
    assert "audit chain: ok" in out and "result: OK" in out

    engine = create_engine(demo_url)
    try:
        _sql(engine, "DELETE FROM audit_log WHERE chain = 'K1' AND seq = 4")
        _sql(engine, "UPDATE audit_log SET actor = 'someone else' WHERE chain = 'K2' AND seq = 2")
    finally:
        engine.dispose()
    assert cli.main(["db", "check", "--url", demo_url]) == 1
    out = capsys.readouterr().out
    assert "audit chain: BROKEN" in out and "result: FAILED" in out
    assert "chain K1 entry 4: head says entry 4 is last, the log ends at entry 3" in out
    assert "chain K2 entry 2: content does not match its hash" in out


def test_detail_is_stored_canonically(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        entry = uow.audit.append(
            chain="K9",
            actor_kind=ActorKind.SYSTEM,
            actor="kiosk",
            action="kiosk.started",
            outcome=Outcome.OK,
            at=dt.datetime(2026, 11, 22, 8, 0, 0, 123456, tzinfo=dt.UTC),
            detail={"b": 2, "a": "汉字"},
        )
        uow.commit()
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT detail, at FROM audit_log")).one()
        conn.rollback()
    assert stored[0] == '{"a":"汉字","b":2}'
    assert json.loads(stored[0]) == entry.detail
    with pytest.raises(ValueError, match="aware"), UnitOfWork(engine) as uow:
        uow.audit.append(
            chain="K9",
            actor_kind=ActorKind.SYSTEM,
            actor="kiosk",
            action="x",
            outcome=Outcome.OK,
            at=dt.datetime(2026, 11, 22),
        )

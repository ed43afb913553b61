"""The sealed audit chain (S5): intact chains verify; an edited, deleted or recomputed row is
found; the anchor outside the database finds a cut tail; legacy unkeyed chains keep verifying
after the upgrade; a kiosk refuses to start without the key its chain is sealed with."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tampering import recompute_chain

from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest, Outcome
from kiosk.services.audit_seal import open_audit_seal, seal_for_check
from kiosk.services.loss_report import record_loss_report
from kiosk.store import seal as seal_module
from kiosk.store.audit import GENESIS_HASH, AuditRepository, entry_body, legacy_hash
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, read_session
from kiosk.store.migrate import upgrade
from kiosk.store.seal import (
    AnchorLog,
    AuditKeyMismatch,
    AuditKeyMissing,
    AuditKeyUnusable,
    AuditSeal,
    AuditSealError,
    SealFiles,
)
from kiosk.store.unitofwork import UnitOfWork

SSNS = ("110105198506120173", "310104199003080267", "440106197811230350", "42010619561001013X")
NOW = dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.UTC)


def _fill(engine: Engine, seal: AuditSeal) -> None:
    """Four loss reports on kiosk K1 and two staff actions on kiosk K2: two chains."""
    uow = UnitOfWork(engine, seal)
    for ssn in SSNS:
        record_loss_report(
            uow,
            LossReportRequest(str(uuid.uuid4()), "K1", ssn, LossReportKind.TEMPORARY),
        )
    _staff_actions(engine, seal, "K2", 2)


def _staff_actions(engine: Engine, seal: AuditSeal, chain: str, n: int) -> None:
    with UnitOfWork(engine, seal) as uow:
        for i in range(n):
            uow.audit.append(
                chain=chain,
                actor_kind=ActorKind.STAFF,
                actor="clerk01",
                action=f"staff.action{i}",
                outcome=Outcome.OK,
                at=dt.datetime.now(dt.UTC),
                detail={"note": "中文也要一样"},
            )
        uow.commit()


def _problems(engine: Engine, seal: AuditSeal | None) -> list[tuple[str, int | None, str]]:
    anchor = seal.anchor if seal is not None else None
    with read_session(engine) as session:
        found = verify_audit_chains(session, seal=seal, anchor=anchor)
    return [(p.chain, p.seq, p.kind) for p in found.problems]


def _sql(engine: Engine, *statements: str) -> None:
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))
        conn.commit()


def test_intact_chains_verify(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    assert _problems(demo_engine, audit_seal) == []  # no entries at all is fine too
    _fill(demo_engine, audit_seal)
    assert _problems(demo_engine, audit_seal) == []
    with read_session(demo_engine) as session:
        newest = AuditRepository(session).entries(chain="K1")
        assert [e.seq for e in newest] == [4, 3, 2, 1]
        assert newest[-1].prev_hash == GENESIS_HASH
        assert newest[0].detail["card"].count("*") == 5  # masked card number
        key_ids = set(session.scalars(sa.text("SELECT DISTINCT key_id FROM audit_log")))
    assert key_ids == {audit_seal.key_id}
    # One anchor line per commit: four loss reports on K1, one commit of two entries on K2.
    lines = audit_seal.anchor.path.read_text().splitlines()
    assert lines[0].startswith("#") and len(lines) == 6
    assert [line.split()[1:3] for line in lines[-2:]] == [["K1", "4"], ["K2", "2"]]
    report = check_database(demo_engine, seal=audit_seal)
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
            [("K1", 4, "head_mismatch"), ("K1", None, "cut")],
            id="delete-the-last-row",
        ),
        pytest.param(
            "DELETE FROM audit_log WHERE chain = 'K2'",
            [("K2", 2, "head_mismatch"), ("K2", None, "chain_gone")],
            id="delete-a-whole-chain",
        ),
        pytest.param(
            "UPDATE audit_log SET hash = prev_hash WHERE chain = 'K1' AND seq = 2",
            [("K1", 2, "altered"), ("K1", 2, "rewritten"), ("K1", 3, "broken_link")],
            id="edit-a-hash",
        ),
        pytest.param(
            "DELETE FROM audit_heads WHERE chain = 'K1'",
            [("K1", None, "no_head")],
            id="delete-a-head",
        ),
        pytest.param(
            "UPDATE audit_log SET key_id = NULL WHERE chain = 'K2' AND seq = 2",
            [("K2", 2, "unkeyed"), ("K2", 2, "altered")],
            id="strip-the-key-id",
        ),
    ],
)
def test_tampering_is_found(
    demo_engine: Engine,
    audit_seal: AuditSeal,
    tamper: str,
    expected: list[tuple[str, int | None, str]],
) -> None:
    _fill(demo_engine, audit_seal)
    if demo_engine.dialect.name == "sqlite":
        tamper = tamper.replace("at - INTERVAL '1 hour'", "datetime(at, '-1 hour')")
    _sql(demo_engine, tamper)
    assert _problems(demo_engine, audit_seal) == expected
    assert not check_database(demo_engine, seal=audit_seal).ok


def test_a_chain_recomputed_without_the_key_is_found(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    _fill(demo_engine, audit_seal)
    recompute_chain(demo_engine, "K1", "someone else", as_legacy=True)
    # Every link holds as an old unkeyed chain; the seal anchored for entry 1 does not.
    assert _problems(demo_engine, audit_seal) == [("K1", 1, "rewritten")]
    lines = check_database(demo_engine, seal=audit_seal).lines()
    assert "  chain K1 entry 1: is not the entry the anchor file recorded: the chain was " in (
        "\n".join(lines)
    )


@pytest.mark.parametrize(
    ("written_after", "expected"),
    [
        # Past the old head: the anchored entry 3 is another entry now.
        (4, [("K1", 3, "rewritten")]),
        # Short of it: the anchor goes back too, and the anchored entry 5 is gone.
        (2, [("K1", None, "anchor_regressed"), ("K1", 3, "rewritten"), ("K1", None, "cut")]),
    ],
)
def test_a_cut_tail_is_found_after_the_kiosk_wrote_on_top_of_it(
    engine: Engine,
    audit_seal: AuditSeal,
    written_after: int,
    expected: list[tuple[str, int | None, str]],
) -> None:
    _staff_actions(engine, audit_seal, "K1", 3)
    _staff_actions(engine, audit_seal, "K1", 2)
    _sql(
        engine,
        "DELETE FROM audit_log WHERE chain = 'K1' AND seq > 2",
        "UPDATE audit_heads SET seq = 2, hash = (SELECT hash FROM audit_log "
        "WHERE chain = 'K1' AND seq = 2) WHERE chain = 'K1'",
    )
    _staff_actions(engine, audit_seal, "K1", written_after)
    assert _problems(engine, audit_seal) == expected


def test_a_crash_between_commit_and_anchor_leaves_a_passing_check(
    demo_engine: Engine, audit_seal: AuditSeal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _staff_actions(demo_engine, audit_seal, "K1", 2)
    # The process dies after the COMMIT and before its anchor line: the line never comes.
    monkeypatch.setattr(seal_module.AnchorWriter, "record", lambda self, heads: None)
    _staff_actions(demo_engine, audit_seal, "K1", 1)
    monkeypatch.undo()
    assert audit_seal.anchor.read().last["K1"].seq == 2
    report = check_database(demo_engine, seal=audit_seal)
    assert report.ok, report.lines()
    _staff_actions(demo_engine, audit_seal, "K1", 1)  # the next line anchors all of it
    assert audit_seal.anchor.read().last["K1"].seq == 4


def test_appending_without_a_seal_is_refused(engine: Engine) -> None:
    with pytest.raises(AuditSealError, match="no audit seal"), UnitOfWork(engine) as uow:
        uow.audit.append(
            chain="K9",
            actor_kind=ActorKind.SYSTEM,
            actor="kiosk",
            action="kiosk.started",
            outcome=Outcome.OK,
            at=NOW,
        )


def test_detail_is_stored_canonically(engine: Engine, audit_seal: AuditSeal) -> None:
    with UnitOfWork(engine, audit_seal) as uow:
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
    with pytest.raises(ValueError, match="aware"), UnitOfWork(engine, audit_seal) as uow:
        uow.audit.append(
            chain="K9",
            actor_kind=ActorKind.SYSTEM,
            actor="kiosk",
            action="x",
            outcome=Outcome.OK,
            at=dt.datetime(2026, 11, 22),
        )


# --- legacy chains, and the key at start-up ------------------------------------------------------


def _legacy_entries(engine: Engine, chain: str, n: int) -> None:
    """Entries as the kiosk wrote them before migration 0005: unkeyed SHA-256 links."""
    prev = GENESIS_HASH
    with engine.connect() as conn:
        for seq in range(1, n + 1):
            at = NOW + dt.timedelta(minutes=seq)
            body = entry_body(
                chain=chain,
                seq=seq,
                at=at,
                actor_kind="system",
                actor="kiosk",
                action="kiosk.started",
                outcome="ok",
                transaction_key=None,
                detail="{}",
            )
            new = legacy_hash(prev, body)
            conn.execute(
                sa.text(
                    "INSERT INTO audit_log (chain, seq, at, actor_kind, actor, action, outcome, "
                    "detail, prev_hash, hash) VALUES (:c, :s, :at, 'system', 'kiosk', "
                    "'kiosk.started', 'ok', '{}', :p, :h)"
                ),
                {"c": chain, "s": seq, "at": at.replace(tzinfo=None), "p": prev, "h": new},
            )
            prev = new
        conn.execute(
            sa.text("INSERT INTO audit_heads (chain, seq, hash) VALUES (:c, :s, :h)"),
            {"c": chain, "s": n, "h": prev},
        )
        conn.commit()


def test_a_legacy_chain_is_kept_and_keyed_from_the_upgrade_on(
    empty_url: str, tmp_path: Path
) -> None:
    engine = create_engine(empty_url)
    try:
        upgrade(engine, "0004")
        _legacy_entries(engine, "OLD01", 3)
        upgrade(engine)
        files = SealFiles.in_folder(tmp_path / "data")
        seal = open_audit_seal(engine, files, "OLD01")  # no key yet, an unkeyed chain: made
        assert files.key.exists()
        _staff_actions(engine, seal, "OLD01", 2)
        report = check_database(engine, seal=seal, files=files)
        assert report.ok, report.lines()
        text = "\n".join(report.lines())
        assert "warning: chain OLD01: 3 legacy unkeyed entries (1..3" in text
        assert "chain OLD01: 5 entries, 2 sealed with this kiosk's key" in text
        assert "audit-chain.key, audit-anchor.log: owner only)" in text

        # A legacy entry edited (and its hash recomputed) breaks the keyed entry after it.
        _sql(engine, "UPDATE audit_log SET actor = 'x' WHERE chain = 'OLD01' AND seq = 2")
        assert ("OLD01", 2, "altered") in _problems(engine, seal)
    finally:
        engine.dispose()


def test_start_refuses_a_missing_or_foreign_key_once_the_chain_is_keyed(
    engine: Engine, tmp_path: Path
) -> None:
    files = SealFiles.in_folder(tmp_path / "data")
    seal = open_audit_seal(engine, files, "K1")
    _staff_actions(engine, seal, "K1", 1)
    assert open_audit_seal(engine, files, "K1").key_id == seal.key_id  # same key read back

    files.key.unlink()
    with pytest.raises(AuditKeyMissing, match="restore it from the backup"):
        open_audit_seal(engine, files, "K1")
    assert not files.key.exists()  # no new key was made

    open_audit_seal(engine, SealFiles.in_folder(tmp_path / "other"), "K1b")  # another kiosk
    files.key.write_bytes((tmp_path / "other" / "audit-chain.key").read_bytes())
    files.key.chmod(0o600)
    with pytest.raises(AuditKeyMismatch):
        open_audit_seal(engine, files, "K1")

    files.key.chmod(0o644)
    with pytest.raises(AuditKeyUnusable, match=r"audit chain key file .* 0600"):
        open_audit_seal(engine, files, "K1")


def test_the_anchor_alone_is_reason_enough_to_refuse_a_new_key(
    engine: Engine, tmp_path: Path
) -> None:
    """The database emptied and the key gone: the anchor file still says the chain was keyed."""
    files = SealFiles.in_folder(tmp_path)
    _staff_actions(engine, open_audit_seal(engine, files, "K1"), "K1", 1)
    _sql(engine, "DELETE FROM audit_log", "DELETE FROM audit_heads")
    files.key.unlink()
    with pytest.raises(AuditKeyMissing):
        open_audit_seal(engine, files, "K1")


def test_check_without_the_key_says_the_chain_cannot_be_verified(
    engine: Engine, tmp_path: Path
) -> None:
    files = SealFiles.in_folder(tmp_path)
    _staff_actions(engine, open_audit_seal(engine, files, "K1"), "K1", 3)
    files.key.unlink()
    audit = seal_for_check(files)
    report = check_database(engine, seal=audit.seal, files=files, key_problem=audit.key_problem)
    assert not report.ok
    lines = report.lines()
    assert f"audit key: {files.key} does not exist: the audit chain cannot be verified " in (
        "\n".join(lines)
    )
    assert any(line.startswith("audit chain: CANNOT BE VERIFIED without") for line in lines)


def test_a_shared_back_end_verifies_the_chains_it_holds_the_key_of(
    engine: Engine, tmp_path: Path
) -> None:
    """Kiosks EAST01 and WEST01 share the database, each with its own key and anchor."""
    east = AuditSeal(secrets.token_bytes(32), AnchorLog(tmp_path / "east.log"))
    west = AuditSeal(secrets.token_bytes(32), AnchorLog(tmp_path / "west.log"))
    _staff_actions(engine, east, "EAST01", 2)
    _staff_actions(engine, west, "WEST01", 3)
    report = check_database(engine, seal=east)
    assert report.ok, report.lines()
    text = "\n".join(report.lines())
    assert f"chain EAST01: 2 entries, 2 sealed with this kiosk's key {east.key_id}" in text
    assert (
        f"chain WEST01: 3 entries, 3 sealed with key {west.key_id}, not held here: "
        "not verified here"
    ) in text
    # West's entries are still checked for gaps and links without its key.
    _sql(engine, "DELETE FROM audit_log WHERE chain = 'WEST01' AND seq = 2")
    assert _problems(engine, east) == [("WEST01", 3, "missing"), ("WEST01", 3, "broken_link")]
    # And on its own chain a foreign key is no excuse: EAST01's entries must be EAST01's.
    _sql(engine, f"UPDATE audit_log SET key_id = '{west.key_id}' WHERE chain = 'EAST01'")
    assert ("EAST01", 1, "other_key") in _problems(engine, east)

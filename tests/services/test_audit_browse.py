"""The audit log as the staff screens read it (kiosk.services.audit_browse): a view under a
filter is audited with the staff login as actor, turning pages is not; the integrity check
gives what it found as data a screen can word (kinds, entries, the anchor, retired keys) and is
audited as "audit.checked", OK or FAILED. (Filters and pages: tests/services/test_day_report.)"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.audit_browse import AuditBrowser, AuditFilter, CheckProblem
from kiosk.services.audit_key import new_audit_key
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.business import BusinessService
from kiosk.store import models as m
from kiosk.store.seal import AuditSeal, SealFiles
from kiosk.store.unitofwork import UnitOfWork

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)


def _actions(engine: Engine, seal: AuditSeal, n: int, chain: str = "BJCY01") -> None:
    for i in range(n):
        with UnitOfWork(engine, seal) as uow:
            uow.audit.append(
                chain=chain,
                actor_kind=ActorKind.CITIZEN,
                actor="1101**********0173",
                action="voucher.looked_up",
                outcome=Outcome.OK,
                at=NOW,
                detail={"n": i},
            )
            uow.commit()


def _browser(
    engine: Engine, business_service: Callable[..., BusinessService], seal: AuditSeal
) -> AuditBrowser:
    return AuditBrowser(business_service(engine, kiosk=KIOSK, now=NOW, seal=seal).context)


def test_a_view_is_audited_with_its_filter_and_a_page_turn_is_not(
    engine: Engine, business_service: Callable[..., BusinessService], audit_seal: AuditSeal
) -> None:
    _actions(engine, audit_seal, 3)
    browser = _browser(engine, business_service, audit_seal)
    wanted = AuditFilter(
        dt.date(2026, 12, 1), dt.date(2026, 12, 5), ActorKind.CITIZEN, None, Outcome.OK
    )
    first = browser.page(wanted, size=2, viewer="clerk1")
    assert [e.detail["n"] for e in first.entries] == [2, 1]  # the view's own entry is after it
    browser.page(wanted, cursor=first.next_cursor, size=2)
    [viewed] = browser.page(AuditFilter(action="audit.viewed")).entries
    assert (viewed.actor_kind, viewed.actor, viewed.outcome) == (
        ActorKind.STAFF,
        "clerk1",
        Outcome.OK,
    )
    assert viewed.detail == {
        "first_day": "2026-12-01",
        "last_day": "2026-12-05",
        "actor_kind": "citizen",
        "outcome": "ok",
    }
    assert AuditFilter().described() == {}


def test_the_check_says_what_it_found_and_is_audited_either_way(
    engine: Engine, business_service: Callable[..., BusinessService], audit_seal: AuditSeal
) -> None:
    _actions(engine, audit_seal, 4)
    browser = _browser(engine, business_service, audit_seal)
    good = browser.check(actor="clerk1")
    assert good.ok and good.found == () and good.retired == ()
    [chain] = good.chains
    assert (chain.entries, chain.verified, chain.anchored_seq) == (4, 4, 4)
    with UnitOfWork(engine) as uow:
        uow.session.execute(
            sa.update(m.AuditLogEntry)
            .where(m.AuditLogEntry.seq == 2)
            .values(detail=json.dumps({"n": 99}))
        )
        uow.session.execute(sa.delete(m.AuditLogEntry).where(m.AuditLogEntry.seq == 3))
        uow.commit()
    bad = browser.check(actor="clerk1")
    assert not bad.ok
    kinds = {(p.seq, p.kind) for p in bad.found}
    assert {(2, "altered"), (4, "missing"), (4, "broken_link")} <= kinds
    assert all(isinstance(p, CheckProblem) and p.chain == "BJCY01" for p in bad.found)
    assert len(bad.found) == len(bad.problems)
    checked = browser.page(AuditFilter(action="audit.checked")).entries
    assert [(e.actor_kind, e.actor, e.outcome) for e in checked] == [
        (ActorKind.STAFF, "clerk1", Outcome.FAILED),
        (ActorKind.STAFF, "clerk1", Outcome.OK),
    ]
    assert checked[0].detail == {"problems": len(bad.found), "chains": 1}


def test_entries_of_a_retired_key_are_a_warning_not_a_problem(
    engine: Engine, business_service: Callable[..., BusinessService], tmp_path: Path
) -> None:
    files = SealFiles.in_folder(tmp_path / "data")
    lost = open_audit_seal(engine, files, KIOSK.kiosk_id)
    _actions(engine, lost, 3)
    files.key.unlink()
    made = new_audit_key(engine, files, KIOSK.kiosk_id, actor="tech9", now=NOW)
    seal = open_audit_seal(engine, files, KIOSK.kiosk_id)
    check = _browser(engine, business_service, seal).check(actor="admin")
    assert check.ok and check.found == ()
    [note] = check.retired
    assert (note.chain, note.key_id, note.entries, note.replaced_at) == (
        KIOSK.kiosk_id,
        lost.key_id,
        3,
        made.seq,
    )
    assert len(check.warnings) == 1

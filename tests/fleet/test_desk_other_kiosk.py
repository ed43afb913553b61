"""The counter's desk in a fleet (docs/fleet.md, "The counter's desk"): a voucher issued at
another kiosk, which this kiosk holds no record of, found at the centre (FakeCentre here; the
real centre in test_fleet_end_to_end.py), its progress moved and its card handed over by the
desk's rules applied to the centre's progress, each audited with the clerk and sent as a
`reissue_progress` message; reprint and reimbursement refused; the centre away said plainly."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from desk_helpers import CLERK, KEY, Desk, make_desk
from sqlalchemy.engine import Engine

from kiosk.demo.centre import FakeCentre
from kiosk.domain.desk import DeskRefusal, HistoryKind
from kiosk.domain.journal import ActorKind, Outcome, ReissueProgress
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.outbox_sender import OutboxSender
from kiosk.services.voucher_codes import VoucherCodes, VoucherContent, key_id
from kiosk.services.voucher_desk import VoucherDesk
from kiosk.store import models as m
from kiosk.store.db import create_engine
from kiosk.store.seal import AuditSeal

OTHER = format_voucher_number("BJHD02", dt.date(2026, 12, 1), 7)  # issued at kiosk BJHD02
UNKNOWN = format_voucher_number("BJHD02", dt.date(2026, 12, 1), 8)  # nowhere
CONTENT = VoucherContent(OTHER, "card_receipt", "李*", dt.date(2026, 12, 20), "BJHD-01")


@pytest.fixture
def local(sqlite_url: str) -> Iterator[Engine]:
    """A fleet kiosk's local SQLite (the demo's, so the desk's own vouchers can be issued)."""
    engine = create_engine(sqlite_url)
    yield engine
    engine.dispose()


def at_centre(engine: Engine, progress: ReissueProgress = ReissueProgress.IN_PRODUCTION) -> Any:
    centre = FakeCentre(engine, "BJCY01")
    centre.add_reissue(
        {
            "voucher": OTHER,
            "kiosk_id": "BJHD02",
            "card_number_masked": "B2*****7X",
            "progress": progress.value,
            "progress_at": "2026-12-03T02:00:00+00:00",
            "outlet": "BJHD-01",
            "expected_pickup_date": "2026-12-20",
            "ssn": "110105198001010011",
        }
    )
    return centre


def fleet_desk(engine: Engine, seal: AuditSeal, centre: FakeCentre) -> Desk:
    bench = make_desk(engine, seal)
    bench.desk = VoucherDesk(bench.kiosk.context, bench.desk.printing, centre=centre)
    return bench


def messages(engine: Engine) -> list[tuple[int | None, dict[str, Any]]]:
    with engine.connect() as c:
        rows = c.execute(
            sa.select(m.OutboxMessage.transaction_id, m.OutboxMessage.payload)
            .where(m.OutboxMessage.topic == "reissue_progress")
            .order_by(m.OutboxMessage.id)
        )
        return [(tx, json.loads(payload)) for tx, payload in rows]


def desk_entries(desk: Desk) -> list[tuple[str, Outcome, ActorKind, str, dict[str, object]]]:
    return [
        (e.action, e.outcome, e.actor_kind, e.actor, e.detail)
        for e in desk.entries()
        if e.action.startswith(("desk.", "reissue."))
    ]


def test_another_kiosks_voucher_is_found_at_the_centre(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    centre = at_centre(demo_engine)
    desk = fleet_desk(demo_engine, audit_seal, centre)
    found = desk.desk.find_by_number(CLERK, OTHER.replace("-", " "))
    assert not found.held_here and not found.progress_unconfirmed
    assert (found.number, found.kiosk_id, found.progress) == (
        OTHER,
        "BJHD02",
        ReissueProgress.IN_PRODUCTION,
    )
    assert (found.masked_card_number, found.outlet_code) == ("B2*****7X", "BJHD-01")
    assert found.pickup_date == dt.date(2026, 12, 20) and found.issued_at is None
    assert found.masked_id_number == "" and found.prints == 0
    assert [(e.kind, e.by, e.progress) for e in found.history] == [
        (HistoryKind.PROGRESS, "centre", ReissueProgress.IN_PRODUCTION)
    ]
    assert desk_entries(desk)[-1] == (
        "desk.vouchers_found",
        Outcome.OK,
        ActorKind.STAFF,
        "clerk1",
        {
            "by": "number",
            "query": OTHER,
            "vouchers": [OTHER],
            "centre": True,
            "issued_at_kiosk": "BJHD02",
        },
    )
    # Neither here nor at the centre: not found, as standalone.
    assert desk.refused(desk.desk.find_by_number, CLERK, UNKNOWN) is DeskRefusal.VOUCHER_NOT_FOUND
    # The centre away: said plainly, nothing else written.
    centre.set_reachable(False)
    assert desk.refused(desk.desk.find_by_number, CLERK, OTHER) is DeskRefusal.CENTRE_UNREACHABLE
    # The desk's own vouchers never need the centre.
    own, _ = desk.reissue()
    assert desk.desk.find_by_number(CLERK, own).held_here
    assert centre.calls.count("reissues") == 3
    desk.check()


def test_a_scanned_code_of_another_kiosk_shows_what_it_signs_with_the_centres_progress(
    local: Engine, audit_seal: AuditSeal
) -> None:
    centre = at_centre(local)
    desk = fleet_desk(local, audit_seal, centre)
    other = Ed25519PrivateKey.generate()
    desk.desk.public_keys = {key_id(other.public_key()): other.public_key()}
    desk.kiosk.context.voucher_codes = VoucherCodes(KEY, Ed25519PrivateKey.generate())
    code = VoucherCodes(private=other).sign(CONTENT)

    check = desk.desk.check_code(CLERK, code)
    assert check.genuine and check.content == CONTENT and not check.centre_unreachable
    voucher = check.voucher
    assert voucher is not None and not voucher.held_here
    assert (voucher.masked_name, voucher.progress) == ("李*", ReissueProgress.IN_PRODUCTION)
    assert desk.desk.find_by_code(CLERK, code).masked_name == "李*"
    centre.set_reachable(False)
    away = desk.desk.check_code(CLERK, code)
    assert away.genuine and away.voucher is None and away.centre_unreachable
    details = [d for (a, _o, _k, _s, d) in desk_entries(desk) if a == "desk.code_checked"]
    assert [(d["known"], d.get("centre")) for d in details] == [
        (True, True),
        (False, "unreachable"),
    ]


def test_the_desk_moves_it_on_and_hands_it_over_by_the_centres_progress(
    local: Engine, audit_seal: AuditSeal
) -> None:
    centre = at_centre(local)
    desk = fleet_desk(local, audit_seal, centre)
    refused = desk.refused
    assert (
        refused(desk.desk.hand_over, CLERK, OTHER, id_checked=True) is DeskRefusal.NOT_READY
    )  # the centre says in production
    assert (
        refused(desk.desk.move_progress, CLERK, OTHER, ReissueProgress.APPLIED)
        is DeskRefusal.PROGRESS_BACKWARD
    )
    ready = desk.desk.move_progress(CLERK, OTHER, ReissueProgress.READY)
    assert ready.progress is ReissueProgress.READY and ready.progress_unconfirmed
    again = desk.desk.move_progress(CLERK, OTHER, ReissueProgress.READY)  # a double tap
    assert again.progress is ReissueProgress.READY
    # Before the centre has it, the next lookup here shows it, marked unconfirmed.
    seen = desk.desk.find_by_number(CLERK, OTHER)
    assert seen.progress is ReissueProgress.READY and seen.progress_unconfirmed
    assert [(e.kind, e.by) for e in seen.history] == [
        (HistoryKind.PROGRESS, "centre"),
        (HistoryKind.PROGRESS, "BJCY01"),
    ]
    assert refused(desk.desk.hand_over, CLERK, OTHER, id_checked=False) is (
        DeskRefusal.ID_NOT_CHECKED
    )
    collected = desk.desk.hand_over(CLERK, OTHER, id_checked=True)
    assert collected.progress is ReissueProgress.COLLECTED and collected.progress_unconfirmed
    assert refused(desk.desk.hand_over, CLERK, OTHER, id_checked=True) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    assert messages(local) == [
        (
            None,
            {
                "idempotency_key": f"{OTHER}:ready",
                "voucher": OTHER,
                "progress": "ready",
                "at": "2026-12-05T02:00:00+00:00",
            },
        ),
        (
            None,
            {
                "idempotency_key": f"{OTHER}:collected",
                "voucher": OTHER,
                "progress": "collected",
                "at": "2026-12-05T02:00:00+00:00",
            },
        ),
    ]
    moves = [
        (a, o, k, s, d)
        for (a, o, k, s, d) in desk_entries(desk)
        if a in ("reissue.progress_moved", "reissue.collected")
    ]
    assert moves == [
        (
            "reissue.progress_moved",
            Outcome.OK,
            ActorKind.STAFF,
            "clerk1",
            {
                "voucher": OTHER,
                "from": "in_production",
                "to": "ready",
                "issued_at_kiosk": "BJHD02",
            },
        ),
        (
            "reissue.collected",
            Outcome.OK,
            ActorKind.STAFF,
            "clerk1",
            {"voucher": OTHER, "id_checked": True, "issued_at_kiosk": "BJHD02"},
        ),
    ]
    # The sender delivers them; the centre shows collected, and the note is no longer needed.
    sent = OutboxSender(local, centre, "BJCY01").send_once()
    assert sent.error is None
    assert centre.reissue_rows[OTHER]["progress"] == "collected"
    confirmed = desk.desk.find_by_number(CLERK, OTHER)
    assert confirmed.progress is ReissueProgress.COLLECTED and not confirmed.progress_unconfirmed
    desk.check()


def test_a_card_the_agency_made_ready_is_handed_over_straight_away(
    local: Engine, audit_seal: AuditSeal
) -> None:
    centre = at_centre(local, ReissueProgress.READY)
    desk = fleet_desk(local, audit_seal, centre)
    same = desk.desk.move_progress(CLERK, OTHER, ReissueProgress.READY)  # already there
    assert same.progress is ReissueProgress.READY and not same.progress_unconfirmed
    assert messages(local) == []
    assert desk.desk.hand_over(CLERK, OTHER, id_checked=True).progress is (
        ReissueProgress.COLLECTED
    )
    assert [p["progress"] for _tx, p in messages(local)] == ["collected"]
    # The centre away: its progress cannot be checked, so nothing is done.
    centre.set_reachable(False)
    assert desk.refused(desk.desk.hand_over, CLERK, OTHER, id_checked=True) is (
        DeskRefusal.CENTRE_UNREACHABLE
    )
    assert len(messages(local)) == 1


def test_reprint_and_reimbursement_of_another_kiosks_voucher_are_refused(
    local: Engine, audit_seal: AuditSeal
) -> None:
    centre = at_centre(local)
    desk = fleet_desk(local, audit_seal, centre)
    assert desk.refused(desk.desk.reprint, CLERK, OTHER, "lost") is DeskRefusal.REPRINT_ELSEWHERE
    assert (
        desk.refused(
            desk.desk.record_reimbursement,
            CLERK,
            OTHER,
            amount_fen=10_000,
            reviewer="张三",
            reviewed_on=dt.date(2026, 12, 5),
        )
        is DeskRefusal.REIMBURSE_ELSEWHERE
    )
    assert desk.printer.jobs == []
    # Unknown at the centre too: not found, as ever.
    assert desk.refused(desk.desk.reprint, CLERK, UNKNOWN, "lost") is (
        DeskRefusal.VOUCHER_NOT_FOUND
    )
    assert messages(local) == []

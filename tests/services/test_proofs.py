"""S8: identification by ID number + mobile, and voucher lookups, cannot be guessed.

Every guess below runs in a new kiosk session (a fresh BusinessFlow, as after Home), on SQLite
and on PostgreSQL, against the demo back end. The limits hold across sessions and across kiosks
sharing the back end, every failure is in the audit log with a masked ID number, and a voucher
number alone opens nothing: no lookup, no reprint, no print.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter
from kiosk.domain.business import NotEligible, Refusal, VoucherAccess
from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest
from kiosk.domain.proof import ProofLimits, person_subject
from kiosk.domain.voucher_data import KioskInfo
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.business import BStep, BusinessFlow, BusinessView
from kiosk.services.business import BusinessService
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal

KEY = b"proof-test-key"
START = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
NORMAL = ("110105198506120173", "13810245678")  # the "normal" demo card's holder
OTHER = ("42010619561001013X", "13707151122")  # the "expired" card's holder
LIMITS = ProofLimits()  # the defaults: 5 per ID number in 24 h, 20 per kiosk an hour


class Clock:
    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def kiosk_service(
    engine: Engine,
    seal: AuditSeal,
    clock: Clock,
    kiosk_id: str = "BJCY01",
    printer: FakePrinter | None = None,
) -> BusinessService:
    return BusinessService(
        engine,
        KioskInfo(kiosk_id, "大厅"),
        signing_key=KEY,
        audit_seal=seal,
        printer=printer or FakePrinter(),
        proof_limits=LIMITS,
        clock=clock,
    )


def new_session_identify(service: BusinessService, ssn: str, mobile: str) -> BusinessView:
    """One guess as a citizen makes it: a new session, identify, the answer shown."""
    flow = BusinessFlow(service.kiosk.kiosk_id)
    flow.start_loss_report()
    (command,) = flow.identify(ssn, mobile, False)
    try:
        flow.identified(service.identify(command.ssn, command.mobile))  # type: ignore[attr-defined]
    except NotEligible as refused:
        flow.refused(refused.refusal, attempts_left=refused.attempts_left, until=refused.until)
    return flow.view


def outcome(view: BusinessView) -> str:
    if view.step is BStep.REFUSED:
        return view.refusal.value if view.refusal else "?"
    if view.identify_error is not None:
        return f"no_match:{view.attempts_left}"
    return "identified"


def audit_actions(engine: Engine, kiosk_id: str = "BJCY01") -> list[tuple[str, str, str]]:
    with read_session(engine) as session:
        entries = AuditRepository(session).entries(chain=kiosk_id, limit=100_000)
    return [(e.action, e.actor_kind.value, e.actor) for e in reversed(entries)]


def guesses(count: int, right_at: int) -> list[str]:
    """`count` mobile numbers to try, the right one (NORMAL's) at position `right_at`."""
    tries = [f"139{n:08d}" for n in range(count)]
    tries[right_at - 1] = NORMAL[1]
    return tries


def test_a_thousand_guesses_through_new_sessions_stop_at_the_limit(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    clock = Clock()
    service = kiosk_service(demo_engine, audit_seal, clock)
    seen = []
    for mobile in guesses(1000, right_at=79):  # where the unlimited kiosk gave it away
        seen.append(outcome(new_session_identify(service, NORMAL[0], mobile)))
        clock.advance(seconds=2)
    # Four wrong tries, the fifth locks the ID number for 24 h; the tries on a locked number
    # count against the kiosk, which stops after 20 failures an hour.
    assert seen[:5] == ["no_match:4", "no_match:3", "no_match:2", "no_match:1", "id_locked"]
    assert set(seen[5:19]) == {"id_locked"}
    assert seen[19] == "kiosk_paused"  # the 20th failure of the hour: said at once
    assert "identified" not in seen  # the right mobile, guess 79, got nowhere
    counts = Counter(seen)
    assert counts["kiosk_paused"] == 981
    # Every one of the 1000 attempts is in the audit log, the ID number masked.
    actions = audit_actions(demo_engine)
    assert len(actions) == 1000
    assert Counter(action for action, _, _ in actions) == {
        "identify.failed": 5,
        "identify.locked": 15,
        "proof.kiosk_paused": 980,
    }
    assert {actor for _, _, actor in actions} == {"1101**********0173"}
    assert {kind for _, kind, _ in actions} == {ActorKind.ANONYMOUS.value}
    with read_session(demo_engine) as session:
        assert (
            verify_audit_chains(session, seal=audit_seal, anchor=audit_seal.anchor).problems == []
        )
        mobile_compared = session.scalar(
            sa.select(sa.func.count())
            .select_from(m.ProofFailure)
            .where(m.ProofFailure.subject == person_subject(NORMAL[0]))
        )
    assert mobile_compared == LIMITS.per_person


def test_the_locks_lift_when_they_said_and_a_success_clears_the_count(
    demo_engine: Engine,
    audit_seal: AuditSeal,
) -> None:
    clock = Clock()
    service = kiosk_service(demo_engine, audit_seal, clock)
    for _ in range(4):
        new_session_identify(service, NORMAL[0], "13900000000")
        clock.advance(minutes=1)
    view = new_session_identify(service, NORMAL[0], "13900000000")
    assert view.refusal is Refusal.ID_LOCKED
    assert view.refusal_until == START + LIMITS.person_window  # the first failure, 24 h on
    clock.now = START + LIMITS.person_window - dt.timedelta(seconds=1)
    assert outcome(new_session_identify(service, NORMAL[0], NORMAL[1])) == "id_locked"
    clock.now = START + LIMITS.person_window + dt.timedelta(seconds=1)
    assert outcome(new_session_identify(service, NORMAL[0], NORMAL[1])) == "identified"
    # The success ends the count: the next wrong try has all its attempts again.
    assert outcome(new_session_identify(service, NORMAL[0], "13900000000")) == "no_match:4"


def test_kiosks_sharing_a_back_end_share_the_count(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    clock = Clock()
    east, west = (
        kiosk_service(demo_engine, audit_seal, clock, "EAST01"),
        kiosk_service(demo_engine, audit_seal, clock, "WEST01"),
    )
    for kiosk in (east, east, east, west):
        new_session_identify(kiosk, NORMAL[0], "13900000000")
    assert outcome(new_session_identify(west, NORMAL[0], "13900000001")) == "id_locked"
    for kiosk in (east, west):  # the right mobile is refused on both now
        assert outcome(new_session_identify(kiosk, NORMAL[0], NORMAL[1])) == "id_locked"
    # Another ID number is not affected.
    assert outcome(new_session_identify(east, OTHER[0], OTHER[1])) == "identified"
    assert [a for a, _, _ in audit_actions(demo_engine, "WEST01")] == [
        "identify.failed",
        "identify.failed",
        "identify.locked",
    ]


def test_a_sweep_over_many_id_numbers_is_paused_per_kiosk(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    clock = Clock()
    service = kiosk_service(demo_engine, audit_seal, clock)
    for n in range(300):  # a new ID number each time, each far below its own limit
        view = new_session_identify(service, f"11010119900101{n:04d}", "13900000000")
        if view.step is BStep.REFUSED:
            assert view.refusal is Refusal.KIOSK_PAUSED, outcome(view)
            assert view.refusal_until is not None and view.refusal_until > clock.now
        clock.advance(seconds=30)  # 150 minutes in all
    with read_session(demo_engine) as session:
        compared = list(  # when a mobile number was actually checked
            session.scalars(sa.select(m.ProofFailure.at).where(m.ProofFailure.subject.isnot(None)))
        )
    for at in compared:  # never more than the limit in any hour
        in_hour = [t for t in compared if at <= t < at + LIMITS.kiosk_window]
        assert len(in_hour) <= LIMITS.per_kiosk
    # The pause lifts as old failures leave the hour: about the limit an hour, not 120.
    assert 2 * LIMITS.per_kiosk <= len(compared) <= 3 * LIMITS.per_kiosk


def test_concurrent_guesses_from_many_kiosks_count_one_after_the_other(
    demo_engine: Engine,
    audit_seal: AuditSeal,
) -> None:
    clock = Clock()
    results: list[str] = []
    lock = threading.Lock()

    def kiosk(n: int) -> None:
        service = kiosk_service(demo_engine, audit_seal, clock, f"K{n:05d}")
        for i in range(3):
            found = outcome(new_session_identify(service, NORMAL[0], f"1390000{n:02d}{i:02d}"))
            with lock:
                results.append(found)

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 24
    # Exactly as many mobile numbers were compared as the limit allows, however they raced.
    assert sum(r.startswith("no_match") for r in results) == LIMITS.per_person - 1
    with read_session(demo_engine) as session:
        compared = session.scalar(
            sa.select(sa.func.count())
            .select_from(m.ProofFailure)
            .where(m.ProofFailure.subject == person_subject(NORMAL[0]))
        )
    assert compared == LIMITS.per_person


# Vouchers: the number alone opens nothing -----------------------------------------------------


def _issue_voucher(service: BusinessService) -> tuple[str, str]:
    """A temporary loss report for NORMAL, printed: (its voucher number, its QR code)."""
    request = LossReportRequest("k-" + "1" * 30, "BJCY01", NORMAL[0], LossReportKind.TEMPORARY)
    receipt = service.report_loss(request)
    service.print_voucher(receipt.qr_payload, "zh_CN")
    return receipt.voucher_number, receipt.qr_payload


def refusal(call: Callable[..., object], *args: object) -> Refusal:
    with pytest.raises(NotEligible) as caught:
        call(*args)
    return caught.value.refusal


def test_a_voucher_number_alone_opens_nothing(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    clock = Clock()
    printer = FakePrinter()
    service = kiosk_service(demo_engine, audit_seal, clock, printer=printer)
    number, code = _issue_voucher(service)
    printed = len(printer.jobs)
    # Walking a day's numbers, typed or with a made-up signature: nothing is found, and the
    # kiosk stops listening after 20 tries.
    walked = []
    for seq in range(1, 31):
        guess = format_voucher_number("BJCY01", clock.now.date(), seq)
        for text in (guess, f"SSK1:{guess}:{'A' * 26}"):
            walked.append(refusal(service.lookup_code, text))
    assert set(walked[:19]) == {Refusal.VOUCHER_CODE_INVALID}
    assert set(walked[19:]) == {Refusal.KIOSK_PAUSED}
    # Reprinting or printing by number, without the access a proof opens: refused.
    forged = VoucherAccess(
        (number,), ActorKind.CITIZEN, "x", clock.now + dt.timedelta(hours=1), "0"
    )
    assert refusal(service.reprint_self_service, number, "zh_CN", forged) is Refusal.PROOF_REQUIRED
    assert refusal(service.print_voucher, number, "zh_CN") is Refusal.PROOF_REQUIRED
    assert len(printer.jobs) == printed
    # The pause lifts; the voucher's own code opens it, and only it.
    clock.advance(hours=1, seconds=1)
    found = service.lookup_code(code)
    assert [v.voucher_number for v in found.vouchers] == [number]
    other = format_voucher_number("BJCY01", clock.now.date(), 2)
    assert refusal(service.reprint_self_service, other, "zh_CN", found.access) is (
        Refusal.PROOF_REQUIRED
    )
    clock.advance(hours=1)  # long after the session ended, the access is gone too
    assert refusal(service.reprint_self_service, number, "zh_CN", found.access) is (
        Refusal.PROOF_REQUIRED
    )
    assert len(printer.jobs) == printed


def test_a_scanned_reprint_is_audited_as_the_voucher_holder_not_the_cardholder(
    demo_engine: Engine,
    audit_seal: AuditSeal,
) -> None:
    clock = Clock()
    service = kiosk_service(demo_engine, audit_seal, clock)
    number, code = _issue_voucher(service)
    found = service.lookup_code(code)
    service.reprint_self_service(number, "en", found.access)
    with read_session(demo_engine) as session:
        entries = AuditRepository(session).entries(chain="BJCY01")
        prints = session.execute(
            sa.select(m.VoucherPrint.reprint_no, m.VoucherPrint.actor_kind).order_by(
                m.VoucherPrint.reprint_no
            )
        ).all()
    by_action = {e.action: e for e in entries}
    looked_up, reprinted = by_action["voucher.looked_up"], by_action["voucher.reprinted"]
    assert (looked_up.actor_kind, looked_up.actor) == (ActorKind.ANONYMOUS, "voucher holder")
    assert (reprinted.actor_kind, reprinted.actor) == (ActorKind.ANONYMOUS, "voucher holder")
    assert looked_up.detail == {"proof": "voucher_code", "vouchers": [number]}
    assert prints == [(0, ActorKind.CITIZEN), (1, ActorKind.ANONYMOUS)]
    # The holder's reprint was the voucher's one: the cardholder, identified, gets none more.
    by_person = service.lookup_person(*NORMAL)
    assert not by_person.vouchers[0].self_reprint_available
    assert refusal(service.reprint_self_service, number, "en", by_person.access) is (
        Refusal.REPRINT_USED
    )


@pytest.mark.parametrize(
    "ssn", ["", "1" * 10_000, "11010519850612017", "110105198506120173 ", "ＡＢＣ", "x" * 18]
)
def test_what_is_not_an_id_number_is_refused_counted_and_never_stored(
    demo_engine, ssn, audit_seal: AuditSeal
):
    clock = Clock()
    service = kiosk_service(demo_engine, audit_seal, clock)
    assert outcome(new_session_identify(service, ssn, "13810245678")) == "no_match:None"
    with read_session(demo_engine) as session:
        failures = session.execute(sa.select(m.ProofFailure.subject, m.ProofFailure.kiosk_id)).all()
        assert failures == [(None, "BJCY01")]  # the kiosk's count, nobody's guard row
        assert session.scalar(sa.select(sa.func.count()).select_from(m.IdentificationGuard)) == 0
    (action, _, actor), *_ = audit_actions(demo_engine)
    assert (action, actor) == ("identify.failed", "malformed ID number")

"""The kiosk's services in a fleet (docs/fleet.md) against a FakeCentre over the demo's seeded
database: identification by the centre with its limits, the replica written on proof and its
records purged at the session's end, R7 with the centre away, and progress coming back."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kiosk.demo.centre import FakeCentre
from kiosk.domain.business import NotEligible, Refusal, ReissueRequest
from kiosk.domain.chip import ChipData, HolderData, IssuerData
from kiosk.domain.journal import LossReportKind, LossReportRequest, ReissueProgress, ReissueReason
from kiosk.domain.records import CardStatus
from kiosk.services.business import BusinessService
from kiosk.services.outbox_sender import OutboxSender
from kiosk.store import models as m
from kiosk.store.db import create_engine
from kiosk.store.replica import RECORD_MODELS

KIOSK = "BJCY01"


def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def centre_engine(demo_sqlite: Callable[[dt.date | None], Engine]) -> Engine:
    return demo_sqlite(None)


@pytest.fixture
def local(sqlite_factory, tmp_path: Path):  # type: ignore[no-untyped-def]
    where = tmp_path / "local"
    where.mkdir()
    engine = create_engine(sqlite_factory.new("migrated", where))
    yield engine
    engine.dispose()


@pytest.fixture
def centre(centre_engine: Engine) -> FakeCentre:
    return FakeCentre(centre_engine, KIOSK)


@pytest.fixture
def service(
    business_service: Callable[..., BusinessService], local: Engine, centre: FakeCentre
) -> BusinessService:
    made = business_service(local, centre=centre, confirm_wait_s=0.3)
    made.registry.refresh_outlets()
    return made


def person(engine: Engine) -> tuple[str, str, str]:
    """(ssn, mobile, card number) of someone with a mobile and a normal card, and records."""
    with engine.connect() as c:
        row = c.execute(
            sa.select(m.Cardholder.ssn, m.Cardholder.mobile, m.Card.card_number)
            .join(m.Card, m.Card.cardholder_id == m.Cardholder.id)
            .where(m.Cardholder.mobile.is_not(None), m.Card.status == CardStatus.NORMAL)
            .where(
                m.Cardholder.id.in_(sa.select(m.Contribution.cardholder_id).distinct()),
                ~m.Cardholder.id.in_(
                    sa.select(m.Card.cardholder_id).where(m.Card.status != CardStatus.NORMAL)
                ),
            )
            .order_by(m.Cardholder.id)
            .limit(1)
        ).one()
    return row[0], row[1], row[2]


def count(engine: Engine, model: type[m.Base], ssn: str | None = None) -> int:
    table = model.__table__
    stmt = sa.select(sa.func.count()).select_from(table)
    if ssn is not None and "cardholder_id" in table.c:
        stmt = stmt.where(
            table.c.cardholder_id.in_(sa.select(m.Cardholder.id).where(m.Cardholder.ssn == ssn))
        )
    with engine.connect() as c:
        return int(c.scalar(stmt) or 0)


def refusal(call: Callable[[], object]) -> NotEligible:
    with pytest.raises(NotEligible) as refused:
        call()
    return refused.value


def chip_of(engine: Engine, card_number: str) -> ChipData:
    with Session(engine) as session:
        card = session.scalars(sa.select(m.Card).where(m.Card.card_number == card_number)).one()
        holder = card.cardholder
    return ChipData(
        IssuerData(
            card_id_code=card.card_id_code,
            region_code=card.card_id_code[:6],
            card_type=card.card_type,
            spec_version=card.spec_version,
            issuer_org=card.issuer_org,
            issue_date=card.issue_date,
            expiry_date=card.expiry_date,
            card_number=card.card_number,
        ),
        HolderData(
            ssn=holder.ssn,
            name=holder.name,
            gender=holder.gender,
            ethnicity=holder.ethnicity,
            birthplace=holder.birthplace,
            birth_date=holder.birth_date,
        ),
    )


def test_identify_writes_the_replica_and_the_session_end_purges_its_records(
    service: BusinessService, centre_engine: Engine, local: Engine
) -> None:
    ssn, mobile, card = person(centre_engine)
    assert count(local, m.Cardholder, ssn) == 0
    identified = service.identify(ssn, mobile)
    assert identified.card_number == card and not identified.by_card
    assert count(local, m.Cardholder, ssn) == 1
    with local.connect() as c:  # the mobile number stays at the centre, which checks it
        assert c.scalar(sa.select(m.Cardholder.mobile).where(m.Cardholder.ssn == ssn)) is None
    assert count(local, m.Card, ssn) == count(centre_engine, m.Card, ssn)
    assert count(local, m.Contribution, ssn) == count(centre_engine, m.Contribution, ssn) > 0
    service.end_session()
    assert all(count(local, model) == 0 for model in RECORD_MODELS)
    assert count(local, m.Cardholder, ssn) == 1  # the journal may point at it
    assert count(local, m.Card, ssn) == count(centre_engine, m.Card, ssn)


def test_the_centres_limits_are_the_kiosks_refusals(
    service: BusinessService, centre_engine: Engine
) -> None:
    ssn, mobile, _ = person(centre_engine)
    wrong = "13900000000" if mobile != "13900000000" else "13900000001"
    first = refusal(lambda: service.identify(ssn, wrong))
    assert (first.refusal, first.attempts_left) == (Refusal.NO_MATCH, 4)
    for _ in range(3):
        refusal(lambda: service.identify(ssn, wrong))
    locked = refusal(lambda: service.identify(ssn, wrong))
    assert locked.refusal is Refusal.ID_LOCKED and locked.until is not None
    # The right mobile does not open a locked ID number: the centre decides for the fleet.
    assert refusal(lambda: service.identify(ssn, mobile)).refusal is Refusal.ID_LOCKED


def test_without_the_card_an_unreachable_centre_is_backend_offline(
    service: BusinessService, centre: FakeCentre, centre_engine: Engine
) -> None:
    ssn, mobile, _ = person(centre_engine)
    centre.set_reachable(False)
    assert refusal(lambda: service.identify(ssn, mobile)).refusal is Refusal.BACKEND_OFFLINE
    assert refusal(lambda: service.lookup_person(ssn, mobile)).refusal is Refusal.BACKEND_OFFLINE
    centre.set_reachable(True)
    assert service.identify(ssn, mobile).masked_ssn


def test_with_the_card_and_the_centre_away_the_business_is_recorded_here_pending(
    service: BusinessService, centre: FakeCentre, centre_engine: Engine, local: Engine
) -> None:
    ssn, _, card = person(centre_engine)
    centre.set_reachable(False)
    proof = service.registry.prove_card(ssn, card, chip_of(centre_engine, card))  # after the PIN
    assert not proof.by_centre and proof.status is CardStatus.NORMAL
    assert not service.registry.records_available(ssn)
    identified = service.identify_card(ssn, card)
    assert identified.by_card
    receipt = service.report_loss(
        LossReportRequest(key(), KIOSK, ssn, LossReportKind.TEMPORARY, card_number=card)
    )
    assert receipt.centre_pending and receipt.voucher_number
    with local.connect() as c:
        assert c.scalar(sa.select(m.Card.status).where(m.Card.card_number == card)) is (
            CardStatus.TEMPORARY_LOSS
        )
        assert c.scalar(sa.select(sa.func.count()).select_from(m.OutboxMessage)) == 1
    # The centre back: the message goes, and the centre's older status does not undo ours
    # while it waits.
    centre.set_reachable(True)
    service.registry.end_session()
    service.identify_card(ssn, card)  # the centre proves it again: normal there still
    with local.connect() as c:
        assert c.scalar(sa.select(m.Card.status).where(m.Card.card_number == card)) is (
            CardStatus.TEMPORARY_LOSS
        )


def test_a_card_the_centre_does_not_know_is_card_unknown(
    service: BusinessService, centre_engine: Engine
) -> None:
    ssn, _, _ = person(centre_engine)
    assert refusal(lambda: service.identify_card(ssn, "Z99999999")).refusal is (
        Refusal.CARD_UNKNOWN
    )


def test_a_confirmed_business_is_not_pending(
    business_service: Callable[..., BusinessService],
    local: Engine,
    centre: FakeCentre,
    centre_engine: Engine,
) -> None:
    sender = OutboxSender(local, centre, KIOSK)

    class Nudged:
        def nudge(self) -> None:
            sender.send_once()

    service = business_service(local, centre=centre, sender=Nudged(), confirm_wait_s=1.0)
    ssn, mobile, card = person(centre_engine)
    service.identify(ssn, mobile)
    receipt = service.report_loss(
        LossReportRequest(key(), KIOSK, ssn, LossReportKind.TEMPORARY, card_number=card)
    )
    assert not receipt.centre_pending
    assert [message["topic"] for message in centre.messages] == ["loss_report"]


def test_voucher_lookup_shows_the_centres_progress_and_other_kiosks_reissues(
    business_service: Callable[..., BusinessService],
    local: Engine,
    centre: FakeCentre,
    centre_engine: Engine,
) -> None:
    sender = OutboxSender(local, centre, KIOSK)
    service = business_service(local, centre=centre, confirm_wait_s=0.0)
    service.registry.refresh_outlets()
    ssn, mobile, card = person(centre_engine)
    service.identify(ssn, mobile)
    outlet = service.outlets()[0].code
    receipt = service.apply_reissue(
        ReissueRequest(key(), KIOSK, ssn, card, ReissueReason.LOST, outlet)
    )
    assert receipt.centre_pending  # nothing sent it yet
    sender.send_once()
    centre.progress(receipt.voucher_number, ReissueProgress.READY)
    centre.add_reissue(
        {
            "voucher": "BJHD01-20250101-0001",
            "kiosk_id": "BJHD01",
            "card_number_masked": "A****1234",
            "progress": "in_production",
            "progress_at": "2025-01-02T03:04:05+00:00",
            "outlet": outlet,
            "expected_pickup_date": "2025-01-20",
            "applied_at": "2025-01-01T02:03:04+00:00",
            "ssn": ssn,
        }
    )
    service.end_session()
    lookup = service.lookup_person(ssn, mobile)
    mine = [v for v in lookup.vouchers if v.voucher_number == receipt.voucher_number]
    assert mine[0].progress is ReissueProgress.READY and mine[0].recorded_at_kiosk is None
    other = [v for v in lookup.vouchers if v.recorded_at_kiosk == "BJHD01"]
    assert other and other[0].progress is ReissueProgress.IN_PRODUCTION
    assert not other[0].self_reprint_available
    # Issued when that kiosk recorded it, not when the centre last moved it on.
    assert other[0].issued_at == dt.datetime(2025, 1, 1, 2, 3, 4, tzinfo=dt.UTC)
    assert "BJHD01-20250101-0001" not in lookup.access.numbers
    with local.connect() as c:  # the desk sees it too
        assert c.scalar(sa.select(m.ReissueApplication.progress)) is ReissueProgress.READY


def test_a_kiosk_the_centre_paused_is_kiosk_paused_until_then(
    service: BusinessService, centre: FakeCentre, centre_engine: Engine
) -> None:
    ssn, mobile, _ = person(centre_engine)
    centre.paused_until = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    paused = refusal(lambda: service.identify(ssn, mobile))
    assert (paused.refusal, paused.until) == (Refusal.KIOSK_PAUSED, centre.paused_until)


def test_outlets_are_written_again_only_when_the_centre_changed_them(
    service: BusinessService, local: Engine, centre_engine: Engine
) -> None:
    # The health check asks every 15 s: an unchanged answer must not commit (and sync) again.
    commits: list[object] = []

    def committed(connection: object) -> None:
        commits.append(connection)

    sa.event.listen(local, "commit", committed)
    try:
        service.registry.refresh_outlets()
        service.registry.refresh_outlets()
        assert commits == []
        with Session(centre_engine) as session:
            outlet = session.scalars(sa.select(m.Outlet).order_by(m.Outlet.id)).first()
            assert outlet is not None
            outlet.phone = "010-99999999"
            code = outlet.code
            session.commit()
        service.registry.refresh_outlets()
        assert len(commits) == 1
    finally:
        sa.event.remove(local, "commit", committed)
    with Session(local) as session:
        phone = session.scalar(sa.select(m.Outlet.phone).where(m.Outlet.code == code))
    assert phone == "010-99999999"

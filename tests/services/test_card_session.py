"""The card session service on the demo set-up: mock reader, simulated cards, seeded SQLite."""

import datetime as dt

import pytest
import sqlalchemy as sa

from drivers.printers.fake import FakePrinter
from drivers.readers.errors import CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk.card.errors import PinBlocked, PinWrong
from kiosk.demo.seed import seed_demo
from kiosk.domain.business import ReissueRequest
from kiosk.domain.journal import ReissueProgress, ReissueReason
from kiosk.domain.masking import mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService, SessionProblem
from kiosk.store import models as m
from kiosk.store.db import create_engine
from kiosk.store.migrate import upgrade
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'kiosk.db'}")
    upgrade(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def reader():
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


@pytest.fixture
def session(reader, engine):
    return CardSessionService(reader, engine, today=lambda: TODAY)


def test_normal_card_summary_is_masked_and_normal(reader, session):
    reader.insert("normal")
    summary = session.read_summary(DEFAULT_READER)
    image = load_image("normal")
    assert summary.problem is None and summary.status is CardStatus.NORMAL
    assert summary.masked_ssn == mask_id_number(image.holder.ssn)
    assert image.holder.ssn not in repr(summary)
    assert image.holder.name not in repr(summary)
    assert image.issuer.card_number not in repr(summary)
    assert summary.expiry_date == image.issuer.expiry_date


@pytest.mark.parametrize(
    ("card", "problem"),
    [
        ("temporary-loss", CardProblem.TEMPORARY_LOSS),
        ("expired", CardProblem.EXPIRED),
        ("unknown", CardProblem.UNKNOWN),
    ],
)
def test_back_end_status_gives_the_problem(reader, session, card, problem):
    reader.insert(card)
    assert session.read_summary(DEFAULT_READER).problem is problem


def test_unreadable_and_mute_cards_are_a_problem_not_a_crash(reader, session):
    reader.insert("unreadable")
    with pytest.raises(SessionProblem) as caught:
        session.read_summary(DEFAULT_READER)
    assert caught.value.problem is CardProblem.UNREADABLE
    reader.insert("normal")
    reader.set_faults(Faults(mute=True))
    with pytest.raises(SessionProblem) as caught:
        session.read_summary(DEFAULT_READER)
    assert caught.value.problem is CardProblem.UNREADABLE


def test_pin_then_records_of_the_cardholder(reader, session):
    reader.insert("normal")
    session.read_summary(DEFAULT_READER)
    assert session.tries_left() == 6
    pin = bytearray(b"123456")
    session.verify_pin(pin)
    assert pin == bytearray(6)  # wiped
    records = session.load_records()
    assert records.ssn == load_image("normal").holder.ssn
    assert records.years and records.years == tuple(sorted(records.years, reverse=True))
    newest = records.contributions[records.years[0]]
    assert newest.months and all(c.year == records.years[0] for c in newest.months)
    assert {e.insurance_type.value for e in records.enrolments} >= {"pension", "medical"}
    older = session.load_year(records.years[-1])
    assert older.year == records.years[-1] and older.months


def test_records_need_the_pin(reader, session):
    reader.insert("normal")
    session.read_summary(DEFAULT_READER)
    with pytest.raises(RuntimeError):
        session.load_records()


def test_identity_only_after_the_pin(reader, session):
    reader.insert("normal")
    session.read_summary(DEFAULT_READER)
    with pytest.raises(RuntimeError) as early:
        session.identity()
    image = load_image("normal")
    assert image.holder.ssn not in str(early.value)  # S1
    session.verify_pin(bytearray(b"123456"))
    assert session.identity() == (image.holder.ssn, image.issuer.card_number)
    session.end()
    with pytest.raises(RuntimeError):
        session.identity()


def test_wrong_and_blocked_pin(reader, session):
    reader.insert("pin-last-try")
    session.read_summary(DEFAULT_READER)
    assert session.tries_left() == 1
    with pytest.raises(PinBlocked):
        session.verify_pin(bytearray(b"000000"))
    reader.insert("normal")
    session.read_summary(DEFAULT_READER)
    with pytest.raises(PinWrong) as wrong:
        session.verify_pin(bytearray(b"000000"))
    assert wrong.value.tries_left == 5


def test_end_forgets_and_powers_down(reader, session):
    card = reader.insert("normal")
    session.read_summary(DEFAULT_READER)
    session.verify_pin(bytearray(b"123456"))
    session.end()
    assert not session.active
    reader.run(DEFAULT_READER, lambda ch: None).result(5)  # after the queued power-down
    assert not card.pin_verified
    with pytest.raises(RuntimeError):
        session.load_records()


def test_card_pulled_mid_read_is_card_removed(reader, session):
    reader.insert("normal")
    reader.set_faults(Faults(remove_after=7))
    with pytest.raises(CardRemoved):
        session.read_summary(DEFAULT_READER)
    assert not session.active


def test_back_end_offline_is_a_problem(reader):
    # Nothing listens on port 1: every query fails as an unreachable central back end does.
    broken = create_engine("postgresql://nobody@127.0.0.1:1/none")
    session = CardSessionService(reader, broken, today=lambda: TODAY)
    reader.insert("normal")
    with pytest.raises(SessionProblem) as caught:
        session.read_summary(DEFAULT_READER)
    assert caught.value.problem is CardProblem.BACKEND_OFFLINE


# What the problem screen may promise: the facts behind it --------------------------------------


@pytest.fixture
def fresh_engine(tmp_path):
    """A demo back end of the test's own, for tests that change a card's status."""
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    upgrade(engine)
    seed_demo(engine, today=TODAY)
    yield engine
    engine.dispose()


def set_status(engine, image_id: str, status: CardStatus) -> None:
    with UnitOfWork(engine) as uow:
        number = load_image(image_id).issuer.card_number
        uow.session.execute(
            sa.update(m.Card).where(m.Card.card_number == number).values(status=status)
        )
        uow.commit()


def business(engine, seal: AuditSeal) -> BusinessService:
    now = dt.datetime.combine(TODAY, dt.time(2, 0), dt.UTC)
    return BusinessService(
        engine,
        KioskInfo("T1", "test"),
        signing_key=b"k",
        audit_seal=seal,
        printer=FakePrinter(),
        clock=lambda: now,
    )


def test_a_temporary_loss_card_with_a_working_pin_can_be_cancelled_here(reader, session):
    card = reader.insert("temporary-loss")
    assert session.read_summary(DEFAULT_READER).problem is CardProblem.TEMPORARY_LOSS
    assert card.tries_left == load_image("temporary-loss").pin_tries_left  # asked, not spent


def test_a_pin_blocked_card_under_temporary_loss_is_told_apart(reader, fresh_engine):
    """Its PIN cannot cancel the report: the summary says so before any screen promises it."""
    set_status(fresh_engine, "pin-blocked", CardStatus.TEMPORARY_LOSS)
    session = CardSessionService(reader, fresh_engine, today=lambda: TODAY)
    reader.insert("pin-blocked")
    summary = session.read_summary(DEFAULT_READER)
    assert summary.status is CardStatus.TEMPORARY_LOSS
    assert summary.problem is CardProblem.TEMPORARY_LOSS_PIN_BLOCKED


def test_a_lost_card_brings_its_reissue_under_way(reader, fresh_engine, audit_seal: AuditSeal):
    """After a final loss report with a reissue, the inserted old card says when and where the
    new card can be collected: the date and outlet recorded with the application."""
    image = load_image("pin-last-try")
    service = business(fresh_engine, audit_seal)
    outlet = service.outlets()[1]
    receipt = service.apply_reissue(
        ReissueRequest(
            service.new_key(),
            "T1",
            image.holder.ssn,
            image.issuer.card_number,
            ReissueReason.LOST,
            outlet.code,
        )
    )
    assert receipt.pickup is not None
    session = CardSessionService(reader, fresh_engine, today=lambda: TODAY)
    reader.insert("pin-last-try")
    summary = session.read_summary(DEFAULT_READER)
    assert summary.problem is CardProblem.LOST
    assert summary.reissue is not None
    assert summary.reissue.expected_date == receipt.pickup.expected_date
    assert summary.reissue.date_exact is receipt.pickup.exact
    assert summary.reissue.progress is ReissueProgress.APPLIED and not summary.reissue.ready
    assert summary.reissue.outlet == outlet
    assert image.holder.ssn not in repr(summary) and image.holder.name not in repr(summary)

    with UnitOfWork(fresh_engine) as uow:  # the new card is collected: nothing under way
        uow.session.execute(
            sa.update(m.ReissueApplication).values(progress=ReissueProgress.COLLECTED)
        )
        uow.commit()
    summary = session.read_summary(DEFAULT_READER)
    assert summary.problem is CardProblem.LOST and summary.reissue is None


def test_a_lost_card_without_a_reissue_and_a_replaced_card(reader, fresh_engine):
    set_status(fresh_engine, "normal", CardStatus.LOST)
    set_status(fresh_engine, "expired", CardStatus.REPLACED)
    session = CardSessionService(reader, fresh_engine, today=lambda: TODAY)
    reader.insert("normal")
    summary = session.read_summary(DEFAULT_READER)
    assert summary.problem is CardProblem.LOST and summary.reissue is None
    reader.insert("expired")
    assert session.read_summary(DEFAULT_READER).problem is CardProblem.REPLACED

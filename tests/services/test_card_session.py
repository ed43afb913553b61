"""The card session service on the demo set-up: mock reader, simulated cards, seeded SQLite."""

import datetime as dt

import pytest

from drivers.readers.errors import CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk.card.errors import PinBlocked, PinWrong
from kiosk.domain.masking import mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem
from kiosk.services.card_session import CardSessionService, SessionProblem
from kiosk.store.db import create_engine
from kiosk.store.migrate import upgrade
from kiosk.store.seed import seed_demo

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

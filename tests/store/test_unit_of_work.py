"""The unit of work commits one business transaction or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from kiosk.domain.records import Cardholder, Gender
from kiosk.store.db import read_session
from kiosk.store.repositories import CardholderRepository
from kiosk.store.unitofwork import UnitOfWork

HOLDER = Cardholder(
    ssn="11010519491231002X",
    name="张三",
    gender=Gender.MALE,
    birth_date=dt.date(1949, 12, 31),
    ethnicity="01",
    birthplace="110105",
    mobile="13800138000",
    photo_on_file=True,
)


def stored(engine: Engine) -> Cardholder | None:
    with read_session(engine) as session:
        return CardholderRepository(session).get_by_ssn(HOLDER.ssn)


def test_commit_keeps_the_work(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        uow.cardholders.add(HOLDER)
        uow.commit()
    assert stored(engine) == HOLDER


def test_leaving_without_commit_undoes_everything(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        uow.cardholders.add(HOLDER)  # flushed: the row exists inside the transaction
        assert uow.cardholders.get_by_ssn(HOLDER.ssn) == HOLDER
    assert stored(engine) is None


def test_an_exception_undoes_everything(engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="printer on fire"), UnitOfWork(engine) as uow:
        uow.cardholders.add(HOLDER)
        raise RuntimeError("printer on fire")
    assert stored(engine) is None


def test_one_commit_per_unit(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    with uow:
        uow.cardholders.add(HOLDER)
        uow.commit()
        with pytest.raises(RuntimeError, match="already committed"):
            uow.commit()
        with pytest.raises(RuntimeError, match="already open"):
            uow.__enter__()
    # The same object starts a fresh transaction when entered again.
    with uow:
        assert uow.cardholders.count() == 1
    with pytest.raises(RuntimeError, match="outside"):
        uow.commit()


def test_repositories_never_commit(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        uow.cardholders.add(HOLDER)
        uow.calendar.set_override(dt.date(2027, 1, 4), False, "test")
        uow.outbox.add("x", {"a": 1}, at=dt.datetime.now(dt.UTC), transaction_id=None)
        uow.rollback()
        assert uow.cardholders.count() == 0
    assert stored(engine) is None

"""The staff area "card" without Qt: the flow alone (the test, the console's bad input, a
changing command held for "Send anyway" and dropped on Cancel or Back), then its plans with the
real bench on the mock reader and a demo database (each test and APDU audited with the staff
login as actor, never an APDU's data)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from desk_helpers import NORMAL_SSN, Desk, make_desk
from sqlalchemy.engine import Engine

from drivers.readers.errors import CardRemoved
from drivers.readers.mock import MockReaderBackend
from kiosk.domain.journal import AccountRole, ActorKind, Outcome
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_card import CardArea, CardPage, RunCardTest, SendApdu
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.card_bench import (
    APDU_SENT,
    CARD_TESTED,
    BenchProblem,
    ConsentNeeded,
    NoCard,
    read_apdu,
)
from kiosk.services.staff import StaffServices
from kiosk.services.technician_audit import Actor
from kiosk.store.seal import AuditSeal

TECH = StaffSession(3, "tech1", "Tech One", AccountRole.TECHNICIAN, dt.datetime(2026, 12, 5))
SELECT_MF = "00 A4 00 00 02 3F 00"
VERIFY = "00 20 00 00 03 12 34 56"


def test_the_test_is_asked_for_and_its_report_kept() -> None:
    area = CardArea(TECH)
    assert area.page == CardPage.TEST.value and area.start() == [] and not area.back()
    assert area.run_test() == [RunCardTest(Actor("tech1"))] and area.view.busy
    assert area.run_test() == []  # not twice at once
    area.tested({"atr": {}, "timings": {}})
    assert not area.view.busy and area.view.test is not None


def test_problems_are_plain_notices() -> None:
    area = CardArea(TECH)
    area.run_test()
    area.failed(NoCard("none"))
    assert area.view.problem is BenchProblem.NO_CARD and not area.view.busy
    area.run_test()
    area.failed(CardRemoved("gone"))
    assert area.view.problem is BenchProblem.CARD_LEFT
    area.failed(ZeroDivisionError("x"))
    assert area.view.problem is BenchProblem.FAILED


def test_a_reading_apdu_is_sent_and_bad_hex_kept_off() -> None:
    area = CardArea(TECH)
    area.open_console()
    assert area.page == "staff-apdu"
    assert area.send("00 A4 0G") == [] and area.view.bad_apdu
    [command] = area.send(SELECT_MF)
    assert isinstance(command, SendApdu) and not command.consent and area.view.busy
    assert not area.view.bad_apdu and area.view.sent == "00 A4 00 00 02 3F 00"
    assert area.back() is False  # not while it is being sent
    area.answered({"exchanges": [{"command": "SELECT"}]})
    assert area.view.answer == {"command": "SELECT"} and area.back()
    assert area.page == "staff-card"


def test_a_changing_apdu_waits_for_send_anyway_with_its_pin_masked() -> None:
    area = CardArea(TECH)
    area.open_console()
    assert area.send(VERIFY) == []
    assert area.view.pending == "00 20 00 00 03 ******" and "PIN" in area.view.pending_why
    assert "12 34 56" not in repr(area.view)
    [command] = area.confirm()
    assert isinstance(command, SendApdu) and command.consent and "12 34" not in repr(command)
    assert area.view.pending == "" and area.view.sent == "00 20 00 00 03 ******"
    assert area.confirm() == []  # nothing held any more


def test_cancel_and_back_drop_the_held_apdu() -> None:
    area = CardArea(TECH)
    area.open_console()
    area.send(VERIFY)
    area.cancel()
    assert area.view.pending == "" and area.confirm() == []
    area.send(VERIFY)
    assert area.back() and area.view.pending == ""
    area.open_console()
    assert area.confirm() == []


# The plans with the real bench ------------------------------------------------------------------


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


@pytest.fixture
def reader() -> Iterator[MockReaderBackend]:
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


def _run(runner: StaffRunner, commands: list[Any]) -> None:
    for command in commands:
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            value = action.work()
        except Exception as exc:
            _run(runner, action.failed(exc))
        else:
            _run(runner, action.done(value))


def _open_card(desk: Desk, reader: MockReaderBackend) -> tuple[StaffRunner, CardArea]:
    flow = StaffFlow(AREAS)
    runner = StaffRunner(flow, StaffServices(desk.kiosk, reader=reader))
    flow.open()
    flow.code_checked(EntryAnswer(EntryOutcome.OPEN))
    flow.login_done(TECH)
    assert "card" in flow.view.areas
    _run(runner, flow.choose("card"))
    assert isinstance(flow.area, CardArea)
    return runner, flow.area


def test_the_card_test_on_the_reader_masked_and_audited(desk: Desk, reader) -> None:
    runner, area = _open_card(desk, reader)
    _run(runner, area.run_test())
    assert area.view.problem is BenchProblem.NO_CARD
    reader.insert("normal")
    _run(runner, area.run_test())
    report = area.view.test
    assert report is not None and area.view.problem is None and report["problem"] is None
    assert report["atr"]["recognised"] and len(report["timings"]["apdus"]) == 19
    assert NORMAL_SSN not in json.dumps(report, ensure_ascii=False)
    [entry] = [e for e in desk.entries() if e.action == CARD_TESTED]
    assert (entry.actor_kind, entry.actor, entry.outcome) == (
        ActorKind.TECHNICIAN,
        "tech1",
        Outcome.OK,
    )


def test_the_console_refuses_verify_until_confirmed_and_audits_names_only(
    desk: Desk, reader
) -> None:
    reader.insert("normal")
    runner, area = _open_card(desk, reader)
    _run(runner, area.open_console())
    _run(runner, area.send(SELECT_MF))
    answer = area.view.answer
    assert answer is not None and answer["sw"] is not None and answer["command"] == "SELECT"
    _run(runner, area.send(VERIFY))
    assert area.view.pending and [e for e in desk.entries() if e.action == APDU_SENT][1:] == []
    with pytest.raises(ConsentNeeded):
        runner.services.card.send(Actor("tech1"), read_apdu(VERIFY).apdu, consent=False)  # type: ignore[union-attr]
    _run(runner, area.confirm())
    sent = [e for e in desk.entries() if e.action == APDU_SENT]
    assert [e.detail["command"] for e in sent] == ["SELECT", "VERIFY"]
    assert all(e.actor == "tech1" and e.actor_kind is ActorKind.TECHNICIAN for e in sent)
    assert "12 34 56" not in json.dumps([e.detail for e in sent]) and "123456" not in json.dumps(
        [e.detail for e in sent]
    )


def test_the_pad_never_shows_a_pin_even_half_typed() -> None:
    from kiosk.services.card_bench import typed_shown

    assert typed_shown("00 20 00 00 03 12 34 56") == "00 20 00 00 03 ******"
    assert typed_shown("0020000003 1") == "00 20 00 00 03 ******"
    assert typed_shown("80 5E 00 00 06 11 22") == "80 5E 00 00 06 ******"
    assert typed_shown("00 A4 00 00 02 3F 00") == "00 A4 00 00 02 3F 00"
    assert typed_shown("00 20 00 00") == "00 20 00 00"  # asks for the tries left

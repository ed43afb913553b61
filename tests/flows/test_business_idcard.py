"""The resident ID card in the business flows (issue 15), Qt-free: the ID card first where a
person identifies themself without the social security card, typing as the fallback, what was
read locked (what is typed does not count), the wrong person's ID card refused, nothing left
when the business ends."""

from __future__ import annotations

import pytest

from kiosk.domain.business import Identified, Refusal
from kiosk.domain.idcard import IdCardProblem, IdCardRead
from kiosk.domain.journal import Agent
from kiosk.domain.records import CardStatus
from kiosk.flows.business import BStep, BusinessFlow, Identify, LookupPerson

SSN = "110105198506120173"
MOBILE = "13810245678"
AGENT_SSN = "11010819770707931X"
OTHER_SSN = "110101199003074515"
HOLDER = IdCardRead("王晓明", SSN)
AGENT = IdCardRead("李四", AGENT_SSN)
S = BStep


def person() -> Identified:
    return Identified(
        ssn=SSN,
        card_number="A1052103X",
        masked_name="王*明",
        masked_ssn="1101**********0173",
        masked_card_number="A1*****3X",
        card_status=CardStatus.NORMAL,
        photo_on_file=True,
    )


@pytest.fixture
def flow() -> BusinessFlow:
    flow = BusinessFlow("K0001", id_reader=True)
    flow.start_loss_report()
    return flow


def test_the_id_card_comes_first_and_fills_the_id_number(flow):
    assert flow.view.id_card_first and flow.view.id_card is None
    # Nothing typed is on screen while the panel asks for the ID card.
    assert flow.identify(OTHER_SSN, MOBILE, False) == []
    flow.id_card_laid(HOLDER)
    assert flow.view.id_card == HOLDER and flow.view.id_card_first
    # The ID number is the ID card's, whatever a keyboard typed: it cannot be edited.
    assert flow.identify(OTHER_SSN, MOBILE, False) == [Identify(SSN, MOBILE)]


def test_without_a_reader_the_step_is_typed_as_before():
    flow = BusinessFlow("K0001")
    flow.start_loss_report()
    assert not flow.view.id_card_first
    assert flow.identify(SSN, MOBILE, False) == [Identify(SSN, MOBILE)]


def test_typing_instead_is_the_fallback_and_the_id_card_can_come_back(flow):
    flow.id_card_laid(HOLDER)
    flow.type_instead()
    assert not flow.view.id_card_first and flow.view.holder_card is None
    assert flow.identify(OTHER_SSN, MOBILE, False) == [Identify(OTHER_SSN, MOBILE)]
    flow.refused(Refusal.NO_MATCH, attempts_left=2)
    flow.use_id_card()
    assert flow.view.id_card_first
    flow.type_instead()
    flow.id_card_laid(HOLDER)  # laying a card on while typing is choosing the card
    assert flow.view.id_card_first and flow.view.id_card == HOLDER


def test_use_another_id_card_takes_the_read_away(flow):
    flow.id_card_laid(HOLDER)
    flow.clear_id_card()
    assert flow.view.id_card is None and flow.view.id_card_first
    assert flow.identify(SSN, MOBILE, False) == []


def test_a_card_that_cannot_be_read_or_is_not_supported_is_said(flow):
    flow.id_card_unreadable()
    assert flow.view.id_problem is IdCardProblem.UNREADABLE
    flow.id_card_unreadable(unsupported=True)
    assert flow.view.id_problem is IdCardProblem.UNSUPPORTED
    flow.id_card_laid(HOLDER)
    assert flow.view.id_problem is None


def agent_step(flow: BusinessFlow) -> None:
    flow.id_card_laid(HOLDER)
    flow.identify("", MOBILE, True)
    flow.identified(person())
    assert flow.view.step is S.AGENT
    assert flow.view.id_card_first and flow.view.id_card is None  # the agent's own, not yet


def test_the_agent_lays_their_own_id_card_and_name_and_number_come_from_it(flow):
    agent_step(flow)
    flow.id_card_laid(AGENT)
    assert flow.view.id_card == AGENT and flow.view.holder_card == HOLDER
    flow.agent_given(OTHER_SSN, "typed name", "spouse")
    assert flow.view.agent == Agent(AGENT_SSN, "李四", "spouse")
    assert flow.view.step is S.WHAT_HAPPENED


def test_the_cardholders_id_card_in_the_agents_step_is_refused(flow):
    agent_step(flow)
    flow.id_card_laid(HOLDER)
    assert flow.view.id_problem is IdCardProblem.HOLDER_CARD and flow.view.agent_card is None
    assert flow.agent_given("", "", "spouse") == [] and flow.view.step is S.AGENT
    flow.id_card_laid(AGENT)
    assert flow.view.id_problem is None and flow.view.agent_card == AGENT


def test_the_agents_id_card_in_the_cardholders_step_is_refused(flow):
    agent_step(flow)
    flow.id_card_laid(AGENT)
    flow.back()
    assert flow.view.step is S.IDENTIFY and flow.view.id_card == HOLDER
    flow.clear_id_card()
    flow.id_card_laid(AGENT)
    assert flow.view.id_problem is IdCardProblem.AGENT_CARD and flow.view.holder_card is None
    assert flow.identify("", MOBILE, True) == []


def test_a_problem_stays_with_its_step(flow):
    flow.id_card_unreadable()
    flow.type_instead()
    flow.identify(SSN, MOBILE, False)
    flow.identified(person())
    assert flow.view.step is S.WHAT_HAPPENED and flow.view.id_problem is None


def test_an_id_card_laid_on_outside_the_id_steps_or_while_busy_is_ignored(flow):
    flow.id_card_laid(HOLDER)
    flow.identify("", MOBILE, False)
    flow.id_card_laid(AGENT)  # busy: the identification is out
    assert flow.view.holder_card == HOLDER
    flow.identified(person())
    before = flow.view
    flow.id_card_laid(AGENT)
    flow.id_card_unreadable()
    assert flow.view == before


def test_voucher_lookup_by_person_takes_the_id_card():
    flow = BusinessFlow("K0001", id_reader=True)
    flow.start_voucher_lookup()
    assert flow.view.id_card_first
    assert flow.lookup_person(OTHER_SSN, MOBILE) == []
    flow.id_card_laid(HOLDER)
    assert flow.lookup_person(OTHER_SSN, MOBILE) == [LookupPerson(SSN, MOBILE)]


def test_the_reader_going_away_leaves_typing_and_keeps_what_was_read(flow):
    flow.id_reader_changed(False)
    assert not flow.view.id_card_first
    flow.id_reader_changed(True)
    flow.id_card_laid(HOLDER)
    flow.id_reader_changed(False)
    assert flow.view.id_card == HOLDER and flow.view.id_card_first


def test_a_new_business_keeps_nothing_of_the_last_id_card(flow):
    agent_step(flow)
    flow.id_card_laid(AGENT)
    flow.start_loss_report()
    view = flow.view
    assert (view.holder_card, view.agent_card, view.id_problem, view.typing) == (
        None,
        None,
        None,
        frozenset(),
    )
    assert "李四" not in repr(AGENT) and SSN not in repr(HOLDER)

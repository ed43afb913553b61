"""The resident ID card on the kiosk's screens (issue 15), with the demo's mock ID card reader:
the identify screen asks for it first, a card laid on fills the ID number (masked, not
editable) and the loss report goes on with it; the agent's screen refuses the cardholder's ID
card and takes the agent's own; typing is the fallback; the status strip shows the ID reader;
and after the session nothing of the ID card is left on any widget."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_session_reset import assert_as_fresh, english_and_large_text, settle, wait_b
from ui_helpers import wait_step

from drivers.idcard.identities import demo_identities
from kiosk.domain.idcard import IdCardProblem

PEOPLE = demo_identities()
HOLDER, AGENT = PEOPLE["wangxiaoming"], PEOPLE["lixiuying"]
MOBILE = "13810245678"  # the normal demo card's holder's registered mobile


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk(id_reader=True)
    settle(qtbot, kiosk)
    yield kiosk
    kiosk.close()


# About 8 s: a whole session with the reader and the widget-by-widget comparison with a fresh
# window (as tests/ui/test_session_reset.py), which only a real window can show.
def test_the_id_card_first_then_the_agent_and_nothing_left_after(
    qtbot, kiosk, widget_state, all_texts
):
    w, reader = kiosk.window, kiosk.id_reader
    fresh = widget_state(kiosk.window)
    assert w.attract.status_strip.id_reader.isVisibleTo(w.attract.status_strip)
    w.attract.report_loss_button.click()
    wait_b(qtbot, kiosk, "identify")
    english_and_large_text(kiosk)
    screen = w.identify
    assert screen.id_panel.isVisible() and not screen.id_field.isVisible()
    assert not screen.next_button.isEnabled()

    reader.lay(HOLDER)
    qtbot.waitUntil(lambda: kiosk.controller.business.view.holder_card is not None)
    texts = all_texts(screen)
    assert "1101**********0173" in texts and HOLDER.id_number not in texts
    assert "王*明" in texts and HOLDER.name not in texts
    screen.mobile_field.set_text(MOBILE)
    assert screen.next_button.isEnabled()
    screen.agent_toggle.click()
    screen.next_button.click()
    wait_b(qtbot, kiosk, "agent")

    agent = w.agent
    assert agent.id_panel.isVisible() and not agent.name_field.isVisible()
    reader.lay(HOLDER)  # the cardholder's own ID card in the agent's step
    qtbot.waitUntil(lambda: agent.id_panel.problem.isVisible())
    assert kiosk.controller.business.view.id_problem is IdCardProblem.HOLDER_CARD
    assert "cardholder's" in agent.id_panel.problem.text()
    reader.lay(AGENT)
    qtbot.waitUntil(lambda: kiosk.controller.business.view.agent_card is not None)
    assert not agent.id_panel.problem.isVisible()
    agent.relationship_buttons["spouse"].click()
    agent.next_button.click()
    wait_b(qtbot, kiosk, "what_happened")
    view = kiosk.controller.business.view
    assert (view.agent.id_number, view.agent.name) == (AGENT.id_number, AGENT.name)

    kiosk.window.header.home_button.click()
    wait_step(qtbot, kiosk, "attract")
    reader.take()
    settle(qtbot, kiosk)
    QApplication.processEvents()
    assert HOLDER.name not in all_texts(kiosk.window) and AGENT.name not in all_texts(kiosk.window)
    assert_as_fresh(kiosk, fresh, widget_state(kiosk.window))


def test_typing_instead_and_back_and_an_unsupported_card(qtbot, kiosk):
    w, reader = kiosk.window, kiosk.id_reader
    w.attract.voucher_button.click()
    wait_b(qtbot, kiosk, "lookup")
    kiosk.set_language("en")
    reader.lay(HOLDER)  # laid on while the scan page shows: the person's way, filled
    qtbot.waitUntil(lambda: w.lookup.mode == "person")
    lookup = w.lookup
    assert lookup.id_panel.isVisible()
    lookup.id_panel.button.click()  # "Use another ID card"
    qtbot.waitUntil(lambda: kiosk.controller.business.view.holder_card is None)
    lookup.id_panel.button.click()  # "Type the number instead"
    qtbot.waitUntil(lambda: lookup.id_field.isVisible())
    assert lookup.use_card_button.isVisible() and not lookup.id_panel.isVisible()
    lookup.use_card_button.click()
    qtbot.waitUntil(lambda: lookup.id_panel.isVisible())
    from drivers.idcard.base import IdCardUnsupported

    reader.take()
    reader.fail_next(IdCardUnsupported("this kind of ID card is not supported here"))
    reader.lay(AGENT)
    qtbot.waitUntil(lambda: lookup.id_panel.problem.isVisible())
    assert "cannot be read here" in lookup.id_panel.problem.text()


def test_without_an_id_card_reader_the_screens_are_typed_as_before(qtbot, make_kiosk):
    kiosk = make_kiosk()
    try:
        settle(qtbot, kiosk)
        assert kiosk.id_reader is None
        assert not kiosk.window.attract.status_strip.id_reader.isVisibleTo(
            kiosk.window.attract.status_strip
        )
        kiosk.window.attract.report_loss_button.click()
        wait_b(qtbot, kiosk, "identify")
        screen = kiosk.window.identify
        assert screen.id_field.isVisible() and not screen.id_panel.isVisible()
        assert not screen.use_card_button.isVisible()
    finally:
        kiosk.close()

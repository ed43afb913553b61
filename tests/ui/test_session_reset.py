"""S3 as state, not only as text: after a session that touched everything (every scroll area
scrolled to its end, the records' sections and years switched, the statement printed, options
chosen and details typed on the business screens, English and large text), a session end (card
removed, idle timeout, Home, reader lost) leaves every widget of the window as a fresh window
shows it, and the kiosk in its default language and text size, the header's toggles saying so.
The next citizen starts where the first one did."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication
from ui_helpers import idle, wait_step

from drivers.readers.mock import DEFAULT_READER
from drivers.simcard.image import load_image
from kiosk.domain.pinyin_names import SHARED_INDEX
from kiosk.flows.business import Choice
from kiosk.ui.widgets.fields import IdNumberField

NORMAL = load_image("normal")
SSN, MOBILE = NORMAL.holder.ssn, "13810245678"
AGENT_SSN = "110108197707079319"


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk()
    settle(qtbot, kiosk)
    yield kiosk
    kiosk.close()


def settle(qtbot, kiosk) -> None:
    """Nothing running on the worker, and every layout done."""
    qtbot.waitUntil(lambda: idle(kiosk), timeout=10_000)
    QApplication.processEvents()


def wait_b(qtbot, kiosk, name: str) -> None:
    def there() -> bool:
        business = kiosk.controller.business
        return business is not None and business.view.step.value == name and idle(kiosk)

    qtbot.waitUntil(there, timeout=10_000)
    QApplication.processEvents()


def scroll_to_the_end(screen) -> list[str]:
    """Scroll every scroll area (and table) of the screen on show to its far end; returns the
    names of those that moved."""
    QApplication.processEvents()
    moved = []
    for area in screen.findChildren(QAbstractScrollArea):
        if not area.isVisible():
            continue
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            if bar.maximum() > bar.minimum():
                bar.setValue(bar.maximum())
                moved.append(area.objectName())
    return moved


def english_and_large_text(kiosk) -> None:
    """The citizen's own choices, through the header's toggles."""
    header = kiosk.window.header
    header.language_button.click()
    header.large_text_button.click()
    assert kiosk.translations.language == "en" and kiosk.large_text
    assert header.large_text_button.isChecked()
    QApplication.processEvents()


def end_session(qtbot, kiosk, end: str) -> None:
    """End the session the way `end` says ("done": it was ended on screen), then (the card
    taken) wait for attract."""
    if end == "card_removed":
        kiosk.backend.remove()
    elif end == "idle_timeout":
        kiosk.controller.clock.now += 60 + 15 + 1
        kiosk.controller.check_idle()
    elif end == "home":
        kiosk.window.header.home_button.click()
    elif end == "done":
        pass  # the screen's own Done was tapped
    elif end == "reader_lost":
        kiosk.backend.unplug(DEFAULT_READER)
        wait_step(qtbot, kiosk, "reader_unavailable")
        kiosk.backend.remove()  # taken out while the reader was away
        kiosk.backend.plug(DEFAULT_READER)
    wait_step(qtbot, kiosk, "attract")
    if kiosk.backend.card() is not None:
        kiosk.backend.remove()  # the citizen takes the card the attract screen asks for
        qtbot.waitUntil(lambda: not kiosk.window.attract.take_card_hint)
    settle(qtbot, kiosk)


def assert_as_fresh(kiosk, fresh: dict, after: dict) -> None:
    assert kiosk.translations.language == kiosk.settings.language == "zh_CN"
    assert not kiosk.large_text
    assert not kiosk.window.header.large_text_button.isChecked()
    assert kiosk.window.current is kiosk.window.attract
    changed = [
        f"{path}: {fresh.get(path)} -> {after.get(path)}"
        for path in sorted(fresh.keys() | after.keys())
        if fresh.get(path) != after.get(path)
    ]
    assert not changed, "not as in a fresh window:\n" + "\n".join(changed)


def records_session(qtbot, kiosk) -> None:
    """A card session through the records and the damaged-card wizard, touching every view."""
    w = kiosk.window
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    english_and_large_text(kiosk)
    scroll_to_the_end(w.summary)
    w.summary.view_records_button.click()
    wait_step(qtbot, kiosk, "pin")
    for digit in "123":
        w.pin.keypad.digit_keys[int(digit)].click()
    w.pin.keypad.clear()
    w.pin.pin_entered.emit(bytearray(b"123456"))
    wait_step(qtbot, kiosk, "records")
    records = w.records
    moved = scroll_to_the_end(records)
    for section in ("contributions", "employment", "injury", "overview", "contributions"):
        records.section_buttons[section].click()
        settle(qtbot, kiosk)
        moved += scroll_to_the_end(records)
    years = kiosk.controller.flow.view.records.years
    records.earlier_button.click()  # the year before the newest
    settle(qtbot, kiosk)
    assert kiosk.controller.flow.view.year.year == years[1]
    moved += scroll_to_the_end(records)
    records.print_button.click()
    qtbot.waitUntil(lambda: kiosk.controller.flow.view.statement is not None and idle(kiosk))
    records.section_buttons["employment"].click()
    settle(qtbot, kiosk)
    moved += scroll_to_the_end(records)
    # The test means something only if the records did scroll (large text at 1280x800).
    assert {"overviewScroll", "contributionsTable"} <= set(moved)

    w.header.back_button.click()
    wait_step(qtbot, kiosk, "summary")
    w.summary.replace_button.click()
    wait_step(qtbot, kiosk, "pin")
    w.pin.pin_entered.emit(bytearray(b"123456"))
    wait_b(qtbot, kiosk, "outlet")
    through_reissue_screens(qtbot, kiosk)


def through_reissue_screens(qtbot, kiosk) -> None:
    """Outlet (the last one chosen), materials, pickup, review, up to confirm, each scrolled."""
    w = kiosk.window
    w.outlet.rows[-1].click()
    qtbot.waitUntil(lambda: kiosk.controller.business.view.outlet is not None and idle(kiosk))
    for screen, following in (
        (w.outlet, "materials"),
        (w.materials, "pickup"),
        (w.pickup, "review"),
        (w.review, "confirm"),
    ):
        scroll_to_the_end(screen)
        screen.next_button.click()
        wait_b(qtbot, kiosk, following)
    scroll_to_the_end(w.confirm)


def loss_report_session(qtbot, kiosk) -> None:
    """A loss report without a card, by an agent, for a lost card, up to confirm."""
    w = kiosk.window
    english_and_large_text(kiosk)
    w.attract.report_loss_button.click()
    wait_b(qtbot, kiosk, "identify")
    w.identify.id_field.set_text(SSN)
    w.identify.mobile_field.set_text(MOBILE)
    w.identify.agent_toggle.click()
    scroll_to_the_end(w.identify)
    w.identify.next_button.click()
    wait_b(qtbot, kiosk, "agent")
    w.agent.id_field.set_text(AGENT_SSN)
    # The name on the pinyin input, whose letters and characters the session end must wipe.
    qtbot.mouseClick(w.agent.name_field, Qt.MouseButton.LeftButton)
    assert w.agent.name_input_open
    assert SHARED_INDEX.wait(30) is not None
    for letters in ("wang", "xiao", "ming"):
        for ch in letters:
            w.agent.name_input.keys[ch].click()
        w.agent.name_input.candidate_buttons[0].click()
    w.agent.name_input.keys["z"].click()  # left typed: the session end must forget it
    assert w.agent.name_field.text == "王小明"
    w.agent.name_input.delete_key.click()
    w.agent.name_input.done_button.click()
    w.agent.relationship_buttons["child"].click()
    scroll_to_the_end(w.agent)
    w.agent.next_button.click()
    wait_b(qtbot, kiosk, "what_happened")
    scroll_to_the_end(w.what_happened)
    w.what_happened.options[Choice.LOST].click()
    wait_b(qtbot, kiosk, "outlet")
    through_reissue_screens(qtbot, kiosk)
    assert w.identify.findChildren(IdNumberField)[0].text == SSN  # kept for Back, until the end


@pytest.mark.parametrize("end", ["card_removed", "idle_timeout", "home", "reader_lost"])
def test_a_card_session_end_leaves_every_widget_as_in_a_fresh_window(
    qtbot, kiosk, widget_state, end
):
    fresh = widget_state(kiosk.window)
    records_session(qtbot, kiosk)
    end_session(qtbot, kiosk, end)
    assert_as_fresh(kiosk, fresh, widget_state(kiosk.window))


@pytest.mark.parametrize("end", ["idle_timeout", "home", "reader_lost"])
def test_a_business_without_a_card_leaves_every_widget_as_in_a_fresh_window(
    qtbot, kiosk, widget_state, end
):
    fresh = widget_state(kiosk.window)
    loss_report_session(qtbot, kiosk)
    end_session(qtbot, kiosk, end)
    assert_as_fresh(kiosk, fresh, widget_state(kiosk.window))


def test_the_next_citizen_sees_the_records_from_the_top(qtbot, kiosk):
    """What the first citizen saw last (a scrolled overview, another section, another year)
    is not where the next one starts."""
    records_session(qtbot, kiosk)
    end_session(qtbot, kiosk, "card_removed")
    w = kiosk.window
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    w.summary.view_records_button.click()
    wait_step(qtbot, kiosk, "pin")
    w.pin.pin_entered.emit(bytearray(b"123456"))
    wait_step(qtbot, kiosk, "records")
    QApplication.processEvents()
    records = w.records
    assert records.current_section == "overview"
    assert records.overview_page.verticalScrollBar().value() == 0
    records.section_buttons["contributions"].click()
    settle(qtbot, kiosk)
    newest = kiosk.controller.flow.view.records.years[0]
    assert records.year_combo.currentData() == newest
    assert records.table.verticalScrollBar().value() == 0


def test_a_receipt_and_a_voucher_lookup_leave_every_widget_as_in_a_fresh_window(
    qtbot, kiosk, widget_state
):
    """The screens after the commit: the receipt (Done ends the session), and a lookup by ID
    number and mobile (its mode chosen, details typed, the result scrolled), then Home."""
    w = kiosk.window
    fresh = widget_state(kiosk.window)
    loss_report_session(qtbot, kiosk)
    w.confirm.confirm_button.click()
    qtbot.waitUntil(
        lambda: kiosk.controller.business.view.print_outcome is not None and idle(kiosk),
        timeout=10_000,
    )
    scroll_to_the_end(w.receipt)
    w.receipt.done_button.click()
    end_session(qtbot, kiosk, "done")
    assert_as_fresh(kiosk, fresh, widget_state(kiosk.window))

    english_and_large_text(kiosk)
    w.attract.voucher_button.click()
    wait_b(qtbot, kiosk, "lookup")
    w.lookup.mode_buttons["person"].click()
    w.lookup.id_field.set_text(SSN)
    w.lookup.mobile_field.set_text(MOBILE)
    scroll_to_the_end(w.lookup)
    w.lookup.person_search.click()
    wait_b(qtbot, kiosk, "lookup_result")
    assert kiosk.controller.business.view.lookup_results
    scroll_to_the_end(w.lookup_result)
    end_session(qtbot, kiosk, "home")
    assert_as_fresh(kiosk, fresh, widget_state(kiosk.window))


def test_every_screen_wipe_does_the_shared_part(kiosk, monkeypatch):
    """Each screen resets what it holds, then `Screen.wipe` the rest (scrolling): a screen
    that forgot to call it would keep the last citizen's scroll positions."""
    from kiosk.ui.screens.base import Screen

    reached = []
    shared = Screen.wipe

    def spy(self):
        reached.append(self)
        shared(self)

    monkeypatch.setattr(Screen, "wipe", spy)
    for screen in kiosk.window.screens:
        screen.wipe()
    missing = [s.name for s in kiosk.window.screens if s not in reached]
    assert not missing

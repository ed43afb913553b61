"""The on-screen Chinese name input on its own (kiosk.ui.widgets.namepad): letters become
syllables, a tapped character goes into the name and uses its syllable up, keys that cannot
go on grey out, Delete/Clear/·, paging, and the wipe at the end of a session."""

from __future__ import annotations

import pytest
from ui_helpers import make, shown

from kiosk.domain.pinyin_names import SHARED_INDEX, SURNAMES
from kiosk.ui.widgets.namepad import NAME_MAX, PAGE_SIZE, NameField, NameInput


@pytest.fixture
def pad(qtbot):
    assert SHARED_INDEX.wait(30) is not None
    field = NameField("testName")
    name_input = make(qtbot, NameInput)
    name_input.set_target(field)
    shown(qtbot, name_input)
    name_input.field = field  # kept alive with the input
    return name_input


def type_letters(pad: NameInput, letters: str) -> None:
    for letter in letters:
        pad.keys["u_umlaut" if letter == "ü" else letter].click()


def test_nothing_typed_offers_the_surnames_then_given_name_characters(pad) -> None:
    assert pad.shown_candidates() == list(SURNAMES[:PAGE_SIZE])
    pad.candidate_buttons[0].click()
    assert pad.field.text == "王"
    assert pad.shown_candidates()[0] == "伟"  # the most common given-name character


def test_a_character_uses_up_its_syllable_and_the_rest_stays(pad) -> None:
    type_letters(pad, "zhangsan")
    assert pad.letters == "zhangsan"
    assert pad.letters_shown.text() == "zhang san"
    assert pad.shown_candidates()[0] == "张"
    pad.candidate_buttons[0].click()
    assert pad.field.text == "张" and pad.letters == "san"
    assert "三" in pad.candidates


def test_u_umlaut_is_typed_and_shown(pad) -> None:
    type_letters(pad, "lü")
    assert pad.letters == "lv" and pad.letters_shown.text() == "lü"
    assert pad.shown_candidates()[0] == "吕"


def test_keys_that_cannot_go_on_grey_out(pad) -> None:
    type_letters(pad, "q")
    assert pad.keys["i"].isEnabled() and pad.keys["u"].isEnabled()
    assert not pad.keys["a"].isEnabled() and not pad.keys["q"].isEnabled()
    pad.press("a")  # refused, as its grey key says
    assert pad.letters == "q"


def test_paging_through_the_characters(pad) -> None:
    type_letters(pad, "yi")
    first = pad.shown_candidates()
    assert not pad.previous_page.isEnabled() and pad.next_page.isEnabled()
    pad.next_page.click()
    assert pad.page == 1 and pad.shown_candidates() != first
    assert pad.shown_candidates() == pad.candidates[PAGE_SIZE : 2 * PAGE_SIZE]
    pad.previous_page.click()
    assert pad.shown_candidates() == first


def test_delete_takes_a_letter_then_a_character_and_clear_all(pad) -> None:
    pad.candidate_buttons[0].click()
    type_letters(pad, "we")
    pad.delete_key.click()
    assert pad.letters == "w" and pad.field.text == "王"
    pad.delete_key.click()
    pad.delete_key.click()
    assert pad.letters == "" and pad.field.text == ""
    pad.candidate_buttons[1].click()
    type_letters(pad, "x")
    pad.clear_key.click()
    assert pad.letters == "" and pad.field.text == ""


def test_the_middle_dot_goes_between_parts_only(pad) -> None:
    assert not pad.dot_key.isEnabled()
    pad.field.set_text("阿依古丽")
    assert pad.dot_key.isEnabled()
    pad.dot_key.click()
    assert pad.field.text == "阿依古丽·"
    assert not pad.dot_key.isEnabled()  # not twice in a row


def test_a_full_name_takes_no_more(pad) -> None:
    pad.field.set_text("王" * NAME_MAX)
    assert not any(key.isEnabled() for key in pad.keys.values())
    assert not any(button.isEnabled() for button in pad.candidate_buttons)


def test_the_name_field_refuses_the_number_pads_and_checks_the_name(qtbot) -> None:
    field = make(qtbot, NameField, "testName")
    assert not any(field.accepts(ch) for ch in "0123456789X")
    field.set_text("李1")
    assert not field.is_valid and field.message.text()
    field.set_text("李")
    assert not field.is_valid and not field.check.message
    field.set_text("  李  明 ")
    assert field.is_valid and field.value == "李 明"


def test_wipe_forgets_the_letters(pad) -> None:
    type_letters(pad, "wang")
    pad.wipe()
    assert pad.letters == "" and pad.letters_shown.text() == ""
    pad.set_target(None)
    assert pad.candidates == [] and pad.name_shown.text() == ""

"""The business screens of part A (identify, agent, what happened, voucher lookup and its
results), their entry fields, pads and step bar: built from the sample views in both languages
and in large text, each signal fires with the right arguments, busy views lock the buttons,
fields flag the character that made a number wrong, and wipe() leaves nothing personal (S3)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget
from ui_helpers import PAGE, make, shown

from kiosk.demo import business_samples as bs
from kiosk.domain.business import PrintOutcome, Refusal
from kiosk.domain.ids import id_check_char
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.masking import mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.flows.business import BStep, Choice
from kiosk.ui.screens.agent import RELATIONSHIPS, AgentScreen
from kiosk.ui.screens.identify import IdentifyScreen
from kiosk.ui.screens.lookup import PERSON, SCAN, LookupScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screens.what_happened import WhatHappenedScreen
from kiosk.ui.theme import Theme, apply_theme
from kiosk.ui.widgets.fields import (
    EntryField,
    FieldGroup,
    IdNumberField,
    MobileField,
    VoucherField,
)
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.stepbar import BusinessStepBar, StepBar
from kiosk.ui.widgets.textpad import ALPHANUMERIC, DIGITS, TextPad

SCREENS = (IdentifyScreen, AgentScreen, WhatHappenedScreen, LookupScreen, LookupResultScreen)
CJK = re.compile(r"[\u4e00-\u9fff]")
LEFT = Qt.MouseButton.LeftButton


def fill(screen: QWidget) -> None:
    """Sample data into any screen of part A, typed values included."""
    if isinstance(screen, IdentifyScreen):
        screen.show_view(bs.identify_view(error=True, attempts_left=2))
        screen.id_field.set_text(bs.SSN)
        screen.mobile_field.set_text(bs.MOBILE)
    elif isinstance(screen, AgentScreen):
        screen.show_view(bs.agent_view())
        screen.id_field.set_text(bs.AGENT_SSN)
        screen.name_field.set_text(bs.AGENT_NAME)
        screen.select_relationship("spouse")
    elif isinstance(screen, WhatHappenedScreen):
        screen.show_view(bs.what_happened_view())
    elif isinstance(screen, LookupScreen):
        screen.show_view(bs.lookup_view())
        screen.id_field.set_text(bs.SSN)
        screen.mobile_field.set_text(bs.MOBILE)
    elif isinstance(screen, LookupResultScreen):
        screen.show_view(bs.lookup_result_view(reprinted=True, outcome=PrintOutcome.PRINTED))


def _chinese_data() -> set[str]:
    """Chinese that comes from the data itself: masked names, outlets."""
    values = {bs.identified().masked_name, bs.AGENT_NAME}
    for outlet in bs.OUTLETS:
        values |= {outlet.name, outlet.address, outlet.opening_hours}
    return values


# Every screen ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_each_screen_shows_sample_data_in_both_languages(
    qtbot, translations, all_texts, cls, language
):
    translations.set_language(language)
    screen = make(qtbot, cls)
    fill(screen)
    shown(qtbot, screen, PAGE)
    assert cls.name == BStep(cls.name).value
    texts = all_texts(screen)
    assert screen.title.text()
    if language == "en":
        for value in sorted(_chinese_data(), key=len, reverse=True):
            texts = texts.replace(value, "")
        assert not CJK.search(texts), CJK.findall(texts)


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_wipe_leaves_nothing_personal(qtbot, all_texts, cls):
    screen = make(qtbot, cls)
    fill(screen)
    shown(qtbot, screen, PAGE)
    screen.wipe()
    texts = all_texts(screen)
    who = bs.identified()
    for value in (
        bs.SSN,
        bs.MOBILE,
        bs.AGENT_SSN,
        bs.AGENT_NAME,
        who.masked_name,
        who.masked_ssn,
        who.masked_card_number,
        bs.CARD_VOUCHER,
        bs.CARD_VOUCHER.replace("-", " - "),
    ):
        assert value not in texts
    assert screen.view is None
    for field in screen.findChildren(EntryField):
        assert field.text == ""
    for edit in screen.findChildren(QLineEdit):
        assert edit.text() == ""
    # The screen is still whole for the next citizen: its heading in its place.
    assert screen.title.window() is screen and screen.title.isVisibleTo(screen)


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, EntryField)


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_every_interactive_widget_has_a_name_and_an_accessible_name(qtbot, translations, cls):
    screen = make(qtbot, cls)
    fill(screen)
    shown(qtbot, screen, PAGE)
    found = [w for w in screen.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    assert found
    for w in found:
        if w.objectName().startswith("qt_") and not w.isVisibleTo(screen):
            continue
        assert w.objectName(), f"{type(w).__name__} in {cls.__name__} has no objectName"
        assert w.accessibleName(), f"{w.objectName()} in {cls.__name__} has no accessibleName"


@pytest.mark.parametrize("large", [False, True])
def test_touch_targets_are_at_least_64_px(qtbot, qapp, large):
    apply_theme(qapp, Theme(large_text=large))
    try:
        for cls in SCREENS:
            screen = make(qtbot, cls)
            fill(screen)
            shown(qtbot, screen, PAGE)
            modes = (SCAN, PERSON) if isinstance(screen, LookupScreen) else (None,)
            for mode in modes:
                if mode:
                    screen.set_mode(mode)
                for button in screen.findChildren(QAbstractButton):
                    if button.isVisibleTo(screen):
                        name = f"{cls.__name__}.{button.objectName()}"
                        assert button.height() >= 64, f"{name} is {button.height()} px high"
                        assert button.width() >= 64, f"{name} is {button.width()} px wide"
            screen.hide()
    finally:
        apply_theme(qapp, Theme())


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_screen_fits_the_page_of_a_1280_by_800_window(
    qtbot, qapp, translations, language, large
):
    translations.set_language(language)
    apply_theme(qapp, Theme(large_text=large))
    try:
        header = make(qtbot, Header)
        header.set_navigation(back=True, home=True)
        room = 800 - header.sizeHint().height()
        variants = {
            IdentifyScreen: (lambda s: s.show_view(bs.identify_view(error=True, attempts_left=1)),),
            AgentScreen: (fill,),
            WhatHappenedScreen: (
                fill,
                lambda s: s.show_view(bs.what_happened_view(CardStatus.TEMPORARY_LOSS)),
            ),
            LookupScreen: (
                lambda s: s.show_view(bs.lookup_view(error=Refusal.VOUCHER_CODE_INVALID)),
                lambda s: (s.set_mode(PERSON), s.show_view(bs.lookup_view(error=Refusal.NO_MATCH))),
            ),
            LookupResultScreen: (
                fill,
                lambda s: s.show_view(
                    bs.lookup_result_view(reprinted=True, outcome=PrintOutcome.FAILED)
                ),
            ),
        }
        for cls, preparations in variants.items():
            screen = make(qtbot, cls)
            for prepare in preparations:
                prepare(screen)
                need = screen.minimumSizeHint()
                assert need.height() <= room, f"{cls.name} needs {need.height()} px of {room}"
                assert need.width() <= 1280, f"{cls.name} needs {need.width()} px of 1280"
    finally:
        apply_theme(qapp, Theme())


# Step bar --------------------------------------------------------------------------------------


def test_business_step_bar_keeps_its_shape_whatever_is_chosen(qtbot, translations):
    translations.set_language("en")
    bar = make(qtbot, BusinessStepBar)
    bar.show_view(bs.what_happened_view())
    phases = ["Identify", "Your request", "Review", "Confirm", "Receipt"]
    assert bar.labels == phases
    assert bar.current == 1
    # Lost, by an agent: the same five, named (the agent's details are part of identifying,
    # the outlet, materials and date part of the request), and the last phase is the card
    # receipt voucher.
    bar.show_view(bs.what_happened_view(as_agent=True, choice=Choice.LOST))
    assert bar.labels == [*phases[:-1], "Voucher"]
    bar.show_view(bs.view("lost", BStep.MATERIALS, as_agent=True))
    assert bar.labels == [*phases[:-1], "Voucher"]
    assert bar.current == 1
    assert "2" in bar.accessibleName() and "5" in bar.accessibleName()
    bar.show_view(bs.lookup_result_view())
    assert bar.labels == ["Find", "Status"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_phase_is_named_at_1280_in_large_text(qtbot, qapp, translations, language):
    translations.set_language(language)
    apply_theme(qapp, Theme(large_text=True))
    try:
        bar = make(qtbot, BusinessStepBar)
        shown(qtbot, bar, (1120, 60))  # the page column of a 1280 px window
        for view in (
            bs.view("damaged", BStep.MATERIALS),  # six phases, the longest bar
            bs.view("lost", BStep.PICKUP, as_agent=True),
            bs.confirm_view("cancel"),
        ):
            bar.show_view(view)
            qtbot.wait(10)
            hidden = [t.text() for t in bar._texts if not t.isVisible()]
            assert hidden == [], hidden
    finally:
        apply_theme(qapp, Theme())


def test_the_card_step_bar_keeps_its_three_steps(qtbot, translations):
    bar = make(qtbot, StepBar)
    assert len(bar.labels) == 3
    bar.set_current(2)
    assert bar.current == 2


# Fields and pads -------------------------------------------------------------------------------


def test_id_field_flags_the_key_that_made_the_number_wrong(qtbot, translations):
    translations.set_language("en")
    field = make(qtbot, IdNumberField, "idTest")
    field.set_text("9")
    assert field.check.bad_at == 0 and "0 or 9" in field.check.message
    field.set_text("1101051985136")  # month 13: the 12th digit is the wrong one
    assert field.check.bad_at == 11
    assert field.check.span == (6, 14)
    assert "7th to 14th digits must be a date of birth" in field.message.text()
    assert field.box.property("state") == "error"
    field.set_text(bs.SSN[:17] + ("5" if bs.SSN[17] != "5" else "6"))
    assert field.check.bad_at == 17 and not field.is_valid
    field.set_text(bs.SSN)
    assert field.is_valid and field.value == bs.SSN
    assert field.box.property("state") == "ok"
    assert not field.check.message


def test_x_is_only_the_18th_character(qtbot):
    first17 = "11010519491231002"
    assert id_check_char(first17) == "X"
    field = make(qtbot, IdNumberField, "idTest")
    pad = make(qtbot, TextPad, DIGITS)
    pad.set_target(field)
    assert not pad.keys["X"].isEnabled()
    assert not field.insert("X")
    for ch in first17:
        pad.press(ch)
    assert pad.keys["X"].isEnabled()
    qtbot.mouseClick(pad.keys["X"], LEFT)
    assert field.text == first17 + "X" and field.is_valid
    assert not pad.keys["1"].isEnabled()  # full
    qtbot.mouseClick(pad.delete_key, LEFT)
    assert field.text == first17


def test_mobile_field_checks_the_first_two_digits(qtbot, translations):
    translations.set_language("en")
    field = make(qtbot, MobileField, "mobileTest")
    field.set_text("2")
    assert field.check.bad_at == 0
    field.set_text("12")
    assert field.check.bad_at == 1
    field.set_text(bs.MOBILE)
    assert field.is_valid
    assert not field.accepts("1")  # eleven digits is all


def test_voucher_field_normalises_and_catches_a_typo(qtbot, translations):
    translations.set_language("en")
    field = make(qtbot, VoucherField, "voucherTest")
    pad = make(qtbot, TextPad, ALPHANUMERIC)
    pad.set_target(field)
    assert not pad.keys["-"].isEnabled()  # not first
    for ch in bs.CARD_VOUCHER.replace("-", ""):
        pad.press(ch)
    assert field.is_valid
    assert field.text == bs.CARD_VOUCHER  # shown in its printed form
    assert field.value == bs.CARD_VOUCHER
    wrong = "A" if bs.CARD_VOUCHER[-1] != "A" else "B"
    field.set_text(bs.CARD_VOUCHER[:-1] + wrong)
    assert not field.is_valid
    assert "mistyped" in field.message.text()
    field.set_text("BJCY01-2025")  # half typed: nothing to say yet
    assert not field.is_valid and not field.check.message


def test_field_group_moves_on_and_a_keyboard_types_into_the_focused_field(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    pad = TextPad(DIGITS, parent=holder)
    id_field = IdNumberField("a", holder)
    mobile = MobileField("b", holder)
    group = FieldGroup(pad, (id_field, mobile), holder)
    holder.show()
    qtbot.waitExposed(holder)
    assert group.active is id_field and pad.target is id_field
    for ch in bs.SSN:
        pad.press(ch)
    assert group.active is mobile and mobile.active and not id_field.active
    mobile.setFocus()
    qtbot.keyClicks(mobile, bs.MOBILE + "9")
    assert mobile.text == bs.MOBILE and group.all_valid
    qtbot.keyClick(mobile, Qt.Key.Key_Backspace)
    assert mobile.text == bs.MOBILE[:-1]
    qtbot.mouseClick(id_field, LEFT)
    assert group.active is id_field
    qtbot.mouseClick(id_field.clear_button, LEFT)
    assert id_field.text == ""


def test_an_external_error_lasts_until_the_value_changes(qtbot):
    field = make(qtbot, VoucherField, "voucherTest")
    field.set_text(bs.CARD_VOUCHER)
    field.set_external_error("Not found")
    assert field.message.text() == "Not found" and field.is_valid
    field.backspace()
    assert field.message.text() != "Not found"


# Identify --------------------------------------------------------------------------------------


def test_identify_submits_both_numbers_once_both_are_right(qtbot):
    screen = make(qtbot, IdentifyScreen)
    screen.show_view(bs.identify_view())
    shown(qtbot, screen, PAGE)
    assert not screen.next_button.isEnabled()
    for ch in bs.SSN:
        qtbot.mouseClick(screen.pad.keys[ch], LEFT)
    assert screen.fields.active is screen.mobile_field
    for ch in bs.MOBILE[:-1]:
        screen.pad.press(ch)
    assert not screen.next_button.isEnabled()
    screen.pad.press(bs.MOBILE[-1])
    qtbot.mouseClick(screen.agent_toggle, LEFT)
    assert screen.as_agent
    with qtbot.waitSignal(screen.submitted) as signal:
        qtbot.mouseClick(screen.next_button, LEFT)
    assert signal.args == [bs.SSN, bs.MOBILE, True]


def test_identify_busy_locks_and_a_double_tap_does_nothing(qtbot):
    screen = make(qtbot, IdentifyScreen)
    screen.id_field.set_text(bs.SSN)
    screen.mobile_field.set_text(bs.MOBILE)
    screen.show_view(bs.identify_view(busy=True))
    shown(qtbot, screen, PAGE)
    assert not screen.next_button.isEnabled()
    assert not screen.pad.isEnabled()
    with qtbot.assertNotEmitted(screen.submitted):
        screen.submit()
    screen.show_view(bs.identify_view())
    assert screen.next_button.isEnabled()


def test_identify_says_no_match_with_the_attempts_left(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, IdentifyScreen)
    screen.show_view(bs.identify_view(error=True, attempts_left=2))
    text = screen.error_notice.text.text()
    assert "do not match" in text and "2 tries left" in text
    assert screen.error_notice.isVisibleTo(screen)
    screen.show_view(bs.identify_view(error=True, attempts_left=1))
    assert "1 try left" in screen.error_notice.text.text()
    screen.show_view(bs.identify_view())
    assert not screen.error_notice.isVisibleTo(screen)


def test_a_wrong_pair_moves_no_field_and_leaves_no_green_tick(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, IdentifyScreen)
    screen.show_view(bs.identify_view())
    screen.id_field.set_text(bs.SSN)
    screen.mobile_field.set_text(bs.MOBILE)
    shown(qtbot, screen, PAGE)
    places = {w: w.mapTo(screen, w.rect().topLeft()) for w in screen.fields.fields}
    places[screen.agent_toggle] = screen.agent_toggle.mapTo(screen, QPoint(0, 0))
    assert all(f.box.property("state") == "ok" for f in screen.fields.fields)
    screen.show_view(bs.identify_view(busy=True))
    screen.show_view(bs.identify_view(error=True, attempts_left=2))
    qtbot.wait(10)  # the layout settles
    assert screen.error_notice.isVisible()
    for widget, place in places.items():
        assert widget.mapTo(screen, QPoint(0, 0)) == place, widget.objectName()
    # "Do not match" says nothing about which is wrong: neither keeps its tick...
    for field in screen.fields.fields:
        assert field.box.property("state") != "ok"
        assert field.status_icon.pixmap().isNull()
    # ...and either can still be sent again as it is, or corrected.
    assert screen.next_button.isEnabled()
    screen.mobile_field.set_text("13810245679")
    assert screen.mobile_field.box.property("state") == "ok"
    assert screen.id_field.box.property("state") != "ok"


# Agent -----------------------------------------------------------------------------------------


def test_agent_submits_id_name_and_relationship(qtbot):
    screen = make(qtbot, AgentScreen)
    screen.show_view(bs.agent_view())
    shown(qtbot, screen, PAGE)
    for ch in bs.AGENT_SSN:
        screen.pad.press(ch)
    screen.name_field.set_text(f"  {bs.AGENT_NAME} ")
    assert not screen.next_button.isEnabled()  # no relationship yet
    qtbot.mouseClick(screen.relationship_buttons["relative"], LEFT)
    with qtbot.waitSignal(screen.submitted) as signal:
        qtbot.mouseClick(screen.next_button, LEFT)
    assert signal.args == [bs.AGENT_SSN, bs.AGENT_NAME, "relative"]
    assert set(screen.relationship_buttons) == set(RELATIONSHIPS)


def test_agent_cannot_give_the_cardholders_id_or_a_bad_name(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, AgentScreen)
    screen.show_view(bs.agent_view())
    screen.id_field.set_text(bs.SSN)
    screen.name_field.set_text(bs.AGENT_NAME)
    screen.select_relationship("child")
    assert not screen.id_field.is_valid
    assert "cardholder's ID number" in screen.id_field.message.text()
    assert not screen.next_button.isEnabled()
    screen.id_field.set_text(bs.AGENT_SSN)
    assert screen.next_button.isEnabled()
    screen.name_field.set_text("李1")
    assert not screen.next_button.isEnabled()
    assert screen.name_field.message.text() == "A name has no digits or symbols."
    screen.name_field.set_text("李")
    assert not screen.next_button.isEnabled()
    screen.show_view(bs.agent_view(busy=True))
    screen.name_field.set_text(bs.AGENT_NAME)
    assert not screen.next_button.isEnabled()


# What happened ---------------------------------------------------------------------------------


def test_what_happened_shows_who_masked_and_emits_the_choice(qtbot, all_texts):
    screen = make(qtbot, WhatHappenedScreen)
    screen.show_view(bs.what_happened_view())
    shown(qtbot, screen, PAGE)
    texts = all_texts(screen)
    assert mask_id_number(bs.SSN) in texts and bs.SSN not in texts
    assert bs.CARD_NUMBER not in texts and bs.NAME not in texts
    for choice in Choice:
        with qtbot.waitSignal(screen.chosen) as signal:
            qtbot.mouseClick(screen.options[choice], LEFT)
        assert signal.args == [choice.value]


def test_temporary_report_is_greyed_with_a_reason_when_not_allowed(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, WhatHappenedScreen)
    screen.show_view(bs.what_happened_view(CardStatus.TEMPORARY_LOSS))
    shown(qtbot, screen, PAGE)
    temporary = screen.options[Choice.TEMPORARY]
    assert not temporary.isEnabled()
    assert "already under a temporary loss report" in temporary.reason.text()
    assert screen.options[Choice.LOST].isEnabled()
    with qtbot.assertNotEmitted(screen.chosen):
        screen.choose(Choice.TEMPORARY)
    screen.show_view(bs.what_happened_view(busy=True))
    assert not any(card.isEnabled() for card in screen.options.values())
    screen.show_view(bs.what_happened_view(choice=Choice.STOLEN))
    assert screen.options[Choice.STOLEN].property("selected") is True


# Voucher lookup --------------------------------------------------------------------------------


def scan(qtbot, widget: QWidget, code: str) -> None:
    """The terminal's scanner: the code typed fast, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


CODE = "SSK1:DEMO01-20261205-000004-W:ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_lookup_by_scanning_the_code_and_by_person(qtbot):
    screen = make(qtbot, LookupScreen)
    screen.show_view(bs.lookup_view())
    shown(qtbot, screen, PAGE)
    assert screen.mode == SCAN and not screen.person_search.isVisible()
    assert screen.scanner.active
    with qtbot.waitSignal(screen.by_code) as signal:
        scan(qtbot, screen, CODE)
    assert signal.args == [CODE]
    qtbot.mouseClick(screen.mode_buttons[PERSON], LEFT)
    assert screen.mode == PERSON and screen.pages.currentIndex() == 1
    assert not screen.scanner.active  # keys go to the fields again
    qtbot.keyClicks(screen.id_field, bs.SSN)
    assert screen.id_field.text == bs.SSN
    for ch in bs.MOBILE:
        screen.person_pad.press(ch)
    with qtbot.waitSignal(screen.by_person) as signal:
        qtbot.mouseClick(screen.person_search, LEFT)
    assert signal.args == [bs.SSN, bs.MOBILE]
    screen.show_view(bs.lookup_view(busy=True))
    assert not screen.person_search.isEnabled()
    with qtbot.assertNotEmitted(screen.by_person):
        screen.search()


def test_a_scan_while_busy_or_hidden_is_not_heard(qtbot):
    screen = make(qtbot, LookupScreen)
    screen.show_view(bs.lookup_view(busy=True))
    shown(qtbot, screen, PAGE)
    with qtbot.assertNotEmitted(screen.by_code):
        scan(qtbot, screen, CODE)
    screen.show_view(bs.lookup_view())
    screen.hide()
    assert not screen.scanner.active
    screen.show()
    assert screen.scanner.active


def test_lookup_errors_are_shown_beside_the_button(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, LookupScreen)
    shown(qtbot, screen, PAGE)
    screen.show_view(bs.lookup_view(busy=True))
    screen.show_view(bs.lookup_view(error=Refusal.VOUCHER_CODE_INVALID))
    # A scan's trouble is told in the scan card, where the citizen looks while scanning.
    assert "not a voucher of this service" in screen.scan_state.text.text()
    assert screen.scan_state.property("tone") == "error"
    screen.set_mode(PERSON)
    assert not screen.error_notice.isVisible()
    screen.set_mode(SCAN)
    assert "Waiting for the QR code" in screen.scan_state.text.text()  # it was about that code
    screen.set_mode(PERSON)
    screen.id_field.set_text(bs.SSN)
    screen.mobile_field.set_text(bs.MOBILE)
    screen.show_view(bs.lookup_view(busy=True))
    screen.show_view(bs.lookup_view(error=Refusal.NO_MATCH, attempts_left=1))
    text = screen.error_notice.text.text()
    assert "do not match" in text and "1 try left" in text
    assert screen.id_field.box.property("state") != "ok"


def test_lookup_result_cards_progress_and_reprint(qtbot, translations, all_texts):
    translations.set_language("en")
    screen = make(qtbot, LookupResultScreen)
    screen.show_view(bs.lookup_result_view())
    shown(qtbot, screen, PAGE)
    texts = all_texts(screen)
    assert "Card receipt voucher" in texts and "Loss report receipt" in texts
    assert "In production" in texts and "Your new card is being made." in texts
    assert "24 Nov 2025" in texts
    assert "Chaoyang District Social Insurance Centre" in texts
    assert "Already reprinted once" in texts  # the loss receipt
    assert list(screen.reprint_buttons) == [bs.CARD_VOUCHER]
    with qtbot.waitSignal(screen.reprint) as signal:
        qtbot.mouseClick(screen.reprint_buttons[bs.CARD_VOUCHER], LEFT)
    assert signal.args == [bs.CARD_VOUCHER]
    with qtbot.waitSignal(screen.done_clicked):
        qtbot.mouseClick(screen.done_button, LEFT)
    tracker = screen.findChild(QWidget, "lookupResultProgress0")
    assert tracker.accessibleName() == "In production"


def test_lookup_result_after_a_reprint_and_busy(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, LookupResultScreen)
    screen.show_view(bs.lookup_result_view(reprinted=True, outcome=PrintOutcome.PRINTED))
    assert "printed again" in screen.reprint_notice.text.text()
    assert not screen.reprint_buttons  # the one reprint is used
    screen.show_view(bs.lookup_result_view(reprinted=True, outcome=PrintOutcome.OUT_OF_PAPER))
    assert "could not be printed" in screen.reprint_notice.text.text()
    assert bs.CARD_VOUCHER in screen.reprint_notice.text.text()
    screen.show_view(bs.lookup_result_view(reprinted=True, outcome=None))
    assert "Printing" in screen.reprint_notice.text.text()
    screen.show_view(bs.lookup_result_view(busy=True))
    assert not screen.done_button.isEnabled()
    assert not any(b.isEnabled() for b in screen.reprint_buttons.values())
    screen.show_view(bs.lookup_result_view(results=(bs.ready_voucher(),)))
    assert screen.title.text() == "Your voucher"
    tracker = screen.findChild(QWidget, "lookupResultProgress0")
    assert tracker.accessibleName() == "Ready for pickup"
    assert bs.ready_voucher().progress is ReissueProgress.READY
    # What to bring, as the materials screen and the voucher ask it (../shared/seeds/).
    state = screen.findChild(QLabel, "lookupResultState0").text()
    assert "ID card (the original and a photocopy)" in state

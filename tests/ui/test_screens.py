"""Every citizen screen: it builds and shows sample data in both languages, the summary shows
only masked values, the records show the data, wipe() leaves nothing personal, the PIN screen
says how many tries are left, each problem has its own title, every interactive widget can be
found by name, touch targets are large enough, and large text makes the text larger."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from ui_helpers import make, shown

from kiosk.demo import screen_samples as samples
from kiosk.domain.masking import mask_card_number, mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.pin import PinScreen
from kiosk.ui.screens.problem import READER_UNAVAILABLE, ProblemScreen
from kiosk.ui.screens.reading import ReadingScreen
from kiosk.ui.screens.records import SECTIONS, RecordsScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.theme import Theme, apply_theme
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.idle import IdleOverlay

SCREENS = (AttractScreen, ReadingScreen, SummaryScreen, PinScreen, RecordsScreen, ProblemScreen)
PERSONAL = (samples.NAME, samples.SSN, samples.CARD_NUMBER)
CJK = re.compile(r"[\u4e00-\u9fff]")


def fill(screen: QWidget) -> None:
    """Put the sample data into any screen."""
    if isinstance(screen, SummaryScreen):
        screen.show_summary(samples.summary())
    elif isinstance(screen, PinScreen):
        screen.set_tries(6, after_wrong=False)
        screen.keypad.press(1)
    elif isinstance(screen, RecordsScreen):
        screen.show_records(samples.records())
        screen.show_year(samples.year_of_contributions(2016))
    elif isinstance(screen, ProblemScreen):
        screen.show_problem(CardProblem.EXPIRED, expiry_date=samples.EXPIRED_ON)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_each_screen_shows_sample_data_in_both_languages(
    qtbot, translations, all_texts, cls, language
):
    translations.set_language(language)
    screen = make(qtbot, cls)
    fill(screen)
    shown(qtbot, screen)
    assert cls.name
    texts = all_texts(screen)
    assert texts.strip()
    if language == "zh_CN":
        assert CJK.search(texts)
    else:
        # In English, Chinese may only come from the data itself (names, employers...).
        for value in sorted(_chinese_data(), key=len, reverse=True):
            texts = texts.replace(value, "")
        assert not CJK.search(texts), CJK.findall(texts)


def _chinese_data() -> set[str]:
    records = samples.records()
    values = {records.name, samples.summary().masked_name}
    values |= {w.employer for w in records.work_history} | {
        w.position or "" for w in records.work_history
    }
    for q in records.qualifications:
        values |= {q.title, q.level or "", q.issuer}
    values |= {i.description for i in records.injuries}
    values |= {
        c.employer
        for y in samples.records(all_years_loaded=True).contributions.values()
        for c in y.months
    }
    return {v for v in values if v}


# Summary (S2) ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_summary_shows_only_masked_values(qtbot, translations, all_texts, language):
    translations.set_language(language)
    screen = make(qtbot, SummaryScreen)
    screen.show_summary(samples.summary())
    texts = all_texts(screen)
    assert mask_id_number(samples.SSN) in texts
    assert mask_card_number(samples.CARD_NUMBER) in texts
    for value in PERSONAL:
        assert value not in texts
    for label in screen.findChildren(QLabel):
        assert samples.SSN[4:14] not in label.text()


@pytest.mark.parametrize(
    ("status", "expired", "tone"),
    [
        (CardStatus.NORMAL, False, "ok"),
        (CardStatus.TEMPORARY_LOSS, False, "warn"),
        (CardStatus.LOST, False, "error"),
        (CardStatus.CANCELLED, False, "error"),
        (CardStatus.NORMAL, True, "error"),
    ],
)
def test_summary_status_pill(qtbot, translations, status, expired, tone):
    screen = make(qtbot, SummaryScreen)
    screen.show_summary(samples.summary(status, expired=expired))
    assert screen.status_pill.text()
    assert screen.status_pill.property("tone") == tone


def test_summary_view_records_and_busy(qtbot):
    screen = make(qtbot, SummaryScreen)
    screen.show_summary(samples.summary())
    shown(qtbot, screen)
    with qtbot.waitSignal(screen.view_records_clicked):
        qtbot.mouseClick(screen.view_records_button, Qt.MouseButton.LeftButton)
    screen.set_busy(True)
    assert not screen.view_records_button.isEnabled()
    screen.set_busy(False)
    assert screen.view_records_button.isEnabled()


# PIN -------------------------------------------------------------------------------------------


def test_pin_tries_texts_in_english(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, PinScreen)
    screen.set_tries(6, after_wrong=False)
    assert screen.tries_notice.text.text() == "You have 6 tries."
    screen.set_tries(5, after_wrong=True)
    assert screen.tries_notice.text.text() == "Wrong PIN. 5 tries left."
    assert screen.tries_notice.property("tone") == "error"
    screen.set_tries(1, after_wrong=True)
    assert "1 try left" in screen.tries_notice.text.text()
    assert "block" in screen.tries_notice.text.text()
    assert screen.tries_notice.property("tone") == "warn"


def test_pin_tries_texts_in_chinese(qtbot, translations):
    screen = make(qtbot, PinScreen)
    screen.set_tries(6, after_wrong=False)
    assert screen.tries_notice.text.text() == "剩余 6 次机会。"
    screen.set_tries(5, after_wrong=True)
    assert screen.tries_notice.text.text() == "密码错误，剩余 5 次机会。"
    screen.set_tries(1, after_wrong=False)
    assert "锁定" in screen.tries_notice.text.text()


def test_pin_entered_carries_the_bytearray_and_busy_locks_the_keypad(qtbot):
    screen = make(qtbot, PinScreen)
    shown(qtbot, screen)
    for d in (2, 4, 6, 8, 0, 2):
        screen.keypad.press(d)
    with qtbot.waitSignal(screen.pin_entered) as signal:
        qtbot.mouseClick(screen.keypad.ok_key, Qt.MouseButton.LeftButton)
    assert signal.args[0] == bytearray(b"246802")
    assert screen.keypad.length == 0
    screen.set_busy(True)
    assert not screen.keypad.isEnabled()
    assert screen.busy_label.isVisibleTo(screen)
    screen.set_busy(False)
    assert screen.keypad.isEnabled()


def test_pin_digits_never_reach_a_label(qtbot, translations):
    screen = make(qtbot, PinScreen)
    screen.set_tries(6)
    before = [label.text() for label in screen.findChildren(QLabel)]
    for d in (8, 6, 4, 2, 9):
        screen.keypad.press(d)
    assert [label.text() for label in screen.findChildren(QLabel)] == before


# Problems --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_problem_has_its_own_title_and_advice(qtbot, translations, language):
    translations.set_language(language)
    screen = make(qtbot, ProblemScreen)
    titles = {}
    for problem in CardProblem:
        screen.show_problem(problem, expiry_date=samples.EXPIRED_ON)
        assert screen.problem is problem
        assert screen.name == f"problem-{problem.value}"
        assert screen.what.text()
        assert screen.steps.count() >= 1
        titles[problem.value] = screen.title.text()
    screen.show_reader_unavailable()
    assert screen.reader_unavailable and screen.problem is None
    assert screen.name == f"problem-{READER_UNAVAILABLE}"
    titles[READER_UNAVAILABLE] = screen.title.text()
    assert all(titles.values())
    assert len(set(titles.values())) == len(titles)


def test_expired_problem_names_the_date(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, ProblemScreen)
    screen.show_problem(CardProblem.EXPIRED, expiry_date=dt.date(2024, 3, 14))
    assert "14 Mar 2024" in screen.what.text()


def test_problem_done_signals(qtbot):
    screen = make(qtbot, ProblemScreen)
    screen.show_problem(CardProblem.UNREADABLE)
    shown(qtbot, screen)
    with qtbot.waitSignal(screen.done_clicked):
        qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)


# Records ---------------------------------------------------------------------------------------


def test_records_show_the_data(qtbot, translations, all_texts):
    screen = make(qtbot, RecordsScreen)
    records = samples.records()
    screen.show_records(records)
    assert screen.records is records
    assert screen.current_section == "overview"
    texts = all_texts(screen)
    # The citizen's own record: full name and ID number are shown (S2).
    assert samples.NAME in texts and samples.SSN in texts
    for word in (
        "基本养老保险",
        "基本医疗保险",
        "失业保险",
        "工伤保险",
        "生育保险",
        "领取待遇",
        "参保缴费",
    ):
        assert word in texts
    assert "86,432.10 元" in texts
    assert "北京恒达精密机械有限公司" in texts  # work history
    assert "机修钳工 · 技师（二级）" in texts  # qualifications
    assert "伤残等级：九级" in texts
    assert screen.table.rowCount() == 5  # 2018: January to May
    assert screen.year_combo.count() == 10


def test_records_year_selection(qtbot, translations):
    screen = make(qtbot, RecordsScreen)
    screen.show_records(samples.records())
    shown(qtbot, screen)
    screen.show_section("contributions")
    with qtbot.waitSignal(screen.year_selected) as signal:
        qtbot.mouseClick(screen.earlier_button, Qt.MouseButton.LeftButton)
    assert signal.args == [2017]
    assert screen.table_message.isVisibleTo(screen)  # 2017 is not loaded yet
    screen.show_year(samples.year_of_contributions(2016))
    assert screen.year_combo.currentData() == 2016
    assert screen.table.rowCount() == 12
    owed = [screen.table.item(r, 5).text() for r in range(12)].count("欠缴")
    assert owed == 1
    assert "欠缴 1 个月" in screen.year_summary.text()


def test_records_ask_for_a_year_not_loaded_when_contributions_open(qtbot):
    screen = make(qtbot, RecordsScreen)
    records = samples.records()
    records.contributions.clear()
    screen.show_records(records)
    shown(qtbot, screen)
    with qtbot.waitSignal(screen.year_selected) as signal:
        qtbot.mouseClick(screen.section_buttons["contributions"], Qt.MouseButton.LeftButton)
    assert signal.args == [2018]


def test_records_sections(qtbot):
    screen = make(qtbot, RecordsScreen)
    screen.show_records(samples.records())
    for section in SECTIONS:
        screen.show_section(section)
        assert screen.current_section == section
        assert screen.section_buttons[section].isChecked()
    with pytest.raises(ValueError):
        screen.show_section("elsewhere")


def test_records_empty_states(qtbot, translations, all_texts):
    screen = make(qtbot, RecordsScreen)
    screen.show_records(samples.records_without_history())
    texts = all_texts(screen)
    assert "未参保" in texts
    assert "暂无工作经历记录。" in texts
    assert "暂无工伤与职业病劳动能力鉴定记录。" in texts
    assert "暂无缴费记录。" in texts


# Wipe (S3) -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_wipe_leaves_nothing_personal(qtbot, translations, all_texts, cls):
    screen = make(qtbot, cls)
    fill(screen)
    shown(qtbot, screen)
    screen.wipe()
    texts = all_texts(screen)
    masked = samples.summary()
    for value in (*PERSONAL, masked.masked_name, masked.masked_ssn, masked.masked_card_number):
        assert value not in texts
    assert "北京恒达精密机械有限公司" not in texts
    assert "8,120.00" not in texts
    if isinstance(screen, RecordsScreen):
        assert screen.records is None and screen.year is None
        assert screen.table.rowCount() == 0 and screen.year_combo.count() == 0
    if isinstance(screen, SummaryScreen):
        assert screen.summary is None
    if isinstance(screen, PinScreen):
        assert screen.keypad.length == 0 and screen.tries_left is None


# Names, touch, animation, large text -----------------------------------------------------------

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QTabBar)


@pytest.mark.parametrize("cls", [*SCREENS, Header, IdleOverlay], ids=lambda c: c.__name__)
def test_every_interactive_widget_has_a_name_and_an_accessible_name(qtbot, translations, cls):
    widget = make(qtbot, cls)
    fill(widget)
    shown(qtbot, widget)
    found = [w for w in widget.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    assert found or cls is ReadingScreen
    for w in found:
        if w.objectName().startswith("qt_") and not w.isVisibleTo(widget):
            continue  # Qt's own inner parts (a table's corner button...) that never show
        assert w.objectName(), f"{type(w).__name__} in {cls.__name__} has no objectName"
        assert w.accessibleName(), f"{w.objectName()} in {cls.__name__} has no accessibleName"


@pytest.mark.parametrize("large", [False, True])
def test_touch_targets_are_at_least_64_px(qtbot, qapp, large):
    apply_theme(qapp, Theme(large_text=large))
    for cls in (*SCREENS, Header):
        widget = make(qtbot, cls)
        fill(widget)
        shown(qtbot, widget)
        for button in widget.findChildren(QAbstractButton):
            if button.isVisibleTo(widget):
                name = f"{cls.__name__}.{button.objectName()}"
                assert button.height() >= 64, f"{name} is {button.height()} px high"
                assert button.width() >= 64, f"{name} is {button.width()} px wide"
        widget.close()
    apply_theme(qapp, Theme())


def test_every_screen_fits_1280_by_800_in_large_english(qtbot, qapp, translations):
    translations.set_language("en")
    apply_theme(qapp, Theme(large_text=True))
    header = make(qtbot, Header)
    header.set_navigation(back=True, home=True)
    header.resize(1280, header.sizeHint().height())
    room = 800 - header.sizeHint().height()
    for cls in SCREENS:
        widget = make(qtbot, cls)
        fill(widget)
        need = widget.minimumSizeHint()
        assert need.height() <= room, f"{cls.name} needs {need.height()} px of {room}"
        assert need.width() <= 1280, f"{cls.name} needs {need.width()} px of 1280"
    assert header.minimumSizeHint().width() <= 1280
    apply_theme(qapp, Theme())


def test_large_text_makes_the_text_larger(qtbot, qapp):
    screen = make(qtbot, SummaryScreen)
    screen.show_summary(samples.summary())
    shown(qtbot, screen)
    labels = (screen.title, screen.values["ssn"], screen.pin_hint)
    apply_theme(qapp, Theme(large_text=False))
    normal = [label.font().pixelSize() for label in labels]
    apply_theme(qapp, Theme(large_text=True))
    qtbot.waitUntil(lambda: screen.title.font().pixelSize() > normal[0])
    large = [label.font().pixelSize() for label in labels]
    for small, big in zip(normal, large, strict=True):
        assert big >= round(small * 1.25)
    button = screen.view_records_button.font().pixelSize()
    apply_theme(qapp, Theme(large_text=False))
    qtbot.waitUntil(lambda: screen.view_records_button.font().pixelSize() < button)


def test_attract_animation_can_be_frozen_and_signals(qtbot):
    screen = make(qtbot, AttractScreen)
    screen.set_animated(False)
    shown(qtbot, screen)
    assert not screen.animation.running
    screen.set_animated(True)
    qtbot.waitUntil(lambda: screen.animation.running)
    screen.hide()
    assert not screen.animation.running
    screen.show()
    with qtbot.waitSignal(screen.report_loss_clicked):
        qtbot.mouseClick(screen.report_loss_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.voucher_lookup_clicked):
        qtbot.mouseClick(screen.voucher_button, Qt.MouseButton.LeftButton)


def test_attract_take_card_hint(qtbot, translations):
    screen = make(qtbot, AttractScreen)
    screen.set_take_card_hint(True)
    assert screen.headline.text() == "请取走您的社保卡"
    screen.wipe()
    assert screen.headline.text() == "请插入您的社会保障卡"

"""The shared widgets: the PIN keypad (digits only in its bytearray), header, step bar, status
strip and the idle overlay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.idle import IdleOverlay
from kiosk.ui.widgets.keypad import PIN_LENGTH, Keypad
from kiosk.ui.widgets.parts import OneLineLabel
from kiosk.ui.widgets.statusstrip import StatusStrip
from kiosk.ui.widgets.stepbar import StepBar


@pytest.fixture
def keypad(qtbot):
    pad = Keypad()
    qtbot.addWidget(pad)
    return pad


def tap(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_digits(qtbot, pad: Keypad, digits: str) -> None:
    for d in digits:
        tap(qtbot, pad.digit_keys[int(d)])


# Keypad ----------------------------------------------------------------------------------------


def test_digits_delete_and_clear(qtbot, keypad):
    type_digits(qtbot, keypad, "123")
    assert keypad.length == 3
    assert keypad.dots.count == 3
    tap(qtbot, keypad.delete_key)
    assert keypad.length == 2
    tap(qtbot, keypad.clear_key)
    assert keypad.length == 0
    assert keypad.dots.count == 0


def test_ok_is_enabled_only_at_six_digits(qtbot, keypad):
    for n in range(PIN_LENGTH):
        assert not keypad.ok_key.isEnabled()
        tap(qtbot, keypad.digit_keys[n])
    assert keypad.ok_key.isEnabled()
    type_digits(qtbot, keypad, "9")  # a seventh digit is ignored
    assert keypad.length == PIN_LENGTH


def test_ok_hands_the_pin_over_as_a_bytearray_and_empties_the_keypad(qtbot, keypad):
    type_digits(qtbot, keypad, "135790")
    with qtbot.waitSignal(keypad.pin_complete) as signal:
        tap(qtbot, keypad.ok_key)
    pin = signal.args[0]
    assert isinstance(pin, bytearray)
    assert pin == bytearray(b"135790")
    assert keypad.length == 0
    assert not keypad.ok_key.isEnabled()


def test_take_pin_returns_the_buffer_and_leaves_a_fresh_one(keypad):
    for d in (4, 0, 4, 0, 4, 0):
        keypad.press(d)
    pin = keypad.take_pin()
    assert pin == bytearray(b"404040")
    assert keypad.length == 0
    assert keypad.take_pin() == bytearray()
    pin[:] = bytes(len(pin))  # the receiver's wipe does not touch the keypad
    keypad.press(7)
    assert keypad.take_pin() == bytearray(b"7")


def test_clear_zeroes_the_digits_in_place(keypad):
    for d in (1, 2, 3):
        keypad.press(d)
    buffer = keypad._buffer
    keypad.clear()
    assert buffer == bytearray(PIN_LENGTH)


def test_physical_keyboard_digits_backspace_and_enter(qtbot, keypad):
    keypad.show()
    qtbot.keyClicks(keypad, "12a34")
    assert keypad.length == 4
    qtbot.keyClick(keypad, Qt.Key.Key_Backspace)
    qtbot.keyClicks(keypad, "456")
    with qtbot.waitSignal(keypad.pin_complete) as signal:
        qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert signal.args[0] == bytearray(b"123456")


def test_the_digits_never_reach_a_label(qtbot, keypad):
    def label_texts() -> list[str]:
        labels = [w for w in [keypad, *keypad.findChildren(QLabel)] if isinstance(w, QLabel)]
        return [w.text() for w in labels] + [w.accessibleName() for w in labels]

    before = label_texts()
    type_digits(qtbot, keypad, "97531")
    assert label_texts() == before
    assert "97531" not in keypad.dots.accessibleName()


def test_a_disabled_keypad_takes_no_digits(qtbot, keypad):
    keypad.setEnabled(False)
    keypad.press(5)
    assert keypad.length == 0


# Header, step bar, status strip, idle overlay ------------------------------------------------


def test_header_buttons_signal_and_navigation_shows_where_allowed(qtbot):
    header = Header()
    qtbot.addWidget(header)
    header.show()
    header.set_navigation(back=False, home=True)
    assert not header.back_button.isVisible()
    assert header.home_button.isVisible()
    for button, signal in (
        (header.home_button, header.home_clicked),
        (header.language_button, header.language_clicked),
        (header.large_text_button, header.large_text_clicked),
    ):
        with qtbot.waitSignal(signal):
            tap(qtbot, button)
    header.set_navigation(back=True, home=True)
    with qtbot.waitSignal(header.back_clicked):
        tap(qtbot, header.back_button)
    header.set_large_text(True)
    assert header.large_text_button.isChecked()


def test_header_language_toggle_names_the_other_language(qtbot, translations):
    header = Header()
    qtbot.addWidget(header)
    assert header.language_button.label == "English"
    assert header.language_button.accessibleName()


def test_step_bar_marks_done_current_and_to_do(qtbot):
    bar = StepBar(current=1)
    qtbot.addWidget(bar)
    states = [dot.property("state") for dot in bar._dots]
    assert states == ["done", "current", "todo"]
    assert "2" in bar.accessibleName() and "3" in bar.accessibleName()


def test_status_strip_words_and_tones(qtbot):
    strip = StatusStrip()
    qtbot.addWidget(strip)
    strip.set_reader(True)
    strip.set_printer(False, "paper_out")
    strip.set_backend(None)
    assert strip.reader.text.property("tone") == "ok"
    assert strip.printer.text.property("tone") == "error"
    assert "Out of paper" in strip.printer.text.text()
    assert strip.backend.text.property("tone") == "neutral"
    strip.set_backend(False, "Maintenance tonight")
    assert "Maintenance tonight" in strip.backend.text.text()


def test_idle_overlay_counts_down_and_signals(qtbot):
    overlay = IdleOverlay()
    qtbot.addWidget(overlay)
    overlay.set_remaining(15)
    assert overlay.countdown.text() == "15"
    overlay.set_remaining(9)
    assert overlay.countdown.text() == "9"
    assert "9" in overlay.message.text()
    overlay.show()
    with qtbot.waitSignal(overlay.more_time):
        tap(qtbot, overlay.more_button)
    with qtbot.waitSignal(overlay.end_session):
        tap(qtbot, overlay.end_button)


def test_one_line_label_shrinks_to_fit_and_never_wraps(qtbot) -> None:
    label = OneLineLabel("receiptNumber", object_name="number")
    qtbot.addWidget(label)
    font = QFont(label.font())
    font.setPixelSize(48)
    label.setFont(font)
    label.setText("BJCY01-20261122-000042-K")
    needed = label.fontMetrics().horizontalAdvance(label.text())

    label.resize(needed + 40, 80)
    assert label.fitted_font().pixelSize() == 48  # room enough: the full size

    label.resize(needed // 2, 80)
    fitted = label.fitted_font()
    assert fitted.pixelSize() < 48
    assert QFontMetrics(fitted).horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.minimumSizeHint().width() == 0  # it never pushes the layout wider
    assert not label.wordWrap()

"""The staff keyboard and the password field: what a tap types, Shift and symbols, keys the
target refuses greyed, and a password that lives in one bytearray, wiped when dropped."""

from __future__ import annotations

from ui_helpers import make, shown

from kiosk.ui.screens.staff.entry import LoginField
from kiosk.ui.widgets.keyboard import Keyboard, SecretField


def key(keyboard: Keyboard, ch: str):  # type: ignore[no-untyped-def]
    (found,) = [k for k in keyboard.keys if k.property("char") == ch and k.isVisibleTo(keyboard)]
    return found


def test_taps_type_into_the_target_with_shift_and_symbols(qtbot) -> None:
    keyboard = make(qtbot, Keyboard)
    field = make(qtbot, SecretField, "secret")
    shown(qtbot, keyboard, (1200, 420))
    keyboard.set_target(field)
    for ch in "ab1":
        key(keyboard, ch).click()
    keyboard.shift_key.click()
    key(keyboard, "C").click()
    keyboard.shift_key.click()
    keyboard.symbols_key.click()
    key(keyboard, "#").click()
    assert not keyboard.shift_key.isEnabled()  # no Shift on the symbols page
    keyboard.space_key.click()
    keyboard.delete_key.click()  # takes the space back
    taken = field.take()
    assert taken == bytearray(b"ab1C#")
    assert not field.has_text and not keyboard.delete_key.isEnabled()


def test_a_login_field_takes_lower_case_only_and_greys_the_rest(qtbot) -> None:
    keyboard = make(qtbot, Keyboard)
    field = make(qtbot, LoginField, "login")
    keyboard.set_target(field)
    key(keyboard, "q").click()
    keyboard.shift_key.click()
    assert not key(keyboard, "Q").isEnabled()
    keyboard.shift_key.click()
    keyboard.symbols_key.click()
    assert not key(keyboard, "#").isEnabled() and key(keyboard, "-").isEnabled()
    assert not keyboard.space_key.isEnabled()
    field.set_text("Clerk.A")  # a scanner or a paste: folded, not refused
    assert field.text == "clerk.a"


def test_the_password_buffer_is_zeroed_when_cleared_and_handed_over_whole(qtbot) -> None:
    field = make(qtbot, SecretField, "secret")
    for ch in "pass word密":
        field.insert(ch)
    assert field.count == 10
    field.backspace()  # one character, three UTF-8 bytes
    buffer = field._buffer
    assert bytes(buffer) == b"pass word"
    field.clear()
    assert buffer == bytearray(len(buffer))  # the very buffer that held it, zeroed
    field.insert("x")
    assert field.take() == bytearray(b"x") and field.count == 0
    assert not hasattr(field, "text")  # nothing hands the secret out as a str

"""Every citizen flow by touch alone (issue 15): a kiosk has no keyboard, so with an
application-wide filter that swallows every key event (and fails the test if one was sent),
each flow is walked with mouse clicks only, on the widgets a person would tap, where they are
on the screen (the click goes to whatever is topmost at that point, as a finger's would): the
records with the PIN and a printed statement, a temporary loss report, a final one by an agent
(their ID number on the pad, their Chinese name on the pinyin input), cancelling a temporary
loss report with the card, a damaged card replaced, and a voucher looked up by its code and by
ID number + mobile, with its one reprint.

The voucher's code reaches the kiosk from the terminal's scanner, a keyboard wedge (a device,
not a person): only while the scanner "reads" are its key events let through.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from ui_helpers import idle, wait_step

from drivers.simcard.image import load_image
from kiosk.domain.business import PrintOutcome
from kiosk.domain.pinyin_names import SHARED_INDEX
from kiosk.flows.business import Choice
from kiosk.ui.widgets.scanner import type_as_scanner

NORMAL = load_image("normal")
SSN, MOBILE = NORMAL.holder.ssn, "13810245678"
HOLDER_FINAL = ("310104199003080267", "13601873344")
AGENT_SSN = "110108197707079319"
PIN = "123456"
LEFT = Qt.MouseButton.LeftButton
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}


class NoKeyboard(QObject):
    """Swallows every key event of the application and remembers it (the test fails on
    any); `scanner` lets the scanner's keys through while it reads."""

    def __init__(self) -> None:
        super().__init__()
        self.swallowed: list[str] = []
        self.scanner = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in KEY_EVENTS and not self.scanner:
            self.swallowed.append(f"{event.type().name} to {watched.objectName() or watched}")
            return True
        return False


@pytest.fixture
def no_keyboard(qapp) -> Iterator[NoKeyboard]:
    guard = NoKeyboard()
    qapp.installEventFilter(guard)
    yield guard
    qapp.removeEventFilter(guard)
    assert not guard.swallowed, "key events in a touch-only flow:\n" + "\n".join(guard.swallowed)


@pytest.fixture
def kiosk(qtbot, make_kiosk, no_keyboard):
    kiosk = make_kiosk()
    kiosk.window.activateWindow()
    yield kiosk
    kiosk.close()


# Taps -------------------------------------------------------------------------------------------


def tap(qtbot, widget: QWidget) -> None:
    """A finger on the middle of `widget`: scrolled into view as a person would, and only if
    it is what they see there (visible, enabled, not under something else)."""
    assert widget.isVisible(), f"{widget.objectName()} is not on the screen"
    assert widget.isEnabled(), f"{widget.objectName()} is greyed out"
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()
    QApplication.processEvents()
    window = widget.window()
    centre = widget.rect().center()
    at = window.childAt(widget.mapTo(window, centre))
    assert at is not None and (at is widget or widget.isAncestorOf(at)), (
        f"{widget.objectName()} is covered by {at.objectName() if at else None}"
    )
    qtbot.mouseClick(widget, LEFT, pos=centre)
    QApplication.processEvents()


def tap_digits(qtbot, field, pad, digits: str) -> None:
    tap(qtbot, field)
    for ch in digits:
        tap(qtbot, pad.keys[ch])
    assert field.text == digits


def bstep(kiosk) -> str | None:
    business = kiosk.controller.business
    return business.view.step.value if business is not None else None


def wait_b(qtbot, kiosk, name: str) -> None:
    qtbot.waitUntil(lambda: bstep(kiosk) == name and idle(kiosk), timeout=10_000)
    qtbot.waitUntil(lambda: kiosk.window.current.isVisible(), timeout=2_000)


def bview(kiosk):
    assert kiosk.controller.business is not None
    return kiosk.controller.business.view


def tap_name(qtbot, screen, syllables: tuple[str, ...], name: str) -> None:
    """The name on the pinyin input: for each character its syllable, then the character
    (paging on until it shows); "·" is the middle dot's key."""
    tap(qtbot, screen.name_field)
    assert screen.name_input_open
    assert SHARED_INDEX.wait(30) is not None
    name_input = screen.name_input
    qtbot.waitUntil(lambda: bool(name_input.shown_candidates()), timeout=2_000)
    if screen.name_field.text:
        tap(qtbot, name_input.clear_key)
    for syllable, char in zip(syllables, name, strict=True):
        if syllable == "·":
            tap(qtbot, name_input.dot_key)
            continue
        for letter in syllable:
            tap(qtbot, name_input.keys["u_umlaut" if letter == "ü" else letter])
        while char not in name_input.shown_candidates():
            tap(qtbot, name_input.next_page)
        tap(qtbot, name_input.candidate_buttons[name_input.shown_candidates().index(char)])
    assert screen.name_field.text == name
    tap(qtbot, name_input.done_button)
    assert not screen.name_input_open


def to_the_receipt(qtbot, kiosk, *, outlet: bool) -> None:
    w = kiosk.window
    if outlet:
        wait_b(qtbot, kiosk, "outlet")
        qtbot.waitUntil(lambda: any(r.isVisible() for r in w.outlet.rows), timeout=2_000)
        tap(qtbot, next(r for r in w.outlet.rows if r.isVisible() and r.isEnabled()))
        qtbot.waitUntil(lambda: bview(kiosk).outlet is not None and idle(kiosk))
        tap(qtbot, w.outlet.next_button)
        wait_b(qtbot, kiosk, "materials")
        tap(qtbot, w.materials.next_button)
        wait_b(qtbot, kiosk, "pickup")
        tap(qtbot, w.pickup.next_button)
    wait_b(qtbot, kiosk, "review")
    tap(qtbot, w.review.next_button)
    wait_b(qtbot, kiosk, "confirm")
    tap(qtbot, w.confirm.confirm_button)
    wait_b(qtbot, kiosk, "receipt")
    qtbot.waitUntil(lambda: bview(kiosk).print_outcome is not None and idle(kiosk))
    assert bview(kiosk).print_outcome is PrintOutcome.PRINTED


def enter_pin(qtbot, kiosk) -> None:
    wait_step(qtbot, kiosk, "pin")
    keypad = kiosk.window.pin.keypad
    for digit in PIN:
        tap(qtbot, keypad.digit_keys[int(digit)])
    tap(qtbot, keypad.ok_key)


def identify(qtbot, kiosk, ssn: str, mobile: str, *, agent: bool = False) -> None:
    w = kiosk.window
    tap(qtbot, w.attract.report_loss_button)
    wait_b(qtbot, kiosk, "identify")
    tap_digits(qtbot, w.identify.id_field, w.identify.pad, ssn)
    tap_digits(qtbot, w.identify.mobile_field, w.identify.pad, mobile)
    if agent:
        tap(qtbot, w.identify.agent_toggle)
    tap(qtbot, w.identify.next_button)


def home(qtbot, kiosk) -> None:
    tap(qtbot, kiosk.window.header.home_button)
    wait_step(qtbot, kiosk, "attract")


# The flows ------------------------------------------------------------------------------------


def test_every_citizen_flow_by_touch_alone(qtbot, kiosk, no_keyboard):
    # One walk through every flow (about 4 s): the point is that each follows the last on one
    # kiosk, with nothing typed in between, as a day at the terminal would go.
    w = kiosk.window

    # Records with the PIN, and a printed statement.
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    tap(qtbot, w.summary.view_records_button)
    enter_pin(qtbot, kiosk)
    wait_step(qtbot, kiosk, "records")
    tap(qtbot, w.records.print_button)
    qtbot.waitUntil(lambda: kiosk.controller.flow.view.statement is not None and idle(kiosk))

    # A damaged card replaced (the same card, from its summary).
    home(qtbot, kiosk)
    kiosk.backend.remove()
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    tap(qtbot, w.summary.replace_button)
    enter_pin(qtbot, kiosk)
    to_the_receipt(qtbot, kiosk, outlet=True)
    tap(qtbot, w.receipt.done_button)
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")

    # A temporary loss report without the card.
    identify(qtbot, kiosk, SSN, MOBILE)
    wait_b(qtbot, kiosk, "what_happened")
    tap(qtbot, w.what_happened.options[Choice.TEMPORARY])
    to_the_receipt(qtbot, kiosk, outlet=False)
    temporary = bview(kiosk).receipt
    assert temporary is not None
    tap(qtbot, w.receipt.done_button)
    wait_step(qtbot, kiosk, "attract")

    # A final loss report by an agent: their ID number on the pad, their name in pinyin.
    identify(qtbot, kiosk, *HOLDER_FINAL, agent=True)
    wait_b(qtbot, kiosk, "agent")
    tap_digits(qtbot, w.agent.id_field, w.agent.pad, AGENT_SSN)
    tap_name(qtbot, w.agent, ("lü", "jian", "guo"), "吕建国")
    assert w.agent.agent_name == "吕建国"
    # Tapped again: a name of two parts, transliterated, with the middle dot between them.
    minority = ("a", "yi", "gu", "li", "·", "mai", "mai", "ti")
    tap_name(qtbot, w.agent, minority, "阿依古丽·买买提")
    assert w.agent.agent_name == "阿依古丽·买买提"
    tap(qtbot, w.agent.relationship_buttons["child"])
    tap(qtbot, w.agent.next_button)
    wait_b(qtbot, kiosk, "what_happened")
    assert bview(kiosk).agent.name == "阿依古丽·买买提"
    tap(qtbot, w.what_happened.options[Choice.LOST])
    to_the_receipt(qtbot, kiosk, outlet=True)
    tap(qtbot, w.receipt.done_button)
    wait_step(qtbot, kiosk, "attract")

    # The card of the temporary loss report found: the report cancelled with the card.
    kiosk.backend.insert("temporary-loss")
    wait_step(qtbot, kiosk, "problem")
    tap(qtbot, w.problem.cancel_loss_button)
    enter_pin(qtbot, kiosk)
    to_the_receipt(qtbot, kiosk, outlet=False)
    tap(qtbot, w.receipt.done_button)
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")

    # The temporary report's voucher looked up by ID number + mobile, and reprinted once.
    tap(qtbot, w.attract.voucher_button)
    wait_b(qtbot, kiosk, "lookup")
    tap(qtbot, w.lookup.mode_buttons["person"])
    tap_digits(qtbot, w.lookup.id_field, w.lookup.person_pad, SSN)
    tap_digits(qtbot, w.lookup.mobile_field, w.lookup.person_pad, MOBILE)
    tap(qtbot, w.lookup.person_search)
    wait_b(qtbot, kiosk, "lookup_result")
    number = temporary.voucher_number
    qtbot.waitUntil(lambda: number in w.lookup_result.reprint_buttons)
    tap(qtbot, w.lookup_result.reprint_buttons[number])
    qtbot.waitUntil(lambda: bview(kiosk).reprint_outcome is not None and idle(kiosk))
    assert bview(kiosk).reprint_outcome is PrintOutcome.PRINTED
    home(qtbot, kiosk)

    # ...and by its code, which the scanner types (a device: its keys only).
    tap(qtbot, w.attract.voucher_button)
    wait_b(qtbot, kiosk, "lookup")
    no_keyboard.scanner = True
    try:
        type_as_scanner(w, temporary.qr_payload)
        QApplication.processEvents()
    finally:
        no_keyboard.scanner = False
    wait_b(qtbot, kiosk, "lookup_result")
    assert [r.voucher_number for r in bview(kiosk).lookup_results] == [number]
    tap(qtbot, w.lookup_result.done_button)
    wait_step(qtbot, kiosk, "attract")


def test_the_guard_fails_on_a_key_event(qtbot, qapp):
    """The filter is real: a key typed into a widget is swallowed and remembered."""
    guard = NoKeyboard()
    qapp.installEventFilter(guard)
    try:
        widget = QWidget()
        widget.setObjectName("target")
        qtbot.addWidget(widget)
        qtbot.keyClick(widget, Qt.Key.Key_A)
    finally:
        qapp.removeEventFilter(guard)
    assert guard.swallowed and "target" in guard.swallowed[0]


def test_a_tap_on_a_covered_widget_is_refused(qtbot, make_kiosk):
    kiosk = make_kiosk()
    try:
        w = kiosk.window
        tap(qtbot, w.attract.report_loss_button)
        wait_b(qtbot, kiosk, "identify")
        tap(qtbot, w.identify.agent_toggle)
        tap_digits(qtbot, w.identify.id_field, w.identify.pad, HOLDER_FINAL[0])
        tap_digits(qtbot, w.identify.mobile_field, w.identify.pad, HOLDER_FINAL[1])
        tap(qtbot, w.identify.next_button)
        wait_b(qtbot, kiosk, "agent")
        tap(qtbot, w.agent.name_field)
        with pytest.raises(AssertionError, match="covered"):
            tap(qtbot, w.agent.relationship_buttons["child"])  # under the name input
        assert w.agent.pad.keys["1"].isEnabled() is False  # the number pad greyed out
    finally:
        kiosk.close()

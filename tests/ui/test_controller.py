"""The whole citizen kiosk on the demo set-up (mock reader, simulated cards, seeded SQLite),
driven as a citizen would through the widgets' own signals: card session, PIN, records, idle
time-out on a fake clock, card pulled mid-flow (R1), reader lost and back (R2), nothing
personal left after a session (S3), and the kiosk keys that do nothing (S6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableWidget, QWidget
from ui_helpers import wait_step

from drivers.readers.mock import DEFAULT_READER, Faults
from drivers.simcard.image import load_image
from kiosk.app import build_kiosk
from kiosk.config import load_settings
from kiosk.demo.seed import seed_demo
from kiosk.domain.session import CardProblem
from kiosk.ui.window import KioskKeyGuard

NORMAL = load_image("normal")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kiosk")


@pytest.fixture
def kiosk(qapp, qtbot, data_dir):
    settings = load_settings(demo=True, environ={}, data_dir=data_dir, log_dir=data_dir / "log")
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    kiosk.controller.clock = FakeClock()
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    yield kiosk
    kiosk.close()


def step(kiosk) -> str:
    return kiosk.controller.flow.view.step.value


def insert(qtbot, kiosk, card: str, expect: str = "summary") -> None:
    kiosk.backend.insert(card)
    wait_step(qtbot, kiosk, expect)


def to_pin(qtbot, kiosk, card: str = "normal") -> None:
    insert(qtbot, kiosk, card)
    kiosk.window.summary.view_records_clicked.emit()
    wait_step(qtbot, kiosk, "pin")


def enter_pin(qtbot, kiosk, digits: str, expect: str) -> None:
    kiosk.window.pin.pin_entered.emit(bytearray(digits.encode()))
    wait_step(qtbot, kiosk, expect)


def visible_texts(root: QWidget) -> list[str]:
    """Every text a widget tree holds: labels, fields, buttons and table cells."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        texts.append(item.text())
    return texts


def holds_personal_data(kiosk) -> bool:
    personal = (NORMAL.holder.name, NORMAL.holder.ssn, NORMAL.issuer.card_number)
    return any(value in text for text in visible_texts(kiosk.window) for value in personal)


def test_the_whole_session_and_nothing_left_after_it(qtbot, kiosk):
    assert kiosk.window.current is kiosk.window.attract
    insert(qtbot, kiosk, "normal")
    assert kiosk.window.current is kiosk.window.summary
    assert not holds_personal_data(kiosk)  # S2: masked before the PIN
    kiosk.window.summary.view_records_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    assert kiosk.window.pin.tries_left == 6  # shown before the first attempt
    enter_pin(qtbot, kiosk, "123456", "records")
    records = kiosk.controller.flow.view.records
    assert records is not None and records.ssn == NORMAL.holder.ssn
    assert holds_personal_data(kiosk)  # the citizen's own record, after the PIN
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.current is kiosk.window.attract
    assert not holds_personal_data(kiosk)  # S3: every screen wiped
    assert kiosk.controller.flow.view.records is None
    assert not kiosk.controller.session.active


def test_wrong_pin_then_blocked_sends_the_citizen_to_a_counter(qtbot, kiosk):
    to_pin(qtbot, kiosk, "pin-last-try")
    assert kiosk.window.pin.tries_left == 1
    enter_pin(qtbot, kiosk, "000000", "problem")
    assert kiosk.window.problem.problem is CardProblem.PIN_BLOCKED
    card = kiosk.backend.card()
    assert card is not None and card.tries_left == 0


def test_a_blocked_pin_gets_no_verify_at_all(qtbot, kiosk):
    insert(qtbot, kiosk, "pin-blocked")
    card = kiosk.backend.card()
    sent = card.apdu_count
    kiosk.window.summary.view_records_clicked.emit()
    wait_step(qtbot, kiosk, "problem")
    assert kiosk.window.problem.problem is CardProblem.PIN_BLOCKED
    assert card.apdu_count - sent <= 2  # SELECT + the try-count query, no VERIFY with data


@pytest.mark.parametrize(
    ("card", "problem"),
    [
        ("temporary-loss", CardProblem.TEMPORARY_LOSS),
        ("expired", CardProblem.EXPIRED),
        ("unknown", CardProblem.UNKNOWN),
        ("unreadable", CardProblem.UNREADABLE),
    ],
)
def test_every_problem_card_gets_its_explanation(qtbot, kiosk, card, problem):
    insert(qtbot, kiosk, card, expect="problem")
    assert kiosk.window.problem.problem is problem
    kiosk.window.problem.done_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.attract.take_card_hint  # the card is still in: take it


@pytest.mark.parametrize("where", ["reading", "pin", "verifying", "records"])
def test_card_pulled_out_anywhere_returns_to_attract_with_nothing_on_screen(qtbot, kiosk, where):
    """R1: no crash, nothing half-read shown, attract within a second."""
    if where == "reading":
        kiosk.backend.set_faults(Faults(remove_after=8))  # before the read can start
        kiosk.backend.insert("normal")
    elif where == "pin":
        to_pin(qtbot, kiosk)
        kiosk.backend.remove()
    elif where == "verifying":
        to_pin(qtbot, kiosk)
        kiosk.backend.set_faults(Faults(remove_after=2))
        kiosk.window.pin.pin_entered.emit(bytearray(b"123456"))
    else:
        to_pin(qtbot, kiosk)
        enter_pin(qtbot, kiosk, "123456", "records")
        kiosk.backend.remove()
    qtbot.waitUntil(lambda: step(kiosk) == "attract", timeout=1000)
    qtbot.waitUntil(lambda: kiosk.controller.worker.pending == 0, timeout=2000)
    assert step(kiosk) == "attract"
    assert kiosk.window.current is kiosk.window.attract
    assert not holds_personal_data(kiosk)


def test_idle_countdown_then_back_to_attract(qtbot, kiosk):
    clock = kiosk.controller.clock
    to_pin(qtbot, kiosk)
    clock.now += 59
    kiosk.controller.check_idle()
    assert not kiosk.window.idle.isVisible()
    clock.now += 2
    kiosk.controller.check_idle()
    assert kiosk.window.idle.isVisible() and kiosk.window.idle.remaining == 14
    kiosk.window.idle.more_time.emit()  # "I need more time"
    assert not kiosk.window.idle.isVisible() and step(kiosk) == "pin"
    clock.now += 60 + 15 + 1
    kiosk.controller.check_idle()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.attract.take_card_hint
    assert not holds_personal_data(kiosk)


def test_a_touch_resets_the_idle_clock(qtbot, kiosk):
    clock = kiosk.controller.clock
    to_pin(qtbot, kiosk)
    clock.now += 50
    qtbot.mouseClick(kiosk.window.pin, Qt.MouseButton.LeftButton)
    clock.now += 50
    kiosk.controller.check_idle()
    assert not kiosk.window.idle.isVisible()


def test_reader_lost_and_back(qtbot, kiosk):
    """R2 at the UI: the reader-unavailable screen, then attract again by itself."""
    to_pin(qtbot, kiosk)
    kiosk.backend.unplug(DEFAULT_READER)
    wait_step(qtbot, kiosk, "reader_unavailable")
    assert kiosk.window.problem.reader_unavailable
    assert not holds_personal_data(kiosk)
    kiosk.backend.remove()  # taken out while the reader was away
    kiosk.backend.plug(DEFAULT_READER)
    wait_step(qtbot, kiosk, "attract")
    insert(qtbot, kiosk, "expired", expect="problem")


def test_a_card_still_in_a_returning_reader_is_read_again(qtbot, kiosk):
    to_pin(qtbot, kiosk)
    kiosk.backend.unplug(DEFAULT_READER)
    wait_step(qtbot, kiosk, "reader_unavailable")
    kiosk.backend.plug(DEFAULT_READER)
    wait_step(qtbot, kiosk, "summary")  # a fresh session: the PIN must be entered again


def test_language_and_large_text_toggles(qtbot, kiosk):
    kiosk.set_language("zh_CN")
    kiosk.window.header.language_clicked.emit()
    assert kiosk.translations.language == "en"
    kiosk.window.header.language_clicked.emit()
    assert kiosk.translations.language == "zh_CN"
    kiosk.window.header.large_text_clicked.emit()
    assert kiosk.large_text
    kiosk.window.header.large_text_clicked.emit()
    assert not kiosk.large_text


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_kiosk_keys_do_nothing(qtbot, kiosk, key, modifiers):
    """S6: the guard swallows them, and the window refuses to close without the service entry."""
    guard = KioskKeyGuard()
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    assert guard.eventFilter(kiosk.window, event) is True
    kiosk.window.allow_close = False
    kiosk.window.close()
    assert kiosk.window.isVisible()
    kiosk.window.allow_close = True


def test_ordinary_keys_pass_the_guard(kiosk):
    guard = KioskKeyGuard()
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier)
    assert guard.eventFilter(kiosk.window, event) is False


def test_no_button_on_attract_leads_nowhere(qtbot, kiosk):
    """The card-less services are shown, and each leads into its flow (tests/ui/
    test_business_flows.py walks them)."""
    attract = kiosk.window.attract
    for button, first in (
        (attract.report_loss_button, "identify"),
        (attract.voucher_button, "lookup"),
    ):
        assert button.isVisible()
        button.click()
        name = f"{first}Screen"
        qtbot.waitUntil(lambda name=name: kiosk.window.current.objectName() == name)
        kiosk.window.header.home_clicked.emit()
        wait_step(qtbot, kiosk, "attract")

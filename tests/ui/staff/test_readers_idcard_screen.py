"""The resident ID card reader's row on the Readers page, live in the demo kiosk with its mock
ID card reader: a card laid on shows "an ID card is on it" (never whose), taken away "no ID
card on it", the reader unplugged turns the row to No device with the fix, plugged back in
it is online with its last problem; and the kiosk stops following it when the page closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import idle

from drivers.idcard.identities import demo_identities
from kiosk.ui.screens.staff.readers import ReadersScreen

HOLDER = demo_identities()["wangxiaoming"]


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk(language="en", id_reader=True)
    yield kiosk
    kiosk.close()


def _text(screen: ReadersScreen, name: str) -> str:
    found = screen.findChild(QLabel, name)
    return found.text() if found is not None else ""


def _says(qtbot, screen: ReadersScreen, pill: str, facts: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: (
            _text(screen, "staffIdReaderState") == pill
            and facts in _text(screen, "staffIdReaderFacts")
        ),
        timeout=5_000,
    )


def _open_readers(qtbot, kiosk) -> ReadersScreen:  # type: ignore[no-untyped-def]
    w = kiosk.window
    w.attract.service_corner.long_pressed.emit()
    w.staff_code.code_entered.emit("2580")
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == "staff-login" and idle(kiosk))
    w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == "staff-menu" and idle(kiosk))
    qtbot.mouseClick(w.staff_menu.buttons["readers"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == "staff-readers")
    return w.staff_screens["staff-readers"]  # type: ignore[return-value]


def test_the_id_card_reader_row_follows_the_reader_live(qtbot, kiosk, all_texts) -> None:
    reader = kiosk.id_reader
    screen = _open_readers(qtbot, kiosk)
    _says(qtbot, screen, "Online", "No ID card on it")
    assert "Driver: simulated" in _text(screen, "staffIdReaderFacts")
    assert screen.id_reader.isVisibleTo(screen)

    reader.lay(HOLDER)  # the page changes; nothing of the card shows, no session starts
    _says(qtbot, screen, "Online", "An ID card is on it")
    assert "Changed at" in _text(screen, "staffIdReaderFacts")
    texts = all_texts(screen)
    assert HOLDER.name not in texts and HOLDER.id_number not in texts
    assert HOLDER.id_number[:4] not in "".join(texts)
    assert kiosk.controller.flow.view.step.value == "attract"

    reader.take()
    _says(qtbot, screen, "Online", "No ID card on it")

    reader.unplug()
    qtbot.waitUntil(lambda: _text(screen, "staffIdReaderState") in ("No device", "Offline"))
    assert _text(screen, "staffIdReaderState") == "Offline"  # it was there, not answering now
    assert "demo tray" in _text(screen, "staffIdReaderProblem")
    reader.plug()
    _says(qtbot, screen, "Online", "No ID card on it")
    assert _text(screen, "staffIdReaderProblem").startswith("Last problem, until")

    w = kiosk.window
    w.header.home_clicked.emit()  # the page closes: ID card notices no longer reach it
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == "staff-menu")
    reader.lay(HOLDER)
    qtbot.wait(50)
    assert kiosk.staff.flow.page == "staff-menu"


def test_a_kiosk_without_an_id_card_reader_shows_no_row(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        screen = _open_readers(qtbot, kiosk)
        qtbot.waitUntil(lambda: screen.findChild(QLabel, "staffReader0State") is not None)
        assert not screen.id_reader.isVisibleTo(screen)
    finally:
        kiosk.close()

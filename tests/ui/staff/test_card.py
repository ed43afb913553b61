"""The staff area "card" on screen: the console's hex pad, Send with what was typed, a
changing command's "Send anyway" (the pad shut meanwhile, the PIN never on screen); then in the
demo kiosk, an administrator tests the demo card and the console refuses a VERIFY until it is
confirmed, each audited with the administrator's login; and every state fits 1280x800."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import idle, make

from kiosk.domain.journal import ActorKind
from kiosk.flows.staff_card import CardPage, CardView
from kiosk.services.card_bench import APDU_SENT, CARD_TESTED, BenchProblem
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.card import ApduScreen, CardTestScreen

VERIFY = "00 20 00 00 03 12 34 56"


def _texts(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


@pytest.fixture(autouse=True)
def _english(translations) -> None:  # type: ignore[no-untyped-def]
    """The texts below are the English ones, whatever language an earlier test left."""
    translations.set_language("en")


def test_the_pad_types_hex_and_send_carries_it(qtbot) -> None:
    screen: ApduScreen = make(qtbot, ApduScreen)
    screen.show_view(CardView(page=CardPage.CONSOLE))
    for key in ("0", "0", "A", "4"):
        qtbot.mouseClick(screen.keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.space_key, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.keys["F"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.delete_key, Qt.MouseButton.LeftButton)
    assert screen.typed.text() == "00A4 "
    with qtbot.waitSignal(screen.send_clicked) as sent:
        qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)
    assert sent.args == ["00A4 "]
    screen.show_view(CardView(page=CardPage.CONSOLE, bad_apdu=True))
    assert "not a command APDU" in screen.notice.text.text() and screen.text == "00A4 "


def test_a_changing_command_asks_first_with_the_pin_masked(qtbot) -> None:
    screen: ApduScreen = make(qtbot, ApduScreen)
    screen.set_text(VERIFY)
    screen.show_view(
        CardView(
            page=CardPage.CONSOLE,
            pending="00 20 00 00 03 ******",
            pending_why="VERIFY carries a PIN",
        )
    )
    assert screen.typed.text() == "00 20 00 00 03 ******" and screen.text == VERIFY
    assert not screen.send_button.isEnabled() and not screen.keys["0"].isEnabled()
    assert (
        screen.confirm_button.isVisibleTo(screen) and "change the card" in screen.notice.text.text()
    )
    with qtbot.waitSignal(screen.confirm_clicked):
        qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    answer = {"command": "VERIFY", "bytes": 0, "data": "", "sw": "63C2", "meaning": "x", "ms": 3.0}
    screen.show_view(CardView(page=CardPage.CONSOLE, sent="00 20 00 00 03 ******", answer=answer))
    assert not screen.confirm_button.isVisibleTo(screen) and "63C2" in _texts(screen)
    assert "12 34 56" not in _texts(screen.answer_card)
    screen.wipe()
    assert screen.text == "" and not screen.answer_card.isVisibleTo(screen)


def test_no_card_is_one_plain_sentence(qtbot) -> None:
    screen: CardTestScreen = make(qtbot, CardTestScreen)
    screen.show_view(CardView(problem=BenchProblem.NO_CARD))
    assert screen.notice.text.text() == "There is no card in the reader. Insert one and try again."
    assert not screen.scroll.isVisibleTo(screen)


# --- in the demo kiosk ---------------------------------------------------------------------------


def _staff_idle(kiosk) -> bool:  # type: ignore[no-untyped-def]
    area = kiosk.staff.flow.area
    busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
    return idle(kiosk) and not busy


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == page and _staff_idle(kiosk), timeout=10_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]
    qtbot.wait(20)  # rows added to a shown layout are shown on the next pass of the event loop


def _fits(kiosk) -> None:  # type: ignore[no-untyped-def]
    for large in (False, True):
        kiosk.set_large_text(large)
        size = kiosk.window.minimumSizeHint()
        assert size.width() <= 1280 and size.height() <= 800, (large, size)
    kiosk.set_large_text(False)


def test_an_admin_tests_the_card_and_the_console_waits_for_consent(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
        _at(qtbot, kiosk, "staff-menu")
        kiosk.backend.insert("normal")  # ignored by the citizen side in staff mode
        qtbot.mouseClick(w.staff_menu.buttons["card"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-card")
        test: CardTestScreen = w.staff_screens["staff-card"]  # type: ignore[assignment]
        console: ApduScreen = w.staff_screens["staff-apdu"]  # type: ignore[assignment]
        qtbot.mouseClick(test.test_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-card")
        shown = _texts(test)
        assert "The card passed the test." in shown and "SELECT SSSE" in shown
        assert "110105198506120173" not in shown and "19 APDUs" in shown
        _fits(kiosk)

        qtbot.mouseClick(test.console_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-apdu")
        console.set_text(VERIFY)
        qtbot.mouseClick(console.send_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-apdu")
        assert (
            console.confirm_button.isVisible()
            and "00 20 00 00 03 ******" in kiosk.staff.flow.area.view.pending
        )
        _fits(kiosk)
        with read_session(kiosk.engine) as session:
            audit = AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)
        assert not [e for e in audit if e.action == APDU_SENT]  # nothing sent yet
        qtbot.mouseClick(console.confirm_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-apdu")
        assert "Status word" in _texts(console) and not console.confirm_button.isVisible()
        _fits(kiosk)
        with read_session(kiosk.engine) as session:
            audit = AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)
        done = [e for e in audit if e.action in (APDU_SENT, CARD_TESTED)]
        assert {e.action for e in done} == {APDU_SENT, CARD_TESTED}
        # An administrator at the bench is staff in the audit log (a technician: technician).
        assert all(e.actor == "admin" and e.actor_kind is ActorKind.STAFF for e in done)
        assert "12 34 56" not in repr([e.detail for e in done])
    finally:
        kiosk.backend.remove()
        kiosk.close()

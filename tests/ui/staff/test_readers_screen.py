"""The staff area "readers" on screen: a pill per reader in the device vocabulary, the card,
driver and last change, its problem (or last one) in words, pcscd's line or the simulated
reader's; then in the demo kiosk, the page follows the mock reader by itself as a card goes in
and the reader is unplugged and plugged back, no citizen session starts, and the kiosk stops
listening when the page closes and when staff mode ends."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import idle, make, shown

from drivers.readers.base import ReaderInfo, ReaderState
from kiosk.flows.staff_readers import ReadersNotice, ReadersView
from kiosk.services.reader_diag import ReaderService, ServiceKind, readers_report
from kiosk.ui.screens.staff.readers import ReadersScreen

T0 = dt.datetime(2026, 12, 5, 2, 0, 0, tzinfo=dt.UTC)  # 10:00:00 in the kiosk's time
PCSCD = ReaderService(ServiceKind.PCSCD, running=True, version="1.9.9")


@pytest.fixture(autouse=True)
def _english(translations) -> None:  # type: ignore[no-untyped-def]
    translations.set_language("en")


def _label(screen: ReadersScreen, name: str) -> QLabel:
    found = screen.findChild(QLabel, name)
    assert found is not None, name
    return found


def test_a_row_per_reader_with_its_pill_facts_and_problem(qtbot, all_texts) -> None:
    screen: ReadersScreen = make(qtbot, ReadersScreen)
    shown(qtbot, screen)
    screen.show_view(ReadersView(busy=True))
    assert "Looking at the card readers" in screen.notice.text.text()
    assert not screen.rows_card.isVisibleTo(screen)
    first = readers_report(
        [
            ReaderInfo("ACS ACR39U 00 00", ReaderState.EMPTY, "pcsc"),
            ReaderInfo("Other 01", ReaderState.CARD_MUTE, "pcsc", b"\x3b\x00"),
        ],
        PCSCD,
        wanted="ACS ACR39U 00 00",
        now=T0,
    )
    screen.show_view(ReadersView(report=first))
    assert not screen.notice.isVisibleTo(screen)
    pills = [_label(screen, f"staffReader{i}State") for i in range(2)]
    assert [(p.text(), p.property("tone")) for p in pills] == [
        ("Online", "ok"),
        ("User error", "warn"),
    ]
    assert (
        _label(screen, "staffReader0Name").text() == "<b>ACS ACR39U 00 00</b> · used by the kiosk"
    )
    assert "used by the kiosk" not in _label(screen, "staffReader1Name").text()
    assert _label(screen, "staffReader0Facts").text() == (
        "No card · Driver: pcsc · No change since this page opened"
    )
    assert "wrong way round" in _label(screen, "staffReader1Problem").text()
    assert screen.service.text.text() == "Smart card service (pcscd): running. Version: 1.9.9."
    assert "reader_name in the settings" in screen.uses.text()

    # The kiosk's reader unplugged (gone from pcscd's list), then back with a card.
    gone = readers_report([], PCSCD, wanted="ACS ACR39U 00 00", previous=first, now=T0)
    screen.show_view(ReadersView(report=gone))
    assert _label(screen, "staffReader0State").text() == "No device"
    assert "USB cable" in _label(screen, "staffReader0Problem").text()
    later = T0 + dt.timedelta(seconds=75)
    back = readers_report(
        [ReaderInfo("ACS ACR39U 00 00", ReaderState.CARD_PRESENT, "pcsc", b"\x3b\x00")],
        PCSCD,
        wanted="ACS ACR39U 00 00",
        previous=gone,
        now=later,
    )
    screen.show_view(ReadersView(report=back))
    assert _label(screen, "staffReader0Facts").text() == (
        "Card in · Driver: pcsc · Changed at 10:01:15"
    )
    assert _label(screen, "staffReader0Problem").text() == (
        "Last problem, until 10:01:15: Not connected: check the reader's USB cable."
    )

    down = ReaderService(ServiceKind.PCSCD, running=False, version=None)
    screen.show_view(ReadersView(report=readers_report([], down, now=T0)))
    assert screen.service.text.text() == (
        "Smart card service (pcscd): not running. Start it: systemctl start pcscd. "
        "Version: unknown."
    )
    assert screen.empty.isVisibleTo(screen)
    simulated = ReaderService(ServiceKind.SIMULATED, running=True)
    screen.show_view(ReadersView(report=readers_report([], simulated, now=T0)))
    assert "simulated card reader" in screen.service.text.text()
    assert "no pcscd" in screen.service.text.text()
    screen.show_view(ReadersView(notice=ReadersNotice.UNREADABLE))
    assert "kiosk diag readers" in screen.notice.text.text()
    screen.wipe()
    assert not screen.rows_card.isVisibleTo(screen) and "Online" not in all_texts(screen)


def test_chinese_words_for_the_pill(qtbot, translations) -> None:
    translations.set_language("zh_CN")
    screen: ReadersScreen = make(qtbot, ReadersScreen)
    report = readers_report([ReaderInfo("R", ReaderState.EMPTY, "mock")], PCSCD, now=T0)
    screen.show_view(ReadersView(report=report))
    assert _label(screen, "staffReader0State").text() == "在线"


# --- in the demo kiosk ---------------------------------------------------------------------------


def _staff_idle(kiosk) -> bool:  # type: ignore[no-untyped-def]
    area = kiosk.staff.flow.area
    busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
    return idle(kiosk) and not busy


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == page and _staff_idle(kiosk), timeout=10_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def _row_says(qtbot, screen: ReadersScreen, pill: str, facts: str) -> None:  # type: ignore[no-untyped-def]
    def there() -> bool:
        found = screen.findChild(QLabel, "staffReader0State")
        said = screen.findChild(QLabel, "staffReader0Facts")
        return found is not None and found.text() == pill and facts in said.text()

    qtbot.waitUntil(there, timeout=10_000)


def test_the_page_follows_the_reader_live_and_stops_listening(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    backend = kiosk.backend
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
        _at(qtbot, kiosk, "staff-menu")
        listening = len(backend._listeners)
        qtbot.mouseClick(w.staff_menu.buttons["readers"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-readers")
        assert len(backend._listeners) == listening + 1  # the page's subscription
        screen: ReadersScreen = w.staff_screens["staff-readers"]  # type: ignore[assignment]
        _row_says(qtbot, screen, "Online", "No card")
        assert "simulated card reader" in screen.service.text.text()
        assert "used by the kiosk" in _label(screen, "staffReader0Name").text()

        backend.insert("normal")  # the page changes; the citizen side starts nothing
        _row_says(qtbot, screen, "Online", "Card in")
        assert "Changed at" in _label(screen, "staffReader0Facts").text()
        assert kiosk.staff.flow.page == "staff-readers" and w.current is screen
        assert kiosk.controller.flow.view.step.value == "attract"

        backend.unplug()
        _row_says(qtbot, screen, "No device", "Driver: mock")
        assert "USB cable" in _label(screen, "staffReader0Problem").text()
        backend.plug(backend.readers()[0].name)
        _row_says(qtbot, screen, "Online", "Card in")
        assert _label(screen, "staffReader0Problem").text().startswith("Last problem, until")

        w.header.home_clicked.emit()  # the page closes: no more listening
        _at(qtbot, kiosk, "staff-menu")
        assert len(backend._listeners) == listening
        backend.remove()
        qtbot.wait(50)
        assert kiosk.staff.flow.page == "staff-menu"

        qtbot.mouseClick(w.staff_menu.buttons["readers"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-readers")
        assert len(backend._listeners) == listening + 1
        w.staff_screens["staff-readers"].logout_clicked.emit()  # staff mode ends
        qtbot.waitUntil(lambda: not kiosk.staff.flow.active, timeout=5_000)
        assert len(backend._listeners) == listening
    finally:
        kiosk.close()

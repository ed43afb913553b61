"""Staff mode in the demo kiosk: the hidden corner and its code, the login (wrong, locked,
right), the menu by role, logout and idle logout on a fake clock, leaving kiosk mode, and the
wall between a citizen session and a staff session. Every step is audited with the staff
login as actor."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from ui_helpers import idle, make, shown, wait_step

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import AuditEntry
from kiosk.flows.staff import Notice, SStep
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.widgets.hotcorner import HotCorner


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def entries(kiosk) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with read_session(kiosk.engine) as session:
        return list(reversed(AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)))


def staff_idle(kiosk) -> bool:  # type: ignore[no-untyped-def]
    return idle(kiosk) and not kiosk.staff.flow.view.busy


def at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == page and staff_idle(kiosk), timeout=10_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def log_in(qtbot, kiosk, login: str, password: str) -> None:  # type: ignore[no-untyped-def]
    w = kiosk.window
    w.attract.service_corner.long_pressed.emit()
    at(qtbot, kiosk, SStep.CODE.value)
    w.staff_code.code_entered.emit("2580")
    at(qtbot, kiosk, SStep.LOGIN.value)
    w.staff_login.login_entered.emit(login, bytearray(password.encode()))
    qtbot.waitUntil(lambda: staff_idle(kiosk), timeout=10_000)


@pytest.fixture
def kiosk(make_kiosk):  # type: ignore[no-untyped-def]
    k = make_kiosk(language="en")
    k.staff.clock = Clock()
    yield k
    k.close()


def test_a_long_press_on_the_corner_opens_and_a_tap_does_not(qtbot) -> None:
    screen = make(qtbot, QWidget)
    corner = HotCorner(screen, hold_ms=150)
    shown(qtbot, screen, (400, 300))
    pressed: list[bool] = []
    corner.long_pressed.connect(lambda: pressed.append(True))
    window = screen.windowHandle()  # through the window, as a finger's press arrives
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.wait(300)
    assert pressed == []  # a tap
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.wait(300)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert pressed == []  # held, but not in the corner
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: pressed == [True], timeout=2000)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert corner.geometry().topLeft() == QPoint(0, 0)
    assert not corner.isVisible() or corner.width() <= 96  # invisible, and small


def test_code_login_and_logout_all_audited_with_the_staff_login(qtbot, kiosk) -> None:
    w = kiosk.window
    w.attract.service_corner.long_pressed.emit()
    at(qtbot, kiosk, SStep.CODE.value)
    w.staff_code.code_entered.emit("1111")
    qtbot.waitUntil(lambda: staff_idle(kiosk))
    assert kiosk.staff.flow.view.notice is Notice.WRONG_CODE
    assert w.staff_code.notice.isVisibleTo(w.staff_code)
    w.staff_code.code_entered.emit("2580")
    at(qtbot, kiosk, SStep.LOGIN.value)
    w.staff_login.login_entered.emit("clerk", bytearray(b"not-the-password"))
    qtbot.waitUntil(lambda: staff_idle(kiosk), timeout=10_000)
    assert kiosk.staff.flow.view.notice is Notice.WRONG_CREDENTIALS
    assert "wrong" in w.staff_login.notice.text.text()
    password = bytearray(b"clerk-demo")
    w.staff_login.login_entered.emit("clerk", password)
    at(qtbot, kiosk, SStep.MENU.value)
    assert password == bytearray(len(password))  # wiped after use
    assert "演示柜员" in w.staff_menu.bar.who.text()
    w.staff_menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    qtbot.waitUntil(lambda: idle(kiosk))
    assert w.current is w.attract
    staff = [(e.action, e.actor, e.outcome.value) for e in entries(kiosk) if e.actor == "clerk"]
    assert staff == [
        ("staff.login", "clerk", "refused"),
        ("staff.login", "clerk", "ok"),
        ("staff.logout", "clerk", "ok"),
    ]


def test_five_wrong_passwords_lock_the_account_and_the_screen_says_until_when(qtbot, kiosk) -> None:
    for _ in range(5):
        log_in(qtbot, kiosk, "tech", "not-the-password")
        kiosk.window.staff_login.cancel_clicked.emit()
        wait_step(qtbot, kiosk, "attract")
    log_in(qtbot, kiosk, "tech", "tech-demo")
    view = kiosk.staff.flow.view
    assert view.step is SStep.LOGIN and view.notice is Notice.ACCOUNT_LOCKED
    assert view.until is not None
    # In the kiosk's own language (a Cancel ended the English session): until when, local time.
    assert f"{view.until.astimezone(CHINA_TZ):%H:%M}" in kiosk.window.staff_login.notice.text.text()
    assert [e.action for e in entries(kiosk)].count("staff.locked") == 1


def test_two_minutes_idle_logs_out_and_wipes_every_staff_screen(qtbot, kiosk) -> None:
    log_in(qtbot, kiosk, "clerk", "clerk-demo")
    at(qtbot, kiosk, SStep.MENU.value)
    clock = kiosk.staff.clock
    clock.now += dt.timedelta(minutes=1, seconds=59)
    kiosk.staff.check_idle()
    assert kiosk.staff.active
    clock.now += dt.timedelta(seconds=1)
    kiosk.staff.check_idle()
    assert not kiosk.staff.active
    qtbot.waitUntil(lambda: idle(kiosk))
    w = kiosk.window
    assert w.current is w.attract
    for screen in w.staff_screens.values():
        assert not screen.bar.isVisibleTo(screen)  # nobody named on any staff screen
    assert w.staff_login.login_field.text == "" and not w.staff_login.password_field.has_text
    logout = [e for e in entries(kiosk) if e.action == "staff.logout"]
    assert [(e.actor, e.detail["reason"]) for e in logout] == [("clerk", "idle")]


def test_only_a_technician_or_administrator_may_leave_kiosk_mode_and_it_is_recorded(
    qtbot, kiosk
) -> None:
    quits: list[bool] = []
    kiosk.staff.quit_requested.disconnect()  # the test's kiosk must not quit the test's app
    kiosk.staff.quit_requested.connect(lambda: quits.append(True))
    w = kiosk.window
    log_in(qtbot, kiosk, "clerk", "clerk-demo")
    assert not w.staff_menu.leave_button.isVisibleTo(w.staff_menu)
    w.staff_menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    log_in(qtbot, kiosk, "tech", "tech-demo")
    assert w.staff_menu.leave_button.isVisibleTo(w.staff_menu)
    w.staff_menu.leave_clicked.emit()
    at(qtbot, kiosk, SStep.LEAVE.value)
    w.staff_leave.confirm_clicked.emit()
    qtbot.waitUntil(lambda: quits == [True], timeout=10_000)
    left = [e for e in entries(kiosk) if e.action == "kiosk.mode_left"]
    assert [(e.actor_kind.value, e.actor) for e in left] == [("technician", "tech")]


def test_no_staff_mode_during_a_citizen_session_and_no_citizen_session_behind_staff_mode(
    qtbot, kiosk
) -> None:
    w = kiosk.window
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    w.attract.service_corner.long_pressed.emit()  # (hidden behind the summary anyway)
    assert not kiosk.staff.active and w.current is w.summary
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")

    log_in(qtbot, kiosk, "clerk", "clerk-demo")
    kiosk.backend.insert("normal")  # a card pushed in while the clerk works
    qtbot.wait(300)
    qtbot.waitUntil(lambda: idle(kiosk))
    assert w.current is w.staff_menu
    assert not kiosk.controller.flow.in_session
    assert kiosk.controller.flow.view.summary is None
    kiosk.backend.remove()
    w.staff_menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert w.current is w.attract and not kiosk.controller.flow.in_session
    # The citizen side works as before, and the header's Back/Home are the citizen's again.
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")


def test_the_language_and_text_size_a_clerk_chose_do_not_outlive_staff_mode(qtbot, kiosk) -> None:
    log_in(qtbot, kiosk, "clerk", "clerk-demo")
    kiosk.set_language("zh_CN")
    kiosk.set_large_text(True)
    kiosk.window.staff_menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.language == kiosk.settings.language and not kiosk.large_text


def test_a_kiosk_without_a_service_code_has_no_service_entry(qapp, tmp_path) -> None:
    from kiosk.app import build_kiosk
    from kiosk.config import load_settings
    from kiosk.demo.seed import seed_demo

    settings = load_settings(
        demo=True,
        environ={},
        data_dir=tmp_path / "k2",
        log_dir=tmp_path / "k2" / "log",
        service_code="",
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    try:
        assert kiosk.staff is None
        assert not kiosk.window.attract.service_corner.isEnabled()
    finally:
        kiosk.close()


def test_the_kiosk_fits_its_screen_with_every_staff_screen_as_built_and_as_wiped(kiosk) -> None:
    """The window's stack is as large as its largest page, shown or not: a staff page that
    needs more than 1280x800 in the state it starts in would cut every screen off."""
    for large in (False, True):
        kiosk.set_large_text(large)
        for _ in range(2):
            size = kiosk.window.minimumSizeHint()
            assert size.width() <= 1280 and size.height() <= 800, size
            for screen in kiosk.window.staff_screens.values():
                screen.wipe()

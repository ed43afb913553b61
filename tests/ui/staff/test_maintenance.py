"""Out of service for maintenance and back, on the demo kiosk: a technician takes it out from
the service menu (audited as a technician), citizens then see the out-of-service screen with
the maintenance line and no session starts on a card, the service entry still opens from that
screen, an administrator returns it (audited as staff: the actor's own kind); the state
survives a new kiosk on the same database; a change made with `kiosk diag service` (the real
entry point) is taken up at the kiosk's next back end check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from ui_helpers import idle, wait_step

from kiosk.domain.journal import ActorKind, AuditEntry
from kiosk.domain.outage import Reason
from kiosk.flows.staff import SStep
from kiosk.services.maintenance import RETURNED, TAKEN_OUT
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session


def service_entries(kiosk) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with read_session(kiosk.engine) as session:
        found = AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)
    return [e for e in reversed(found) if e.action in (TAKEN_OUT, RETURNED)]


def staff_idle(kiosk) -> bool:  # type: ignore[no-untyped-def]
    return idle(kiosk) and not kiosk.staff.flow.view.busy


def at_menu(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: (
            kiosk.staff.flow.page == SStep.MENU.value
            and staff_idle(kiosk)
            and kiosk.staff.flow.view.service is not None
        ),
        timeout=10_000,
    )
    assert kiosk.window.current is kiosk.window.staff_menu


def log_in(qtbot, kiosk, corner, login: str, password: str) -> None:  # type: ignore[no-untyped-def]
    w = kiosk.window
    corner.long_pressed.emit()
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == SStep.CODE.value and staff_idle(kiosk))
    assert w.current is w.staff_code  # over the out-of-service screen too
    w.staff_code.code_entered.emit("2580")
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == SStep.LOGIN.value and staff_idle(kiosk))
    w.staff_login.login_entered.emit(login, bytearray(password.encode()))
    at_menu(qtbot, kiosk)


@pytest.fixture
def kiosk(make_kiosk):  # type: ignore[no-untyped-def]
    k = make_kiosk(language="en")
    yield k
    k.close()


def test_out_of_service_for_maintenance_and_back_from_the_menu(qtbot, kiosk) -> None:
    w = kiosk.window
    log_in(qtbot, kiosk, w.attract.service_corner, "tech", "tech-demo")
    menu = w.staff_menu
    assert menu.service_button.isVisibleTo(menu) and "Out of service" in menu.service_button.label
    assert not menu.service_notice.isVisibleTo(menu)
    menu.service_clicked.emit(False)
    at_menu(qtbot, kiosk)
    assert w.current is menu  # the technician stays on the menu...
    assert w.in_maintenance and w.outage is not None and w.outage.reason is Reason.MAINTENANCE
    assert menu.service_button.label == "Return to service"
    assert "Out of service for maintenance since" in menu.service_notice.text.text()
    [out] = service_entries(kiosk)
    assert (out.action, out.actor_kind, out.actor) == (TAKEN_OUT, ActorKind.TECHNICIAN, "tech")

    menu.logout_clicked.emit()  # ...and citizens see the out-of-service screen after
    qtbot.waitUntil(lambda: not kiosk.staff.active and idle(kiosk))
    assert w.current is w.out_of_service
    oos = w.out_of_service
    assert oos.maintenance.isVisibleTo(oos) and "servicing" in oos.maintenance.text()
    assert "Maintenance (E-MAINTENANCE)" in oos.status_en.text()
    assert oos.service_corner.isVisibleTo(oos)
    kiosk.backend.insert("normal")  # a citizen's card: no session behind the screen
    qtbot.wait(300)
    qtbot.waitUntil(lambda: idle(kiosk))
    assert not kiosk.controller.flow.in_session and w.current is w.out_of_service
    kiosk.backend.remove()
    qtbot.waitUntil(lambda: idle(kiosk))

    # The service entry opens from the out-of-service screen; an administrator returns it.
    log_in(qtbot, kiosk, oos.service_corner, "admin", "admin-demo")
    kiosk.set_language("en")  # the first session's English ended with it
    qtbot.waitUntil(lambda: menu.service_button.label == "Return to service")
    menu.service_clicked.emit(True)
    at_menu(qtbot, kiosk)
    assert not w.in_maintenance and w.outage is None and w.current is menu
    assert "back in service" in menu.service_notice.text.text()
    back = service_entries(kiosk)[-1]
    assert (back.action, back.actor_kind, back.actor) == (RETURNED, ActorKind.STAFF, "admin")
    menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert w.current is w.attract
    kiosk.backend.insert("normal")  # serving again
    wait_step(qtbot, kiosk, "summary")


def test_a_clerk_is_not_offered_it(qtbot, kiosk) -> None:
    w = kiosk.window
    w.attract.service_corner.long_pressed.emit()
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == SStep.CODE.value and staff_idle(kiosk))
    w.staff_code.code_entered.emit("2580")
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == SStep.LOGIN.value and staff_idle(kiosk))
    w.staff_login.login_entered.emit("clerk", bytearray(b"clerk-demo"))
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == SStep.MENU.value and staff_idle(kiosk))
    assert not w.staff_menu.service_button.isVisibleTo(w.staff_menu)
    assert kiosk.staff.flow.set_service(False) == []  # nor can the flow be made to


def test_out_of_service_survives_a_new_kiosk_on_the_same_database(qtbot, make_kiosk) -> None:
    first = make_kiosk(language="en")
    try:
        log_in(qtbot, first, first.window.attract.service_corner, "tech", "tech-demo")
        first.window.staff_menu.service_clicked.emit(False)
        at_menu(qtbot, first)
        assert first.window.in_maintenance
    finally:
        first.close()
    second = make_kiosk(language="en")
    try:
        assert second.window.in_maintenance and second.service.by == "tech"
        assert second.window.current is second.window.out_of_service
    finally:
        second.close()


def test_a_change_from_the_command_line_shows_at_the_next_check(qtbot, kiosk) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATA_DIR=str(kiosk.settings.data_dir),
        KIOSK_LOG_DIR=str(kiosk.settings.log_dir),
        KIOSK_KIOSK_ID=kiosk.settings.kiosk_id,
    )

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "--demo", "diag", "service", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    done = command("out", "--by", "li.wei")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not kiosk.window.in_maintenance  # not until the check
    assert kiosk.check_status is not None
    kiosk.check_status()
    qtbot.waitUntil(lambda: kiosk.window.in_maintenance, timeout=10_000)
    assert kiosk.window.current is kiosk.window.out_of_service
    assert service_entries(kiosk)[-1].actor == "li.wei"
    assert command("in").returncode == 0
    kiosk.check_status()
    qtbot.waitUntil(lambda: not kiosk.window.in_maintenance, timeout=10_000)
    assert kiosk.window.current is kiosk.window.attract


def test_the_maintenance_screen_fits_1280x800_in_large_text(qtbot, kiosk) -> None:
    w = kiosk.window
    log_in(qtbot, kiosk, w.attract.service_corner, "tech", "tech-demo")
    w.staff_menu.service_clicked.emit(False)
    at_menu(qtbot, kiosk)
    w.staff_menu.logout_clicked.emit()
    qtbot.waitUntil(lambda: not kiosk.staff.active and idle(kiosk))
    for language in ("zh_CN", "en"):
        kiosk.set_language(language)
        kiosk.set_large_text(True)
        size = w.minimumSizeHint()
        assert size.width() <= 1280 and size.height() <= 800, (language, size)


def test_the_entry_opens_over_maintenance_with_the_reader_unplugged(qtbot, kiosk) -> None:
    """The technician came to replace the reader: with it unplugged, the citizen side shows
    "reader unavailable" under the out-of-service screen, and the entry still opens."""
    w = kiosk.window
    log_in(qtbot, kiosk, w.attract.service_corner, "tech", "tech-demo")
    w.staff_menu.service_clicked.emit(False)
    at_menu(qtbot, kiosk)
    w.staff_menu.logout_clicked.emit()
    qtbot.waitUntil(lambda: not kiosk.staff.active and idle(kiosk))
    kiosk.backend.unplug()
    qtbot.waitUntil(lambda: kiosk.controller.flow.view.step.value == "reader_unavailable")
    assert w.current is w.out_of_service
    log_in(qtbot, kiosk, w.out_of_service.service_corner, "tech", "tech-demo")
    kiosk.backend.plug("Mock Reader 0")
    w.staff_menu.service_clicked.emit(True)
    at_menu(qtbot, kiosk)
    w.staff_menu.logout_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert w.current is w.attract


def test_a_double_tap_on_out_of_service_does_not_undo_itself(qtbot, make_kiosk) -> None:
    """The button means the opposite once the first tap has acted, in the same place: the
    window's tap guard swallows the second tap of a double tap (seen in a real window)."""
    kiosk = make_kiosk(language="en", tap_guard=0.5)
    try:
        w = kiosk.window
        log_in(qtbot, kiosk, w.attract.service_corner, "tech", "tech-demo")
        qtbot.wait(600)  # the guard armed by arriving at the menu has passed
        button = w.staff_menu.service_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        at_menu(qtbot, kiosk)
        assert w.in_maintenance and button.label == "Return to service"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the double tap's second half
        qtbot.wait(200)
        assert staff_idle(kiosk) and w.in_maintenance
        assert [e.action for e in service_entries(kiosk)] == [TAKEN_OUT]
        qtbot.wait(500)  # a deliberate tap later returns it
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not w.in_maintenance)
        assert [e.action for e in service_entries(kiosk)] == [TAKEN_OUT, RETURNED]
    finally:
        kiosk.close()

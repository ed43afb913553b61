"""The staff area "diagnostics" on screen: a pill per check with what was found and the fix, a
one-line verdict, the printer's report and the test page's outcome in words, and a wipe that
forgets them; then in the demo kiosk, the administrator runs the self-test and prints a test
page, both in the audit log with the administrator's login as actor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import idle, make, shown

from kiosk.domain.business import PrintOutcome
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.flows.staff_diagnostics import DiagNotice, DiagPage, DiagView
from kiosk.services.printer_diag import TestPageResult
from kiosk.services.selftest import CheckResult, SelftestReport, Verdict
from kiosk.services.staff_diagnostics import SelftestRun
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.diagnostics import DevicesScreen, SelftestScreen

CHECKS = (
    CheckResult("settings", "Settings", Verdict.PASS, "loaded"),
    CheckResult("disk", "Disk space", Verdict.WARN, "800 MB free", "Free some room"),
    CheckResult("printer", "Printer", Verdict.FAIL, "no paper", "Load a roll"),
    CheckResult("pcscd", "Smart card service", Verdict.SKIP, "the mock reader"),
)
RUN = SelftestRun(SelftestReport(CHECKS), audit_problem=None)
PRINTER = {
    "kind": "pdf",
    "printer": "PDF files",
    "state": "ready",
    "ready": True,
    "detail": "",
    "cups": None,
    "pdf": {"folder": "/var/k/out", "files": [{"name": "a.pdf", "bytes": 99, "written": "x"}]},
}


def test_each_check_is_a_row_with_its_pill_and_the_verdict_is_one_line(
    qtbot, translations, all_texts
) -> None:
    translations.set_language("en")
    screen = make(qtbot, SelftestScreen)
    shown(qtbot, screen)
    screen.show_view(DiagView())
    assert not screen.checks_card.isVisibleTo(screen) and screen.run_button.label == "Run self-test"
    screen.show_view(DiagView(busy=True))
    assert not screen.run_button.isEnabled() and "running" in screen.verdict.text.text()
    screen.show_view(DiagView(run=RUN))
    pills = [screen.findChild(type(screen.title), f"staffDiagCheck{i}Verdict") for i in range(4)]
    assert [(p.text(), p.property("tone")) for p in pills] == [
        ("PASS", "ok"),
        ("WARN", "warn"),
        ("FAIL", "error"),
        ("SKIP", "neutral"),
    ]
    text = all_texts(screen)
    assert "Fix: Load a roll" in text and "800 MB free" in text
    assert screen.verdict.text.text() == (
        "Self-test failed (1 of 4 checks). The kiosk should not serve. Recorded in the audit log."
    )
    with qtbot.waitSignal(screen.run_clicked):
        qtbot.mouseClick(screen.run_button, Qt.MouseButton.LeftButton)
    screen.show_view(DiagView(run=RUN, notice=DiagNotice.SELFTEST_FAILED))
    assert "could not run to the end" in screen.notice.text.text()
    screen.wipe()
    assert "Load a roll" not in all_texts(screen) and not screen.verdict.isVisibleTo(screen)


def test_the_printer_and_the_test_page_in_words(qtbot, translations, all_texts) -> None:
    translations.set_language("en")
    screen = make(qtbot, DevicesScreen)
    shown(qtbot, screen)
    screen.show_view(DiagView(page=DiagPage.DEVICES, busy=True))
    assert not screen.test_page_button.isEnabled()
    page = TestPageResult(PrintOutcome.OUT_OF_PAPER, "receipt", 10, audit_problem="no db")
    screen.show_view(DiagView(page=DiagPage.DEVICES, printer=PRINTER, test_page=page))
    text = all_texts(screen)
    assert "Ready: ready" in text and "a.pdf" in text and "/var/k/out" in text
    assert "out of paper" in screen.notice.text.text()
    assert "Not recorded in the audit log." in screen.notice.text.text()
    assert "no db" not in text  # the why is for the log, not the screen
    with qtbot.waitSignal(screen.test_page_clicked):
        qtbot.mouseClick(screen.test_page_button, Qt.MouseButton.LeftButton)
    screen.wipe()
    assert "a.pdf" not in all_texts(screen) and not screen.notice.isVisibleTo(screen)


# --- in the demo kiosk ---------------------------------------------------------------------------


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    def here() -> bool:
        area = kiosk.staff.flow.area
        busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
        return kiosk.staff.flow.page == page and idle(kiosk) and not busy

    qtbot.waitUntil(here, timeout=30_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def test_the_administrator_runs_the_self_test_and_a_test_page_audited(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
        _at(qtbot, kiosk, "staff-menu")
        qtbot.mouseClick(w.staff_menu.buttons["diagnostics"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-diag")
        selftest: SelftestScreen = w.staff_screens["staff-diag"]  # type: ignore[assignment]
        devices: DevicesScreen = w.staff_screens["staff-diag-devices"]  # type: ignore[assignment]
        qtbot.mouseClick(selftest.run_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-diag")
        run = kiosk.staff.flow.area.view.run
        assert run is not None and run.audit_problem is None, run
        assert {c.id for c in run.report.checks} >= {"database", "audit_chain", "printer"}
        assert "Recorded in the audit log." in selftest.verdict.text.text()
        qtbot.mouseClick(selftest.devices_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-diag-devices")
        qtbot.mouseClick(devices.test_page_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-diag-devices")
        assert "The test page was printed." in devices.notice.text.text()
        assert ".pdf" in devices.printer_lines.text()
        with read_session(kiosk.engine) as session:
            entries = AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)
        mine = {e.action: e for e in entries if e.action.startswith("diag.")}
        assert mine["diag.selftest"].actor == "admin"
        # An administrator is staff in the audit log, whatever screen they act on.
        assert mine["diag.selftest"].actor_kind is ActorKind.STAFF
        assert mine["diag.test_page"].actor == "admin"
        assert mine["diag.test_page"].actor_kind is ActorKind.STAFF
        assert mine["diag.test_page"].outcome is Outcome.OK
    finally:
        kiosk.close()

"""The staff areas "database" and "system" on screen: the database's facts, checks and rows; a
back end that does not answer as one plain sentence over the URL (password hidden), never the
driver's words; the System report with a clock warning and the log in a monospace box; a wipe
that forgets them. Then in the demo kiosk, the administrator opens both from the menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from ui_helpers import idle, make, shown

from kiosk.flows.staff_database import DatabaseView, ReportNotice
from kiosk.flows.staff_system import SystemView
from kiosk.services.database_report import DatabaseProblem, DatabaseReport
from kiosk.services.selftest import CheckResult, Verdict
from kiosk.services.system_report import DatabaseFacts, system_report
from kiosk.ui.screens.staff.database import DatabaseScreen
from kiosk.ui.screens.staff.system import SystemScreen

NOW = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)
GOOD = DatabaseReport(
    url="postgresql+psycopg://kiosk:***@db.local/sscard",
    backend="postgresql",
    checked_at=NOW,
    expected_revision="0006",
    server_version="16.4",
    round_trip_ms=2.345,
    revision="0006",
    tables=(("audit_log", 1234), ("cardholders", 6)),
    checks=(
        CheckResult("connection", "connection", Verdict.PASS, "answered in 2.3 ms"),
        CheckResult("audit_chain", "audit chain", Verdict.FAIL, "BROKEN", "restore it"),
    ),
    outbox_waiting=3,
    outbox_oldest_age_s=7200.0,
    check_ok=False,
)
DOWN = DatabaseReport(
    url="postgresql+psycopg://kiosk:***@db.local/sscard",
    backend="postgresql",
    checked_at=NOW,
    expected_revision="0006",
    problem=DatabaseProblem.UNREACHABLE,
    reason='connection failed: connection to server at "10.0.0.9", port 5432 failed: refused',
)


def test_the_database_report_on_screen(qtbot, translations, all_texts) -> None:
    translations.set_language("en")
    screen = make(qtbot, DatabaseScreen)
    shown(qtbot, screen)
    screen.show_view(DatabaseView(busy=True))
    assert not screen.again_button.isEnabled() and "Checking" in screen.notice.text.text()
    screen.show_view(DatabaseView(report=GOOD))
    assert screen.again_button.isEnabled()
    text = all_texts(screen)
    assert "postgresql+psycopg://kiosk:***@db.local/sscard" in text
    assert "PostgreSQL 16.4" in text and "2.3 ms" in text
    assert "0006, as this kiosk expects" in text
    assert "3 waiting, the oldest for 2 h 0 min" in text
    assert "audit_log" in text and "1,234" in text
    assert "Fix: restore it" in text
    assert "a check found a problem" in screen.notice.text.text()
    assert screen.notice.property("tone") == "warn"
    with qtbot.waitSignal(screen.again_clicked):
        qtbot.mouseClick(screen.again_button, Qt.MouseButton.LeftButton)
    screen.wipe()
    assert "db.local" not in all_texts(screen) and not screen.notice.isVisibleTo(screen)


def test_a_back_end_that_does_not_answer_is_one_sentence_over_what_is_known(
    qtbot, translations, all_texts
) -> None:
    translations.set_language("en")
    screen = make(qtbot, DatabaseScreen)
    shown(qtbot, screen)
    screen.show_view(DatabaseView(report=DOWN))
    sentence = screen.notice.text.text()
    assert sentence.startswith("The back end does not answer.") and "Check again" in sentence
    assert screen.notice.property("tone") == "error"
    text = all_texts(screen)
    assert "kiosk:***@db.local" in text  # what is still known
    assert "10.0.0.9" not in text and "refused" not in text  # never the driver's words
    assert not screen.checks_card.isVisibleTo(screen)
    assert not screen.tables_card.isVisibleTo(screen)
    screen.show_view(DatabaseView(notice=ReportNotice.UNAVAILABLE))
    assert "not available" in screen.notice.text.text()


def test_the_system_report_with_its_log_in_a_monospace_box(
    qtbot, translations, all_texts, tmp_path: Path
) -> None:
    translations.set_language("en")
    log = tmp_path / "kiosk.log"
    log.write_text("".join(f"2026-12-05 INFO line {n}\n" for n in range(40)), encoding="utf-8")
    report = system_report(
        data_dir=tmp_path,
        log_file=log,
        build_date=dt.date(2026, 11, 1),
        qt_version="6.9.9",
        database=DatabaseFacts("sqlite", None, NOW + dt.timedelta(hours=3)),
        now=NOW,
        in_kiosk=True,
    )
    screen = make(qtbot, SystemScreen)
    shown(qtbot, screen)
    screen.show_view(SystemView(busy=True))
    assert not screen.again_button.isEnabled()
    screen.show_view(SystemView(report=report))
    text = all_texts(screen)
    assert "Qt" in text and "6.9.9" in text and "Kiosk software" in text
    assert "free of" in text and "available of" in text and "system " in text
    assert "The clock went back" in screen.notice.text.text()
    assert screen.notice.property("tone") == "warn"
    logged = screen.log.toPlainText().splitlines()
    assert logged[0].endswith("line 10") and logged[-1].endswith("line 39")
    assert QFontInfo(screen.log.font()).fixedPitch()
    assert screen.log.isReadOnly() and screen.log.height() < screen.height() // 2
    screen.wipe()
    assert screen.log.toPlainText() == "" and "6.9.9" not in all_texts(screen)


# --- in the demo kiosk ---------------------------------------------------------------------------


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    def here() -> bool:
        area = kiosk.staff.flow.area
        busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
        return kiosk.staff.flow.page == page and idle(kiosk) and not busy

    qtbot.waitUntil(here, timeout=30_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def test_the_administrator_reads_the_database_and_the_system(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
        _at(qtbot, kiosk, "staff-menu")
        qtbot.mouseClick(w.staff_menu.buttons["database"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-database")
        report = kiosk.staff.flow.area.view.report
        assert report is not None and report.reachable, report
        assert dict(report.tables)["cardholders"] >= 1
        database: DatabaseScreen = w.staff_screens["staff-database"]  # type: ignore[assignment]
        qtbot.mouseClick(database.again_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-database")
        assert kiosk.staff.flow.area.view.report is not report  # read again
        w.header.home_clicked.emit()
        _at(qtbot, kiosk, "staff-menu")
        qtbot.mouseClick(w.staff_menu.buttons["system"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-system")
        system = kiosk.staff.flow.area.view.report
        assert system is not None and system.kiosk_uptime_s is not None
    finally:
        kiosk.close()


def test_a_fleet_kiosks_centre_on_the_database_page(qtbot, translations, all_texts) -> None:
    import dataclasses

    from kiosk.domain.fleet import CentreState
    from kiosk.services.centre_report import CentreReport, SenderState, TailState
    from kiosk.store.central.client import CentreAlert, ChainHead

    centre = CentreReport(
        url="postgresql+psycopg://sscard_k_bjcy01:***@centre.local/sscard",
        state=CentreState.ONLINE,
        checked_at=NOW,
        round_trip_ms=4.25,
        kiosk_id="BJCY01",
        last_seq=1207,
        anchored=ChainHead("BJCY01", 388, "ab" * 32),
        anchored_at=NOW,
        tail=TailState.CUT,
        local_seq=380,
        alerts=(CentreAlert("chain_went_back", "anchored seq 388, now seq 380", NOW),),
        sender=SenderState(CentreState.ONLINE, NOW, None),
    )
    verdict, found, fix = centre.tail_check()
    report = dataclasses.replace(
        GOOD,
        centre=centre,
        checks=(*GOOD.checks, CheckResult("centre_anchor", "anchor", verdict, found, fix)),
    )
    translations.set_language("en")
    screen = make(qtbot, DatabaseScreen)
    shown(qtbot, screen)
    screen.show_view(DatabaseView(report=report))
    assert screen.centre_card.isVisibleTo(screen)
    text = all_texts(screen)
    assert "sscard_k_bjcy01:***@centre.local" in text and "4.2 ms" in text
    assert "Knows this kiosk as" in text and "BJCY01" in text and "1,207" in text
    assert "Entry 388 of chain BJCY01" in text and "chain_went_back" in text
    assert "Anchor at the centre" in text and "lost entries the centre had anchored" in text
    assert "a check found a problem" in screen.notice.text.text()
    screen.show_view(DatabaseView(report=GOOD))  # standalone: no centre card
    assert not screen.centre_card.isVisibleTo(screen)

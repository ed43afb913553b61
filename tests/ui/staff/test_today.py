"""The staff area "today" on screen: the day's totals and lines (masked, in both languages), the
export's places as large buttons, and a wipe that forgets them; then in the demo kiosk, a clerk
steps back a day, exports to the kiosk's folder and prints the day-end slip, each audited with
the clerk's login."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import idle, make, shown

from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.day_report import DayKind, DayLine, DayReport, OutboxQueue
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.voucher_data import KioskInfo
from kiosk.flows.staff_today import TodayNotice, TodayPage, TodayView
from kiosk.services.day_report import CsvExport
from kiosk.services.export_places import ExportPlace, PlaceKind
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.today import ExportScreen, TodayScreen

TODAY = dt.date(2026, 12, 5)
AT = dt.datetime(2026, 12, 5, 9, 30, tzinfo=CHINA_TZ)


def _report(day: dt.date = TODAY) -> DayReport:
    lines = (
        DayLine(AT, DayKind.REISSUE, "BJCY01-20261205-000001-K", "lost", "1101**********0173",
                "王*明", "A1*****3X", True, "BJCY-02", dt.date(2026, 12, 25)),
        DayLine(AT, DayKind.REIMBURSEMENT, "BJCY01-20261205-000001-K", "1234.05",
                "1101**********0173", "王*明", "", False, "", None),
    )  # fmt: skip
    return DayReport(
        KioskInfo("BJCY01", "x"), day, AT, lines, {Outcome.REFUSED: 3}, printed=2, reprinted=1
    )


def _view(**kw: object) -> TodayView:
    base: dict[str, object] = {
        "report": _report(),
        "queue": OutboxQueue(4, AT - dt.timedelta(hours=1)),
        "today": TODAY,
    }
    return TodayView(**{**base, **kw})  # type: ignore[arg-type]


def test_the_day_shows_totals_lines_and_queue_in_both_languages(
    qtbot, translations, all_texts
) -> None:
    screen = make(qtbot, TodayScreen)
    shown(qtbot, screen)
    screen.show_view(_view())
    text = all_texts(screen)
    assert "2026年12月5日（今天）" in text
    assert "待发送至中心系统：4 条（最早 08:30）。" in text
    assert "补卡申请" in text and "医疗费用报销" in text and "1,234.05 元" in text
    assert "王*明 1101**********0173" in text and "代办" in text
    assert screen.tiles["total"].count.text() == "2"
    assert screen.tiles["refused"].count.text() == "3"
    assert screen.tiles["reprinted"].count.text() == "1"
    assert not screen.later_button.isEnabled() and screen.earlier_button.isEnabled()
    translations.set_language("en")  # LanguageChange is posted: the screen retranslates
    qtbot.waitUntil(lambda: "5 Dec 2026 (today)" in screen.day_label.text())
    text = all_texts(screen)
    assert "¥1,234.05" in text
    assert "Card lost · pickup 25 Dec 2026 · by an agent" in text
    assert screen.tiles["reissue"].caption.text() == "Reissue applications"


def test_the_slip_and_the_database_are_said_plainly_and_the_wipe_forgets(
    qtbot, translations, all_texts
) -> None:
    translations.set_language("en")
    screen = make(qtbot, TodayScreen)
    shown(qtbot, screen)
    screen.show_view(_view(slip=PrintOutcome.OUT_OF_PAPER))
    assert screen.notice.isVisibleTo(screen) and "out of paper" in screen.notice.text.text()
    screen.show_view(_view(notice=TodayNotice.DATABASE, busy=True))
    assert "database did not answer" in screen.notice.text.text()
    assert not screen.slip_button.isEnabled() and not screen.export_button.isEnabled()
    screen.show_view(_view(report=_report(TODAY - dt.timedelta(days=1)), today=TODAY))
    assert screen.later_button.isEnabled() and "(today)" not in screen.day_label.text()
    screen.wipe()
    text = all_texts(screen)
    assert "0173" not in text and "王*明" not in text and "BJCY01-" not in text
    assert screen.no_lines.isVisibleTo(screen)


def test_the_export_offers_each_place_as_a_button_and_says_what_was_written(
    qtbot, translations, all_texts
) -> None:
    translations.set_language("en")
    screen = make(qtbot, ExportScreen)
    shown(qtbot, screen)
    stick = ExportPlace(PlaceKind.DRIVE, Path("/media/k/STICK"), "STICK", 3_200_000_000, False)
    locked = ExportPlace(PlaceKind.DRIVE, Path("/media/k/OLD"), "OLD", 10, True)
    folder = ExportPlace(PlaceKind.FOLDER, Path("/var/lib/k/exports"), "x", None, False)
    screen.show_view(_view(page=TodayPage.EXPORT, places=(stick, locked, folder)))
    assert [b.objectName() for b in screen.place_buttons] == [
        "staffExportPlace0",
        "staffExportPlace1",
        "staffExportPlace2",
    ]
    assert screen.place_buttons[0].label == "USB stick STICK\n/media/k/STICK · 3.2 GB free"
    assert screen.place_buttons[1].label.endswith("· read only")
    assert screen.place_buttons[2].label == "The kiosk's export folder\n/var/lib/k/exports"
    assert not screen.no_drive.isVisibleTo(screen)
    with qtbot.waitSignal(screen.place_chosen) as chosen:
        qtbot.mouseClick(screen.place_buttons[1], Qt.MouseButton.LeftButton)
    assert chosen.args == [1]
    written = CsvExport(stick.path / "kiosk-BJCY01-2026-12-05.csv", 2)
    screen.show_view(_view(page=TodayPage.EXPORT, places=(stick,), chosen=stick, exported=written))
    assert screen.notice.text.text() == (
        "Written: kiosk-BJCY01-2026-12-05.csv (2 rows) on the USB stick STICK. "
        "You can pull it out now."
    )
    screen.show_view(_view(page=TodayPage.EXPORT, places=(folder,), notice=TodayNotice.EXPORT_FULL))
    assert "full" in screen.notice.text.text() and screen.no_drive.isVisibleTo(screen)
    translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: "该位置空间已满" in all_texts(screen))
    screen.wipe()
    assert screen.place_buttons == [] and not screen.notice.isVisibleTo(screen)


# --- in the demo kiosk ---------------------------------------------------------------------------


def _staff_idle(kiosk) -> bool:  # type: ignore[no-untyped-def]
    area = kiosk.staff.flow.area
    busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
    return idle(kiosk) and not busy


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: kiosk.staff.flow.page == page and _staff_idle(kiosk), timeout=10_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def test_a_clerk_exports_the_day_and_prints_the_slip_audited(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("clerk", bytearray(b"clerk-demo"))
        _at(qtbot, kiosk, "staff-menu")
        assert "today" in w.staff_menu.buttons
        qtbot.mouseClick(w.staff_menu.buttons["today"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-today")
        day: TodayScreen = w.staff_screens["staff-today"]  # type: ignore[assignment]
        export: ExportScreen = w.staff_screens["staff-export"]  # type: ignore[assignment]
        assert "(today)" in day.day_label.text()
        qtbot.mouseClick(day.earlier_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-today")
        assert "(today)" not in day.day_label.text() and day.later_button.isEnabled()
        qtbot.mouseClick(day.later_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-today")

        qtbot.mouseClick(day.export_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-export")
        folder = kiosk.settings.resolved_export_dir
        [index] = [i for i, b in enumerate(export.place_buttons) if str(folder) in b.label]
        qtbot.mouseClick(export.place_buttons[index], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-export")
        assert "in the kiosk's export folder" in export.notice.text.text()
        [written] = folder.glob("*.csv")
        rows = list(csv.reader(io.StringIO(written.read_bytes().decode("utf-8-sig"))))
        assert rows[0][:2] == ["time", "business"]

        w.header.back_clicked.emit()
        _at(qtbot, kiosk, "staff-today")
        qtbot.mouseClick(day.slip_button, Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-today")
        assert "was printed" in day.notice.text.text()

        with read_session(kiosk.engine) as s:
            audit = AuditRepository(s).entries(chain=kiosk.settings.kiosk_id)
        done = [e for e in audit if e.action in ("day_report.exported", "day_end.printed")]
        assert sorted((e.action, e.actor_kind, e.actor) for e in done) == [
            ("day_end.printed", ActorKind.STAFF, "clerk"),
            ("day_report.exported", ActorKind.STAFF, "clerk"),
        ]
        w.staff_screens["staff-today"].logout_clicked.emit()
        qtbot.waitUntil(lambda: not kiosk.staff.flow.active, timeout=10_000)
        assert day.tiles["total"].count.text() == "0" and export.place_buttons == []
    finally:
        kiosk.close()

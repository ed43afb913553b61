"""The audit log area's screens with real widgets: the log's rows, filters, pages and taps;
an entry's detail in words with nothing unmasked; the check at work and its verdict, intact and
altered. Then the whole kiosk: a clerk logs in on the demo, opens the audit log from the menu,
checks it (intact), and checks it again after an entry was tampered with (altered)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import idle, make, shown

from kiosk.demo.tour_staff import CLERK, SERVICE_CODE
from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.flows.staff_audit import (
    AuditChoice,
    AuditNotice,
    AuditStep,
    AuditView,
    DayRange,
    detail_items,
)
from kiosk.services.audit_browse import AuditCheck, ChainState, CheckProblem, RetiredKeyNote
from kiosk.store import models as m
from kiosk.ui.screens.staff.audit import AuditCheckScreen, AuditEntryScreen, AuditLogScreen
from kiosk.ui.screens.staff.entry import MENU_ITEMS

NOW = dt.datetime(2026, 12, 5, 2, 3, 4, tzinfo=dt.UTC)  # 10:03:04 in China
MASKED = "1101**********0173"


def entry(seq: int, **kw: object) -> AuditEntry:
    values: dict[str, object] = {
        "chain": "BJCY01",
        "seq": seq,
        "at": NOW,
        "actor_kind": ActorKind.STAFF,
        "actor": "clerk1",
        "action": "staff.login",
        "outcome": Outcome.OK,
        "transaction_key": None,
        **kw,
    }
    return AuditEntry(**values)  # type: ignore[arg-type]


ROWS = (
    entry(3, action="staff.login", outcome=Outcome.REFUSED),
    entry(2, actor_kind=ActorKind.CITIZEN, actor=MASKED, action="voucher.looked_up"),
    entry(1, action="some.future_action", outcome=Outcome.FAILED),
)


def log_view(**kw: object) -> AuditView:
    values: dict[str, object] = {
        "entries": ROWS,
        "loaded": True,
        "actions": ("staff.login", "voucher.looked_up", "some.future_action"),
        "has_older": True,
        **kw,
    }
    return AuditView(**values)  # type: ignore[arg-type]


@pytest.fixture
def log(qtbot) -> AuditLogScreen:
    screen = make(qtbot, AuditLogScreen)
    shown(qtbot, screen, (1280, 600))
    return screen


def test_the_menu_offers_the_audit_log() -> None:
    assert MENU_ITEMS["audit"] == ("shield", "Audit log", "Browse, filter, check integrity")


def test_the_log_shows_one_row_per_entry_in_words(log: AuditLogScreen) -> None:
    log.show_view(log_view())
    table = log.table
    assert table.rowCount() == 3
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(3)]
    assert rows == [
        ["2026-12-05 10:03:04", "Staff · clerk1", "Login refused"],
        ["2026-12-05 10:03:04", f"Citizen · {MASKED}", "Voucher looked up"],
        ["2026-12-05 10:03:04", "Staff · clerk1", "some.future_action"],
    ]
    pills = [table.cellWidget(r, 3).findChildren(type(log.title))[0] for r in range(3)]
    assert [p.text() for p in pills] == ["Refused", "Succeeded", "Failed"]
    assert [p.property("tone") for p in pills] == ["warn", "ok", "error"]
    for pill in pills:  # the whole word shows: the column makes room for the pill
        assert pill.width() >= pill.sizeHint().width()
    assert log.older_button.isEnabled() and not log.newer_button.isEnabled()
    assert log.page_label.text() == "Page 1"


def test_a_tapped_row_the_filters_and_the_buttons_are_signals(qtbot, log: AuditLogScreen) -> None:
    log.show_view(log_view(has_newer=True, page_no=2))
    QApplication.processEvents()
    rect = log.table.visualRect(log.table.model().index(1, 3))  # on the pill, even
    with qtbot.waitSignal(log.entry_tapped) as tapped:
        qtbot.mouseClick(log.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tapped.args == [1]
    index = log.action.findData("voucher.looked_up")
    assert log.action.itemText(index) == "Voucher looked up"
    with qtbot.waitSignal(log.choice_made) as chosen:
        log.action.setCurrentIndex(index)
        log.action.activated.emit(index)
    assert chosen.args == [AuditChoice(action="voucher.looked_up")]
    with qtbot.waitSignal(log.choice_made) as chosen:
        log.days.setCurrentIndex(log.days.findData(DayRange.TODAY))
        log.days.activated.emit(log.days.currentIndex())
    assert chosen.args == [AuditChoice(days=DayRange.TODAY, action="voucher.looked_up")]
    for button, signal in (
        (log.older_button, log.older_clicked),
        (log.newer_button, log.newer_clicked),
        (log.check_button, log.check_clicked),
    ):
        with qtbot.waitSignal(signal):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_filter_shown_is_the_views_and_busy_stops_taps(qtbot, log: AuditLogScreen) -> None:
    choice = AuditChoice(DayRange.WEEK, ActorKind.AGENT, "staff.login", Outcome.REFUSED)
    log.show_view(log_view(choice=choice, busy=True))
    assert log.days.currentText() == "Last 7 days"
    assert log.who.currentText() == "Agents"
    assert log.outcome.currentText() == "Refused"
    assert log.action.currentText() == "Staff login"
    assert log.page_label.text() == "Loading…"
    assert not any(
        w.isEnabled() for w in (log.days, log.action, log.older_button, log.check_button)
    )
    with qtbot.assertNotEmitted(log.entry_tapped):
        log._tapped(0)


def test_nothing_found_and_trouble_are_said_plainly(log: AuditLogScreen) -> None:
    log.show_view(log_view(entries=(), has_older=False))
    assert log.empty.isVisible() and log.empty.text() == "No entries match this filter."
    assert not log.table.isVisible()
    log.show_view(log_view(entries=(), loaded=False, notice=AuditNotice.DATABASE))
    assert log.notice.isVisible()
    assert "database did not answer" in log.notice.text.text()
    log.show_view(log_view(entries=(), loaded=False, notice=AuditNotice.BAD_FILTER))
    assert "cannot be used" in log.notice.text.text()


def test_wipe_forgets_the_rows_and_the_filter(log: AuditLogScreen, all_texts) -> None:
    log.show_view(log_view(choice=AuditChoice(action="staff.login")))
    log.wipe()
    assert log.table.rowCount() == 0
    assert log.action.count() == 1 and log.action.currentData() is None
    assert MASKED not in all_texts(log)


def test_an_entry_shows_its_detail_in_words_with_nothing_unmasked(qtbot, all_texts) -> None:
    screen = make(qtbot, AuditEntryScreen)
    shown(qtbot, screen)
    reprint = entry(
        9,
        action="reimbursement.recorded",
        transaction_key="tx-1",
        detail={
            "amount_fen": 123456,
            "id_checked": False,
            "until": "2026-12-05T07:42:14+00:00",
            "mystery": "x",
        },
    )
    screen.show_view(
        AuditView(step=AuditStep.ENTRY, entry=reprint, detail=detail_items(reprint.detail))
    )
    texts = all_texts(screen)
    assert screen.title.text() == "Medical expenses reimbursed"
    assert screen.outcome.text() == "Succeeded"
    for shown_text in (
        "Staff · clerk1",
        "reimbursement.recorded",
        "No. 9 in the log of BJCY01",
        "tx-1",
        "Amount",
        "¥1,234.56",
        "Original ID card checked",
        "No",
        "2026-12-05 15:42:14",  # the lock's end, in the kiosk's time
        "mystery",
    ):
        assert shown_text in texts, shown_text
    bare = entry(10)
    screen.show_view(AuditView(step=AuditStep.ENTRY, entry=bare, detail=()))
    assert "This entry records nothing more." in all_texts(screen)
    screen.wipe()
    assert "clerk1" not in all_texts(screen)


def _check(ok: bool) -> AuditCheck:
    found = () if ok else (CheckProblem("BJCY01", 2, "altered", "chain BJCY01 entry 2: ..."),)
    return AuditCheck(
        ok=ok,
        checked_at=NOW,
        chains=(ChainState("BJCY01", 40, 40, 40, 0, 0, anchored_seq=40),),
        problems=tuple(p.text for p in found),
        warnings=("chain BJCY01: ...",),
        found=found,
        retired=(RetiredKeyNote("BJCY01", "k-old", 12, 13),),
    )


def test_the_check_shows_it_is_working_then_its_verdict(qtbot, all_texts) -> None:
    screen = make(qtbot, AuditCheckScreen)
    shown(qtbot, screen, (1280, 600))
    screen.show_view(AuditView(step=AuditStep.CHECK, busy=True))
    assert screen.working_row.isVisible() and screen.busy.isVisible()
    assert not screen.verdict.isVisible() and not screen.again_button.isVisible()
    screen.show_view(AuditView(step=AuditStep.CHECK, check=_check(ok=True)))
    texts = all_texts(screen)
    assert not screen.working_row.isVisible() and screen.again_button.isVisible()
    assert screen.verdict.badge.tone == "ok"
    assert "The audit log is intact" in texts
    assert "40 entries, 40 verified with this kiosk's key; anchored up to entry 40" in texts
    assert "12 entries are sealed with a retired key (k-old, replaced at entry 13)" in texts
    screen.show_view(AuditView(step=AuditStep.CHECK, check=_check(ok=False)))
    texts = all_texts(screen)
    assert screen.verdict.badge.tone == "error"
    assert "The audit log has been altered" in texts
    assert "The check found 1 problem:" in texts
    assert "Log BJCY01, entry 2" in texts and "Changed after it was written." in texts
    assert "intact" not in texts
    screen.show_view(AuditView(step=AuditStep.CHECK, notice=AuditNotice.CHECK_NOT_RUN))
    assert screen.notice.isVisible() and not screen.verdict.isVisible()
    with qtbot.waitSignal(screen.again_clicked):
        qtbot.mouseClick(screen.again_button, Qt.MouseButton.LeftButton)


# The whole kiosk --------------------------------------------------------------------------------


def _wait(qtbot, kiosk, page: str) -> None:
    flow = kiosk.staff.flow

    def there() -> bool:
        area = flow.area
        busy = area is not None and getattr(area.view, "busy", False)
        return flow.page == page and not flow.view.busy and not busy and idle(kiosk)

    qtbot.waitUntil(there, timeout=15_000)
    QApplication.processEvents()


def test_a_clerk_checks_the_demo_log_intact_then_tampered(qtbot, make_kiosk, all_texts) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        w.attract.service_corner.long_pressed.emit()
        _wait(qtbot, kiosk, "staff-code")
        w.staff_code.code_entered.emit(SERVICE_CODE)
        _wait(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit(CLERK[0], bytearray(CLERK[1].encode()))
        _wait(qtbot, kiosk, "staff-menu")
        qtbot.mouseClick(w.staff_menu.buttons["audit"], Qt.MouseButton.LeftButton)
        _wait(qtbot, kiosk, "staff-audit")
        log = w.staff_screens["staff-audit"]
        assert isinstance(log, AuditLogScreen) and w.stack.currentWidget() is log
        assert log.table.item(0, 2).text() == "Staff login"
        qtbot.mouseClick(log.check_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, kiosk, "staff-audit-check")
        check = w.staff_screens["staff-audit-check"]
        assert "The audit log is intact" in all_texts(check)
        with kiosk.engine.begin() as connection:
            connection.execute(
                sa.update(m.AuditLogEntry)
                .where(m.AuditLogEntry.seq == 1)
                .values(detail=json.dumps({"forged": True}))
            )
        assert isinstance(check, AuditCheckScreen)
        qtbot.mouseClick(check.again_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, kiosk, "staff-audit-check")
        texts = all_texts(check)
        assert "The audit log has been altered" in texts
        assert "Changed after it was written." in texts
        w.header.back_clicked.emit()
        _wait(qtbot, kiosk, "staff-audit")
        assert log.table.item(0, 2).text() == "Audit log checked"
        assert log.table.cellWidget(0, 3).findChildren(type(log.title))[0].text() == "Failed"
    finally:
        kiosk.close()

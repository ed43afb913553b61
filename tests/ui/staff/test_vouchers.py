"""The voucher desk's screens: on the whole demo kiosk, a clerk logs in, finds vouchers by
dates, opens one, scans a genuine code (the voucher with its check, audited with the clerk as
actor) and a tampered one (red, "do not accept"); a bad number is worded, not thrown. And the
find screen alone: each way emits what the area needs, dates stay in bounds, the scanner is
heard only on the scan page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from desk_screen_helpers import settled, staff_page, texts, wait_page
from ui_helpers import make, shown

from kiosk.demo.tour_desk import tampered
from kiosk.domain.journal import ActorKind, LossReportKind, LossReportRequest, Outcome
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.staff import SStep
from kiosk.flows.staff_voucher_actions import ActionKind
from kiosk.flows.staff_vouchers import FindBy, VPage
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.vouchers import LAST_7_DAYS, THIS_MONTH, VoucherFindScreen
from kiosk.ui.widgets.scanner import type_as_scanner

HOLDER = "440106197811230350"  # a demo cardholder (the "PIN blocked" card's)


@pytest.fixture
def desk(make_kiosk, qtbot) -> Any:  # type: ignore[no-untyped-def]
    """The demo kiosk with the clerk at the voucher desk's find screen."""
    kiosk = make_kiosk(language="en")
    w = kiosk.window
    w.attract.service_corner.long_pressed.emit()
    wait_page(qtbot, kiosk, SStep.CODE.value)
    w.staff_code.code_entered.emit("2580")
    wait_page(qtbot, kiosk, SStep.LOGIN.value)
    w.staff_login.login_entered.emit("clerk", bytearray(b"clerk-demo"))
    wait_page(qtbot, kiosk, SStep.MENU.value)
    w.staff_menu.buttons["vouchers"].click()
    wait_page(qtbot, kiosk, VPage.FIND.value)
    yield kiosk
    kiosk.close()


def loss_report(kiosk: Any) -> str:
    """A temporary loss report's voucher, as the citizen kiosk issues it: its QR code."""
    request = LossReportRequest(
        uuid.uuid4().hex, kiosk.settings.kiosk_id, HOLDER, LossReportKind.TEMPORARY
    )
    return kiosk.business.report_loss(request).qr_payload


def test_the_clerk_finds_by_dates_and_opens_a_voucher(desk: Any, qtbot: Any) -> None:
    loss_report(desk)
    w = desk.window
    find = w.staff_screens[VPage.FIND.value]
    find.mode_buttons[FindBy.DATES].click()
    find.dates_search.click()
    wait_page(qtbot, desk, VPage.FOUND.value)
    found = w.staff_screens[VPage.FOUND.value]
    assert len(found.rows) == 1
    number = next(iter(found.rows))
    found.rows[number].click()
    wait_page(qtbot, desk, VPage.VOUCHER.value)
    page = w.staff_screens[VPage.VOUCHER.value]
    shown_text = texts(page)
    assert "4401**********0350" in shown_text and HOLDER not in shown_text  # masked
    assert page.action_buttons[ActionKind.REPRINT].isEnabled()
    assert not page.action_buttons[ActionKind.HAND_OVER].isEnabled()
    assert page.action_reasons[ActionKind.HAND_OVER].text() == "No new card behind this voucher."
    assert not page.check.isVisible()  # not scanned: nothing said about a code
    w.header.back_clicked.emit()
    wait_page(qtbot, desk, VPage.FOUND.value)


def test_a_scan_shows_the_voucher_genuine_and_a_tampered_one_refused(desk: Any, qtbot: Any) -> None:
    code = loss_report(desk)
    w = desk.window
    type_as_scanner(w, code)
    wait_page(qtbot, desk, VPage.VOUCHER.value)
    page = w.staff_screens[VPage.VOUCHER.value]
    assert page.check.isVisible() and page.check.text.text().startswith("Genuine.")
    page.new_search.emit()
    wait_page(qtbot, desk, VPage.FIND.value)
    type_as_scanner(w, tampered(code))
    wait_page(qtbot, desk, VPage.CHECK.value)
    check = w.staff_screens[VPage.CHECK.value]
    assert check.verdict.text() == "Not genuine — do not accept"
    assert "altered" in check.reason.text() and not check.facts_box.isVisible()
    with read_session(desk.engine) as session:
        entries = AuditRepository(session).entries(chain=desk.settings.kiosk_id)
    checked = [e for e in entries if e.action == "desk.code_checked"]
    assert [(e.outcome, e.actor_kind, e.actor) for e in reversed(checked)] == [
        (Outcome.OK, ActorKind.STAFF, "clerk"),
        (Outcome.REFUSED, ActorKind.STAFF, "clerk"),
    ]


def test_a_number_not_known_is_worded_on_the_find_screen(desk: Any, qtbot: Any) -> None:
    find = desk.window.staff_screens[VPage.FIND.value]
    find.set_mode(FindBy.NUMBER)
    find.number_field.set_text(format_voucher_number("DEMO01", dt.date(2026, 1, 1), 99))
    assert find.number_field.is_valid
    find.number_search.click()
    qtbot.waitUntil(lambda: find.notice.isVisible() and settled(desk), timeout=15_000)
    assert staff_page(desk) == VPage.FIND.value
    assert find.notice.text.text() == "No voucher with this number in this kiosk's records."


# The find screen alone ---------------------------------------------------------------------------


@pytest.fixture
def find(qtbot: Any) -> VoucherFindScreen:
    screen = make(qtbot, VoucherFindScreen, None)
    screen.today = lambda: dt.date(2026, 12, 5)
    shown(qtbot, screen)
    return screen


def test_each_way_emits_what_the_area_needs(find: VoucherFindScreen, qtbot: Any) -> None:
    find.set_mode(FindBy.HOLDER)
    assert not find.id_search.isEnabled()
    find.id_field.set_text("110105198506120173")
    with qtbot.waitSignal(find.by_holder) as holder:
        find.id_search.click()
    assert holder.args == ["110105198506120173"]
    find.set_mode(FindBy.DATES)
    find.preset(THIS_MONTH)
    with qtbot.waitSignal(find.by_dates) as dates:
        find.dates_search.click()
    assert dates.args == [dt.date(2026, 12, 1), dt.date(2026, 12, 5)]


def test_dates_step_within_bounds(find: VoucherFindScreen) -> None:
    find.preset(LAST_7_DAYS)
    assert (find.first_date, find.last_date) == (dt.date(2026, 11, 29), dt.date(2026, 12, 5))
    assert not find.last.later.isEnabled()  # no day after today
    find.last.stepped.emit(-10)  # the last day before the first: the first follows it
    assert find.last_date == dt.date(2026, 11, 25) and find.first_date == dt.date(2026, 11, 25)
    assert not any(b.isChecked() for b in find.preset_buttons.values())  # no preset any more
    find.first.stepped.emit(1)
    assert find.first_date == dt.date(2026, 11, 25)  # not after the last


def test_the_scanner_is_heard_only_on_the_scan_page(find: VoucherFindScreen, qtbot: Any) -> None:
    assert find.scanner.active
    with qtbot.waitSignal(find.by_code) as scanned:
        type_as_scanner(find, "SSK2:ABC")
    assert scanned.args == ["SSK2:ABC"]
    find.set_mode(FindBy.NUMBER)
    assert not find.scanner.active
    find.hide()
    find.set_mode(FindBy.CODE)
    assert not find.scanner.active

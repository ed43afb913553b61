"""The desk's screens in a fleet: a demo kiosk built with a FakeCentre (as the tour's fleet pass
builds it) whose clerk types the number of a voucher issued at another kiosk. The voucher page
says where it was issued and that its facts are the centre's, refuses reprint and
reimbursement in words, and hands the card over; the centre away is one plain sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from desk_screen_helpers import settled, staff_page, texts, wait_page

from kiosk.app import build_kiosk
from kiosk.config import load_settings
from kiosk.demo.centre import FakeCentre
from kiosk.demo.seed import seed_demo
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.staff import SStep
from kiosk.flows.staff_voucher_actions import ActionKind
from kiosk.flows.staff_vouchers import FindBy, VPage
from kiosk.store.db import create_engine

OTHER = format_voucher_number("BJHD02", dt.date(2026, 12, 1), 7)


@pytest.fixture
def centre(sqlite_factory: Any, tmp_path: Any) -> Iterator[FakeCentre]:
    (tmp_path / "centre").mkdir()
    engine = create_engine(sqlite_factory.new("demo", tmp_path / "centre"))
    fake = FakeCentre(engine, "DEMO01")
    fake.add_reissue(
        {
            "voucher": OTHER,
            "kiosk_id": "BJHD02",
            "card_number_masked": "B2*****7X",
            "progress": "ready",
            "progress_at": "2026-12-03T02:00:00+00:00",
            "outlet": "BJCY-01",
            "expected_pickup_date": "2026-12-20",
            "ssn": "110105198001010011",
        }
    )
    yield fake
    engine.dispose()


@pytest.fixture
def desk(qapp: Any, qtbot: Any, tmp_path: Any, centre: FakeCentre) -> Iterator[Any]:
    """A fleet demo kiosk (the FakeCentre) with the clerk at the voucher desk's find screen."""
    data_dir = tmp_path / "kiosk"
    settings = load_settings(
        demo=True, environ={}, data_dir=data_dir, log_dir=data_dir / "log", tap_guard_seconds=0
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo, centre=centre)
    kiosk.set_language("en")
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    w = kiosk.window
    try:
        w.attract.service_corner.long_pressed.emit()
        wait_page(qtbot, kiosk, SStep.CODE.value)
        w.staff_code.code_entered.emit("2580")
        wait_page(qtbot, kiosk, SStep.LOGIN.value)
        w.staff_login.login_entered.emit("clerk", bytearray(b"clerk-demo"))
        wait_page(qtbot, kiosk, SStep.MENU.value)
        w.staff_menu.buttons["vouchers"].click()
        wait_page(qtbot, kiosk, VPage.FIND.value)
        yield kiosk
    finally:
        kiosk.close()


def search(kiosk: Any, number: str) -> Any:
    find = kiosk.window.staff_screens[VPage.FIND.value]
    find.set_mode(FindBy.NUMBER)
    find.number_field.set_text(number)
    find.number_search.click()
    return find


def test_another_kiosks_voucher_on_the_desk_screen_and_the_centre_away(
    desk: Any, qtbot: Any, centre: FakeCentre
) -> None:
    w = desk.window
    search(desk, OTHER)
    wait_page(qtbot, desk, VPage.VOUCHER.value)
    page = w.staff_screens[VPage.VOUCHER.value]
    assert page.elsewhere.isVisible()
    assert page.elsewhere.text.text().startswith("Issued at kiosk BJHD02.")
    shown = texts(page)
    assert "B2*****7X" in shown and "central service" in shown
    assert "Ready for pickup" in shown  # the centre's progress
    assert not page.action_buttons[ActionKind.REPRINT].isEnabled()
    assert page.action_reasons[ActionKind.REPRINT].text().startswith("Issued by kiosk BJHD02:")
    assert not page.action_buttons[ActionKind.REIMBURSE].isEnabled()
    assert "only at that kiosk's counter" in page.action_reasons[ActionKind.REIMBURSE].text()
    assert page.action_buttons[ActionKind.HAND_OVER].isEnabled()

    page.action_buttons[ActionKind.HAND_OVER].click()
    wait_page(qtbot, desk, "staff-hand-over")
    hand_over = w.staff_screens["staff-hand-over"]
    hand_over.toggle.click()
    qtbot.waitUntil(lambda: hand_over.hand_over_button.isEnabled(), timeout=5_000)
    hand_over.hand_over_button.click()
    wait_page(qtbot, desk, VPage.VOUCHER.value)
    assert page.note.isVisible() and "handed over" in page.note.text.text()
    assert "not confirmed it yet" in page.elsewhere.text.text()
    assert not page.action_buttons[ActionKind.HAND_OVER].isEnabled()
    view = desk.staff.flow.area.view
    assert view.voucher.progress is ReissueProgress.COLLECTED

    # The centre away (one kiosk build for both halves: it is the slow part).
    page.new_search.emit()
    wait_page(qtbot, desk, VPage.FIND.value)
    centre.set_reachable(False)
    find = search(desk, OTHER)
    qtbot.waitUntil(lambda: find.notice.isVisible() and settled(desk), timeout=15_000)
    assert staff_page(desk) == VPage.FIND.value
    assert find.notice.text.text() == (
        "The central service cannot be reached; vouchers of other kiosks cannot be looked up now."
    )

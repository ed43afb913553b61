"""The voucher actions' pages with real widgets: what each shows for an action's view, what a
tap on it says, the wiring to the open action (a real VoucherAction behind `send`), the
refusal in words, and nothing of the voucher left after a wipe."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from desk_helpers import desk_voucher
from PySide6.QtCore import Qt
from ui_helpers import make, shown

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.desk import (
    DeskRefusal,
    DeskVoucher,
    Reimbursement,
    ReprintReason,
)
from kiosk.domain.journal import (
    AccountRole,
    ReissueProgress,
)
from kiosk.domain.staff import StaffSession
from kiosk.flows.staff_voucher_actions import ActionKind, ActionNotice, VoucherAction
from kiosk.ui.screens.staff.desk_words import note_words, refusal_text
from kiosk.ui.screens.staff.voucher_actions import (
    HandOverScreen,
    ProgressScreen,
    ReimburseScreen,
    ReprintScreen,
    connect,
)

READY, P_IN_PRODUCTION = ReissueProgress.READY, ReissueProgress.IN_PRODUCTION
ISSUED = dt.datetime(2026, 12, 1, 9, 30, tzinfo=CHINA_TZ)
TODAY = dt.date(2026, 12, 5)
SESSION = StaffSession(7, "clerk1", "王芳", AccountRole.CLERK, ISSUED)
VOUCHER = desk_voucher(prints=2)
PAID = dataclasses.replace(
    VOUCHER, reimbursement=Reimbursement(123450, "Li Lei", TODAY, ISSUED, "clerk1")
)


def action(kind: ActionKind, voucher: DeskVoucher = VOUCHER) -> VoucherAction:
    opened = VoucherAction(SESSION, voucher, kind, lambda v, note: [])
    opened.start()
    if kind is ActionKind.REIMBURSE and opened.view.refusal is None:
        opened.today_found(TODAY)
    return opened


def screen(qtbot: Any, cls: type, opened: VoucherAction) -> Any:
    page = make(qtbot, cls)
    page.show_session(SESSION)
    page.show_view(opened.view)
    shown(qtbot, page)
    return page


def wired(qtbot: Any, page: Any, opened: VoucherAction) -> None:
    """`page` and the other action pages connected as the staff controller does, to `opened`
    (rendered again after each input, as the controller renders)."""
    screens = {
        cls.name: page if isinstance(page, cls) else make(qtbot, cls)
        for cls in (ReprintScreen, ProgressScreen, HandOverScreen, ReimburseScreen)
    }

    def send(kind: type, fn: Callable[[Any], list[Any]]) -> None:
        assert kind is VoucherAction
        fn(opened)
        page.show_view(opened.view)

    connect(screens, send)


def test_a_reprint_is_for_a_reason_chosen_or_typed(qtbot: Any) -> None:
    opened = action(ActionKind.REPRINT)
    page = screen(qtbot, ReprintScreen, opened)
    wired(qtbot, page, opened)
    assert VOUCHER.number in page.lead.text() and "0173" in page.lead.text()
    assert not page.print_button.isEnabled() and not page.keyboard.isVisible()
    assert "补打 / REPRINT 2" in page.mark.text()

    qtbot.mouseClick(page.reasons[ReprintReason.DAMAGED], Qt.MouseButton.LeftButton)
    assert opened.view.reason is ReprintReason.DAMAGED and page.print_button.isEnabled()
    with qtbot.waitSignal(page.print_clicked) as printed:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed.args == [""] and opened.view.busy
    assert not page.print_button.isEnabled()  # a second tap while it prints does nothing

    opened = action(ActionKind.REPRINT)
    page = screen(qtbot, ReprintScreen, opened)
    wired(qtbot, page, opened)
    qtbot.mouseClick(page.reasons[ReprintReason.OTHER], Qt.MouseButton.LeftButton)
    assert page.keyboard.isVisible() and not page.presets.isVisible()
    assert not page.print_button.isEnabled()  # nothing typed yet
    for ch in "Copy":
        page.keyboard.press(ch)
    assert page.other_field.text == "Copy" and page.print_button.isEnabled()
    with qtbot.waitSignal(page.print_clicked) as printed:
        page.keyboard.enter.emit()
    assert printed.args == ["Copy"]

    page.presets_button.click()  # the usual reasons again, once the print is over
    opened.failed(RuntimeError("printer driver bug"))
    page.show_view(opened.view)
    assert page.heading.currentWidget() is page.notice and "did not work" in (
        page.notice.text.text()
    )
    page.presets_button.click()
    assert opened.view.reason is None and page.presets.isVisible()


def test_progress_offers_buttons_forward_only(qtbot: Any) -> None:
    opened = action(ActionKind.PROGRESS)
    page = screen(qtbot, ProgressScreen, opened)
    wired(qtbot, page, opened)
    assert page.now.text() == "Applied"
    visible = [s for s, b in page.buttons.items() if b.isVisible()]
    assert visible == [ReissueProgress.IN_PRODUCTION, ReissueProgress.READY]
    with qtbot.waitSignal(page.step_chosen) as chosen:
        qtbot.mouseClick(page.buttons[ReissueProgress.READY], Qt.MouseButton.LeftButton)
    assert chosen.args == ["ready"] and opened.view.busy
    later = action(ActionKind.PROGRESS, dataclasses.replace(VOUCHER, progress=P_IN_PRODUCTION))
    page.show_view(later.view)
    assert [s for s, b in page.buttons.items() if b.isVisible()] == [ReissueProgress.READY]


def test_the_hand_over_needs_the_toggle(qtbot: Any) -> None:
    opened = action(ActionKind.HAND_OVER, dataclasses.replace(VOUCHER, progress=READY))
    page = screen(qtbot, HandOverScreen, opened)
    wired(qtbot, page, opened)
    assert not page.hand_over_button.isEnabled() and not page.toggle.isChecked()
    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    assert opened.view.id_checked and page.hand_over_button.isEnabled()
    with qtbot.waitSignal(page.hand_over_clicked):
        qtbot.mouseClick(page.hand_over_button, Qt.MouseButton.LeftButton)
    assert opened.view.busy and not page.toggle.isEnabled()


def test_a_card_not_ready_is_refused_in_words(qtbot: Any) -> None:
    opened = action(ActionKind.HAND_OVER)
    page = screen(qtbot, HandOverScreen, opened)
    assert page.stack.currentIndex() == 1 and not page.toggle.isVisible()
    assert page.refused.text.text() == refusal_text(DeskRefusal.NOT_READY, VOUCHER)
    assert "not ready" in page.refused.text.text()


def test_a_reimbursement_in_yuan_by_the_clerk_reviewed_up_to_today(qtbot: Any) -> None:
    opened = action(ActionKind.REIMBURSE)
    page = screen(qtbot, ReimburseScreen, opened)
    wired(qtbot, page, opened)
    assert page.reviewer_field.text == "王芳"  # the clerk's name, Chinese kept as it is
    assert page.keys.currentWidget() is page.pad and not page.record_button.isEnabled()
    assert not page.date.later.isEnabled() and page.date.earlier.isEnabled()
    for key in "1234.567":  # the third decimal is refused by the pad
        page.pad.press(key)
    assert page.amount_field.text == "1234.56"
    assert not page.pad.keys["."].isEnabled()
    assert "1,234.56" in page.record_button.label and page.record_button.isEnabled()
    for _ in range(5):
        qtbot.mouseClick(page.date.earlier, Qt.MouseButton.LeftButton)
    assert opened.view.reviewed_on == ISSUED.date() and not page.date.earlier.isEnabled()

    qtbot.mouseClick(page.reviewer_field, Qt.MouseButton.LeftButton)  # the keyboard comes
    assert page.keys.currentWidget() is page.keyboard
    page.reviewer_field.clear()
    assert not page.record_button.isEnabled()
    for ch in "Li Lei":
        page.keyboard.press(ch)
    with qtbot.waitSignal(page.record_clicked) as recorded:
        qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert recorded.args == ["1234.56", "Li Lei"] and opened.view.busy

    page.wipe()
    assert page.amount_field.text == page.reviewer_field.text == page.lead.text() == ""


def test_a_second_reimbursement_says_when_and_by_whom(qtbot: Any) -> None:
    opened = action(ActionKind.REIMBURSE, PAID)
    page = screen(qtbot, ReimburseScreen, opened)
    text = page.refused.text.text()
    assert page.stack.currentIndex() == 1
    assert "Already reimbursed" in text and "Li Lei" in text and "1,234.50" in text


@pytest.mark.parametrize(
    ("notice", "tone"),
    [(ActionNotice.OUT_OF_PAPER, "warn"), (ActionNotice.DATABASE, "error")],
)
def test_what_went_wrong_takes_the_titles_place(
    qtbot: Any, notice: ActionNotice, tone: str
) -> None:
    opened = action(ActionKind.REPRINT)
    page = screen(qtbot, ReprintScreen, opened)
    page.show_view(dataclasses.replace(opened.view, notice=notice))
    assert page.heading.currentWidget() is page.notice
    assert page.notice.property("tone") == tone and "database" not in page.lead.text()
    page.show_view(opened.view)
    assert page.heading.currentIndex() == 0


def test_the_notes_for_the_voucher_page() -> None:
    assert note_words("reprinted", VOUCHER) == "Printed as 补打 / REPRINT 1."
    ready = dataclasses.replace(VOUCHER, progress=READY)
    assert note_words("progress_moved", ready) == "Progress moved to: Ready for pickup."
    assert "1,234.50" in note_words("reimbursed", PAID)
    assert note_words("handed_over", VOUCHER)

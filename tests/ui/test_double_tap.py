"""R9: double and triple taps, and taps during a screen change, never skip a screen, and nothing
is committed without the confirm screen shown and tapped on purpose.

Real mouse events through the window (QTest on its QWindow, as the platform delivers a tap),
on the demo kiosk with the production tap guard of 0.5 s; the taps come 120-150 ms apart, as
a citizen's double tap does.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.store.db import read_session

GUARD = 0.5
SSN, MOBILE = "110105198506120173", "13810245678"  # the "normal" demo card's holder


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk(tap_guard=GUARD)
    qtbot.waitExposed(kiosk.window)
    yield kiosk
    kiosk.close()


def spot(kiosk, widget: QWidget) -> QPoint:
    """The centre of `widget`, in window coordinates: where a finger lands."""
    return widget.mapTo(kiosk.window, widget.rect().center())


def tap(kiosk, at: QPoint) -> None:
    QTest.mouseClick(kiosk.window.windowHandle(), Qt.MouseButton.LeftButton, pos=at)


def step(kiosk) -> str:
    business = kiosk.controller.business
    return business.view.step.value if business is not None else ""


def settled(qtbot, kiosk) -> None:
    qtbot.waitUntil(lambda: kiosk.controller.worker.pending == 0, timeout=10_000)
    qtbot.wait(20)


def transactions(kiosk) -> int:
    with read_session(kiosk.engine) as session:
        return session.scalar(sa.text("SELECT count(*) FROM transactions"))


def to_review(qtbot, kiosk, choice: str) -> None:
    """Through the wizard by its signals (not taps) up to the review screen."""
    w = kiosk.window
    w.attract.report_loss_clicked.emit()
    qtbot.waitUntil(lambda: step(kiosk) == "identify")
    w.identify.submitted.emit(SSN, MOBILE, False)
    qtbot.waitUntil(lambda: step(kiosk) == "what_happened", timeout=10_000)
    w.what_happened.chosen.emit(choice)
    if choice != "temporary":
        qtbot.waitUntil(lambda: step(kiosk) == "outlet", timeout=10_000)
        w.outlet.chosen.emit(kiosk.controller.business.view.outlets[0].code)
        for screen, following in ((w.outlet, "materials"), (w.materials, "pickup")):
            screen.next_clicked.emit()
            qtbot.waitUntil(lambda following=following: step(kiosk) == following)
        w.pickup.next_clicked.emit()
    qtbot.waitUntil(lambda: step(kiosk) == "review", timeout=10_000)
    settled(qtbot, kiosk)
    qtbot.wait(int(GUARD * 1000) + 100)  # the citizen reads the review


@pytest.mark.parametrize("choice", ["temporary", "lost"])
def test_a_double_tap_on_all_correct_stops_at_the_confirm_screen(qtbot, kiosk, choice):
    to_review(qtbot, kiosk, choice)
    all_correct = spot(kiosk, kiosk.window.review.next_button)
    tap(kiosk, all_correct)
    qtbot.wait(130)
    tap(kiosk, all_correct)  # the second tap of a double tap
    settled(qtbot, kiosk)
    assert step(kiosk) == "confirm"
    assert transactions(kiosk) == 0
    # Long after the guard, that spot still holds nothing that commits.
    qtbot.wait(int(GUARD * 1000) + 100)
    tap(kiosk, all_correct)
    settled(qtbot, kiosk)
    assert step(kiosk) == "confirm" and transactions(kiosk) == 0
    confirm = kiosk.window.confirm.confirm_button
    assert not confirm.geometry().contains(
        confirm.parentWidget().mapFrom(kiosk.window, all_correct)
    )
    # Confirm, tapped on purpose, records the business once.
    tap(kiosk, spot(kiosk, confirm))
    qtbot.waitUntil(lambda: step(kiosk) == "receipt", timeout=10_000)
    settled(qtbot, kiosk)
    assert transactions(kiosk) == 1


def test_a_tap_on_confirm_as_it_appears_is_swallowed(qtbot, kiosk):
    to_review(qtbot, kiosk, "temporary")
    tap(kiosk, spot(kiosk, kiosk.window.review.next_button))
    qtbot.waitUntil(lambda: step(kiosk) == "confirm")
    tap(kiosk, spot(kiosk, kiosk.window.confirm.confirm_button))  # 0 ms into the new screen
    settled(qtbot, kiosk)
    assert step(kiosk) == "confirm" and transactions(kiosk) == 0
    qtbot.wait(int(GUARD * 1000) + 100)
    tap(kiosk, spot(kiosk, kiosk.window.confirm.confirm_button))
    qtbot.waitUntil(lambda: step(kiosk) == "receipt", timeout=10_000)


def test_a_triple_tap_on_next_moves_one_screen(qtbot, kiosk):
    to_review(qtbot, kiosk, "lost")
    for _ in range(3):  # back to the pickup date, whose Next is where review's is
        kiosk.window.header.back_clicked.emit()
        settled(qtbot, kiosk)
    assert step(kiosk) == "outlet"
    qtbot.wait(int(GUARD * 1000) + 100)
    next_spot = spot(kiosk, kiosk.window.outlet.next_button)
    for _ in range(3):
        tap(kiosk, next_spot)
        qtbot.wait(120)
    settled(qtbot, kiosk)
    assert step(kiosk) == "materials"  # not pickup, not review


def test_the_guard_lets_taps_through_once_it_has_passed(qtbot, kiosk):
    guard = kiosk.window.tap_guard
    kiosk.window.attract.report_loss_clicked.emit()
    qtbot.waitUntil(lambda: step(kiosk) == "identify")
    assert guard.armed
    qtbot.waitUntil(lambda: not guard.armed, timeout=2_000)
    kiosk.window.identify.id_field.set_text(SSN)
    kiosk.window.identify.mobile_field.set_text(MOBILE)
    tap(kiosk, spot(kiosk, kiosk.window.identify.next_button))
    qtbot.waitUntil(lambda: step(kiosk) == "what_happened", timeout=10_000)

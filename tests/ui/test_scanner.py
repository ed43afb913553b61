"""The keyboard-wedge scanner: a line typed then Enter is one scan, whole, trailing spaces
included (a space is a Base45 digit and may end a voucher's code)."""

from __future__ import annotations

from ui_helpers import make, shown

from kiosk.ui.widgets.scanner import ScannerInput, type_as_scanner


def test_a_scanned_code_keeps_its_trailing_space(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QWidget

    window = make(qtbot, QWidget)
    shown(qtbot, window, (200, 100))
    scanner = ScannerInput(window)
    scanner.set_active(True)
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    type_as_scanner(window, " SSK2:6BF+ ")
    qtbot.waitUntil(lambda: scans != [], timeout=2000)
    scanner.set_active(False)
    assert scans == ["SSK2:6BF+ "]

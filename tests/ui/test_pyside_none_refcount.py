"""Guards against a PySide6 bug seen in 6.12.0: reading a dynamic property that was never set
lost a reference to None, from Python and while Qt restyled the kiosk's widgets (about 1,700
per large-text toggle), until CPython freed None and aborted at exit. pyproject.toml keeps that
release out; these tests catch a release that does it again."""

import sys

from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import Theme, apply_theme
from kiosk.ui.window import KioskWindow

# A healthy binding may create or drop a few references to None; the bug lost one per read.
MARGIN = 50


def test_reading_an_unset_property_keeps_none_alive(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        assert widget.property("neverSet") is None
    assert sys.getrefcount(None) - before > -MARGIN


def test_toggling_large_text_on_the_kiosk_window_keeps_none_alive(qtbot, qapp):
    window = KioskWindow(kiosk_mode=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    apply_theme(qapp, Theme(large_text=False))
    qapp.processEvents()
    before = sys.getrefcount(None)
    for large in (True, False, True, False):
        apply_theme(qapp, Theme(large_text=large))
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -MARGIN

"""Fixtures for the screen and widget tests: the translations compiled once per run, a language
switch that leaves English (no translator) behind, the theme, a walk over every text a widget
shows, and the whole kiosk on the demo set-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from drivers.printers.base import Printer
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_settings
from kiosk.ui.i18n import Translations, compile_translations
from kiosk.ui.theme import Theme, apply_theme


@pytest.fixture(scope="session", autouse=True)
def _theme(qapp):
    """The kiosk's look for every UI test, as app.py sets it before the first screen."""
    apply_theme(qapp, Theme())


@pytest.fixture(autouse=True)
def _delete_widgets_of_earlier_tests(qapp):
    # Closed widgets marked delete-on-close go now, not at some later event loop: every theme
    # change restyles each live widget, and dead screens would make it slower test by test.
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    compile_translations(out)
    return out


@pytest.fixture
def translations(qapp, qm_dir) -> Iterator[Translations]:
    """Starts in Chinese, the kiosk's default; leaves the app in English, as Qt starts."""
    t = Translations(qapp, qm_dir)
    t.set_language("zh_CN")
    yield t
    t.set_language("en")


def _texts(root: QWidget) -> Iterator[str]:
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for col in range(widget.columnCount()):
                    item = widget.item(row, col)
                    if item is not None:
                        yield item.text()
        yield widget.accessibleName()
        yield widget.toolTip()


@pytest.fixture
def all_texts() -> Callable[[QWidget], str]:
    """Every text a widget and its children show or tell a screen reader, joined."""
    return lambda root: "\n".join(t for t in _texts(root) if t)


class FakeClock:
    """The controller's clock for idle time-outs: moved on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_kiosk(qapp, tmp_path) -> Callable[..., Kiosk]:
    """Builds the demo kiosk (mock reader, simulated cards, seeded SQLite) in tmp_path, on a
    FakeClock, shown at 1280x800; the test closes it."""

    def make(printer: Printer | None = None, *, language: str | None = None) -> Kiosk:
        data_dir = tmp_path / "kiosk"
        settings = load_settings(demo=True, environ={}, data_dir=data_dir, log_dir=data_dir / "log")
        kiosk = build_kiosk(settings, qapp, printer=printer)
        kiosk.controller.clock = FakeClock()
        if language is not None:
            kiosk.set_language(language)
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    return make

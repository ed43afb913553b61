"""Fixtures for the screen and widget tests: the translations compiled once per run, a language
switch that leaves English (no translator) behind, the theme, a walk over every text a widget
shows, a walk over the state of every widget, and the whole kiosk on the demo set-up. The plain
helpers the tests import (make, shown, wait_step) are in ui_helpers.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from drivers.printers.base import Printer
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_settings
from kiosk.demo.seed import seed_demo
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


def _state(widget: QWidget) -> tuple[object, ...]:
    """What a widget shows besides its children: shown or hidden, enabled, its font, and what
    its kind holds (a scroll bar's position, a page, a choice, a checked state, a text)."""
    state: list[object] = [
        type(widget).__name__,
        # Qt's own parts (a scroll bar's container) show and hide as the layout next runs.
        None if widget.objectName().startswith("qt_") else widget.isHidden(),
        widget.isEnabled(),
        widget.font().pixelSize(),
        widget.font().pointSizeF(),
        widget.accessibleName(),
    ]
    if isinstance(widget, QAbstractSlider):  # scroll bars of every scroll area and table
        state.append(("value", widget.value()))
    if isinstance(widget, QStackedWidget | QTabWidget):
        state.append(("page", widget.currentIndex()))
    if isinstance(widget, QComboBox):
        items = tuple(widget.itemText(i) for i in range(widget.count()))
        state.append(("choice", widget.currentIndex(), items))
    if isinstance(widget, QAbstractButton):
        state.append(("checked", widget.isChecked()))
    if isinstance(widget, QTableWidget):
        state.append(("rows", widget.rowCount()))
    text = getattr(widget, "text", None)  # labels, buttons, line edits, the entry fields
    text = text() if callable(text) else text
    if isinstance(text, str):
        state.append(("text", text))
    length = getattr(widget, "length", None)  # the PIN keypad's digits
    if isinstance(length, int):
        state.append(("length", length))
    return tuple(state)


def widget_states(root: QWidget) -> dict[str, tuple[object, ...]]:
    """The state of `root` and of every widget in it, by a path of object names (class names
    and a count where a widget has none): two windows built alike give the same paths."""
    # Widgets dropped by a layout are deleted later: let them go, or they count as shown.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    states: dict[str, tuple[object, ...]] = {}

    def walk(widget: QWidget, path: str) -> None:
        states[path] = _state(widget)
        seen: dict[str, int] = {}
        for child in widget.children():
            if isinstance(child, QWidget):
                key = child.objectName() or type(child).__name__
                seen[key] = seen.get(key, 0) + 1
                walk(child, f"{path}/{key}#{seen[key]}")

    walk(root, root.objectName() or type(root).__name__)
    return states


@pytest.fixture
def widget_state() -> Callable[[QWidget], dict[str, tuple[object, ...]]]:
    """The state of every widget under a root, by path (see `widget_states`)."""
    return widget_states


class FakeClock:
    """The controller's clock for idle time-outs: moved on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_kiosk(qapp, tmp_path) -> Callable[..., Kiosk]:
    """Builds the demo kiosk (mock reader, simulated cards, seeded SQLite) in tmp_path, on a
    FakeClock, shown at 1280x800; the test closes it. Without the resident ID card reader
    (typing only) unless `id_reader` (the demo's mock ID card reader, `kiosk.id_reader`)."""

    def make(
        printer: Printer | None = None,
        *,
        language: str | None = None,
        tap_guard: float = 0.0,
        id_reader: bool = False,
    ) -> Kiosk:
        data_dir = tmp_path / "kiosk"
        # No tap guard unless a test asks for it: tests tap a screen as soon as it is shown.
        settings = load_settings(
            demo=True,
            environ={},
            data_dir=data_dir,
            log_dir=data_dir / "log",
            tap_guard_seconds=tap_guard,
            idcard_reader="mock" if id_reader else "none",
        )
        kiosk = build_kiosk(settings, qapp, printer=printer, seed=seed_demo)
        kiosk.controller.clock = FakeClock()
        if language is not None:
            kiosk.set_language(language)
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    return make

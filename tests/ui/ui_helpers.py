"""Helpers the screen and kiosk tests share: build a widget that the test owns, show it at a
size, and wait for the citizen flow to reach a step with nothing left on the worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

WINDOW = (1280, 800)  # the kiosk's screen
PAGE = (1280, 700)  # a business screen on its own: shorter than the window, as under the header


def make(qtbot: Any, cls: type[QWidget], *args: Any) -> Any:
    """`cls(*args)`, closed by qtbot after the test."""
    widget = cls(*args)
    # Deleted, not only closed, after the test: a theme change restyles every live widget.
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(widget)
    return widget


def shown(qtbot: Any, widget: QWidget, size: tuple[int, int] = WINDOW) -> None:
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)


def idle(kiosk: Any) -> bool:
    return kiosk.controller.worker.pending == 0


def wait_step(qtbot: Any, kiosk: Any, name: str) -> None:
    """Until the citizen flow is at step `name` and nothing runs on the worker."""
    qtbot.waitUntil(
        lambda: kiosk.controller.flow.view.step.value == name and idle(kiosk), timeout=10_000
    )

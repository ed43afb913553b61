"""Waiting on the staff desk's screens: the page shown, and nothing left to do on the worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel


def staff_page(kiosk: Any) -> str:
    flow = kiosk.staff.flow
    return flow.page if flow.active else ""


def settled(kiosk: Any) -> bool:
    flow = kiosk.staff.flow
    area = flow.area
    busy = flow.view.busy or (area is not None and getattr(area.view, "busy", False))
    return kiosk.controller.worker.pending == 0 and not busy


def wait_page(qtbot: Any, kiosk: Any, page: str) -> None:
    qtbot.waitUntil(lambda: staff_page(kiosk) == page and settled(kiosk), timeout=15_000)


def texts(widget: Any) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())

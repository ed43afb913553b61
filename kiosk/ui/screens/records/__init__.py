"""My records (PRODUCT.md flow 4): the screen (screen.py) and its four sections, one module
each: overview, contributions, work and skills, work injury. A section shows nothing until the
screen, once it has placed it, calls its `retranslate()`; `show_records()` fills it."""

from kiosk.ui.screens.records.screen import SECTIONS, RecordsScreen

__all__ = ["SECTIONS", "RecordsScreen"]

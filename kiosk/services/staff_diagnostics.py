"""What the staff area "diagnostics" can do, as callables the composition root makes from the
settings (kiosk.diag_setup.diagnostics_tools): the services layer cannot read the settings'
printer and audit wiring itself, and the screens need nothing but these three."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.services.printer_diag import TestPageResult
from kiosk.services.selftest import SelftestReport


@dataclass(frozen=True)
class SelftestRun:
    """A self-test run from the screen: its report, and why it is not in the audit log (None:
    it is, as `diag.selftest` with the staff member as actor)."""

    report: SelftestReport
    audit_problem: str | None = None


@dataclass(frozen=True)
class DiagnosticsTools:
    """`selftest(actor)`: run every check and record it; `printer_report()`: the printer's
    state and last jobs or files (kiosk.services.printer_diag.printer_report's shape);
    `test_page(actor)`: print the test page and record it. Each may take seconds: the worker
    calls them."""

    selftest: Callable[[str], SelftestRun]
    printer_report: Callable[[], dict[str, Any]]
    test_page: Callable[[str], TestPageResult]

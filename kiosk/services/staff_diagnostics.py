"""What the technician's staff areas can do, as callables the composition root makes from the
settings (kiosk.diag_setup.diagnostics_tools): the services layer cannot read the settings'
printer and audit wiring itself, and the screens need nothing but these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.services.bundle import BundleFile
from kiosk.services.export_places import ExportProblem
from kiosk.services.printer_diag import TestPageResult
from kiosk.services.selftest import SelftestReport
from kiosk.services.technician_audit import Actor


@dataclass(frozen=True)
class SelftestRun:
    """A self-test run from the screen: its report, and why it is not in the audit log (None:
    it is, as `diag.selftest` with the staff member as actor)."""

    report: SelftestReport
    audit_problem: str | None = None


@dataclass(frozen=True)
class BundleRun:
    """A diagnostics bundle made from the screen: the file written (its path, size and
    documents), and why it is not in the audit log (None: it is, as `diag.bundle_exported`
    with the staff member as actor). The bundle holds no personal data, so it is kept either
    way, as `kiosk diag bundle` keeps it."""

    file: BundleFile
    audit_problem: str | None = None


class BundleRefused(Exception):
    """The bundle could not be written at the place chosen: `problem` says why in a word the
    screen translates (the message, in English, is for the log's reader)."""

    def __init__(self, message: str, problem: ExportProblem) -> None:
        super().__init__(message)
        self.problem = problem


# The documents the running kiosk adds to a bundle made on screen: name -> JSON document
# (the last card test of this staff session, masked).
Documents = Mapping[str, Any]


@dataclass(frozen=True)
class DiagnosticsTools:
    """`selftest(actor)`: run every check and record it; `printer_report()`: the printer's
    state and last jobs or files (kiosk.services.printer_diag.printer_report's shape);
    `test_page(actor)`: print the test page and record it; `bundle(folder, actor, documents)`:
    write the diagnostics bundle into `folder` (raises BundleRefused) and record it (None:
    this kiosk cannot make one). Each may take seconds: the worker calls them."""

    selftest: Callable[[Actor], SelftestRun]
    printer_report: Callable[[], dict[str, Any]]
    test_page: Callable[[Actor], TestPageResult]
    bundle: Callable[[Path, Actor, Documents], BundleRun] | None = None

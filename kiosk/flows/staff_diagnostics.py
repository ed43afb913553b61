"""The staff area "diagnostics" (PRODUCT.md "Staff mode"), for technicians and administrators:
the self-test (`staff-diag`: every check with its verdict, what was found and the fix) and the
printer (`staff-diag-devices`: its state, reasons and last jobs or files, and a test page).

No Qt. The tools (kiosk.services.staff_diagnostics.DiagnosticsTools) run the checks, print and
record each run in the audit log with the staff member's login; this flow keeps what is on
screen and says what went wrong as a DiagNotice, never an exception's text.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.printer_diag import TestPageResult
from kiosk.services.staff_diagnostics import DiagnosticsTools, SelftestRun
from kiosk.services.technician_audit import Actor

log = logging.getLogger(__name__)


class DiagPage(enum.Enum):
    SELFTEST = "staff-diag"
    DEVICES = "staff-diag-devices"


class DiagNotice(enum.Enum):
    """One plain sentence each."""

    UNAVAILABLE = "unavailable"  # this kiosk was started without the tools
    SELFTEST_FAILED = "selftest_failed"  # the self-test itself broke (not a check failing)
    PRINTER_UNREADABLE = "printer_unreadable"  # the printer's report could not be made
    TEST_PAGE_FAILED = "test_page_failed"  # the test page broke before an outcome


class ToolsMissing(RuntimeError):
    """The kiosk was made without diagnostics tools (StaffServices.diagnostics is None)."""


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunSelftest:
    actor: Actor


@dataclass(frozen=True, slots=True)
class ReadPrinter:
    """The printer's report, now."""


@dataclass(frozen=True, slots=True)
class PrintTestPage:
    actor: Actor


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiagView:
    page: DiagPage = DiagPage.SELFTEST
    busy: bool = False
    run: SelftestRun | None = None  # the last self-test of this visit
    printer: dict[str, Any] | None = None  # kiosk.services.printer_diag.printer_report's shape
    test_page: TestPageResult | None = None  # the last test page of this visit
    notice: DiagNotice | None = None


class DiagnosticsArea:
    key: ClassVar[str] = "diagnostics"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS

    def __init__(self, session: StaffSession) -> None:
        # The audit log's actor for the self-test and test page: the login, with its kind (an
        # administrator is STAFF, a technician TECHNICIAN).
        self.actor = Actor.of(session)
        self.view = DiagView()

    @property
    def page(self) -> str:
        return self.view.page.value

    def start(self) -> Commands:
        """Nothing runs until asked: the self-test takes seconds and writes an audit entry."""
        self.view = DiagView()
        return []

    def back(self) -> bool:
        if self.view.page is DiagPage.DEVICES:
            self.view = replace(
                self.view, page=DiagPage.SELFTEST, busy=False, notice=None, test_page=None
            )
            return True
        return False

    # The self-test ------------------------------------------------------------------------------

    def run_selftest(self) -> Commands:
        if self._blocked(DiagPage.SELFTEST):
            return []
        self.view = replace(self.view, busy=True, notice=None)
        return [RunSelftest(self.actor)]

    def selftest_done(self, run: SelftestRun) -> Commands:
        self.view = replace(self.view, busy=False, run=run)
        return []

    def selftest_failed(self, error: BaseException) -> Commands:
        return self._failed(error, DiagNotice.SELFTEST_FAILED)

    # The printer --------------------------------------------------------------------------------

    def devices(self) -> Commands:
        if self._blocked(DiagPage.SELFTEST):
            return []
        self.view = replace(
            self.view, page=DiagPage.DEVICES, busy=True, notice=None, test_page=None
        )
        return [ReadPrinter()]

    def printer_read(self, report: dict[str, Any]) -> Commands:
        if self.view.page is DiagPage.DEVICES:  # not if Back was tapped meanwhile
            self.view = replace(self.view, busy=False, printer=report)
        return []

    def printer_failed(self, error: BaseException) -> Commands:
        if self.view.page is not DiagPage.DEVICES:
            return []
        return self._failed(error, DiagNotice.PRINTER_UNREADABLE)

    def print_test_page(self) -> Commands:
        if self._blocked(DiagPage.DEVICES):
            return []
        self.view = replace(self.view, busy=True, notice=None, test_page=None)
        return [PrintTestPage(self.actor)]

    def test_page_done(self, result: TestPageResult) -> Commands:
        """The outcome, then the printer read again: the page is its newest job or file."""
        if self.view.page is not DiagPage.DEVICES:
            return []
        self.view = replace(self.view, test_page=result)
        return [ReadPrinter()]

    def test_page_failed(self, error: BaseException) -> Commands:
        if self.view.page is not DiagPage.DEVICES:
            return []
        return self._failed(error, DiagNotice.TEST_PAGE_FAILED)

    def _failed(self, error: BaseException, notice: DiagNotice) -> Commands:
        if isinstance(error, ToolsMissing):
            notice = DiagNotice.UNAVAILABLE
        else:
            log.warning("diagnostics.%s error=%s", notice.value, type(error).__name__)
        self.view = replace(self.view, busy=False, notice=notice)
        return []

    def _blocked(self, page: DiagPage) -> bool:
        return self.view.busy or self.view.page is not page


def plans(helper: AreaPlans) -> CommandTable:
    """The area's commands as jobs on the worker, with the kiosk's diagnostics tools."""
    table = CommandTable()

    def tools() -> DiagnosticsTools:
        found = helper.services.diagnostics
        if found is None:
            raise ToolsMissing("no diagnostics tools")
        return found

    def area() -> DiagnosticsArea | None:
        return helper.area(DiagnosticsArea)

    def selftest(command: RunSelftest) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(
            lambda: tools().selftest(command.actor), a.selftest_done, a.selftest_failed
        )

    def read_printer(command: ReadPrinter) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(lambda: tools().printer_report(), a.printer_read, a.printer_failed)

    def test_page(command: PrintTestPage) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(
            lambda: tools().test_page(command.actor), a.test_page_done, a.test_page_failed
        )

    table.add(RunSelftest, selftest)
    table.add(ReadPrinter, read_printer)
    table.add(PrintTestPage, test_page)
    return table

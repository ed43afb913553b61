"""The staff area "database" (issue 13's Database screen), for technicians and administrators:
`staff-database` shows the Database report (kiosk.services.database_report): the URL with its
password hidden, the schema revision against the expected one, row counts, a timed round trip,
the integrity and audit chain checks and the outbox. The report is read when the area opens
and again on "Check again", on the worker. It changes nothing, so it is not audited.

No Qt. A report that could not be made at all is a DbNotice, never an exception's text; a
database that cannot be reached is the report's own `problem` (the screen words it).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from typing import ClassVar

from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.database_report import DatabaseReport
from kiosk.services.staff_reports import ReportTools

log = logging.getLogger(__name__)

PAGE = "staff-database"


class ReportNotice(enum.Enum):
    """One plain sentence each (shared by the areas "database" and "system")."""

    UNAVAILABLE = "unavailable"  # this kiosk was started without the report tools
    FAILED = "failed"  # the report itself broke (not what it found)


class ReportsMissing(RuntimeError):
    """The kiosk was made without report tools (StaffServices.reports is None)."""


@dataclass(frozen=True, slots=True)
class ReadDatabase:
    """The Database report, now."""


@dataclass(frozen=True, slots=True)
class DatabaseView:
    busy: bool = False
    report: DatabaseReport | None = None  # the newest report of this visit
    notice: ReportNotice | None = None


class DatabaseArea:
    key: ClassVar[str] = "database"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS

    def __init__(self, session: StaffSession) -> None:
        self.view = DatabaseView()

    @property
    def page(self) -> str:
        return PAGE

    def start(self) -> Commands:
        """The report at once: a technician opens the area to read it."""
        self.view = DatabaseView(busy=True)
        return [ReadDatabase()]

    def back(self) -> bool:
        return False

    def check_again(self) -> Commands:
        if self.view.busy:
            return []
        self.view = replace(self.view, busy=True, notice=None)
        return [ReadDatabase()]

    def report_read(self, report: DatabaseReport) -> Commands:
        self.view = replace(self.view, busy=False, report=report, notice=None)
        return []

    def report_failed(self, error: BaseException) -> Commands:
        self.view = replace(self.view, busy=False, notice=notice_of(error, "database"))
        return []


def notice_of(error: BaseException, area: str) -> ReportNotice:
    if isinstance(error, ReportsMissing):
        return ReportNotice.UNAVAILABLE
    log.warning("%s.report_failed error=%s", area, type(error).__name__)
    return ReportNotice.FAILED


def report_tools(helper: AreaPlans) -> ReportTools:
    found = helper.services.reports
    if found is None:
        raise ReportsMissing("no report tools")
    return found


def plans(helper: AreaPlans) -> CommandTable:
    """The report as a job on the worker, with the kiosk's report tools."""
    table = CommandTable()

    def read(command: ReadDatabase) -> Action | None:
        if (area := helper.area(DatabaseArea)) is None:
            return None
        return helper.job(
            lambda: report_tools(helper).database(), area.report_read, area.report_failed
        )

    table.add(ReadDatabase, read)
    return table

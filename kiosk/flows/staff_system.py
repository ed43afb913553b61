"""The staff area "system" (issue 13's System screen), for technicians and administrators:
`staff-system` shows the System report (kiosk.services.system_report): versions, disk free for
the data folder, the clock and time zone (warned about when it would misdate vouchers), uptime,
memory and the log's last lines. Read when the area opens and again on "Check again", on the
worker. It changes nothing, so it is not audited. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_database import ReportNotice, notice_of, report_tools
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.system_report import SystemReport

PAGE = "staff-system"


@dataclass(frozen=True, slots=True)
class ReadSystem:
    """The System report, now."""


@dataclass(frozen=True, slots=True)
class SystemView:
    busy: bool = False
    report: SystemReport | None = None
    notice: ReportNotice | None = None


class SystemArea:
    key: ClassVar[str] = "system"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS

    def __init__(self, session: StaffSession) -> None:
        self.view = SystemView()

    @property
    def page(self) -> str:
        return PAGE

    def start(self) -> Commands:
        self.view = SystemView(busy=True)
        return [ReadSystem()]

    def back(self) -> bool:
        return False

    def check_again(self) -> Commands:
        if self.view.busy:
            return []
        self.view = replace(self.view, busy=True, notice=None)
        return [ReadSystem()]

    def report_read(self, report: SystemReport) -> Commands:
        self.view = replace(self.view, busy=False, report=report, notice=None)
        return []

    def report_failed(self, error: BaseException) -> Commands:
        self.view = replace(self.view, busy=False, notice=notice_of(error, "system"))
        return []


def plans(helper: AreaPlans) -> CommandTable:
    table = CommandTable()

    def read(command: ReadSystem) -> Action | None:
        if (area := helper.area(SystemArea)) is None:
            return None
        return helper.job(
            lambda: report_tools(helper).system(), area.report_read, area.report_failed
        )

    table.add(ReadSystem, read)
    return table

"""The staff area "today" (PRODUCT.md "Staff mode"): the day's transactions with their totals
(today, or an earlier day, never a future one), the queue of messages waiting for the central
back end, the day-end slip, and the CSV export to a USB stick or the kiosk's export folder.

No Qt. Two pages: the day (`staff-today`) and the export's choice of place (`staff-export`).
The services (kiosk.services.day_report, export_places) do the work and the audit; this flow
keeps what is on screen and says what went wrong as a TodayNotice, never an exception's text.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from kiosk.domain.business import PrintOutcome
from kiosk.domain.day_report import DayReport, OutboxQueue
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.day_report import CsvExport, ExportProblem, ExportRefused
from kiosk.services.export_places import ExportPlace

log = logging.getLogger(__name__)


class TodayPage(enum.Enum):
    DAY = "staff-today"
    EXPORT = "staff-export"


class TodayNotice(enum.Enum):
    """One plain sentence each on the area's pages."""

    DATABASE = "database"  # the kiosk's database did not answer
    EXPORT_GONE = "export_gone"  # the stick was pulled (or the folder is gone)
    EXPORT_READ_ONLY = "export_read_only"
    EXPORT_FULL = "export_full"
    EXPORT_FAILED = "export_failed"
    EXPORT_NOT_RECORDED = "export_not_recorded"  # the audit log did not take it: nothing left


_EXPORT_NOTICES = {
    ExportProblem.GONE: TodayNotice.EXPORT_GONE,
    ExportProblem.READ_ONLY: TodayNotice.EXPORT_READ_ONLY,
    ExportProblem.FULL: TodayNotice.EXPORT_FULL,
    ExportProblem.WRITE_FAILED: TodayNotice.EXPORT_FAILED,
    ExportProblem.NOT_RECORDED: TodayNotice.EXPORT_NOT_RECORDED,
}


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadDay:
    day: dt.date | None  # None: today


@dataclass(frozen=True, slots=True)
class PrintDaySlip:
    actor: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class FindPlaces:
    """Where the export can go, now."""


@dataclass(frozen=True, slots=True)
class ExportDay:
    actor: str
    folder: Path
    day: dt.date


@dataclass(frozen=True, slots=True)
class DayData:
    """What LoadDay brings back."""

    report: DayReport
    queue: OutboxQueue
    today: dt.date


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TodayView:
    page: TodayPage = TodayPage.DAY
    busy: bool = False
    report: DayReport | None = None  # the day shown, with its totals and lines
    queue: OutboxQueue | None = None
    today: dt.date | None = None
    notice: TodayNotice | None = None
    slip: PrintOutcome | None = None  # the slip printed for the day shown, if one was
    places: tuple[ExportPlace, ...] = ()
    chosen: ExportPlace | None = None  # where the last export went (or was refused)
    exported: CsvExport | None = None  # the file written, with its rows

    @property
    def day(self) -> dt.date | None:
        return None if self.report is None else self.report.day

    @property
    def can_go_later(self) -> bool:
        """Never past today: tomorrow has nothing to show."""
        return self.day is not None and self.today is not None and self.day < self.today

    @property
    def is_today(self) -> bool:
        return self.day is not None and self.day == self.today


class TodayArea:
    key: ClassVar[str] = "today"
    permission: ClassVar[Permission] = Permission.DAY_REPORTS

    def __init__(self, session: StaffSession) -> None:
        self.actor = session.login  # the audit log's actor for exports and slips
        self.view = TodayView()

    @property
    def page(self) -> str:
        return self.view.page.value

    def start(self) -> Commands:
        self.view = TodayView(busy=True)
        return [LoadDay(None)]

    def back(self) -> bool:
        if self.view.page is TodayPage.EXPORT:
            self.view = replace(
                self.view, page=TodayPage.DAY, busy=False, notice=None, exported=None, places=()
            )
            return True
        return False

    # The day ------------------------------------------------------------------------------------

    def earlier(self) -> Commands:
        day = self.view.day
        if self._blocked(TodayPage.DAY) or day is None:
            return []
        return self._load(day - dt.timedelta(days=1))

    def later(self) -> Commands:
        day = self.view.day
        if self._blocked(TodayPage.DAY) or day is None or not self.view.can_go_later:
            return []
        return self._load(day + dt.timedelta(days=1))

    def _load(self, day: dt.date) -> Commands:
        self.view = replace(self.view, busy=True, notice=None)
        return [LoadDay(day)]

    def loaded(self, data: DayData) -> Commands:
        # A day in the future (the clock moved back) is not shown: today is.
        self.view = replace(
            self.view,
            busy=False,
            report=data.report,
            queue=data.queue,
            today=data.today,
            notice=None,
            slip=None if data.report.day != self.view.day else self.view.slip,
        )
        return []

    def load_failed(self, error: BaseException) -> Commands:
        log.warning("today.load_failed error=%s", type(error).__name__)
        self.view = replace(self.view, busy=False, notice=TodayNotice.DATABASE)
        return []

    # The day-end slip ---------------------------------------------------------------------------

    def print_slip(self) -> Commands:
        day = self.view.day
        if self._blocked(TodayPage.DAY) or day is None:
            return []
        self.view = replace(self.view, busy=True, slip=None, notice=None)
        return [PrintDaySlip(self.actor, day)]

    def slip_printed(self, outcome: PrintOutcome) -> Commands:
        self.view = replace(self.view, busy=False, slip=outcome)
        return []

    def slip_failed(self, error: BaseException) -> Commands:
        log.warning("today.slip_failed error=%s", type(error).__name__)
        return self.slip_printed(PrintOutcome.FAILED)

    # The export ---------------------------------------------------------------------------------

    def export(self) -> Commands:
        """Export the day shown: first, where to."""
        if self._blocked(TodayPage.DAY) or self.view.day is None:
            return []
        self.view = replace(
            self.view, page=TodayPage.EXPORT, busy=True, notice=None, exported=None, places=()
        )
        return [FindPlaces()]

    def look_again(self) -> Commands:
        """A stick was plugged in (or pulled) since the list was made."""
        if self._blocked(TodayPage.EXPORT):
            return []
        self.view = replace(self.view, busy=True, notice=None, exported=None)
        return [FindPlaces()]

    def places_found(self, places: tuple[ExportPlace, ...]) -> Commands:
        if self.view.page is TodayPage.EXPORT:
            self.view = replace(self.view, busy=False, places=tuple(places))
        return []

    def places_failed(self, error: BaseException) -> Commands:
        log.warning("today.places_failed error=%s", type(error).__name__)
        return self.places_found(())

    def export_to(self, index: int) -> Commands:
        """The place at `index` of the list on screen was chosen."""
        day = self.view.day
        places = self.view.places
        if self._blocked(TodayPage.EXPORT) or day is None or not 0 <= index < len(places):
            return []
        self.view = replace(self.view, busy=True, notice=None, exported=None, chosen=places[index])
        return [ExportDay(self.actor, places[index].path, day)]

    def exported(self, result: CsvExport) -> Commands:
        if self.view.page is TodayPage.EXPORT:  # not if Back was tapped meanwhile
            self.view = replace(self.view, busy=False, exported=result)
        return []

    def export_failed(self, error: BaseException) -> Commands:
        if self.view.page is not TodayPage.EXPORT:
            return []
        if isinstance(error, ExportRefused):
            notice = _EXPORT_NOTICES[error.problem]
        else:  # the day could not be read
            log.warning("today.export_failed error=%s", type(error).__name__)
            notice = TodayNotice.DATABASE
        self.view = replace(self.view, busy=False, notice=notice)
        return []

    def _blocked(self, page: TodayPage) -> bool:
        return self.view.busy or self.view.page is not page


def plans(helper: AreaPlans) -> CommandTable:
    """The area's commands as jobs on the worker, with the staff services."""
    days = helper.services.days
    table = CommandTable()

    def area() -> TodayArea | None:
        return helper.area(TodayArea)

    def load(command: LoadDay) -> Action | None:
        if (a := area()) is None:
            return None

        def work() -> DayData:
            today = days.today()
            day = today if command.day is None or command.day > today else command.day
            return DayData(days.report(day), days.queue(), today)

        return helper.job(work, a.loaded, a.load_failed)

    def print_slip(command: PrintDaySlip) -> Action | None:
        if (a := area()) is None:
            return None
        language = helper.language
        return helper.job(
            lambda: days.print_slip(actor=command.actor, language=language, day=command.day),
            a.slip_printed,
            a.slip_failed,
        )

    def find_places(command: FindPlaces) -> Action | None:
        if (a := area()) is None:
            return None
        # Looked up now, not when the plans were made: the tour points it at a pretend stick.
        return helper.job(helper.services.exports.places, a.places_found, a.places_failed)

    def export(command: ExportDay) -> Action | None:
        if (a := area()) is None:
            return None
        language = helper.language
        return helper.job(
            lambda: days.export_csv(
                command.folder, actor=command.actor, day=command.day, language=language
            ),
            a.exported,
            a.export_failed,
        )

    table.add(LoadDay, load)
    table.add(PrintDaySlip, print_slip)
    table.add(FindPlaces, find_places)
    table.add(ExportDay, export)
    return table

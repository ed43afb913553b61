"""The audit log area of staff mode: the log newest first, a page at a time, under filters a
finger can set (day range, who, outcome, action); one entry's detail; and the integrity check
with what it found. No Qt.

Opening the log and each new filter are audited by the service ("audit.viewed", the staff login
as actor); turning pages is not (the filter says what was looked at). The check is audited as
"audit.checked". The log is masked where it is written (citizens' actors, card numbers); what a
detail holds of free text (a clerk's reprint reason, a tampered row) is masked again here, so an
ID number typed where it should not be never reaches the screen.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import ClassVar

from kiosk.domain.calendar import local_date
from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.domain.masking import mask_id_numbers_in
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.audit_browse import AuditCheck, AuditFilter, AuditPage, BadAuditFilter

PAGE_ROWS = 25  # one page of the log: a screenful in normal text, a short scroll in large


class AuditStep(enum.Enum):
    LOG = "staff-audit"
    ENTRY = "staff-audit-entry"
    CHECK = "staff-audit-check"


class DayRange(enum.Enum):
    """The filter's day presets, counted back from today (local, China) included."""

    TODAY = "today"
    WEEK = "7d"
    MONTH = "30d"
    ALL = "all"

    @property
    def days(self) -> int | None:
        return {DayRange.TODAY: 1, DayRange.WEEK: 7, DayRange.MONTH: 30}.get(self)


class AuditNotice(enum.Enum):
    BAD_FILTER = "bad_filter"  # the service refused the filter (the screen offers none such)
    DATABASE = "database"  # the kiosk's database did not answer
    CHECK_NOT_RUN = "check_not_run"  # the check could not read the log


@dataclass(frozen=True, slots=True)
class AuditChoice:
    """The filter as the screen sets it; `action` None, `actor_kind` None, `outcome` None: all."""

    days: DayRange = DayRange.ALL
    actor_kind: ActorKind | None = None
    action: str | None = None
    outcome: Outcome | None = None

    def filter(self, now: dt.datetime) -> AuditFilter:
        """The service's filter, with the day range counted back from `now`'s local day."""
        first = last = None
        if self.days.days is not None:
            last = local_date(now)
            first = last - dt.timedelta(days=self.days.days - 1)
        return AuditFilter(first, last, self.actor_kind, self.action, self.outcome)


@dataclass(frozen=True, slots=True)
class DetailItem:
    """One key of an entry's detail, its value as text with ID numbers masked. `flag`: the value
    was a yes/no (the screen words it)."""

    key: str
    text: str
    flag: bool | None = None


def detail_items(detail: Mapping[str, object]) -> tuple[DetailItem, ...]:
    """An entry's detail (masked already: the area keeps only masked entries) as a readable
    list, in the order of its keys."""
    return tuple(
        DetailItem(str(key), "", value)
        if isinstance(value, bool)
        else DetailItem(str(key), _text(value))
        for key, value in detail.items()
    )


def _text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items()) or "—"
    return str(value)


def _masked(entry: AuditEntry) -> AuditEntry:
    """The entry with any ID number in its actor or its detail masked (citizens' are masked
    in the log; free text and a tampered row may not be): nothing unmasked is kept."""
    detail = _masked_value(entry.detail)
    assert isinstance(detail, dict)
    return replace(entry, actor=mask_id_numbers_in(entry.actor), detail=detail)


def _masked_value(value: object) -> object:
    if isinstance(value, str):
        return mask_id_numbers_in(value)
    if isinstance(value, list | tuple):
        return [_masked_value(v) for v in value]
    if isinstance(value, dict):
        return {mask_id_numbers_in(str(k)): _masked_value(v) for k, v in value.items()}
    return value


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadLog:
    """Read one page of the log. `ticket`: only the newest load's answer is shown. `viewer`:
    audit the view (a new filter). `with_actions`: also the action names for the filter."""

    ticket: int
    choice: AuditChoice
    cursor: int | None
    position: int  # the page's place from the newest (0: the first)
    viewer: str | None = None
    with_actions: bool = False


@dataclass(frozen=True, slots=True)
class RunCheck:
    actor: str


@dataclass(frozen=True, slots=True)
class LogLoaded:
    page: AuditPage
    actions: tuple[str, ...] | None  # None: not asked for


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditView:
    step: AuditStep = AuditStep.LOG
    busy: bool = False
    notice: AuditNotice | None = None
    choice: AuditChoice = AuditChoice()
    actions: tuple[str, ...] = ()  # the action names the filter offers
    entries: tuple[AuditEntry, ...] = ()
    page_no: int = 1
    has_older: bool = False
    has_newer: bool = False
    entry: AuditEntry | None = None  # the entry whose detail is shown
    detail: tuple[DetailItem, ...] = ()
    check: AuditCheck | None = None
    loaded: bool = False  # a page has been read (an empty list then means: nothing matches)


# The area ---------------------------------------------------------------------------------------


class AuditArea:
    key: ClassVar[str] = "audit"
    permission: ClassVar[Permission] = Permission.AUDIT_LOG

    def __init__(self, session: StaffSession) -> None:
        self.login = session.login
        self.view = AuditView()
        self._tickets = itertools.count(1)
        self._ticket = 0
        # The cursor of each page shown so far, newest first: "Newer" goes back one.
        self._cursors: list[int | None] = [None]
        self._next: int | None = None  # the cursor of the page older than the one shown

    @property
    def page(self) -> str:
        return self.view.step.value

    def start(self) -> Commands:
        return [self._load(self.view.choice, None, 0, audited=True, with_actions=True)]

    def back(self) -> bool:
        if self.view.step is AuditStep.LOG:
            return False
        self.view = replace(
            self.view, step=AuditStep.LOG, entry=None, detail=(), busy=False, notice=None
        )
        return True

    # Inputs -------------------------------------------------------------------------------------

    def choose(self, choice: AuditChoice) -> Commands:
        """A filter was set: its first page, audited."""
        if self.view.step is not AuditStep.LOG or choice == self.view.choice:
            return []
        return [self._load(choice, None, 0, audited=True)]

    def older(self) -> Commands:
        if self.view.step is not AuditStep.LOG or self.view.busy or self._next is None:
            return []
        position = self.view.page_no  # the page after the one shown (page_no counts from 1)
        return [self._load(self.view.choice, self._next, position)]

    def newer(self) -> Commands:
        if self.view.step is not AuditStep.LOG or self.view.busy or self.view.page_no <= 1:
            return []
        position = self.view.page_no - 2
        return [self._load(self.view.choice, self._cursors[position], position)]

    def open_entry(self, index: int) -> Commands:
        """A row was tapped: its detail (nothing to load: the page holds it)."""
        entries = self.view.entries
        if self.view.step is not AuditStep.LOG or self.view.busy:
            return []
        if not 0 <= index < len(entries):
            return []
        entry = entries[index]
        self.view = replace(
            self.view, step=AuditStep.ENTRY, entry=entry, detail=detail_items(entry.detail)
        )
        return []

    def run_check(self) -> Commands:
        """From the log, or again from the check's page."""
        if self.view.step is AuditStep.ENTRY or self.view.busy:
            return []
        self.view = replace(
            self.view, step=AuditStep.CHECK, busy=True, check=None, notice=None, entry=None
        )
        return [RunCheck(self.login)]

    # Results ------------------------------------------------------------------------------------

    def log_loaded(self, command: LoadLog, loaded: LogLoaded) -> Commands:
        if command.ticket != self._ticket:
            return []  # a later load was asked for meanwhile
        self._cursors = [*self._cursors[: command.position], command.cursor]
        self._next = loaded.page.next_cursor
        self.view = replace(
            self.view,
            busy=False if self.view.step is AuditStep.LOG else self.view.busy,
            notice=None if self.view.step is AuditStep.LOG else self.view.notice,
            choice=command.choice,
            actions=loaded.actions if loaded.actions is not None else self.view.actions,
            entries=tuple(_masked(entry) for entry in loaded.page.entries),
            page_no=command.position + 1,
            has_older=loaded.page.next_cursor is not None,
            has_newer=command.position > 0,
            loaded=True,
        )
        return []

    def log_failed(self, command: LoadLog, error: BaseException) -> Commands:
        if command.ticket != self._ticket:
            return []
        bad = isinstance(error, BadAuditFilter)
        notice = AuditNotice.BAD_FILTER if bad else AuditNotice.DATABASE
        # The filter stays as chosen (nothing the staff member set is lost); no rows stand
        # under a filter they do not match.
        self._cursors, self._next = [None], None
        self.view = replace(
            self.view,
            busy=False,
            notice=notice if self.view.step is AuditStep.LOG else self.view.notice,
            choice=command.choice,
            entries=(),
            page_no=1,
            has_older=False,
            has_newer=False,
            loaded=False,
        )
        return []

    def checked(self, check: AuditCheck) -> Commands:
        """The check's result; the log is read again behind it (the check added its entry)."""
        if self.view.step is AuditStep.CHECK:
            self.view = replace(self.view, busy=False, check=check, notice=None)
        return [self._load(self.view.choice, None, 0, with_actions=True, quiet=True)]

    def check_failed(self, error: BaseException) -> Commands:
        if self.view.step is AuditStep.CHECK:
            self.view = replace(self.view, busy=False, notice=AuditNotice.CHECK_NOT_RUN)
        return []

    # Helpers ------------------------------------------------------------------------------------

    def _load(
        self,
        choice: AuditChoice,
        cursor: int | None,
        position: int,
        *,
        audited: bool = False,
        with_actions: bool = False,
        quiet: bool = False,
    ) -> LoadLog:
        """A load, shown as busy (the list cannot be tapped meanwhile) unless `quiet`."""
        self._ticket = next(self._tickets)
        if not quiet:
            self.view = replace(self.view, busy=True, choice=choice, notice=None)
        return LoadLog(
            self._ticket,
            choice,
            cursor,
            position,
            viewer=self.login if audited else None,
            with_actions=with_actions,
        )


# Plans ------------------------------------------------------------------------------------------


def plans(helper: AreaPlans) -> CommandTable:
    """LoadLog and RunCheck on the worker, through the staff services' AuditBrowser."""
    services = helper.services
    browser = services.audit
    table = CommandTable()

    def load(command: LoadLog) -> Action:
        def work() -> LogLoaded:
            page = browser.page(
                command.choice.filter(services.context.now()),
                cursor=command.cursor,
                size=PAGE_ROWS,
                viewer=command.viewer,
            )
            actions = tuple(browser.actions()) if command.with_actions else None
            return LogLoaded(page, actions)

        def done(loaded: LogLoaded) -> Commands:
            area = helper.area(AuditArea)
            return area.log_loaded(command, loaded) if area else []

        def failed(error: BaseException) -> Commands:
            area = helper.area(AuditArea)
            return area.log_failed(command, error) if area else []

        return helper.job(work, done, failed)

    def check(command: RunCheck) -> Action:
        def done(result: AuditCheck) -> Commands:
            area = helper.area(AuditArea)
            return area.checked(result) if area else []

        def failed(error: BaseException) -> Commands:
            area = helper.area(AuditArea)
            return area.check_failed(error) if area else []

        return helper.job(lambda: browser.check(actor=command.actor), done, failed)

    table.add(LoadLog, load)
    table.add(RunCheck, check)
    return table


__all__ = [
    "PAGE_ROWS",
    "AuditArea",
    "AuditChoice",
    "AuditNotice",
    "AuditStep",
    "AuditView",
    "DayRange",
    "DetailItem",
    "LoadLog",
    "LogLoaded",
    "RunCheck",
    "detail_items",
    "plans",
]

"""The staff area "bundle" (Permission.DIAGNOSTICS): the diagnostics bundle made on screen, one
archive for a support ticket (as `kiosk diag bundle` makes it, with the self-test and the last
card test), written to a USB stick or the kiosk's export folder as the day's CSV export offers
them (kiosk.services.export_places), then its file name, size and where it went. One page,
`staff-bundle`.

No Qt. StaffServices.make_bundle gathers, writes and records it with the staff login as actor;
this flow keeps what is on screen and says what went wrong as a BundleNotice, never an
exception's text. A bundle holds no personal data, so one the audit log could not record is
kept, and the screen says it is not recorded.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.export_places import ExportPlace, ExportProblem
from kiosk.services.staff_diagnostics import BundleRefused, BundleRun

log = logging.getLogger(__name__)


class BundlePage(enum.Enum):
    BUNDLE = "staff-bundle"


class BundleNotice(enum.Enum):
    """One plain sentence each."""

    UNAVAILABLE = "unavailable"  # this kiosk was started without the bundle tool
    GONE = "gone"  # the stick was pulled (or the folder is gone)
    READ_ONLY = "read_only"
    FULL = "full"
    FAILED = "failed"  # anything else: the bundle could not be made or written


_NOTICES = {
    ExportProblem.GONE: BundleNotice.GONE,
    ExportProblem.READ_ONLY: BundleNotice.READ_ONLY,
    ExportProblem.FULL: BundleNotice.FULL,
}


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FindBundlePlaces:
    """Where the bundle can go, now."""


@dataclass(frozen=True, slots=True)
class MakeBundle:
    session: StaffSession  # the audit log's actor, with its kind
    folder: Path


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BundleView:
    page: BundlePage = BundlePage.BUNDLE
    busy: bool = False
    making: bool = False  # the bundle is being gathered and written (seconds)
    places: tuple[ExportPlace, ...] = ()
    chosen: ExportPlace | None = None  # where the last bundle went (or was refused)
    written: BundleRun | None = None
    notice: BundleNotice | None = None


class BundleArea:
    key: ClassVar[str] = "bundle"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS

    def __init__(self, session: StaffSession) -> None:
        self.session = session
        self.view = BundleView()

    @property
    def page(self) -> str:
        return self.view.page.value

    def start(self) -> Commands:
        self.view = BundleView(busy=True)
        return [FindBundlePlaces()]

    def back(self) -> bool:
        return False

    def look_again(self) -> Commands:
        """A stick was plugged in (or pulled) since the list was made."""
        if self.view.busy:
            return []
        self.view = replace(self.view, busy=True, notice=None, written=None)
        return [FindBundlePlaces()]

    def places_found(self, places: tuple[ExportPlace, ...]) -> Commands:
        self.view = replace(self.view, busy=False, places=tuple(places))
        return []

    def places_failed(self, error: BaseException) -> Commands:
        log.warning("bundle.places_failed error=%s", type(error).__name__)
        return self.places_found(())

    def make_at(self, index: int) -> Commands:
        """The place at `index` of the list on screen was chosen."""
        places = self.view.places
        if self.view.busy or not 0 <= index < len(places):
            return []
        self.view = replace(
            self.view, busy=True, making=True, notice=None, written=None, chosen=places[index]
        )
        return [MakeBundle(self.session, places[index].path)]

    def made(self, run: BundleRun) -> Commands:
        self.view = replace(self.view, busy=False, making=False, written=run)
        return []

    def make_failed(self, error: BaseException) -> Commands:
        if isinstance(error, BundleRefused):
            notice = _NOTICES.get(error.problem, BundleNotice.FAILED)
        elif isinstance(error, LookupError):
            notice = BundleNotice.UNAVAILABLE
        else:
            log.warning("bundle.failed error=%s", type(error).__name__)
            notice = BundleNotice.FAILED
        self.view = replace(self.view, busy=False, making=False, notice=notice)
        return []


def plans(helper: AreaPlans) -> CommandTable:
    """The area's commands as jobs on the worker."""
    table = CommandTable()

    def area() -> BundleArea | None:
        return helper.area(BundleArea)

    def find(command: FindBundlePlaces) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(helper.services.exports.places, a.places_found, a.places_failed)

    def make(command: MakeBundle) -> Action | None:
        if (a := area()) is None:
            return None
        services = helper.services
        return helper.job(
            lambda: services.make_bundle(command.folder, command.session), a.made, a.make_failed
        )

    table.add(FindBundlePlaces, find)
    table.add(MakeBundle, make)
    return table

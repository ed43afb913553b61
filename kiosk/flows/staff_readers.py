"""The staff area "readers" (Permission.DIAGNOSTICS): the card readers, live (`staff-readers`):
each reader's state, media, driver and last problem, which one the kiosk uses, and pcscd
(running or not, its version) or the demo's simulated reader; and the resident ID card reader,
its own row in the same vocabulary (its notices, from the citizen controller's bridge, make a
new look as the card readers' events do).

No Qt. While the page is open the staff controller hands it the kiosk's reader events
(`live_readers`; kiosk.ui.staff_controller subscribes through the services and unsubscribes
when the area closes or staff mode ends); each event asks for a new look
(kiosk.services.reader_diag.ReaderDiagnostics.report) on the worker. Events that come while a
look is under way make one more look when it is done, not one each. Looking changes nothing,
so nothing here is audited.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field, replace
from typing import ClassVar

from kiosk.domain.devices import ReaderEvent
from kiosk.domain.idcard import IdCardNotice
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.reader_diag import ReaderDiagnostics, ReadersReport

log = logging.getLogger(__name__)


class ReadersPage(enum.Enum):
    READERS = "staff-readers"


class ReadersNotice(enum.Enum):
    UNAVAILABLE = "unavailable"  # the kiosk was made without a reader backend for staff
    UNREADABLE = "unreadable"  # the look itself broke


class ReaderDiagnosticsMissing(RuntimeError):
    """The kiosk was made without reader diagnostics (StaffServices.readers is None)."""


@dataclass(frozen=True, slots=True)
class ReadReaders:
    """A look at the readers, followed from the last one."""

    previous: ReadersReport | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class ReadersView:
    page: ReadersPage = ReadersPage.READERS
    busy: bool = False
    report: ReadersReport | None = None
    notice: ReadersNotice | None = None


class ReadersArea:
    key: ClassVar[str] = "readers"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS
    live_readers: ClassVar[bool] = True  # the staff controller feeds `reader_event` while open

    def __init__(self, session: StaffSession) -> None:
        self.view = ReadersView()
        self._again = False  # an event came during a look: look once more when it is done

    @property
    def page(self) -> str:
        return self.view.page.value

    def start(self) -> Commands:
        self.view = ReadersView()
        self._again = False
        return self._look()

    def back(self) -> bool:
        return False

    def reader_event(self, event: ReaderEvent) -> Commands:
        """A reader or card came or went (or pcscd): look again."""
        log.info("readers.event kind=%s", event.kind.value)
        return self._look()

    def id_card_notice(self, notice: IdCardNotice) -> Commands:
        """The ID card reader's notice (a card laid on or taken away, the reader lost or
        back): look again. Nothing of the card is kept or logged."""
        log.info("readers.id_notice kind=%s", notice.kind.value)
        return self._look()

    def readers_read(self, report: ReadersReport) -> Commands:
        self.view = replace(self.view, busy=False, report=report, notice=None)
        if self._again:
            self._again = False
            return self._look()
        return []

    def readers_failed(self, error: BaseException) -> Commands:
        if isinstance(error, ReaderDiagnosticsMissing):
            notice = ReadersNotice.UNAVAILABLE
        else:
            notice = ReadersNotice.UNREADABLE
            log.warning("readers.unreadable error=%s", type(error).__name__)
        self.view = replace(self.view, busy=False, notice=notice)
        self._again = False
        return []

    def _look(self) -> Commands:
        if self.view.busy:
            self._again = True
            return []
        self.view = replace(self.view, busy=True)
        return [ReadReaders(self.view.report)]


def plans(helper: AreaPlans) -> CommandTable:
    """A look at the readers as a job on the worker, with the kiosk's reader diagnostics."""
    table = CommandTable()

    def readers() -> ReaderDiagnostics:
        found = helper.services.readers
        if found is None:
            raise ReaderDiagnosticsMissing("no reader diagnostics")
        return found

    def read(command: ReadReaders) -> Action | None:
        if (area := helper.area(ReadersArea)) is None:
            return None
        return helper.job(
            lambda: readers().report(command.previous), area.readers_read, area.readers_failed
        )

    table.add(ReadReaders, read)
    return table

"""The voucher desk area of staff mode (issue 12, "What the clerk does"): find a voucher by its
scanned QR code, its number, the holder's ID number or a range of issue dates; see it with its
history; check that a scanned code is genuine (offline, with public keys only); and open one
action on it (reprint, progress, hand-over, reimbursement: kiosk.flows.staff_voucher_actions,
a sub-flow held in `sub` while open).

Pages: staff-find (the four ways), staff-found (a list), staff-voucher (one voucher, with the
check's result when it was scanned), staff-check (a scanned code that is not genuine, or
genuine but not in this back end's records). No Qt; the plans at the end call
kiosk.services.voucher_desk on the worker.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from kiosk.domain.desk import DeskFind, DeskRefusal, DeskRefused, DeskVoucher, StaffActor
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, CommandTable
from kiosk.flows.staff import Commands
from kiosk.flows.staff_runner import AreaPlans
from kiosk.flows.staff_voucher_actions import (
    ActionKind,
    VoucherAction,
    action_plans,
    action_refusals,
)
from kiosk.services.voucher_desk import DeskCheck, DeskOffline

log = logging.getLogger(__name__)


class VPage(enum.Enum):
    FIND = "staff-find"
    FOUND = "staff-found"
    VOUCHER = "staff-voucher"
    CHECK = "staff-check"


class FindBy(enum.Enum):
    CODE = "code"
    NUMBER = "number"
    HOLDER = "holder"
    DATES = "dates"


class DeskNotice(enum.Enum):
    """What the find screen tells the clerk when a search did not get through: one plain
    sentence each (the words are the screen's)."""

    NUMBER_INVALID = "number_invalid"
    ID_NUMBER_INVALID = "id_number_invalid"
    DATES_INVALID = "dates_invalid"
    NOT_FOUND = "not_found"  # no voucher with this number in this back end
    NOT_ALLOWED = "not_allowed"  # the account may no longer work the desk
    OFFLINE = "offline"  # the kiosk's database did not answer
    CENTRE_UNREACHABLE = "centre_unreachable"  # not here, and the centre could not be asked
    FAILED = "failed"  # anything else: nothing was shown, try again


_NOTICE_OF: dict[DeskRefusal, DeskNotice] = {
    DeskRefusal.NUMBER_INVALID: DeskNotice.NUMBER_INVALID,
    DeskRefusal.ID_NUMBER_INVALID: DeskNotice.ID_NUMBER_INVALID,
    DeskRefusal.DATES_INVALID: DeskNotice.DATES_INVALID,
    DeskRefusal.VOUCHER_NOT_FOUND: DeskNotice.NOT_FOUND,
    DeskRefusal.STAFF_NOT_ALLOWED: DeskNotice.NOT_ALLOWED,
    DeskRefusal.CENTRE_UNREACHABLE: DeskNotice.CENTRE_UNREACHABLE,
}


def notice_of(error: BaseException) -> DeskNotice:
    """A failed search's error as the clerk is told it (never the exception's text)."""
    if isinstance(error, DeskRefused):
        return _NOTICE_OF.get(error.refusal, DeskNotice.FAILED)
    if isinstance(error, DeskOffline):
        return DeskNotice.OFFLINE
    log.warning("desk.find_failed error=%s", type(error).__name__)
    return DeskNotice.FAILED


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckVoucherCode:
    staff: StaffActor
    code: str = field(repr=False)  # never in a log


@dataclass(frozen=True, slots=True)
class FindVoucherNumber:
    staff: StaffActor
    text: str


@dataclass(frozen=True, slots=True)
class FindHolderVouchers:
    staff: StaffActor
    id_number: str


@dataclass(frozen=True, slots=True)
class FindVouchersIssued:
    staff: StaffActor
    first: dt.date
    last: dt.date


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VouchersView:
    page: VPage = VPage.FIND
    busy: bool = False
    notice: DeskNotice | None = None
    searching: FindBy | None = None  # the search under way, or the last one
    found: DeskFind | None = None  # staff-found's list
    dates: tuple[dt.date, dt.date] | None = None  # the range searched, for staff-found
    voucher: DeskVoucher | None = None  # staff-voucher's voucher
    actions: tuple[tuple[ActionKind, DeskRefusal | None], ...] = ()  # its actions, and why not
    check: DeskCheck | None = None  # the scanned code's check (staff-voucher and staff-check)
    note: str = ""  # the last action's note key ("reprinted"...), shown on staff-voucher


# The area ---------------------------------------------------------------------------------------


class VoucherDeskArea:
    key: ClassVar[str] = "vouchers"
    permission: ClassVar[Permission] = Permission.VOUCHER_DESK

    def __init__(self, session: StaffSession) -> None:
        self.session = session
        self.staff = StaffActor(session.login, session.role)
        self.own_view = VouchersView()
        self.sub: VoucherAction | None = None
        self._from_list = False  # the voucher page was opened from staff-found

    @property
    def page(self) -> str:
        return self.sub.page if self.sub is not None else self.own_view.page.value

    @property
    def view(self) -> Any:
        return self.sub.view if self.sub is not None else self.own_view

    def start(self) -> Commands:
        self.own_view = VouchersView()
        return []

    def back(self) -> bool:
        if self.sub is not None:
            if not self.sub.back():
                self.sub = None
            return True
        v = self.own_view
        if v.page is VPage.FIND:
            return False
        if v.page is VPage.VOUCHER and self._from_list and v.found is not None:
            self.own_view = replace(v, page=VPage.FOUND, note="", check=None)
        else:
            self.show_find()
        return True

    # Inputs -------------------------------------------------------------------------------------

    def show_find(self) -> Commands:
        """A new search: the find screen, what was found before forgotten."""
        if self.sub is None and not self.own_view.busy:
            self.own_view = VouchersView()
            self._from_list = False
        return []

    def find_by_code(self, text: str) -> Commands:
        """A code the counter scanner typed: checked, then the voucher if this back end has it."""
        if not self._may_search() or not text.strip():
            return []
        self._search(FindBy.CODE)
        return [CheckVoucherCode(self.staff, text)]

    def find_by_number(self, text: str) -> Commands:
        if not self._may_search() or not text.strip():
            return []
        self._search(FindBy.NUMBER)
        return [FindVoucherNumber(self.staff, text)]

    def find_by_holder(self, id_number: str) -> Commands:
        if not self._may_search() or not id_number.strip():
            return []
        self._search(FindBy.HOLDER)
        return [FindHolderVouchers(self.staff, id_number)]

    def find_by_dates(self, first: dt.date, last: dt.date) -> Commands:
        if not self._may_search():
            return []
        self._search(FindBy.DATES)
        self.own_view = replace(self.own_view, dates=(first, last))
        return [FindVouchersIssued(self.staff, first, last)]

    def open_voucher(self, number: str) -> Commands:
        """A voucher tapped in the list (its history came with the search)."""
        v = self.own_view
        if self.sub is not None or v.busy or v.page is not VPage.FOUND or v.found is None:
            return []
        for voucher in v.found.vouchers:
            if voucher.number == number:
                self._from_list = True
                self._show_voucher(voucher)
        return []

    def act(self, kind: ActionKind) -> Commands:
        """One of the voucher page's action buttons: opens the action's sub-flow, if allowed."""
        v = self.own_view
        voucher = v.voucher
        if self.sub is not None or v.busy or v.page is not VPage.VOUCHER or voucher is None:
            return []
        if dict(v.actions).get(kind, DeskRefusal.VOUCHER_NOT_FOUND) is not None:
            return []
        self.own_view = replace(v, note="")
        self.sub = VoucherAction(self.session, voucher, kind, self._acted)
        return self.sub.start()

    # Results ------------------------------------------------------------------------------------

    def checked(self, check: DeskCheck) -> Commands:
        if not self._waiting(FindBy.CODE):
            return []
        if check.genuine and check.voucher is not None:
            self._from_list = False
            self._show_voucher(check.voucher, check=check)
        else:
            self.own_view = VouchersView(VPage.CHECK, searching=FindBy.CODE, check=check)
        return []

    def found_one(self, voucher: DeskVoucher) -> Commands:
        if self._waiting(FindBy.NUMBER):
            self._from_list = False
            self._show_voucher(voucher)
        return []

    def found(self, find: DeskFind) -> Commands:
        v = self.own_view
        if v.busy and v.searching in (FindBy.HOLDER, FindBy.DATES):
            self.own_view = VouchersView(
                VPage.FOUND, searching=v.searching, found=find, dates=v.dates
            )
        return []

    def failed(self, error: BaseException) -> Commands:
        v = self.own_view
        if v.busy:
            self.own_view = replace(v, page=VPage.FIND, busy=False, notice=notice_of(error))
        return []

    def _acted(self, voucher: DeskVoucher, note: str) -> Commands:
        """The action's sub-flow succeeded: back on the voucher page, as it is now."""
        self.sub = None
        v = self.own_view
        found = v.found
        if found is not None:  # the list shows it as it is now too
            vouchers = tuple(voucher if x.number == voucher.number else x for x in found.vouchers)
            found = replace(found, vouchers=vouchers)
        self.own_view = replace(v, found=found, check=None)
        self._show_voucher(voucher, note=note)
        return []

    # Helpers ------------------------------------------------------------------------------------

    def _may_search(self) -> bool:
        return self.sub is None and not self.own_view.busy and self.own_view.page is VPage.FIND

    def _search(self, by: FindBy) -> None:
        self.own_view = VouchersView(VPage.FIND, busy=True, searching=by)

    def _waiting(self, by: FindBy) -> bool:
        return self.own_view.busy and self.own_view.searching is by

    def _show_voucher(
        self, voucher: DeskVoucher, *, check: DeskCheck | None = None, note: str = ""
    ) -> None:
        v = self.own_view
        self.own_view = replace(
            v,
            page=VPage.VOUCHER,
            busy=False,
            notice=None,
            voucher=voucher,
            actions=tuple(action_refusals(voucher).items()),
            check=check,
            note=note,
        )


# Plans ------------------------------------------------------------------------------------------


def plans(helper: AreaPlans) -> CommandTable:
    """The desk's searches on the worker, their results back to the area that asked; and the
    action sub-flow's plans."""
    desk = helper.services.desk
    table = CommandTable()

    def area() -> VoucherDeskArea | None:
        return helper.area(VoucherDeskArea)

    def check(command: CheckVoucherCode) -> Action | None:
        a = area()
        if a is None:
            return None
        return helper.job(lambda: desk.check_code(command.staff, command.code), a.checked, a.failed)

    def by_number(command: FindVoucherNumber) -> Action | None:
        a = area()
        if a is None:
            return None
        return helper.job(
            lambda: desk.find_by_number(command.staff, command.text), a.found_one, a.failed
        )

    def by_holder(command: FindHolderVouchers) -> Action | None:
        a = area()
        if a is None:
            return None
        return helper.job(
            lambda: desk.find_by_holder(command.staff, command.id_number), a.found, a.failed
        )

    def by_dates(command: FindVouchersIssued) -> Action | None:
        a = area()
        if a is None:
            return None
        return helper.job(
            lambda: desk.find_by_dates(command.staff, command.first, command.last),
            a.found,
            a.failed,
        )

    table.add(CheckVoucherCode, check)
    table.add(FindVoucherNumber, by_number)
    table.add(FindHolderVouchers, by_holder)
    table.add(FindVouchersIssued, by_dates)
    table.include(action_plans(helper))
    return table

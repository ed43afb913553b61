"""The staff area "bundle" without Qt: the places looked for at the start and again, a place
chosen making the bundle once with the staff session (its login and kind for the audit log),
what was written kept on screen, and each refusal said as a plain notice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.domain.journal import AccountRole
from kiosk.domain.staff import StaffSession
from kiosk.flows.staff_bundle import (
    BundleArea,
    BundleNotice,
    BundlePage,
    FindBundlePlaces,
    MakeBundle,
)
from kiosk.services.bundle import BundleFile
from kiosk.services.export_places import ExportPlace, ExportProblem, PlaceKind
from kiosk.services.staff_diagnostics import BundleRefused, BundleRun

TECH = StaffSession(2, "tech1", "Tech One", AccountRole.TECHNICIAN, dt.datetime(2026, 12, 5))
STICK = ExportPlace(PlaceKind.DRIVE, Path("/media/kiosk/STICK"), "STICK", 10**9, False)
FOLDER = ExportPlace(
    PlaceKind.FOLDER, Path("/var/lib/k/exports"), "/var/lib/k/exports", None, False
)
RUN = BundleRun(BundleFile(STICK.path / "diag-BJCY01-20261205T010203Z.tar.gz", 5321, ("a",)))


def _opened() -> BundleArea:
    area = BundleArea(TECH)
    assert area.page == BundlePage.BUNDLE.value
    assert area.start() == [FindBundlePlaces()] and area.view.busy
    area.places_found((STICK, FOLDER))
    assert not area.view.busy and area.view.places == (STICK, FOLDER)
    return area


def test_a_place_chosen_makes_the_bundle_once_as_the_session() -> None:
    area = _opened()
    assert area.make_at(5) == []  # not on the list
    assert area.make_at(0) == [MakeBundle(TECH, STICK.path)]
    assert area.view.making and area.view.chosen == STICK
    assert area.make_at(1) == [] and area.look_again() == []  # not while it is made
    area.made(RUN)
    assert (area.view.busy, area.view.making, area.view.written) == (False, False, RUN)
    assert not area.back()  # one page: Back is the menu's
    assert area.look_again() == [FindBundlePlaces()] and area.view.written is None


def test_refusals_are_plain_notices() -> None:
    area = _opened()
    for problem, notice in (
        (ExportProblem.GONE, BundleNotice.GONE),
        (ExportProblem.READ_ONLY, BundleNotice.READ_ONLY),
        (ExportProblem.FULL, BundleNotice.FULL),
        (ExportProblem.WRITE_FAILED, BundleNotice.FAILED),
    ):
        area.make_at(0)
        area.make_failed(BundleRefused("cannot write into /media/kiosk/STICK", problem))
        assert (area.view.notice, area.view.busy, area.view.written) == (notice, False, None)
    area.make_at(1)
    area.make_failed(LookupError("no diagnostics bundle on this kiosk"))
    assert area.view.notice is BundleNotice.UNAVAILABLE
    area.make_at(1)
    area.make_failed(RuntimeError("a bug"))
    assert area.view.notice is BundleNotice.FAILED
    area.places_failed(OSError("mountinfo unreadable"))
    assert area.view.places == () and not area.view.busy

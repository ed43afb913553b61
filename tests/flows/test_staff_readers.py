"""The staff area "readers" without Qt: a look at the readers when it opens, each reader event
asks for another, events during a look make one more look (not one each), trouble is a plain
notice; then its plans over a real mock reader backend, followed as a card goes in and the
reader is unplugged, and a kiosk without reader diagnostics says so."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from drivers.readers.mock import MockReaderBackend
from kiosk.domain.devices import DeviceState, MediaState, ReaderEvent, ReaderEventKind
from kiosk.domain.journal import AccountRole
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_readers import ReadersArea, ReadersNotice, ReadReaders
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.reader_diag import (
    ReaderDiagnostics,
    ReaderService,
    ServiceKind,
    readers_report,
)

TECH = StaffSession(2, "tech1", "Tech One", AccountRole.TECHNICIAN, dt.datetime(2026, 12, 5))
INSERTED = ReaderEvent(ReaderEventKind.CARD_INSERTED, "Mock Reader 0")
REPORT = readers_report([], ReaderService(ServiceKind.SIMULATED, running=True))


def test_it_looks_when_opened_and_again_at_each_event() -> None:
    area = ReadersArea(TECH)
    assert area.permission is Permission.DIAGNOSTICS and area.live_readers
    assert area.start() == [ReadReaders(None)] and area.view.busy and area.page == "staff-readers"
    assert area.back() is False  # its only page: Back goes to the menu
    assert area.readers_read(REPORT) == [] and area.view.report is REPORT and not area.view.busy
    [again] = area.reader_event(INSERTED)
    assert again == ReadReaders(REPORT) and again.previous is REPORT  # followed from the last


def test_events_during_a_look_make_one_more_look() -> None:
    area = ReadersArea(TECH)
    area.start()
    assert area.reader_event(INSERTED) == [] and area.reader_event(INSERTED) == []
    [again] = area.readers_read(REPORT)
    assert again.previous is REPORT and area.view.busy
    assert area.readers_read(REPORT) == [] and not area.view.busy  # no more: nothing came


def test_trouble_is_a_plain_notice_and_the_last_look_stays() -> None:
    area = ReadersArea(TECH)
    area.start()
    area.readers_read(REPORT)
    area.reader_event(INSERTED)
    assert area.readers_failed(OSError("/dev/bus/usb: boom")) == []
    assert area.view.notice is ReadersNotice.UNREADABLE and area.view.report is REPORT
    assert not area.view.busy
    area.reader_event(INSERTED)
    area.readers_read(REPORT)
    assert area.view.notice is None


def _run(runner: StaffRunner, commands: list[Any]) -> None:
    """Carry out commands as the controller does, with the work done at once."""
    for command in commands:
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            value = action.work()
        except Exception as exc:
            _run(runner, action.failed(exc))
        else:
            _run(runner, action.done(value))


def _opened(readers: ReaderDiagnostics | None) -> tuple[StaffRunner, ReadersArea]:
    flow = StaffFlow([spec for spec in AREAS if spec.key == "readers"])
    services = SimpleNamespace(readers=readers)  # the only service the area uses
    runner = StaffRunner(flow, services, language=lambda: "en")  # type: ignore[arg-type]
    flow.open()
    flow.code_checked(EntryAnswer(EntryOutcome.OPEN))
    flow.login_done(TECH)
    assert "readers" in flow.view.areas
    _run(runner, flow.choose("readers"))
    assert isinstance(flow.area, ReadersArea)
    return runner, flow.area


def test_the_plans_follow_a_mock_reader() -> None:
    backend = MockReaderBackend()
    backend.start()
    try:
        runner, area = _opened(ReaderDiagnostics(backend, simulated=True))
        report = area.view.report
        assert report is not None and report.service.kind is ServiceKind.SIMULATED
        [row] = report.rows
        assert (row.status.state, row.status.media, row.kiosk_uses) == (
            DeviceState.ONLINE,
            MediaState.CARD_ABSENT,
            True,
        )
        assert row.status.since is None  # nobody watched it change yet
        backend.insert("normal")
        _run(runner, area.reader_event(INSERTED))
        [row] = area.view.report.rows  # type: ignore[union-attr]
        assert row.status.media is MediaState.CARD_PRESENT and row.status.since is not None
        backend.unplug()
        _run(runner, area.reader_event(ReaderEvent(ReaderEventKind.READER_REMOVED, row.name)))
        [row] = area.view.report.rows  # type: ignore[union-attr]
        assert row.status.state is DeviceState.NO_DEVICE and row.last_problem is not None
    finally:
        backend.stop()


def test_a_kiosk_without_reader_diagnostics_says_so() -> None:
    _, area = _opened(None)
    assert area.view.notice is ReadersNotice.UNAVAILABLE and area.view.report is None
    assert not area.view.busy

"""The readers followed over time (kiosk.services.reader_diag): `since` is the last change and
None on a first look, a reader gone from the list stays as "no device", the configured reader
is marked (or shown missing), the last problem outlives it, pcscd's version is asked once per
visit, and the version lookup says None when no program answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drivers.readers.base import ReaderInfo, ReaderState
from drivers.readers.mock import MockReaderBackend
from kiosk.domain.devices import DeviceState, MediaState
from kiosk.services import reader_diag
from kiosk.services.reader_diag import (
    GONE,
    ReaderDiagnostics,
    ReaderService,
    ServiceKind,
    readers_report,
)

T0 = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
UP = ReaderService(ServiceKind.PCSCD, running=True, version="2.0.0")
ACS = "ACS ACR39U 00 00"


def _at(seconds: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_since_is_the_last_change_and_a_gone_reader_stays() -> None:
    first = readers_report([ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, now=_at(0))
    assert first.rows[0].status.since is None and first.rows[0].kiosk_uses  # any reader
    same = readers_report(
        [ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, previous=first, now=_at(5)
    )
    assert same.rows[0].status.since is None  # nothing changed: still not seen to change
    card = readers_report(
        [ReaderInfo(ACS, ReaderState.CARD_PRESENT, "pcsc", b"\x3b\x02")],
        UP,
        previous=same,
        now=_at(9),
    )
    assert card.rows[0].status.since == _at(9) and card.rows[0].atr == "3B02"
    gone = readers_report([], UP, previous=card, now=_at(20))
    [row] = gone.rows
    assert (row.name, row.status.state, row.status.error, row.status.since) == (
        ACS,
        DeviceState.NO_DEVICE,
        GONE,
        _at(20),
    )
    still = readers_report([], UP, previous=gone, now=_at(30))
    assert still.rows[0].status.since == _at(20)  # gone since then
    back = readers_report(
        [ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, previous=still, now=_at(40)
    )
    [row] = back.rows
    assert row.status.usable and row.status.since == _at(40)
    assert row.last_problem is not None and row.last_problem.state is DeviceState.NO_DEVICE
    assert row.problem_ended == _at(40)
    later = readers_report(
        [ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, previous=back, now=_at(50)
    )
    assert later.rows[0].problem_ended == _at(40)  # the end of the problem, not the last look


def test_the_configured_reader_is_marked_or_shown_missing() -> None:
    infos = [ReaderInfo("Other", ReaderState.EMPTY, "pcsc")]
    missing = readers_report(infos, UP, wanted=ACS, now=T0)
    assert [(r.name, r.kiosk_uses, r.status.state) for r in missing.rows] == [
        ("Other", False, DeviceState.ONLINE),
        (ACS, True, DeviceState.NO_DEVICE),
    ]
    assert missing.kiosk_reader is not None and "no reader named" in missing.kiosk_reader.error
    there = readers_report([*infos, ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, wanted=ACS)
    assert [r.kiosk_uses for r in there.rows] == [False, True]
    elsewhere = readers_report(infos, UP, kiosk_reads=False)  # the kiosk is on the simulated one
    assert not any(r.kiosk_uses for r in elsewhere.rows) and elsewhere.kiosk_reader is None


def test_pcscd_down_is_offline_and_said_in_json() -> None:
    down = ReaderService(ServiceKind.PCSCD, running=False)
    seen = readers_report([ReaderInfo(ACS, ReaderState.EMPTY, "pcsc")], UP, now=T0)
    [row] = readers_report([], down, previous=seen, now=_at(3)).rows
    assert (row.name, row.status.state) == (ACS, DeviceState.OFFLINE)  # not unplugged
    assert "pcscd" in row.status.error
    report = readers_report([], down, now=T0)
    assert report.kiosk_reader is not None and report.kiosk_reader.state is DeviceState.OFFLINE
    doc = report.as_dict()
    assert doc["service"] == {"kind": "pcscd", "running": False, "version": None}
    assert doc["kiosk_reader"]["error"].startswith("the smart card service (pcscd) is not running")


def test_the_version_is_asked_once_per_visit() -> None:
    asked: list[int] = []

    def version() -> str:
        asked.append(1)
        return "1.9.9"

    backend = MockReaderBackend()
    diagnostics = ReaderDiagnostics(backend, version=version, clock=lambda: T0)
    first = diagnostics.report()
    again = diagnostics.report(first)
    assert first.service == again.service == ReaderService(ServiceKind.PCSCD, True, "1.9.9")
    assert len(asked) == 1
    diagnostics.report()  # a new visit
    assert len(asked) == 2
    simulated = ReaderDiagnostics(backend, simulated=True, version=version).report()
    assert simulated.service == ReaderService(ServiceKind.SIMULATED, True, None)
    assert len(asked) == 2  # no pcscd to ask
    [row] = simulated.rows
    assert (row.driver, row.status.media) == ("mock", MediaState.CARD_ABSENT)


def _programs(folder: Path, **scripts: str) -> None:
    """Fake programs first on $PATH (found before /usr/sbin's pcscd)."""
    for name, script in scripts.items():
        program = folder / name.replace("_", "-")
        program.write_text(f"#!/bin/sh\n{script}\n")
        program.chmod(0o755)


def test_the_version_comes_from_pcscd_else_the_package_else_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    _programs(tmp_path, pcscd="echo 'pcsc-lite version 2.3.1.'", dpkg_query="printf '9'")
    assert reader_diag.pcscd_version() == "2.3.1"
    _programs(tmp_path, pcscd="echo 'not pcsc-lite'", dpkg_query="printf '2.3.1-1'")
    assert reader_diag.pcscd_version() == "2.3.1-1"  # the pcscd package's version
    _programs(tmp_path, dpkg_query="echo 'no packages found matching pcscd' >&2; exit 1")
    assert reader_diag.pcscd_version() is None  # "unknown" on screen

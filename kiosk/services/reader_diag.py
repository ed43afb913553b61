"""The card readers as a technician looks at them (issue 13, "Readers"): every reader with its
state in the one device vocabulary (kiosk.domain.devices.DeviceStatus), its driver, whether
the kiosk uses it, and the service behind them: pcscd (running or not, pcsc-lite's version)
or, in the demo, the simulated reader that needs no pcscd.

`readers_report` is one look; given the previous look it follows the readers over time, as the
live `staff-readers` page does: `since` is the time of the last change (None on the first
look: nobody watched it change), a reader that vanished from the list stays as "no device",
and each reader keeps its last problem after it cleared. `kiosk diag readers` takes one look
through its own PC/SC backend; the staff page asks `ReaderDiagnostics`, over the kiosk's own
backend, at each reader event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from drivers.readers import base as readers
from kiosk.domain.devices import DeviceKind, DeviceState, DeviceStatus, MediaState
from kiosk.services.devices import PCSCD_DOWN, ReaderWatch, reader_device
from kiosk.services.idcard import IdCardWatch
from kiosk.services.idcard_diag import IdReaderProbe, probe_id_reader
from kiosk.services.system_info import VERSION_TIMEOUT_S, pcsc_lite_version

GONE = "the reader was unplugged: it is no longer listed (check its USB cable)"


class ServiceKind(enum.Enum):
    PCSCD = "pcscd"  # PC/SC readers, through the smart card service
    SIMULATED = "simulated"  # the demo's in-process reader: no pcscd involved


@dataclass(frozen=True, slots=True)
class ReaderService:
    """What the readers stand on: pcscd (whether it answers, its version: None unknown), or
    the simulated reader (always running, no version)."""

    kind: ServiceKind
    running: bool
    version: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "running": self.running, "version": self.version}


@dataclass(frozen=True, slots=True)
class ReaderRow:
    """One reader: its DeviceStatus, the driver and its own state word (ReaderState's value;
    "" for a reader no longer listed), the ATR of a card in it (hex), whether the kiosk takes
    cards from it, and its last problem (a status that was not usable) with when it ended
    (None: it has not, or it was never seen to)."""

    status: DeviceStatus
    driver: str = ""
    state: str = ""
    atr: str | None = None
    kiosk_uses: bool = False
    last_problem: DeviceStatus | None = None
    problem_ended: dt.datetime | None = None

    @property
    def name(self) -> str:
        return self.status.name

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape: the first four keys are `kiosk diag readers --json`'s old
        row (reader_rows), the rest the device vocabulary."""
        problem = self.last_problem
        return {
            "name": self.name,
            "state": self.state,
            "driver": self.driver,
            "atr": self.atr,
            "device": self.status.as_dict(),
            "kiosk_uses": self.kiosk_uses,
            "last_problem": problem.as_dict() if problem is not None else None,
            "problem_ended": self.problem_ended.isoformat() if self.problem_ended else None,
        }


@dataclass(frozen=True, slots=True)
class IdReaderRow:
    """The resident ID card reader: one look at it (kiosk.services.idcard_diag.IdReaderProbe:
    its DeviceStatus, port, driver, whether a card lies on it, never whose) and its last
    problem with when it ended, followed as a card reader's row is."""

    probe: IdReaderProbe
    last_problem: DeviceStatus | None = None
    problem_ended: dt.datetime | None = None

    @property
    def status(self) -> DeviceStatus:
        return self.probe.device

    def as_dict(self) -> dict[str, Any]:
        problem = self.last_problem
        return {
            **self.probe.as_dict(),
            "last_problem": problem.as_dict() if problem is not None else None,
            "problem_ended": self.problem_ended.isoformat() if self.problem_ended else None,
        }


def follow_id_reader(
    probe: IdReaderProbe, before: IdReaderRow | None, now: dt.datetime, *, first: bool
) -> IdReaderRow:
    """The ID card reader's look dated from the one before (as `_followed` does a reader's)."""
    status = _dated(probe.device, before.status if before else None, now, first)
    problem, ended = _carried(status, now, before)
    return IdReaderRow(dataclasses.replace(probe, device=status), problem, ended)


@dataclass(frozen=True, slots=True)
class ReadersReport:
    """One look at the readers. `wanted`: the settings' reader_name ("" the kiosk takes a card
    from any reader); `kiosk_reader`: the reader the kiosk uses, as the self-test judges it
    (None: the kiosk does not read cards through these readers)."""

    service: ReaderService
    rows: tuple[ReaderRow, ...]
    kiosk_reader: DeviceStatus | None
    wanted: str = ""
    at: dt.datetime | None = None
    id_reader: IdReaderRow | None = None  # the resident ID card reader; None: the kiosk has none

    def row(self, name: str) -> ReaderRow | None:
        return next((r for r in self.rows if r.name == name), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service.as_dict(),
            "reader_name": self.wanted or None,
            "kiosk_reader": self.kiosk_reader.as_dict() if self.kiosk_reader else None,
            "readers": [r.as_dict() for r in self.rows],
            "id_card_reader": self.id_reader.as_dict() if self.id_reader is not None else None,
            "at": self.at.isoformat() if self.at is not None else None,
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def readers_report(
    infos: Sequence[readers.ReaderInfo],
    service: ReaderService,
    *,
    wanted: str = "",
    previous: ReadersReport | None = None,
    now: dt.datetime | None = None,
    kiosk_reads: bool = True,
) -> ReadersReport:
    """The readers `infos` (a backend's `readers()`) as rows, followed from `previous`.
    `kiosk_reads` False: the kiosk takes its cards elsewhere (the settings name the simulated
    reader, and these are the machine's PC/SC readers): no reader is marked as the kiosk's."""
    now = now or _now()
    rows: list[ReaderRow] = []
    for info in infos:
        status = reader_device([info], service_available=service.running, wanted=info.name)
        atr = info.atr.hex().upper() if info.atr else None
        rows.append(ReaderRow(status, info.driver, info.state.value, atr))
    listed = {r.name for r in rows}
    gone = [r for r in previous.rows if r.name not in listed] if previous is not None else []
    for old in gone:  # still shown: a technician sees which one went
        error: str
        if not service.running:  # not unplugged: pcscd is down and lists nothing
            state, error = DeviceState.OFFLINE, PCSCD_DOWN
        elif old.status.state is DeviceState.NO_DEVICE:
            state, error = DeviceState.NO_DEVICE, old.status.error
        else:
            state, error = DeviceState.NO_DEVICE, GONE
        status = DeviceStatus(
            DeviceKind.CARD_READER, state, MediaState.UNKNOWN, old.name, now, error=error
        )
        rows.append(ReaderRow(status, old.driver))
    kiosk = reader_device(infos, service_available=service.running, wanted=wanted)
    if kiosk_reads and wanted and wanted not in {r.name for r in rows}:
        rows.append(ReaderRow(kiosk))  # the configured reader, not there
    first = previous is None
    followed = [
        _followed(
            row,
            previous.row(row.name) if previous is not None else None,
            now,
            first=first,
            kiosk_uses=kiosk_reads and _uses(row, wanted),
        )
        for row in rows
    ]
    kiosk_before = previous.kiosk_reader if previous is not None else None
    dated = _dated(kiosk, kiosk_before, now, first) if kiosk_reads else None
    return ReadersReport(service, tuple(followed), dated, wanted, now)


def _uses(row: ReaderRow, wanted: str) -> bool:
    """The kiosk takes cards from the reader named by reader_name, or else from any."""
    return row.name == wanted if wanted else True


def _dated(
    status: DeviceStatus, before: DeviceStatus | None, now: dt.datetime, first: bool
) -> DeviceStatus:
    """`since`: kept while nothing changed, now when it did, None on the first look."""
    if first:
        since = None
    elif status.same_as(before) and before is not None:
        since = before.since
    else:
        since = now
    return dataclasses.replace(status, since=since)


def _followed(
    row: ReaderRow, before: ReaderRow | None, now: dt.datetime, *, first: bool, kiosk_uses: bool
) -> ReaderRow:
    """The row dated from the previous look, with its last problem carried."""
    status = _dated(row.status, before.status if before else None, now, first)
    problem, ended = _carried(status, now, before)
    return dataclasses.replace(
        row, status=status, kiosk_uses=kiosk_uses, last_problem=problem, problem_ended=ended
    )


def _carried(
    status: DeviceStatus, now: dt.datetime, before: ReaderRow | IdReaderRow | None
) -> tuple[DeviceStatus | None, dt.datetime | None]:
    """The last problem and when it ended: the status itself while it is not usable, else
    the one before's (ended now, if it was not usable then)."""
    if not status.usable:
        return status, None
    if before is not None and before.last_problem is not None:
        return before.last_problem, before.problem_ended or (
            now if not before.status.usable else None
        )
    return None, None


# pcscd's version -------------------------------------------------------------------------------


def _package_version(package: str) -> str | None:
    """The Debian package's version (dpkg-query; no root needed), None without dpkg."""
    program = shutil.which("dpkg-query")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "-W", "-f=${Version}", package],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=VERSION_TIMEOUT_S,
            check=False,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    said = done.stdout.decode("utf-8", "replace").strip()
    return said if done.returncode == 0 and said else None


def pcscd_version() -> str | None:
    """pcsc-lite's version (`pcscd --version`, which prints and exits), else the pcscd
    package's; each asked with a bounded wait. None: it cannot be found."""
    return pcsc_lite_version() or _package_version("pcscd")


# The kiosk's readers, watched ------------------------------------------------------------------


class ReaderDiagnostics:
    """The kiosk's own reader backend for the technician's Readers page: its events (`watch`,
    for a page to subscribe to while it is open) and a look at its readers (`report`, on the
    worker: asking pcscd's version may take up to a few seconds)."""

    def __init__(
        self,
        backend: readers.CardReaderBackend,
        *,
        wanted: str = "",
        simulated: bool = False,
        version: Callable[[], str | None] = pcscd_version,
        clock: Callable[[], dt.datetime] = _now,
        id_watch: IdCardWatch | None = None,
    ) -> None:
        self.watch = ReaderWatch(backend)
        # The resident ID card reader, watched by the kiosk (its notices reach the page through
        # the citizen controller's bridge); None: the kiosk has none.
        self.id_watch = id_watch
        self._backend = backend
        self.wanted = wanted
        self.simulated = simulated
        self._version = version
        self._clock = clock

    def report(self, previous: ReadersReport | None = None) -> ReadersReport:
        """The readers now, followed from `previous` (pcscd's version asked on the first
        look only: it does not change while a page is open)."""
        backend = self._backend
        if self.simulated:
            service = ReaderService(ServiceKind.SIMULATED, running=True)
        else:
            version = previous.service.version if previous is not None else self._version()
            service = ReaderService(ServiceKind.PCSCD, backend.service_available, version)
        now = self._clock()
        report = readers_report(
            backend.readers(), service, wanted=self.wanted, previous=previous, now=now
        )
        if self.id_watch is None:
            return report
        # The watch loop's state: no I/O on the port (the loop owns it), no card read.
        probe = probe_id_reader(self.id_watch.reader, self.id_watch.name, state_only=True, now=now)
        before = previous.id_reader if previous is not None else None
        row = follow_id_reader(probe, before, now, first=previous is None)
        return dataclasses.replace(report, id_reader=row)

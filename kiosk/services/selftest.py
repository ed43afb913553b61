"""The kiosk's self-test: every check a technician would make on arrival, in order, each with a
verdict, what was found and the fix in plain words (`kiosk diag selftest`, and later the
diagnostics overview screen, which calls the same `run_selftest`).

The checks, in the order they run (ids are stable: scripts and the bundle read them):

    settings      the settings load (the caller loads them: kiosk.config is not the services')
    data_folder   the data folder exists and a file can be made in it
    disk          free space where the data folder is: warn below 1 GB, fail below 100 MB
    clock         not before this program's build date, not behind the newest audit entry,
                  not absurdly far ahead; the time zone (vouchers are dated in China time)
    pcscd         the smart card service answers (reader = "pcsc")
    readers       at least one card reader
    reader        the configured reader_name is there (none configured: any will do)
    id_reader     the resident ID card reader (idcard_reader): its port is there and opens, its
                  security module (SAM) answers its status and id; never a card read (a
                  citizen's may lie on it); "none": SKIP; the demo's simulated one: PASS
    printer       the voucher printer's device state and paper (PDF printer: its folder)
    database      a round trip, its latency, and that it could record now
    schema        the schema revision is the newest migration's, the tables match it
    integrity     SQLite's quick_check and foreign keys, the files' modes (owner only)
    audit_chain   the audit chain verified with the kiosk's key and anchor, and the journal
                  against it (kiosk.store.check, as `kiosk db check` runs them)
    outbox        messages waiting for the central back end: warn when the oldest is old
    centre        a fleet kiosk's centre: reachable (with the round trip), unreachable (a
                  warning, with what waits here and since when), refusing this kiosk's role
                  (a failure: configuration), or the local audit log cut below what the
                  centre anchored (a failure); standalone: a pass, "not used"
    voucher_key   both voucher keys, under the rules the kiosk starts by
    audit_key     the audit chain's key, under the rules the kiosk starts by

Verdicts: PASS; WARN (it works, but look: low disk, old outbox messages, a key the kiosk will
make at its next start); FAIL (the kiosk cannot serve, or should not); SKIP (not checked: what
it needs failed first, or it does not apply, as pcscd to the demo's in-process reader). The
result is FAIL if any check fails, else WARN if any warns, else PASS; only FAIL stops it
passing (`passed`): a warning is printed, and the command still exits 0.

The self-test changes nothing but a probe file in the data folder (made and removed), and adds
one audit entry `diag.selftest` (actor: the technician) when the database and the audit key
let it: `record_selftest`.

It stays one module (about 700 lines): one list of checks, each a short method reading what
the others found (the engine, `kiosk db check`'s report, the reader survey), so that the order
and the verdict rules can be read in one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.printers.base import Printer
from drivers.readers.base import ReaderInfo
from kiosk.domain.devices import DeviceState, DeviceStatus, MediaState
from kiosk.domain.journal import Outcome
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text, joined
from kiosk.services.devices import (
    PCSCD_DOWN_FIX,
    PCSCD_DOWN_FOUND,
    probe_backend,
    read_printer_device,
    reader_device,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from kiosk.services.audit_seal import AuditKeyState
    from kiosk.services.centre_report import CentreLink
    from kiosk.services.idcard_diag import IdReaderProbe
    from kiosk.services.technician_audit import Actor
    from kiosk.store.check import CheckReport

log = logging.getLogger(__name__)

ACTION = "diag.selftest"
DISK_WARN_BYTES = 1_000_000_000  # 1 GB
DISK_FAIL_BYTES = 100_000_000  # 100 MB
OUTBOX_WARN_AGE = dt.timedelta(hours=1)
LATENCY_WARN_MS = 1000.0
CLOCK_AHEAD_LIMIT = dt.timedelta(days=366 * 20)  # "wildly off": 20 years past the build
CLOCK_BEHIND_SLACK = dt.timedelta(minutes=5)  # an audit entry this far in the future: went back
PCSC_WAIT_S = 5.0


class ClockState(Enum):
    """The clock as the self-test's "clock" check judges it (and the System report)."""

    OK = "ok"
    BEFORE_BUILD = "before_build"  # earlier than the day this program was built
    FAR_AHEAD = "far_ahead"  # implausibly far past the build date
    WENT_BACK = "went_back"  # behind the newest audit entry: the clock was set back

    @property
    def misdates(self) -> bool:
        """Vouchers printed now would carry a wrong date."""
        return self is not ClockState.OK


def judge_clock(
    now: dt.datetime, build_date: dt.date, newest_audit_at: dt.datetime | None
) -> ClockState:
    """The self-test's clock rule: not before the build date, not absurdly far ahead of it,
    not behind the newest audit entry by more than a few minutes."""
    if now.date() < build_date:
        return ClockState.BEFORE_BUILD
    if now - dt.datetime.combine(build_date, dt.time(), dt.UTC) > CLOCK_AHEAD_LIMIT:
        return ClockState.FAR_AHEAD
    if newest_audit_at is not None:
        if newest_audit_at.tzinfo is None:
            newest_audit_at = newest_audit_at.replace(tzinfo=dt.UTC)
        if newest_audit_at - now > CLOCK_BEHIND_SLACK:
            return ClockState.WENT_BACK
    return ClockState.OK


class Verdict(Enum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class CheckResult:
    """One check: its id and name, the verdict, what was found, and the fix (empty on PASS)."""

    id: str
    name: str
    verdict: Verdict
    found: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "verdict": self.verdict.value,
            "found": self.found,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class SelftestReport:
    checks: tuple[CheckResult, ...]
    devices: tuple[DeviceStatus, ...] = ()
    started_at: dt.datetime | None = None
    seconds: float = 0.0

    @property
    def verdict(self) -> Verdict:
        verdicts = {c.verdict for c in self.checks}
        for worst in (Verdict.FAIL, Verdict.WARN):
            if worst in verdicts:
                return worst
        return Verdict.PASS

    @property
    def passed(self) -> bool:
        """No check failed (warnings pass)."""
        return self.verdict is not Verdict.FAIL

    def ids(self, verdict: Verdict) -> list[str]:
        return [c.id for c in self.checks if c.verdict is verdict]

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `kiosk diag selftest --json`."""
        return {
            "result": self.verdict.value,
            "passed": self.passed,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "seconds": round(self.seconds, 3),
            "checks": [c.as_dict() for c in self.checks],
            "devices": [d.as_dict() for d in self.devices],
        }


@dataclass(frozen=True)
class ReaderSurvey:
    """The readers as a backend sees them now, and whether its service (pcscd) answers."""

    service_available: bool
    readers: tuple[ReaderInfo, ...] = ()


def survey_pcsc(wait: float = PCSC_WAIT_S) -> ReaderSurvey:
    """pcscd's readers, looked at once: a backend started, its first scan waited for (at most
    `wait` seconds), and stopped."""
    from drivers.readers.pcsc import PcscBackend

    backend = PcscBackend()
    backend.start()
    try:
        backend.wait_ready(wait)
        return ReaderSurvey(backend.service_available, tuple(backend.readers()))
    finally:
        backend.stop()


@dataclass(frozen=True)
class SelftestSubject:
    """The kiosk to test, as its settings describe it (the caller reads them: the services do
    not import kiosk.config). `printer` makes the voucher printer as the kiosk does (it may
    raise: a bad queue name); `readers` looks at the card readers, None where they cannot be
    seen from here (the demo's simulated reader lives in the kiosk's own process)."""

    kiosk_id: str
    data_dir: Path
    database_url: str
    hmac_key_file: Path
    printer: Callable[[], Printer]
    readers: Callable[[], ReaderSurvey] | None
    reader_name: str = ""
    reader_kind: str = "pcsc"
    build_date: dt.date = dt.date(2026, 12, 1)
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    # A fleet kiosk's centre, made when the check runs (closed after it); None: standalone.
    centre: Callable[[], CentreLink] | None = None
    # The resident ID card reader, looked at when the check runs (kiosk.services.idcard_diag);
    # None: the kiosk has none (idcard_reader = "none").
    id_reader: Callable[[], IdReaderProbe] | None = None


def settings_failed(problem: str) -> SelftestReport:
    """The report when the settings cannot be read: that check failed, the rest not run."""
    checks = [CheckResult("settings", NAMES["settings"], Verdict.FAIL, problem, _SETTINGS_FIX)]
    checks += [
        CheckResult(
            check_id,
            NAMES[check_id],
            Verdict.SKIP,
            Text(QT_TRANSLATE_NOOP("DiagText", "not checked: no settings")),
        )
        for check_id in NAMES
        if check_id != "settings"
    ]
    return SelftestReport(tuple(checks), started_at=dt.datetime.now(dt.UTC))


_SETTINGS_FIX = Text(
    QT_TRANSLATE_NOOP(
        "DiagText",
        "correct the setting named in kiosk.toml ($KIOSK_CONFIG) or the KIOSK_* variable; "
        "assets/deploy/kiosk.toml.example lists them all",
    )
)

# The checks' names, in the order they run; the screens translate them (kiosk.domain.texts).
NAMES: dict[str, str] = {
    "settings": Text(QT_TRANSLATE_NOOP("DiagText", "settings")),
    "data_folder": Text(QT_TRANSLATE_NOOP("DiagText", "data folder")),
    "disk": Text(QT_TRANSLATE_NOOP("DiagText", "disk space")),
    "clock": Text(QT_TRANSLATE_NOOP("DiagText", "clock")),
    "pcscd": Text(QT_TRANSLATE_NOOP("DiagText", "smart card service")),
    "readers": Text(QT_TRANSLATE_NOOP("DiagText", "card readers")),
    "reader": Text(QT_TRANSLATE_NOOP("DiagText", "configured reader")),
    "id_reader": Text(QT_TRANSLATE_NOOP("DiagText", "ID card reader")),
    "printer": Text(QT_TRANSLATE_NOOP("DiagText", "voucher printer")),
    "database": Text(QT_TRANSLATE_NOOP("DiagText", "database")),
    "schema": Text(QT_TRANSLATE_NOOP("DiagText", "database schema")),
    "integrity": Text(QT_TRANSLATE_NOOP("DiagText", "database integrity")),
    "audit_chain": Text(QT_TRANSLATE_NOOP("DiagText", "audit chain")),
    "outbox": Text(QT_TRANSLATE_NOOP("DiagText", "outbox")),
    "centre": Text(QT_TRANSLATE_NOOP("DiagText", "centre")),
    "voucher_key": Text(QT_TRANSLATE_NOOP("DiagText", "voucher keys")),
    "audit_key": Text(QT_TRANSLATE_NOOP("DiagText", "audit key")),
}


LOADED = Text(QT_TRANSLATE_NOOP("DiagText", "loaded"))


def run_selftest(subject: SelftestSubject, settings_found: str = LOADED) -> SelftestReport:
    """Every check in order (the module's list); never raises for what it finds."""
    run = _Run(subject)
    started = time.perf_counter()
    try:
        checks = [CheckResult("settings", NAMES["settings"], Verdict.PASS, settings_found)]
        for check_id, check in run.checks():
            try:
                verdict, found, fix = check()
            except Exception as exc:  # a check's own surprise is its failure, not the run's
                log.warning("selftest.check_error check=%s error=%s", check_id, type(exc).__name__)
                verdict = Verdict.FAIL
                found = Text(
                    QT_TRANSLATE_NOOP("DiagText", "the check itself failed: {error}"),
                    error=type(exc).__name__,
                )
                fix = Text(QT_TRANSLATE_NOOP("DiagText", "see kiosk.log; report it"))
            checks.append(CheckResult(check_id, NAMES[check_id], verdict, found, fix))
    finally:
        run.close()
    return SelftestReport(
        tuple(checks),
        tuple(run.devices),
        started_at=run.started_at,
        seconds=time.perf_counter() - started,
    )


Outcome3 = tuple[Verdict, str, str]


class _Run:
    """One run: the subject, and what the checks share (the engine, the db check's report)."""

    def __init__(self, subject: SelftestSubject) -> None:
        self.subject = subject
        self.started_at = subject.clock()
        self.devices: list[DeviceStatus] = []
        self._engine: Engine | None = None
        self._engine_problem: str | None = None
        self._survey: ReaderSurvey | None = None
        self._db_ok = False
        self._report: CheckReport | None = None
        self._outbox: tuple[int, float | None] | None = None  # waiting, oldest's age (s)

    def checks(self) -> Iterator[tuple[str, Callable[[], Outcome3]]]:
        yield "data_folder", self.data_folder
        yield "disk", self.disk
        yield "clock", self.clock
        yield "pcscd", self.pcscd
        yield "readers", self.readers
        yield "reader", self.reader
        yield "id_reader", self.id_reader
        yield "printer", self.printer
        yield "database", self.database
        yield "schema", self.schema
        yield "integrity", self.integrity
        yield "audit_chain", self.audit_chain
        yield "outbox", self.outbox
        yield "centre", self.centre
        yield "voucher_key", self.voucher_key
        yield "audit_key", self.audit_key

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # The data folder and the disk ---------------------------------------------------------

    def data_folder(self) -> Outcome3:
        folder = str(self.subject.data_dir)
        if not self.subject.data_dir.exists():
            return (
                Verdict.FAIL,
                Text(QT_TRANSLATE_NOOP("DiagText", "{folder} does not exist"), folder=folder),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "start the kiosk once (it makes the folder), or point data_dir "
                        "($KIOSK_DATA_DIR) at the kiosk's data folder",
                    )
                ),
            )
        if not self.subject.data_dir.is_dir():
            return (
                Verdict.FAIL,
                Text(QT_TRANSLATE_NOOP("DiagText", "{folder} is not a folder"), folder=folder),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "move the file away, or point data_dir ($KIOSK_DATA_DIR) at a folder",
                    )
                ),
            )
        try:  # permissions are not the whole story: a read-only mount, a full disk, root
            with tempfile.NamedTemporaryFile(prefix=".selftest", dir=self.subject.data_dir):
                pass
        except OSError as exc:
            return (
                Verdict.FAIL,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "{folder} is not writable: {error}"),
                    folder=folder,
                    error=exc.strerror or str(exc),
                ),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "give the folder to the kiosk's user (chown, chmod 700), or remount the "
                        "disk read-write",
                    )
                ),
            )
        return (
            Verdict.PASS,
            Text(QT_TRANSLATE_NOOP("DiagText", "{folder} is writable"), folder=folder),
            "",
        )

    def disk(self) -> Outcome3:
        where = _existing_parent(self.subject.data_dir)
        try:
            free = shutil.disk_usage(where).free
        except OSError as exc:
            return (
                Verdict.FAIL,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "cannot ask {folder}: {error}"),
                    folder=str(where),
                    error=exc.strerror or str(exc),
                ),
                Text(QT_TRANSLATE_NOOP("DiagText", "check the disk")),
            )
        found = Text(
            QT_TRANSLATE_NOOP("DiagText", "{size} free on the file system of {folder}"),
            size=_size(free),
            folder=str(where),
        )
        fix = Text(
            QT_TRANSLATE_NOOP(
                "DiagText", "free space: archive old logs and printed vouchers, or a larger disk"
            )
        )
        for limit, verdict in ((DISK_FAIL_BYTES, Verdict.FAIL), (DISK_WARN_BYTES, Verdict.WARN)):
            if free < limit:
                under = Text(
                    QT_TRANSLATE_NOOP("DiagText", "{found} (under {size})"),
                    found=found,
                    size=_size(limit),
                )
                return verdict, under, fix
        return Verdict.PASS, found, ""

    # The clock ----------------------------------------------------------------------------

    def clock(self) -> Outcome3:
        now = self.started_at
        local = now.astimezone()
        offset = local.strftime("%z")
        found = Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "{now} UTC, time zone {zone} (UTC{offset}); vouchers are dated in China time "
                "(UTC+8)",
            ),
            now=f"{now:%Y-%m-%d %H:%M:%S}",
            zone=str(local.tzname()),
            offset=f"{offset[:3]}:{offset[3:]}",
        )
        fix = Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "set the clock (timedatectl set-time, or enable NTP: timedatectl set-ntp true)",
            )
        )
        built = self.subject.build_date
        newest = self._newest_audit_time()
        state = judge_clock(now, built, newest)
        if state is ClockState.BEFORE_BUILD:
            return (
                Verdict.WARN,
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText", "{found}: before this program was built ({built})"
                    ),
                    found=found,
                    built=str(built),
                ),
                fix,
            )
        if state is ClockState.FAR_AHEAD:
            return (
                Verdict.WARN,
                Text(QT_TRANSLATE_NOOP("DiagText", "{found}: implausibly far ahead"), found=found),
                fix,
            )
        if state is ClockState.WENT_BACK and newest is not None:
            return (
                Verdict.WARN,
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "{found}: behind the newest audit entry ({newest} UTC); the clock went "
                        "back",
                    ),
                    found=found,
                    newest=f"{newest:%Y-%m-%d %H:%M}",
                ),
                fix,
            )
        return Verdict.PASS, found, ""

    def _newest_audit_time(self) -> dt.datetime | None:
        engine = self.engine()
        if engine is None:
            return None
        import sqlalchemy as sa

        from kiosk.store.db import read_session
        from kiosk.store.models import AuditLogEntry

        try:
            with read_session(engine) as session:
                newest = session.scalar(sa.select(sa.func.max(AuditLogEntry.at)))
        except Exception:  # no table yet, or no database: the database checks say so
            return None
        if newest is not None and newest.tzinfo is None:
            newest = newest.replace(tzinfo=dt.UTC)
        return newest

    # The card readers ---------------------------------------------------------------------

    def _readers_apply(self) -> Outcome3 | None:
        """SKIP when the readers cannot be looked at from here; None when they can."""
        if self.subject.readers is None:
            return (
                Verdict.SKIP,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "not checked here: reader = {kind}"),
                    kind=repr(self.subject.reader_kind),
                ),
                "",
            )
        return None

    def survey(self) -> ReaderSurvey:
        if self._survey is None:
            assert self.subject.readers is not None
            self._survey = self.subject.readers()
            self.devices.append(
                reader_device(
                    self._survey.readers,
                    service_available=self._survey.service_available,
                    wanted=self.subject.reader_name,
                    since=self.started_at,
                )
            )
        return self._survey

    def pcscd(self) -> Outcome3:
        if (skip := self._readers_apply()) is not None:
            found = Text(
                QT_TRANSLATE_NOOP(
                    "DiagText", "{found} (the demo's simulated reader, in the kiosk)"
                ),
                found=skip[1],
            )
            return Verdict.SKIP, found, ""
        if not self.survey().service_available:
            return Verdict.FAIL, PCSCD_DOWN_FOUND, PCSCD_DOWN_FIX
        return Verdict.PASS, Text(QT_TRANSLATE_NOOP("DiagText", "pcscd answers")), ""

    def _no_pcscd(self) -> Outcome3:
        return (
            Verdict.SKIP,
            Text(QT_TRANSLATE_NOOP("DiagText", "not checked: pcscd does not answer")),
            "",
        )

    def readers(self) -> Outcome3:
        if (skip := self._readers_apply()) is not None:
            return skip
        survey = self.survey()
        if not survey.service_available:
            return self._no_pcscd()
        if not survey.readers:
            return (
                Verdict.FAIL,
                Text(QT_TRANSLATE_NOOP("DiagText", "no card reader is connected")),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "check the reader's USB cable; `lsusb` should list it, `kiosk diag "
                        "readers` then shows it",
                    )
                ),
            )
        names = joined(
            ", ",
            [
                Text("{name} ({state})", context="", name=r.name, state=_state(r.state.value))
                for r in survey.readers
            ],
        )
        found = Text("{n}: {names}", context="", n=str(len(survey.readers)), names=names)
        return Verdict.PASS, found, ""

    def reader(self) -> Outcome3:
        if (skip := self._readers_apply()) is not None:
            return skip
        survey = self.survey()
        if not survey.service_available:
            return self._no_pcscd()
        wanted = self.subject.reader_name
        device = self.devices[-1]
        if not wanted:
            if not survey.readers:
                found = QT_TRANSLATE_NOOP("DiagText", "none configured, and no reader to use")
                return Verdict.SKIP, Text(found), ""
            found = QT_TRANSLATE_NOOP(
                "DiagText", "none configured: the kiosk uses the first with a card"
            )
            return Verdict.PASS, Text(found), ""
        if device.state is DeviceState.NO_DEVICE:
            return (
                Verdict.FAIL,
                Text(QT_TRANSLATE_NOOP("DiagText", "{reader} is not there"), reader=repr(wanted)),
                device.error,
            )
        if not device.usable:
            found = Text(
                "{name}: {state}", context="", name=repr(wanted), state=_state(device.state.value)
            )
            return Verdict.FAIL, found, device.error
        return Verdict.PASS, _device_words(repr(wanted), device), ""

    # The resident ID card reader ------------------------------------------------------------

    def id_reader(self) -> Outcome3:
        if self.subject.id_reader is None:
            found = QT_TRANSLATE_NOOP("DiagText", 'not used: idcard_reader = "none"')
            return Verdict.SKIP, Text(found), ""
        probe = self.subject.id_reader()
        self.devices.append(probe.device)
        if probe.problem is not None:
            verdict = Verdict.WARN if probe.problem.warning else Verdict.FAIL
            return verdict, probe.problem.found, probe.problem.fix
        if probe.driver == "simulated":
            found = QT_TRANSLATE_NOOP("DiagText", "simulated (the demo's ID card reader)")
            return Verdict.PASS, Text(found), ""
        found = QT_TRANSLATE_NOOP(
            "DiagText", "{port}: the security module answers (SAM id of {n} bytes)"
        )
        return Verdict.PASS, Text(found, port=probe.port, n=str(probe.sam_bytes)), ""

    # The printer --------------------------------------------------------------------------

    def printer(self) -> Outcome3:
        try:
            printer = self.subject.printer()
        except (ValueError, OSError) as exc:
            return (
                Verdict.FAIL,
                Text(QT_TRANSLATE_NOOP("DiagText", "cannot be set up: {error}"), error=str(exc)),
                Text(QT_TRANSLATE_NOOP("DiagText", "fix printer_queue in the settings")),
            )
        device = read_printer_device(printer, name=printer.name)
        self.devices.append(device)
        found = _device_words(printer.name, device)
        if device.detail:
            found = joined(" ", [found, Text("({detail})", context="", detail=device.detail)])
        if device.media is MediaState.PAPER_LOW and device.usable:
            return Verdict.WARN, found, device.error
        if not device.usable:
            # The driver's words may say what is wrong without the fix (the PDF folder's do).
            said = device.error if device.error != device.detail else ""
            fix = _PRINTER_FIXES.get(printer.name, _CHECK_IT)
            return Verdict.FAIL, found, said or fix
        return Verdict.PASS, found, ""

    # The database -------------------------------------------------------------------------

    def engine(self) -> Engine | None:
        """The database's engine, made once; None when there is no database to open."""
        if self._engine is not None or self._engine_problem is not None:
            return self._engine
        from kiosk.store.db import create_engine, is_sqlite, sqlite_path

        url = self.subject.database_url
        path = sqlite_path(url) if is_sqlite(url) else None
        if path is not None and not path.is_file():
            self._engine_problem = Text(
                QT_TRANSLATE_NOOP("DiagText", "{path}: no database there"), path=str(path)
            )
            return None
        try:
            self._engine = create_engine(url)
        except Exception as exc:  # a driver not installed, a file that cannot be opened
            self._engine_problem = Text(
                QT_TRANSLATE_NOOP("DiagText", "cannot open it: {error}"), error=str(exc)
            )
        return self._engine

    def database(self) -> Outcome3:
        engine = self.engine()
        if engine is None:
            return (
                Verdict.FAIL,
                self._engine_problem or Text(QT_TRANSLATE_NOOP("DiagText", "no database")),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "start the kiosk once (it makes the database), or point database_url "
                        "($KIOSK_DATABASE_URL) and data_dir at the kiosk's",
                    )
                ),
            )
        probe = probe_backend(engine)
        self.devices.append(dataclasses.replace(probe.status, since=self.started_at))
        status = probe.status
        if status.state is DeviceState.OFFLINE:
            return (
                Verdict.FAIL,
                status.error,
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "check the database server, the network, and database_url; for SQLite "
                        "the file and its folder",
                    )
                ),
            )
        if not status.usable:
            fix = QT_TRANSLATE_NOOP("DiagText", "check the disk (read-only? full?) and the server")
            return Verdict.FAIL, status.error, Text(fix)
        self._db_ok = True
        found = Text("{name}: {detail}", context="", name=status.name, detail=status.detail)
        if probe.latency_ms is not None and probe.latency_ms > LATENCY_WARN_MS:
            fix = QT_TRANSLATE_NOOP("DiagText", "check the network and server")
            return Verdict.WARN, found, Text(fix)
        return Verdict.PASS, found, ""

    def report(self) -> CheckReport | None:
        """`kiosk db check`'s report (quick), made once when the database answered."""
        if self._report is None and self._db_ok:
            from kiosk.services.audit_seal import seal_for_check
            from kiosk.store.check import check_database
            from kiosk.store.seal import SealFiles

            audit = seal_for_check(SealFiles.in_folder(self.subject.data_dir))
            assert self._engine is not None
            self._report = check_database(
                self._engine,
                seal=audit.seal,
                files=audit.files,
                key_problem=audit.key_problem,
                quick=True,
            )
        return self._report

    def _no_database(self) -> Outcome3:
        found = QT_TRANSLATE_NOOP("DiagText", "not checked: the database cannot be used")
        return Verdict.SKIP, Text(found), ""

    def schema(self) -> Outcome3:
        report = self.report()
        if report is None:
            return self._no_database()
        if report.damage is not None:
            found = QT_TRANSLATE_NOOP("DiagText", "not checked: the database file is damaged")
            return Verdict.SKIP, Text(found), ""
        if report.revision != report.head:
            return (
                Verdict.FAIL,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "at {revision}, this program's newest is {head}"),
                    revision=report.revision or Text(QT_TRANSLATE_NOOP("DiagText", "no revision")),
                    head=report.head,
                ),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "run `kiosk db upgrade` (the kiosk does at start); if the database is "
                        "newer, update this program",
                    )
                ),
            )
        if report.schema:
            return (
                Verdict.FAIL,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "{revision}, but the tables differ: {problems}"),
                    revision=report.revision,
                    problems="; ".join(report.schema[:3]),
                ),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "restore the database from a backup; `kiosk db check` lists every "
                        "difference",
                    )
                ),
            )
        found = QT_TRANSLATE_NOOP("DiagText", "{revision} (current), tables match the migrations")
        return Verdict.PASS, Text(found, revision=report.revision), ""

    def integrity(self) -> Outcome3:
        report = self.report()
        if report is None:
            return self._no_database()
        restore = Text(QT_TRANSLATE_NOOP("DiagText", "restore the database from a backup"))
        if report.damage is not None:
            found = QT_TRANSLATE_NOOP("DiagText", "damaged: {damage}")
            return Verdict.FAIL, Text(found, damage=str(report.damage)), restore
        if report.structure:
            return (
                Verdict.FAIL,
                Text(
                    QT_TRANSLATE_NOOP("DiagText", "{n} problems: {first}"),
                    n=str(len(report.structure)),
                    first=report.structure[0],
                ),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "restore the database from a backup; `kiosk db check` lists them",
                    )
                ),
            )
        if report.privacy:
            return (
                Verdict.FAIL,
                "; ".join(report.privacy),
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "make the files the kiosk user's alone (chmod 600); the kiosk does at "
                        "start",
                    )
                ),
            )
        if report.files:
            found = QT_TRANSLATE_NOOP("DiagText", "quick check ok, {files} owner only")
            return Verdict.PASS, Text(found, files=", ".join(report.files)), ""
        return Verdict.PASS, Text(QT_TRANSLATE_NOOP("DiagText", "quick check ok")), ""

    def audit_chain(self) -> Outcome3:
        report = self.report()
        if report is None:
            return self._no_database()
        fix = Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "run `kiosk db check` for every problem; restore the database or key from backup",
            )
        )
        if report.damage is not None or report.revision != report.head:
            found = QT_TRANSLATE_NOOP(
                "DiagText", "not checked: see the schema and integrity checks"
            )
            return Verdict.SKIP, Text(found), ""
        if report.audit_error is not None:
            found = QT_TRANSLATE_NOOP("DiagText", "not checked: {error}")
            return Verdict.FAIL, Text(found, error=str(report.audit_error)), fix
        if report.audit is not None and report.audit.problems:
            broken = report.audit.problems
            found = QT_TRANSLATE_NOOP("DiagText", "BROKEN, {n} problems: {first}")
            return Verdict.FAIL, Text(found, n=str(len(broken)), first=str(broken[0])), fix
        if report.audit_unverifiable:
            found = QT_TRANSLATE_NOOP("DiagText", "cannot be verified: {problem}")
            return Verdict.FAIL, Text(found, problem=str(report.key_problem)), fix
        if report.consistency_error is not None:
            found = QT_TRANSLATE_NOOP("DiagText", "journal not checked: {error}")
            return Verdict.FAIL, Text(found, error=str(report.consistency_error)), fix
        if report.consistency is not None and report.consistency.problems:
            problems = report.consistency.problems
            found = QT_TRANSLATE_NOOP("DiagText", "journal: {n} problems: {first}")
            return Verdict.FAIL, Text(found, n=str(len(problems)), first=str(problems[0])), fix
        chains = report.audit.chains if report.audit is not None else []
        found = Text(
            QT_TRANSLATE_NOOP("DiagText", "ok, {entries} entries, chains: {chains}"),
            entries=f"{sum(c.entries for c in chains):,}",
            chains=str(len(chains)),
        )
        warnings = report.warnings()
        if warnings:
            fix = Text(QT_TRANSLATE_NOOP("DiagText", "see `kiosk db check`"))
            return Verdict.WARN, joined("; ", [found, str(warnings[0])]), fix
        return Verdict.PASS, found, ""

    def outbox(self) -> Outcome3:
        report = self.report()
        if report is None or report.revision != report.head or report.damage is not None:
            return self._no_database()
        from kiosk.store.db import read_session
        from kiosk.store.repositories.outbox import OutboxRepository

        assert self._engine is not None
        with read_session(self._engine) as session:
            waiting, oldest = OutboxRepository(session).waiting(self.subject.kiosk_id)
        if not waiting or oldest is None:
            self._outbox = (waiting, None)
            found = QT_TRANSLATE_NOOP("DiagText", "no message waiting for the central back end")
            return Verdict.PASS, Text(found), ""
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=dt.UTC)
        age = self.started_at - oldest
        self._outbox = (waiting, max(age.total_seconds(), 0.0))
        found = Text(
            QT_TRANSLATE_NOOP("DiagText", "{n} waiting, the oldest for {age}"),
            n=f"{waiting:,}",
            age=_age(age),
        )
        if age > OUTBOX_WARN_AGE:
            return (
                Verdict.WARN,
                found,
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "the central back end has not taken them: check the connection to it",
                    )
                ),
            )
        return Verdict.PASS, found, ""

    def centre(self) -> Outcome3:
        if self.subject.centre is None:
            # Nothing to look at and nothing to fix: a pass, so a standalone kiosk passes whole.
            found = QT_TRANSLATE_NOOP("DiagText", "not used: this kiosk is standalone")
            return Verdict.PASS, Text(found), ""
        from kiosk.services.centre_report import centre_report

        link = self.subject.centre()
        try:
            engine = self._engine if self._db_ok else None
            report = centre_report(link, engine=engine, clock=lambda: self.started_at)
        finally:
            close = getattr(link.api, "close", None)
            if callable(close):
                close()
        if report.tail.broken:
            return report.tail_check()
        waiting, age_s = self._outbox or (None, None)
        return report.check(waiting, age_s)

    # The keys -----------------------------------------------------------------------------

    def voucher_key(self) -> Outcome3:
        if not self._db_ok:
            return self._no_database()
        from kiosk.services.voucher_key import inspect_voucher_keys

        assert self._engine is not None
        states = inspect_voucher_keys(
            self._engine, self.subject.hmac_key_file, self.subject.kiosk_id
        )
        for state in states:
            if state.refusal is not None:
                found = QT_TRANSLATE_NOOP("DiagText", "{name}: refused")
                return Verdict.FAIL, Text(found, name=Text(state.name)), str(state.refusal)
        found = joined(
            "; ",
            [
                Text(
                    "{name} {file}: {state}",
                    context="",
                    name=Text(s.name),  # a marked name (kiosk.services.signing_key)
                    file=s.path.name,
                    state=_MADE_AT_START if s.made_at_start else s.key_id or "",
                )
                for s in states
            ],
        )
        if any(s.made_at_start for s in states):
            fix = QT_TRANSLATE_NOOP("DiagText", "start the kiosk once; then back the keys up")
            return Verdict.WARN, found, Text(fix)
        return Verdict.PASS, found, ""

    def audit_state(self) -> AuditKeyState | None:
        if not self._db_ok:
            return None
        from kiosk.services.audit_seal import inspect_audit_key
        from kiosk.store.seal import SealFiles

        assert self._engine is not None
        files = SealFiles.in_folder(self.subject.data_dir)
        return inspect_audit_key(self._engine, files, self.subject.kiosk_id)

    def audit_key(self) -> Outcome3:
        state = self.audit_state()
        if state is None:
            return self._no_database()
        if state.refusal is not None:
            return Verdict.FAIL, Text(QT_TRANSLATE_NOOP("DiagText", "refused")), str(state.refusal)
        if state.seal is None:
            return (
                Verdict.WARN,
                _MADE_AT_START,
                Text(
                    QT_TRANSLATE_NOOP(
                        "DiagText",
                        "start the kiosk once; then back the key up with the data folder",
                    )
                ),
            )
        found = QT_TRANSLATE_NOOP("DiagText", "key id {key_id}")
        return Verdict.PASS, Text(found, key_id=state.seal.key_id), ""


def record_selftest(
    subject: SelftestSubject, report: SelftestReport, *, actor: Actor
) -> tuple[int | None, str]:
    """The run in the audit log as `diag.selftest`, `actor` its actor (a technician's or an
    administrator's login, or whoever runs the command): (the entry's number, "") or (None,
    why it could not be recorded). Only on a database that answered at the current schema
    with the kiosk's own audit key: the self-test never makes a key or migrates."""
    usable = (Verdict.PASS, Verdict.WARN)
    if _verdict(report, "database") not in usable or _verdict(report, "schema") not in usable:
        return None, "the database cannot be used"
    if _verdict(report, "audit_key") is not Verdict.PASS:
        return None, "no usable audit key"
    from kiosk.services.audit_seal import inspect_audit_key
    from kiosk.services.technician_audit import AuditTarget, record_technician_action
    from kiosk.store.db import create_engine
    from kiosk.store.seal import SealFiles

    engine = create_engine(subject.database_url)
    try:
        state = inspect_audit_key(engine, SealFiles.in_folder(subject.data_dir), subject.kiosk_id)
        if state.seal is None or state.refusal is not None:
            return None, "no usable audit key"
        state.seal.anchor.prepare()
        entry = record_technician_action(
            AuditTarget(engine, state.seal, subject.kiosk_id, actor),
            ACTION,
            Outcome.OK if report.passed else Outcome.FAILED,
            {
                "result": report.verdict.value,
                "failed": report.ids(Verdict.FAIL),
                "warnings": report.ids(Verdict.WARN),
            },
            subject.clock(),
        )
    finally:
        engine.dispose()
    log.info("%s by=%s result=%s seq=%d", ACTION, actor.kind.value, report.verdict.value, entry.seq)
    return entry.seq, ""


_PRINTER_FIXES = {
    "pdf": Text(
        QT_TRANSLATE_NOOP(
            "DiagText",
            "make the folder and let the kiosk's user write it (the kiosk makes it at start)",
        )
    ),
    "cups": Text(
        QT_TRANSLATE_NOOP(
            "DiagText", "check the printer's power, cable and paper, then `lpstat -p`"
        )
    ),
}
_CHECK_IT = Text(QT_TRANSLATE_NOOP("DiagText", "check it"))
_MADE_AT_START = Text(QT_TRANSLATE_NOOP("DiagText", "none yet, made at the kiosk's next start"))


# The device states' codes (kiosk.domain.devices, the readers' states), as the command line
# prints them; the screens show them in words.
_STATE_WORDS = {
    "online": QT_TRANSLATE_NOOP("DiagText", "online"),
    "offline": QT_TRANSLATE_NOOP("DiagText", "offline"),
    "power_off": QT_TRANSLATE_NOOP("DiagText", "power_off"),
    "no_device": QT_TRANSLATE_NOOP("DiagText", "no_device"),
    "hardware_error": QT_TRANSLATE_NOOP("DiagText", "hardware_error"),
    "user_error": QT_TRANSLATE_NOOP("DiagText", "user_error"),
    "busy": QT_TRANSLATE_NOOP("DiagText", "busy"),
    "card_present": QT_TRANSLATE_NOOP("DiagText", "card_present"),
    "card_absent": QT_TRANSLATE_NOOP("DiagText", "card_absent"),
    "card_jammed": QT_TRANSLATE_NOOP("DiagText", "card_jammed"),
    "paper_ok": QT_TRANSLATE_NOOP("DiagText", "paper_ok"),
    "paper_low": QT_TRANSLATE_NOOP("DiagText", "paper_low"),
    "paper_out": QT_TRANSLATE_NOOP("DiagText", "paper_out"),
    "paper_jammed": QT_TRANSLATE_NOOP("DiagText", "paper_jammed"),
    "unknown": QT_TRANSLATE_NOOP("DiagText", "unknown"),
    "none": QT_TRANSLATE_NOOP("DiagText", "none"),
    "empty": QT_TRANSLATE_NOOP("DiagText", "empty"),
    "card_mute": QT_TRANSLATE_NOOP("DiagText", "card_mute"),
    "in_use": QT_TRANSLATE_NOOP("DiagText", "in_use"),
    "unavailable": QT_TRANSLATE_NOOP("DiagText", "unavailable"),
}


def _state(value: str) -> str:
    return Text(_STATE_WORDS[value]) if value in _STATE_WORDS else value


def _device_words(name: str, device: DeviceStatus) -> str:
    """ "name: state, media", as the command line prints it."""
    return Text(
        "{name}: {state}, {media}",
        context="",
        name=name,
        state=_state(device.state.value),
        media=_state(device.media.value),
    )


def _verdict(report: SelftestReport, check_id: str) -> Verdict | None:
    return next((c.verdict for c in report.checks if c.id == check_id), None)


def _existing_parent(path: Path) -> Path:
    """`path`, or its nearest folder that exists (a data folder not made yet)."""
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path(os.sep)


def _size(n: int) -> str:
    if n >= 1_000_000_000:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.0f} MB"


def _age(age: dt.timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return Text(QT_TRANSLATE_NOOP("DiagText", "{n} min"), n=str(max(minutes, 0)))
    if minutes < 48 * 60:
        return Text(QT_TRANSLATE_NOOP("DiagText", "{n} h"), n=str(minutes // 60))
    return Text(QT_TRANSLATE_NOOP("DiagText", "{n} days"), n=str(minutes // (24 * 60)))

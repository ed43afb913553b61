"""The drivers' device types translated into the kiosk's (kiosk.domain.devices), at the edge of
the services, so that flows and screens never import a driver: printer states, reader events,
`ReaderWatch` (a reader backend as the screens may see it), and every device's state in the one
vocabulary of `DeviceStatus` (CEN/XFS): the printer's from its driver status, the card reader's
from the backend's reader list, and the back end's from a timed round trip (`probe_backend`).
The words in `error` are for a technician: what is wrong and what to do about it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.printers import base as printers
from drivers.readers import base as readers
from kiosk.domain.devices import (
    DeviceKind,
    DeviceState,
    DeviceStatus,
    MediaState,
    PrinterState,
    PrinterStatus,
    ReaderEvent,
    ReaderEventKind,
)
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_PRINTER_STATES = {state: PrinterState(state.value) for state in printers.PrinterState}
_READER_EVENTS = {kind: ReaderEventKind(kind.value) for kind in readers.ReaderEventKind}

ReaderListener = Callable[[ReaderEvent], None]


def printer_status(status: printers.PrinterStatus) -> PrinterStatus:
    return PrinterStatus(_PRINTER_STATES[status.state], status.detail)


def reader_event(event: readers.ReaderEvent) -> ReaderEvent:
    return ReaderEvent(_READER_EVENTS[event.kind], event.reader)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# The printer -----------------------------------------------------------------------------------

# IPP printer-state-reasons (RFC 8011, 5.4.12) by their keyword without the -report/-warning/
# -error suffix.
_PAPER_JAM = ("media-jam",)
_PAPER_LOW = ("media-low",)
_BY_A_PERSON = ("cover-open", "door-open", "interlock-open", "media-path-open")


def _has(reasons: Sequence[str], keywords: Sequence[str]) -> bool:
    return any(r.startswith(k) for r in reasons for k in keywords)


# The PDF printer's own sentences (drivers/printers/pdf.py) and the demo's printer faults
# (drivers/printers/fake.py), which a screen translates: the drivers do not import the kiosk, so
# their words are recognised here, values kept.
_DRIVER_WORDS = (
    (re.compile(r"paper roll is empty"), QT_TRANSLATE_NOOP("DiagText", "paper roll is empty")),
    (re.compile(r"printer does not answer"),
     QT_TRANSLATE_NOOP("DiagText", "printer does not answer")),
    (re.compile(r"print head fault"), QT_TRANSLATE_NOOP("DiagText", "print head fault")),
    (re.compile(r"writing PDF files to (?P<folder>.+)"),
     QT_TRANSLATE_NOOP("DiagText", "writing PDF files to {folder}")),
    (re.compile(r"folder (?P<folder>.+) does not exist"),
     QT_TRANSLATE_NOOP("DiagText", "folder {folder} does not exist")),
    (re.compile(r"folder (?P<folder>.+) is not writable: (?P<error>.+)"),
     QT_TRANSLATE_NOOP("DiagText", "folder {folder} is not writable: {error}")),
    (re.compile(r"folder (?P<folder>.+) is not writable"),
     QT_TRANSLATE_NOOP("DiagText", "folder {folder} is not writable")),
)  # fmt: skip


def driver_words(detail: str) -> str:
    """A printer driver's detail as a translatable Text where it is one of the sentences known
    here (the same English); any other comes back as it is."""
    for pattern, template in _DRIVER_WORDS:
        if (match := pattern.fullmatch(detail)) is not None:
            return Text(template, **match.groupdict())
    return detail


def printer_device(
    status: printers.PrinterStatus, *, name: str = "", since: dt.datetime | None = None
) -> DeviceStatus:
    """A driver's printer status as a DeviceStatus: out of paper is an online printer whose
    paper is out (as XFS has it), a jam or an open cover say so from the IPP reasons."""
    reasons = status.reasons
    status = dataclasses.replace(status, detail=driver_words(status.detail))
    kind, when = DeviceKind.RECEIPT_PRINTER, since or _now()
    if status.state is printers.PrinterState.READY:
        media = MediaState.PAPER_LOW if _has(reasons, _PAPER_LOW) else MediaState.PAPER_OK
        error = (
            Text(QT_TRANSLATE_NOOP("DiagText", "the paper is running low: load a new roll soon"))
            if media is MediaState.PAPER_LOW
            else ""
        )
        return DeviceStatus(kind, DeviceState.ONLINE, media, name, when, status.detail, error)
    if status.state is printers.PrinterState.NO_PAPER:
        return DeviceStatus(
            kind, DeviceState.ONLINE, MediaState.PAPER_OUT, name, when, status.detail,
            status.detail or Text(QT_TRANSLATE_NOOP("DiagText", "out of paper: load paper")),
        )  # fmt: skip
    if status.state is printers.PrinterState.OFFLINE:
        state = DeviceState.POWER_OFF if _has(reasons, ("shutdown",)) else DeviceState.OFFLINE
        return DeviceStatus(
            kind, state, MediaState.UNKNOWN, name, when, status.detail,
            status.detail
            or Text(
                QT_TRANSLATE_NOOP(
                    "DiagText", "the printer does not answer: check its power and cable"
                )
            ),
        )  # fmt: skip
    if _has(reasons, _PAPER_JAM):
        state, media = DeviceState.HARDWARE_ERROR, MediaState.PAPER_JAMMED
    elif _has(reasons, _BY_A_PERSON):
        state, media = DeviceState.USER_ERROR, MediaState.UNKNOWN
    else:
        state, media = DeviceState.HARDWARE_ERROR, MediaState.UNKNOWN
    error = status.detail or Text(
        QT_TRANSLATE_NOOP("DiagText", "the printer reports an error: check the printer")
    )
    return DeviceStatus(kind, state, media, name, when, status.detail, error)


def read_printer_device(printer: printers.Printer, *, name: str = "") -> DeviceStatus:
    """The printer's DeviceStatus; never raises: a driver that cannot say is in error."""
    try:
        status = printer.status()
    except Exception as exc:
        return DeviceStatus(
            DeviceKind.RECEIPT_PRINTER,
            DeviceState.HARDWARE_ERROR,
            MediaState.UNKNOWN,
            name,
            _now(),
            error=Text(
                QT_TRANSLATE_NOOP(
                    "DiagText", "the printer's status cannot be read ({error}): check the printer"
                ),
                error=type(exc).__name__,
            ),
        )
    return printer_device(status, name=name)


# The card reader -------------------------------------------------------------------------------

PCSCD_DOWN_FOUND = Text(
    QT_TRANSLATE_NOOP("DiagText", "the smart card service (pcscd) is not running")
)
PCSCD_DOWN_FIX = Text(
    QT_TRANSLATE_NOOP(
        "DiagText", "start it (`systemctl start pcscd`), then check `kiosk diag readers`"
    )
)
PCSCD_DOWN = Text("{found}: {fix}", context="", found=PCSCD_DOWN_FOUND, fix=PCSCD_DOWN_FIX)


def reader_device(
    infos: Sequence[readers.ReaderInfo],
    *,
    service_available: bool = True,
    wanted: str = "",
    since: dt.datetime | None = None,
) -> DeviceStatus:
    """The card reader as a DeviceStatus: `wanted` (the configured reader_name), else the
    first reader with a card, else the first reader there."""
    kind, when = DeviceKind.CARD_READER, since or _now()
    if not service_available:
        return DeviceStatus(
            kind, DeviceState.OFFLINE, MediaState.UNKNOWN, wanted, when, error=PCSCD_DOWN
        )
    info = _chosen(infos, wanted)
    error: str
    if info is None:
        if wanted:
            there = ", ".join(repr(i.name) for i in infos) or Text(
                QT_TRANSLATE_NOOP("DiagText", "none")
            )
            error = Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "no reader named {wanted} (the readers are: {there}): plug it in, or fix "
                    "reader_name in the kiosk's settings",
                ),
                wanted=repr(wanted),
                there=there,
            )
        else:
            error = Text(
                QT_TRANSLATE_NOOP("DiagText", "no card reader is connected: check its USB cable")
            )
        return DeviceStatus(
            kind, DeviceState.NO_DEVICE, MediaState.UNKNOWN, wanted, when, error=error
        )
    state, media, error = _READER_STATES[info.state]
    detail = Text(QT_TRANSLATE_NOOP("DiagText", "driver {driver}"), driver=info.driver)
    return DeviceStatus(kind, state, media, info.name, when, detail, error)


_READER_STATES: dict[readers.ReaderState, tuple[DeviceState, MediaState, str]] = {
    readers.ReaderState.EMPTY: (DeviceState.ONLINE, MediaState.CARD_ABSENT, ""),
    readers.ReaderState.CARD_PRESENT: (DeviceState.ONLINE, MediaState.CARD_PRESENT, ""),
    readers.ReaderState.CARD_MUTE: (
        DeviceState.USER_ERROR,
        MediaState.CARD_PRESENT,
        Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "the card in the reader does not answer: inserted the wrong way round, or damaged",
            )
        ),
    ),
    readers.ReaderState.IN_USE: (
        DeviceState.BUSY,
        MediaState.CARD_PRESENT,
        Text(
            QT_TRANSLATE_NOOP(
                "DiagText", "another program holds the card (a second kiosk running?)"
            )
        ),
    ),
    readers.ReaderState.UNAVAILABLE: (
        DeviceState.NO_DEVICE,
        MediaState.UNKNOWN,
        Text(
            QT_TRANSLATE_NOOP(
                "DiagText", "the reader is unplugged or unavailable: check its USB cable"
            )
        ),
    ),
}


def _chosen(infos: Sequence[readers.ReaderInfo], wanted: str) -> readers.ReaderInfo | None:
    if wanted:
        return next((i for i in infos if i.name == wanted), None)
    with_card = [i for i in infos if i.state is readers.ReaderState.CARD_PRESENT]
    return next(iter(with_card or infos), None)


class ReaderWatch:
    """The readers of a backend, watched: their names now, and their events in the kiosk's
    vocabulary. Listeners are called on the backend's own threads, as the backend's are: they
    must only hand the event on (a Qt signal), never do card I/O."""

    def __init__(self, backend: readers.CardReaderBackend) -> None:
        self._backend = backend
        # The backend's listener made for each of ours, so that removing ours removes it.
        self._wrapped: dict[ReaderListener, readers.Listener] = {}
        self._lock = threading.Lock()

    def add_listener(self, listener: ReaderListener) -> None:
        def translated(event: readers.ReaderEvent) -> None:
            listener(reader_event(event))

        with self._lock:
            if listener in self._wrapped:
                return
            self._wrapped[listener] = translated
        self._backend.add_listener(translated)

    def remove_listener(self, listener: ReaderListener) -> None:
        with self._lock:
            translated = self._wrapped.pop(listener, None)
        if translated is not None:
            self._backend.remove_listener(translated)

    def reader_names(self) -> list[str]:
        """The readers the backend knows now, with a card or without (as its `readers()`
        lists them: a backend may keep an unplugged reader listed as unavailable)."""
        return [info.name for info in self._backend.readers()]

    def device_status(self, wanted: str = "") -> DeviceStatus:
        """The card reader (`wanted`, else the first with a card) as a DeviceStatus now."""
        return reader_device(
            self._backend.readers(),
            service_available=self._backend.service_available,
            wanted=wanted,
        )


# The back end ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackendProbe:
    """The back end's state after one round trip, its latency (None: no answer) and the
    schema revision it answered with."""

    status: DeviceStatus
    latency_ms: float | None = None
    revision: str | None = None


def backend_revision(engine: Engine) -> str | None:
    """One round trip: the schema revision the database holds (raises the driver's error)."""
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def probe_backend(engine: Engine, schema: str | None = None) -> BackendProbe:
    """The back end as the kiosk checks it (kiosk.app.check_backend): a timed round trip,
    the schema revision against `schema` (when given), and whether it could record now.
    Never raises: what went wrong is the status's error, in one line."""
    from kiosk.store.db import probe_writable, redacted
    from kiosk.store.urls import describe_database_error

    name = redacted(engine.url)
    kind = DeviceKind.BACK_END

    def status(state: DeviceState, detail: str = "", error: str = "") -> DeviceStatus:
        return DeviceStatus(kind, state, MediaState.NONE, name, _now(), detail, error)

    started = time.perf_counter()
    try:
        revision = backend_revision(engine)
    except Exception as exc:
        error = Text(
            QT_TRANSLATE_NOOP("DiagText", "the database does not answer: {error}"),
            error=describe_database_error(exc),
        )
        return BackendProbe(status(DeviceState.OFFLINE, error=error))
    latency = (time.perf_counter() - started) * 1000
    answered = Text(
        QT_TRANSLATE_NOOP("DiagText", "answered in {ms} ms, schema {revision}"),
        ms=f"{latency:.1f}",
        revision=str(revision),
    )
    if schema is not None and revision != schema:
        error = Text(
            QT_TRANSLATE_NOOP(
                "DiagText",
                "the database is at schema revision {revision}, this program at {schema}",
            ),
            revision=str(revision),
            schema=str(schema),
        )
        return BackendProbe(status(DeviceState.HARDWARE_ERROR, answered, error), latency, revision)
    try:
        probe_writable(engine)
    except Exception as exc:
        error = Text(
            QT_TRANSLATE_NOOP("DiagText", "the database cannot record now: {error}"),
            error=describe_database_error(exc),
        )
        return BackendProbe(status(DeviceState.HARDWARE_ERROR, answered, error), latency, revision)
    return BackendProbe(status(DeviceState.ONLINE, answered), latency, revision)

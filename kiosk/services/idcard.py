"""The resident ID card reader (drivers.idcard) in the kiosk's vocabulary, at the edge of the
services: a read becomes an `IdCardRead` (the name and ID number, all the flows need; the rest
of the card is dropped here), the reader's events become `IdCardNotice`s (`IdCardWatch`), and
its state becomes a `DeviceStatus` (CEN/XFS, as the other devices) for the status strip, the
self-test and the diagnostics. The words in `error` are for a technician."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from drivers.idcard import base as idcard
from kiosk.domain.devices import DeviceKind, DeviceState, DeviceStatus, MediaState
from kiosk.domain.idcard import IdCardNotice, IdCardRead, IdNoticeKind
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

IdNoticeListener = Callable[[IdCardNotice], None]

_PLAIN_KINDS = {
    idcard.IdCardEventKind.TAKEN: IdNoticeKind.TAKEN,
    idcard.IdCardEventKind.DEVICE_LOST: IdNoticeKind.READER_LOST,
    idcard.IdCardEventKind.DEVICE_BACK: IdNoticeKind.READER_BACK,
}


def id_card_read(identity: idcard.IdIdentity) -> IdCardRead:
    """What the flows get of an ID card: its name (padding gone) and its ID number."""
    return IdCardRead(name=identity.name.strip(), id_number=identity.id_number.strip().upper())


def id_card_notice(event: idcard.IdCardEvent) -> IdCardNotice:
    """A driver event as the flows hear it; an unreadable card of a kind not supported here
    (a foreigner's permanent residence ID...) is told apart from one that failed to read."""
    if event.kind is idcard.IdCardEventKind.LAID:
        if event.identity is None:  # a backend that says "read" without the identity
            return IdCardNotice(IdNoticeKind.UNREADABLE)
        return IdCardNotice(IdNoticeKind.LAID, id_card_read(event.identity))
    if event.kind is idcard.IdCardEventKind.UNREADABLE:
        if isinstance(event.error, idcard.IdCardUnsupported):
            return IdCardNotice(IdNoticeKind.UNSUPPORTED)
        return IdCardNotice(IdNoticeKind.UNREADABLE)
    return IdCardNotice(_PLAIN_KINDS[event.kind])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


NOT_SUPPORTED = QT_TRANSLATE_NOOP("DiagText", "this kind of ID card is not supported here")
CANNOT_READ = QT_TRANSLATE_NOOP(
    "DiagText", "the ID card on the reader cannot be read: laid on too briefly, or damaged"
)
NO_READER = QT_TRANSLATE_NOOP(
    "DiagText", "no ID card reader is connected: check its USB cable and idcard_port"
)
NOT_ANSWERING = QT_TRANSLATE_NOOP(
    "DiagText", "the ID card reader does not answer: check its cable and power"
)


def id_reader_device(
    reader: idcard.IdCardReader, *, name: str = "", since: dt.datetime | None = None
) -> DeviceStatus:
    """The ID card reader as a DeviceStatus now; never raises (a reader that cannot say is in
    error). `name`: the port it is on (the setting idcard_port), or the driver's name."""
    kind, when = DeviceKind.ID_CARD_READER, since or _now()
    name = name or reader.driver_name
    try:
        state = reader.state()
        last = reader.last_error
    except Exception as exc:
        error = Text(
            QT_TRANSLATE_NOOP("DiagText", "the ID card reader's state cannot be read ({error})"),
            error=type(exc).__name__,
        )
        return DeviceStatus(
            kind, DeviceState.HARDWARE_ERROR, MediaState.UNKNOWN, name, when, error=error
        )
    detail = Text(QT_TRANSLATE_NOOP("DiagText", "driver {driver}"), driver=reader.driver_name)
    if state is idcard.IdReaderState.READY:
        return DeviceStatus(kind, DeviceState.ONLINE, MediaState.CARD_ABSENT, name, when, detail)
    if state is idcard.IdReaderState.CARD_READ:
        return DeviceStatus(kind, DeviceState.ONLINE, MediaState.CARD_PRESENT, name, when, detail)
    if state is idcard.IdReaderState.CARD_ERROR:
        words = NOT_SUPPORTED if isinstance(last, idcard.IdCardUnsupported) else CANNOT_READ
        return DeviceStatus(
            kind, DeviceState.USER_ERROR, MediaState.CARD_PRESENT, name, when, detail, Text(words)
        )
    if state in (idcard.IdReaderState.OFFLINE, idcard.IdReaderState.NO_DEVICE) and last:
        from kiosk.services.idcard_diag import SamReader, id_reader_problem

        if isinstance(reader, SamReader):  # a real reader: its typed error says more
            problem = id_reader_problem(last, name)
            return DeviceStatus(
                kind, problem.state, MediaState.UNKNOWN, name, when, detail, problem.found
            )
    if state is idcard.IdReaderState.OFFLINE:
        return DeviceStatus(
            kind, DeviceState.OFFLINE, MediaState.UNKNOWN, name, when, detail, Text(NOT_ANSWERING)
        )
    return DeviceStatus(
        kind, DeviceState.NO_DEVICE, MediaState.UNKNOWN, name, when, detail, Text(NO_READER)
    )


class IdCardWatch:
    """An ID card reader, watched: its events as IdCardNotices and its state as a
    DeviceStatus. Listeners are called on the reader's own thread, as the driver's are: they
    must only hand the notice on (a Qt signal)."""

    def __init__(self, reader: idcard.IdCardReader, *, name: str = "") -> None:
        self.reader = reader
        self.name = name
        self._wrapped: dict[IdNoticeListener, idcard.IdListener] = {}
        self._lock = threading.Lock()

    def add_listener(self, listener: IdNoticeListener) -> None:
        def translated(event: idcard.IdCardEvent) -> None:
            listener(id_card_notice(event))

        with self._lock:
            if listener in self._wrapped:
                return
            self._wrapped[listener] = translated
        self.reader.add_listener(translated)

    def remove_listener(self, listener: IdNoticeListener) -> None:
        with self._lock:
            translated = self._wrapped.pop(listener, None)
        if translated is not None:
            self.reader.remove_listener(translated)

    @property
    def online(self) -> bool:
        """Whether the reader answers now (a citizen may lay an ID card on it)."""
        return self.device_status().state in (DeviceState.ONLINE, DeviceState.USER_ERROR)

    def device_status(self) -> DeviceStatus:
        return id_reader_device(self.reader, name=self.name)

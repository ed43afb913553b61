"""The resident ID card reader as a technician looks at it (issue 15's diagnostics): what is
wrong with it in the device vocabulary and in words, with the fix (`id_reader_problem`), and
one look at a reader (`probe_id_reader`) for the self-test, `kiosk diag readers` and the
bundle.

A look never reads a card: it asks the reader's security module (SAM) for its status and id,
and, where no watch loop runs on the port, "find card" (whether one lies there, never whose).
A citizen's ID card may lie on the reader while a technician looks. Of the SAM id only its
length is kept: it is not personal, but a look has no use for it.

The reader's SW3 words are the driver's (drivers.idcard.protocol.STATUS_WORDS), marked here for
translation (a test keeps both tables the same).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from drivers.idcard import base as idcard
from kiosk.domain.devices import DeviceKind, DeviceState, DeviceStatus, MediaState
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

LOOK_TIMEOUT_S = 1.0  # each command of a look waits this long for its answer at most

SW3_SAM_SELF_TEST = 0x60
SW3_SAM_UNAUTHORISED = 0x66

# drivers.idcard.protocol.STATUS_WORDS, word for word, marked for the screens.
SW3_WORDS: dict[int, str] = {
    0x90: QT_TRANSLATE_NOOP("DiagText", "success"),
    0x9F: QT_TRANSLATE_NOOP("DiagText", "a card was found"),
    0x10: QT_TRANSLATE_NOOP("DiagText", "the reader received a command with a bad checksum"),
    0x11: QT_TRANSLATE_NOOP("DiagText", "the reader received a command of the wrong length"),
    0x21: QT_TRANSLATE_NOOP("DiagText", "the reader does not know the command"),
    0x23: QT_TRANSLATE_NOOP("DiagText", "the operation is not permitted on this card"),
    0x24: QT_TRANSLATE_NOOP("DiagText", "the reader reports an unrecognised error"),
    0x31: QT_TRANSLATE_NOOP("DiagText", "the card failed authentication"),
    0x33: QT_TRANSLATE_NOOP("DiagText", "the card's information failed authentication"),
    0x40: QT_TRANSLATE_NOOP("DiagText", "the card is of an unrecognised type"),
    0x41: QT_TRANSLATE_NOOP("DiagText", "reading the card failed"),
    0x60: QT_TRANSLATE_NOOP("DiagText", "the reader's security module (SAM) failed its self-test"),
    0x66: QT_TRANSLATE_NOOP("DiagText", "the reader's security module (SAM) is not authorised"),
    0x80: QT_TRANSLATE_NOOP("DiagText", "no card was found on the reader"),
    0x81: QT_TRANSLATE_NOOP("DiagText", "selecting the card failed"),
    0x91: QT_TRANSLATE_NOOP("DiagText", "the card has no content of that kind"),
}


def sw3_words(sw3: int) -> str:
    """A status byte in words (a Text the screens translate)."""
    if sw3 in SW3_WORDS:
        return Text(SW3_WORDS[sw3])
    return Text(QT_TRANSLATE_NOOP("DiagText", "an undocumented status 0x{sw3}"), sw3=f"{sw3:02X}")


@dataclass(frozen=True)
class IdReaderProblem:
    """What is wrong with the ID card reader: its device state, what was found and the fix
    (Texts), and whether the kiosk can still serve with it as it is (`warning`: the port is
    held by another program, which is the running kiosk when a command looks)."""

    state: DeviceState
    found: str
    fix: str
    warning: bool = False


_CABLE_FIX = QT_TRANSLATE_NOOP(
    "DiagText",
    "check the ID card reader's USB cable and power, and that idcard_port names it "
    "(ls -l /dev/serial/by-id lists the serial devices)",
)


def id_reader_problem(error: BaseException, port: str) -> IdReaderProblem:
    """The driver's typed error in the device vocabulary, with the fix in words."""
    if isinstance(error, idcard.IdReaderBusy):
        return IdReaderProblem(
            DeviceState.BUSY,
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText", "{port} is held by another program (a running kiosk?)"
                ),
                port=port,
            ),
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "normal while the kiosk runs: look from staff mode's diagnostics, or stop "
                    "the kiosk and look again",
                )
            ),
            warning=True,
        )
    if isinstance(error, idcard.IdReaderUnavailable):
        if port and not os.path.exists(port):
            return IdReaderProblem(
                DeviceState.NO_DEVICE,
                Text(QT_TRANSLATE_NOOP("DiagText", "no device at {port}"), port=port),
                Text(_CABLE_FIX),
            )
        return IdReaderProblem(
            DeviceState.OFFLINE,
            Text(
                QT_TRANSLATE_NOOP("DiagText", "{port} cannot be used: {error}"),
                port=port,
                error=str(error),
            ),
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "check the cable; the kiosk's user must be allowed to open the port "
                    "(the dialout group)",
                )
            ),
        )
    if isinstance(error, idcard.IdReaderTimeout):
        return IdReaderProblem(
            DeviceState.OFFLINE,
            Text(
                QT_TRANSLATE_NOOP("DiagText", "the ID card reader at {port} does not answer"),
                port=port,
            ),
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "check its power and cable, and that idcard_port is the ID card reader, "
                    "not another serial device",
                )
            ),
        )
    if isinstance(error, idcard.IdFrameError):
        return IdReaderProblem(
            DeviceState.HARDWARE_ERROR,
            Text(
                QT_TRANSLATE_NOOP("DiagText", "the ID card reader at {port} answers garbled"),
                port=port,
            ),
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "check the cable, and that idcard_port is the ID card reader (115200 8N1)",
                )
            ),
        )
    if isinstance(error, idcard.IdStatusError):
        if error.sw3 == SW3_SAM_SELF_TEST:
            fix = QT_TRANSLATE_NOOP(
                "DiagText",
                "power the reader off and on; if it stays, the reader needs its vendor's service",
            )
        elif error.sw3 == SW3_SAM_UNAUTHORISED:
            fix = QT_TRANSLATE_NOOP(
                "DiagText",
                "the reader's security module must be authorised by its supplier: call the "
                "reader's vendor",
            )
        else:
            fix = QT_TRANSLATE_NOOP(
                "DiagText", "power the reader off and on; check that idcard_port is the ID reader"
            )
        return IdReaderProblem(
            DeviceState.HARDWARE_ERROR,
            Text(
                QT_TRANSLATE_NOOP("DiagText", "the reader says: {words} (status {sw3})"),
                words=sw3_words(error.sw3),
                sw3=f"{error.sw3:02X}",
            ),
            Text(fix),
        )
    return IdReaderProblem(
        DeviceState.HARDWARE_ERROR,
        Text(
            QT_TRANSLATE_NOOP("DiagText", "the ID card reader failed ({error})"),
            error=type(error).__name__,
        ),
        Text(_CABLE_FIX),
    )


@runtime_checkable
class SamReader(Protocol):
    """A reader that can be asked for its security module and whether a card lies on it
    (drivers.idcard.serial.SerialIdCardReader)."""

    def sam_id(self, timeout: float = ...) -> str: ...

    def card_present(self, timeout: float = ...) -> bool: ...


@dataclass(frozen=True)
class IdReaderProbe:
    """One look at the ID card reader: its driver ("serial", "simulated"), its port, its
    DeviceStatus, the SAM id's length in bytes (None: not asked, or it did not answer),
    whether a card lies on it (None: not known), and what is wrong (None: nothing)."""

    driver: str
    port: str
    device: DeviceStatus
    sam_bytes: int | None = None
    card_on: bool | None = None
    problem: IdReaderProblem | None = None

    def as_dict(self) -> dict[str, Any]:
        problem = self.problem
        return {
            "driver": self.driver,
            "port": self.port or None,
            "card_on": self.card_on,
            "sam_id_bytes": self.sam_bytes,
            "device": self.device.as_dict(),
            "problem": (
                {"found": problem.found, "fix": problem.fix, "warning": problem.warning}
                if problem is not None
                else None
            ),
        }


def driver_label(reader: idcard.IdCardReader) -> str:
    """The driver as the diagnostics say it: "serial", or "simulated" for the in-process one."""
    return "simulated" if reader.driver_name == "mock" else reader.driver_name


def card_on(device: DeviceStatus) -> bool | None:
    if device.media is MediaState.CARD_PRESENT:
        return True
    if device.media is MediaState.CARD_ABSENT:
        return False
    return None


def probe_id_reader(
    reader: idcard.IdCardReader,
    port: str,
    *,
    watched: bool = False,
    state_only: bool = False,
    look_for_card: bool = False,
    timeout: float = LOOK_TIMEOUT_S,
    now: dt.datetime | None = None,
) -> IdReaderProbe:
    """One look at `reader` on `port`; never raises for what it finds, never reads a card.
    `watched`: the reader's watch loop runs (the kiosk's own reader): its state says whether
    a card lies on it, and the SAM is asked over the loop's open port. Else (a command) the
    port is opened for the look, and with `look_for_card` "find card" is asked too.
    `state_only`: the watched reader's state as its watch loop last found it, without a word
    to the reader (the live Readers page, at each notice)."""
    from kiosk.services.idcard import id_reader_device

    now = now or dt.datetime.now(dt.UTC)
    driver = driver_label(reader)
    name = port or driver
    if state_only or not isinstance(reader, SamReader):  # or the simulated one, in the kiosk
        device = id_reader_device(reader, name=name, since=now)
        problem = None
        if not device.usable and device.state is not DeviceState.USER_ERROR:
            last = reader.last_error
            if isinstance(reader, SamReader) and last is not None:
                problem = id_reader_problem(last, port)
            else:
                problem = IdReaderProblem(device.state, device.error, _fix_of(reader))
        return IdReaderProbe(driver, port, device, card_on=card_on(device), problem=problem)
    detail = Text(QT_TRANSLATE_NOOP("DiagText", "driver {driver}"), driver=driver)
    sam: int | None = None
    try:
        if port and not os.path.exists(port):
            raise idcard.IdReaderUnavailable(f"no device at {port}")
        sam = len(reader.sam_id(timeout)) // 2
        if watched:
            device = id_reader_device(reader, name=name, since=now)
            present = card_on(device)
        else:
            present = reader.card_present(timeout) if look_for_card else None
            media = {True: MediaState.CARD_PRESENT, False: MediaState.CARD_ABSENT}
            device = DeviceStatus(
                DeviceKind.ID_CARD_READER,
                DeviceState.ONLINE,
                MediaState.UNKNOWN if present is None else media[present],
                name,
                now,
                detail,
            )
    except idcard.IdCardError as exc:
        problem = id_reader_problem(exc, port)
        device = DeviceStatus(
            DeviceKind.ID_CARD_READER,
            problem.state,
            MediaState.UNKNOWN,
            name,
            now,
            detail,
            problem.found,
        )
        return IdReaderProbe(driver, port, device, sam, None, problem)
    return IdReaderProbe(driver, port, device, sam, present)


_PLUG_IT = QT_TRANSLATE_NOOP(
    "DiagText", "the simulated reader is unplugged: plug it back in from the demo tray"
)


def _fix_of(reader: idcard.IdCardReader) -> str:
    return Text(_PLUG_IT) if reader.driver_name == "mock" else Text(_CABLE_FIX)

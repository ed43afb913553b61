"""The APDU console: a technician's command APDUs sent to the card in order, on one connection,
each answer kept with its status word's meaning and its time.

The rule for what needs consent is `kiosk.card.instructions` (read-only or changing, PINs
masked); `refused` applies it to a whole list before anything is sent, so a list with one
changing command sends nothing without consent. The APDUs go out raw (`transmit_raw`): a
`61 xx` or `6C xx` is shown as the card said it, and the technician sends the GET RESPONSE.

Logged: each APDU's command name and status word (`card.console_apdu`), never its data or the
answer's. The response data is for the technician's eyes; `masked_data` is what a terminal or
screen shows of it unless the technician asks for the full bytes (it may be a record of EF06).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from drivers.readers.base import CardChannel
from drivers.readers.errors import ReaderError
from kiosk.card.apdu import CommandApdu, sw_meaning
from kiosk.card.instructions import instruction, refusal, shown
from kiosk.card.trace import RecordingChannel

MAX_APDUS = 64  # per run: a console session, not a bulk loader
_SHOWN_BYTES = 4  # masked data keeps the first and last 4 bytes, as IDs keep 4 characters

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Exchange:
    command: str  # "SELECT", "VERIFY"...
    apdu: str  # as `shown`: a PIN masked
    changes: bool
    data: bytes  # the answer's data, without the status word
    sw: int | None  # None: no status word came back
    ms: float

    @property
    def sw_hex(self) -> str:
        return f"{self.sw:04X}" if self.sw is not None else "----"

    @property
    def meaning(self) -> str:
        return sw_meaning(self.sw) if self.sw is not None else "no status word"


@dataclass(frozen=True)
class ConsoleRun:
    exchanges: tuple[Exchange, ...]
    failure: ReaderError | None = None  # the card left or went mute part way: later APDUs unsent
    unsent: int = 0


def refused(apdus: Sequence[CommandApdu]) -> list[str]:
    """Why each changing APDU of the list needs consent (empty: every one only reads)."""
    return [f"APDU {n}: {why}" for n, a in enumerate(apdus, 1) if (why := refusal(a))]


def send_all(channel: CardChannel, apdus: Sequence[CommandApdu]) -> ConsoleRun:
    """Send `apdus` in order (the caller has checked consent with `refused`). A transport error
    stops the run; the exchanges before it are kept and the error returned with them."""
    if len(apdus) > MAX_APDUS:
        raise ValueError(f"at most {MAX_APDUS} APDUs in one run")
    recorder = RecordingChannel(channel)
    exchanges: list[Exchange] = []
    for sent, apdu in enumerate(apdus):
        what = instruction(apdu)
        try:
            answer = recorder.transmit_raw(apdu.raw)
        except ReaderError as exc:
            log.info("card.console_apdu name=%r failure=%s", what.name, type(exc).__name__)
            return ConsoleRun(tuple(exchanges), exc, len(apdus) - sent)
        sw = (answer[-2] << 8) | answer[-1] if len(answer) >= 2 else None
        data = answer[:-2] if sw is not None else answer
        exchange = Exchange(what.name, shown(apdu), what.changes, data, sw, recorder.records[-1].ms)
        log.info(
            "card.console_apdu name=%r changes=%d sw=%s", what.name, what.changes, exchange.sw_hex
        )
        exchanges.append(exchange)
    return ConsoleRun(tuple(exchanges))


def masked_data(data: bytes) -> str:
    """Response data in hex with all but its first and last 4 bytes masked (`**`); data too
    short to hide at least as much as it shows is masked whole."""
    if len(data) < 4 * _SHOWN_BYTES:
        return " ".join("**" for _ in data)
    head, tail = data[:_SHOWN_BYTES].hex(" "), data[-_SHOWN_BYTES:].hex(" ")
    middle = " ".join("**" for _ in range(len(data) - 2 * _SHOWN_BYTES))
    return f"{head} {middle} {tail}".upper()

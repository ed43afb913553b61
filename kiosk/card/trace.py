"""A recording card channel: every APDU that goes to the card, named, with its status word and
how long the card took, and nothing a trace must not hold.

`RecordingChannel` wraps the channel a reader job is handed; the card layer's functions run on
it unchanged (`read_card(RecordingChannel(channel))`), and every exchange on the wire is one
`ApduRecord`: the T=0 rounds (GET RESPONSE, a resend after `6C xx`) each get their own line,
as the card sees them. A record keeps the command's name, its header (CLA INS P1 P2 P3, never
its data: that could be a PIN), the status word, how many bytes came back (never the bytes:
they are personal) and the time in milliseconds. The technician's card test (`kiosk diag read
--timings`), the APDU console and, later, the diagnostics screens all time APDUs this way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.readers.base import CardChannel
from kiosk.card.apdu import ApduFormatError, CommandApdu, sw_meaning
from kiosk.card.instructions import instruction
from kiosk.card.profile import ALL_RECORDS, SSSE_AID
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

_FIELDS = {(spec.sfi, spec.number): spec.field for spec in ALL_RECORDS}


@dataclass(frozen=True)
class ApduRecord:
    number: int  # from 1, in the order sent
    command: str  # "READ RECORD 7 of EF05 (card number)"
    header: str  # "00 B2 07 2C 0B": never the data
    sw: int | None  # None: no status word came back (see `failure`)
    answer_bytes: int  # response data length, without the status word
    ms: float
    failure: str = ""  # the transport error's kind, when the APDU got no answer

    @property
    def sw_hex(self) -> str:
        return f"{self.sw:04X}" if self.sw is not None else "----"

    @property
    def meaning(self) -> str:
        if self.sw is not None:
            return sw_meaning(self.sw)
        if self.failure:
            return Text(QT_TRANSLATE_NOOP("DiagText", "no answer ({error})"), error=self.failure)
        return Text(QT_TRANSLATE_NOOP("DiagText", "no status word"))


class RecordingChannel(CardChannel):
    """A `CardChannel` that sends through another and records each exchange (see the module)."""

    def __init__(self, inner: CardChannel, clock: Callable[[], float] = time.perf_counter) -> None:
        super().__init__(inner.atr)
        self._inner = inner
        self._clock = clock
        self.records: list[ApduRecord] = []

    def _send(self, apdu: bytes | bytearray) -> bytes:
        name, header = describe(apdu), bytes(apdu[:5]).hex(" ").upper()
        started = self._clock()
        try:
            answer = self._inner.transmit_raw(apdu)
        except Exception as exc:
            self._record(name, header, b"", started, type(exc).__name__)
            raise
        self._record(name, header, answer, started)
        return answer

    def _record(
        self, name: str, header: str, answer: bytes, started: float, failure: str = ""
    ) -> None:
        ms = (self._clock() - started) * 1000
        sw = (answer[-2] << 8) | answer[-1] if len(answer) >= 2 else None
        data_length = len(answer) - 2 if sw is not None else len(answer)
        number = len(self.records) + 1
        self.records.append(ApduRecord(number, name, header, sw, data_length, ms, failure))

    @property
    def total_ms(self) -> float:
        """Time spent waiting for the card, summed over the records."""
        return sum(record.ms for record in self.records)


def describe(apdu: bytes | bytearray) -> str:
    """The command's name, with what the card profile says it addresses (files, records)."""
    try:
        command = CommandApdu.parse(bytes(apdu))
    except ApduFormatError:
        return Text(QT_TRANSLATE_NOOP("DiagText", "malformed APDU"))
    name = instruction(command).name
    p1, p2, data = command.p1, command.p2, command.data
    if name == "SELECT":
        if p1 == 0x04 and data == SSSE_AID:
            return "SELECT SSSE"
        if p1 in (0x00, 0x02) and len(data) == 2:
            fid = int.from_bytes(data, "big")
            return "SELECT MF" if fid == 0x3F00 else f"SELECT {fid:04X}"
    if name == "READ RECORD" and p2 & 0x07 == 0x04:
        sfi = p2 >> 3
        if sfi == 0:
            return Text(
                QT_TRANSLATE_NOOP("DiagText", "READ RECORD {n} of the current EF"), n=str(p1)
            )
        field = _FIELDS.get((sfi, p1))
        if field:
            return Text(
                QT_TRANSLATE_NOOP("DiagText", "READ RECORD {n} of EF{sfi} ({field})"),
                n=str(p1),
                sfi=f"{sfi:02X}",
                field=Text(field),
            )
        return Text(
            QT_TRANSLATE_NOOP("DiagText", "READ RECORD {n} of EF{sfi}"), n=str(p1), sfi=f"{sfi:02X}"
        )
    if name == "READ BINARY":
        if p1 & 0x80:
            return Text(
                QT_TRANSLATE_NOOP("DiagText", "READ BINARY EF{sfi} at {offset}"),
                sfi=f"{p1 & 0x1F:02X}",
                offset=str(p2),
            )
        return Text(
            QT_TRANSLATE_NOOP("DiagText", "READ BINARY at {offset}"), offset=str((p1 << 8) | p2)
        )
    return name

"""The recording channel: every exchange on the wire one record, named from the card profile,
with its header and status word and never its data; the T=0 rounds counted as the card sees
them; an APDU that got no answer recorded before the error goes on."""

from __future__ import annotations

import itertools

import pytest

from drivers.readers.base import CardChannel
from drivers.readers.errors import CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from kiosk.card.profile import APDUS_PER_READ
from kiosk.card.read import read_card
from kiosk.card.trace import RecordingChannel, describe


class ScriptedChannel(CardChannel):
    def __init__(self, *answers: str) -> None:
        super().__init__(bytes.fromhex("3B6D0000") + bytes(13))
        self.answers = [bytes.fromhex(a) for a in answers]
        self.sent: list[bytes] = []

    def _send(self, apdu: bytes | bytearray) -> bytes:
        self.sent.append(bytes(apdu))
        return self.answers.pop(0)


def test_the_kiosk_read_through_the_recorder_is_fifteen_named_records() -> None:
    backend = MockReaderBackend()
    backend.start()
    try:
        backend.insert("normal")

        def job(channel: CardChannel):
            recorder = RecordingChannel(channel)
            return recorder, read_card(recorder)

        recorder, read = backend.run(DEFAULT_READER, job).result(5)
    finally:
        backend.stop()
    assert read.apdus == APDUS_PER_READ == len(recorder.records)
    first, second, last = recorder.records[0], recorder.records[1], recorder.records[-1]
    assert (first.command, first.header, first.sw_hex) == ("SELECT SSSE", "00 A4 04 00 0F", "6115")
    assert second.command == "READ RECORD 1 of EF05 (card identification code)"
    assert second.answer_bytes == 18 and second.meaning == "done"
    assert last.command == "READ RECORD 7 of EF06 (birth date)"
    assert [r.number for r in recorder.records] == list(range(1, 16))
    assert recorder.total_ms == pytest.approx(sum(r.ms for r in recorder.records))


def test_t0_rounds_are_records_of_their_own_with_the_clock_between() -> None:
    clock = itertools.count(0.0, 0.001)  # 1 ms per reading
    inner = ScriptedChannel("6C05", "6103", "0102 6101", "03 9000")
    recorder = RecordingChannel(inner, clock=lambda: next(clock))
    assert recorder.transmit(bytes.fromhex("00B2012C00")) == bytes.fromhex("0102039000")
    assert [r.command for r in recorder.records] == [
        "READ RECORD 1 of EF05 (card identification code)",
        "READ RECORD 1 of EF05 (card identification code)",  # resent with Le 05
        "GET RESPONSE",
        "GET RESPONSE",
    ]
    assert [r.sw_hex for r in recorder.records] == ["6C05", "6103", "6101", "9000"]
    assert [r.ms for r in recorder.records] == pytest.approx([1.0] * 4)
    assert recorder.apdus_sent == inner.apdus_sent == 4


def test_a_record_holds_the_header_only_never_the_data() -> None:
    inner = ScriptedChannel("63C5")
    recorder = RecordingChannel(inner)
    recorder.transmit(bytearray.fromhex("0020000003123456"))
    (record,) = recorder.records
    assert record.header == "00 20 00 00 03" and record.command == "VERIFY"
    for field in (record.command, record.header, record.meaning, record.failure):
        assert "34 56" not in field and "3456" not in field


def test_an_apdu_without_an_answer_is_recorded_then_the_error_goes_on() -> None:
    backend = MockReaderBackend()
    backend.start()
    try:
        backend.insert("normal")
        backend.set_faults(Faults(remove_after=2))
        recorder_box: list[RecordingChannel] = []

        def job(channel: CardChannel):
            recorder_box.append(RecordingChannel(channel))
            return read_card(recorder_box[0])

        with pytest.raises(CardRemoved):
            backend.run(DEFAULT_READER, job).result(5)
    finally:
        backend.stop()
    records = recorder_box[0].records
    assert len(records) == 2 and records[1].sw is None and records[1].failure == "CardRemoved"
    assert records[1].meaning == "no answer (CardRemoved)" and records[1].sw_hex == "----"


@pytest.mark.parametrize(
    ("hex_apdu", "name"),
    [
        ("00A4000002 3F00", "SELECT MF"),
        ("00A4020002 0008", "SELECT 0008"),
        ("00A4040002 A000", "SELECT"),
        ("00B2030414", "READ RECORD 3 of the current EF"),
        ("00B2093C05", "READ RECORD 9 of EF07"),
        ("00B0880000", "READ BINARY EF08 at 0"),
        ("00B0010000", "READ BINARY at 256"),
        ("00C0000010", "GET RESPONSE"),
        ("805E010007 123456FF654321", "CHANGE PIN"),
        ("00A4", "malformed APDU"),
    ],
)
def test_describe_names_what_the_profile_knows(hex_apdu: str, name: str) -> None:
    assert describe(bytes.fromhex(hex_apdu)) == name

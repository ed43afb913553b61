"""R3: malformed or hostile card answers give CardUnreadable (or a clean read), never another
exception type and never a hang. Property tests over the decoders and the read sequence."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.readers.base import CardChannel
from kiosk.card import codec
from kiosk.card.errors import CardUnreadable
from kiosk.card.profile import ALL_RECORDS, APDUS_PER_READ
from kiosk.card.read import read_card

TODAY = dt.date(2026, 11, 22)


class ScriptedChannel(CardChannel):
    """A card whose every answer is drawn from a list (then 90 00 forever)."""

    def __init__(self, answers: list[bytes]) -> None:
        super().__init__(bytes.fromhex("3B6D0000") + bytes(13))
        self.answers = list(answers)

    def _send(self, apdu: bytes | bytearray) -> bytes:
        return self.answers.pop(0) if self.answers else b"\x90\x00"


def good_record_answers() -> list[bytes]:
    """What a well-formed card answers: 61xx to SELECT, then each record with 90 00."""
    values = {
        (5, 1): bytes.fromhex("110105D156000005") + bytes(range(8)),
        (5, 2): b"1",
        (5, 3): b"2.00",
        (5, 4): bytes.fromhex("110105000000FFFFFFFFFFFF"),
        (5, 5): bytes.fromhex("20190315"),
        (5, 6): bytes.fromhex("20290314"),
        (5, 7): b"X00000019",
        (6, 1): b"11010519491231002X",
        (6, 2): "张三".encode("gbk").ljust(30, b"\0"),
        (6, 3): bytes(20),
        (6, 4): b"2",
        (6, 5): bytes.fromhex("01"),
        (6, 6): bytes.fromhex("110105"),
        (6, 7): bytes.fromhex("19491231"),
    }
    answers = [bytes.fromhex("6112")]
    for spec in ALL_RECORDS:
        value = values[(spec.sfi, spec.number)]
        answers.append(bytes([spec.tag, spec.length]) + value + b"\x90\x00")
    return answers


def test_a_well_formed_card_reads_in_fifteen_apdus():
    channel = ScriptedChannel(good_record_answers())
    read = read_card(channel, TODAY)
    assert read.apdus == APDUS_PER_READ == 15
    assert read.chip.holder.name == "张三"
    assert read.chip.issuer.card_number == "X00000019"
    assert read.chip.issuer.region_code == "110105"
    assert read.chip.issuer.issuer_org == "110105000000"


answer = st.one_of(
    st.binary(max_size=40),
    st.binary(max_size=300),
    st.sampled_from([b"\x61\xff", b"\x6c\x00", b"\x6c\x20", b"\x69\x82", b"\x6a\x82", b"\x90"]),
)


@settings(max_examples=4000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(answer, max_size=40))
def test_arbitrary_answers_fail_cleanly(answers):
    try:
        read = read_card(ScriptedChannel(answers), TODAY)
    except CardUnreadable as exc:
        assert exc.reason  # diagnostics always learn why
        return
    assert read.apdus >= APDUS_PER_READ


@settings(max_examples=3000)
@given(st.data())
def test_one_corrupted_answer_in_a_good_read_fails_cleanly(data):
    answers = good_record_answers()
    i = data.draw(st.integers(0, len(answers) - 1))
    mutated = bytearray(answers[i])
    for _ in range(data.draw(st.integers(1, 4))):
        if mutated:
            pos = data.draw(st.integers(0, len(mutated) - 1))
            mutated[pos] = data.draw(st.integers(0, 255))
    answers[i] = bytes(mutated)
    try:
        read = read_card(ScriptedChannel(answers), TODAY)
    except CardUnreadable:
        return
    # A mutation the decoders accept must still give a self-consistent read of 15+ APDUs.
    assert read.apdus >= 15


@settings(max_examples=1000)
@given(st.binary(max_size=40), st.integers(0, 255), st.integers(0, 40))
def test_tlv_accepts_only_the_profile_shape(record, tag, length):
    try:
        value = codec.tlv_value(record, tag, length, "field")
    except CardUnreadable:
        return
    assert record[0] == tag and record[1] == length and len(value) == length


@settings(max_examples=1000)
@given(st.binary(min_size=4, max_size=4))
def test_bcd_dates_are_real_dates_or_unreadable(value):
    try:
        date = codec.bcd_date(value, "date")
    except CardUnreadable:
        return
    assert f"{date.year:04d}{date.month:02d}{date.day:02d}" == value.hex()
    assert 1900 <= date.year <= 2099


@settings(max_examples=1000)
@given(st.binary(max_size=30))
def test_gbk_names_decode_or_are_unreadable(value):
    try:
        text = codec.gbk_text(value, "name")
    except CardUnreadable:
        return
    assert text.encode("gbk") == value.rstrip(b"\0")


def test_known_bad_values():
    for bad in (bytes.fromhex("2019130A"), bytes.fromhex("20190230"), bytes.fromhex("2A190101")):
        with pytest.raises(CardUnreadable):
            codec.bcd_date(bad, "date")
    with pytest.raises(CardUnreadable):
        codec.gbk_text(b"\x81\x20" + bytes(28), "name")  # a GBK lead byte with no trail
    with pytest.raises(CardUnreadable):
        codec.gbk_text("张".encode("gbk") + b"\0A" + bytes(26), "name")  # data after padding
    with pytest.raises(CardUnreadable):
        codec.card_number(b"X00000018")  # wrong check character
    with pytest.raises(CardUnreadable):
        codec.ssn(b"110105194912310021")

"""The T=0 procedure shared by every backend, against scripted card answers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.readers import t0
from drivers.readers.errors import CardMute


class ScriptedCard:
    """Answers from a list, recording what it was sent."""

    def __init__(self, *answers: str) -> None:
        self.answers = [bytes.fromhex(a) for a in answers]
        self.sent: list[bytes] = []

    def __call__(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return self.answers.pop(0)


def test_61xx_fetches_with_get_response():
    card = ScriptedCard("6105", "0102030405 9000")
    assert t0.exchange(card, bytes.fromhex("00A4040002 3F00")) == bytes.fromhex("01020304059000")
    assert card.sent[1] == bytes.fromhex("00C0000005")


def test_get_response_chain_collects_every_part():
    card = ScriptedCard("6102", "AABB 6101", "CC 9000")
    assert t0.exchange(card, bytes.fromhex("00A4040000")) == bytes.fromhex("AABBCC9000")


def test_proprietary_class_fetches_with_cla_00():
    card = ScriptedCard("6101", "AA 9000")
    t0.exchange(card, bytes.fromhex("805E010000"))
    assert card.sent[1][0] == 0x00


def test_6cxx_resends_the_same_command_with_the_right_le():
    card = ScriptedCard("6C20", "00" * 32 + "9000")
    out = t0.exchange(card, bytes.fromhex("00B2012C00"))
    assert card.sent[1] == bytes.fromhex("00B2012C20")
    assert len(out) == 34


def test_6cxx_on_a_case_4_command_replaces_only_le():
    card = ScriptedCard("6C02", "AABB 9000")
    t0.exchange(card, bytes.fromhex("00A4040002 3F00 10"))
    assert card.sent[1] == bytes.fromhex("00A40400023F0002")


@pytest.mark.parametrize("loop", ["61FF", "6C10"])
def test_endless_procedure_bytes_are_bounded(loop):
    sent = []

    def card(apdu):
        sent.append(apdu)
        return bytes.fromhex(loop if loop != "61FF" else "00" * 255 + "61FF")

    with pytest.raises(CardMute):
        t0.exchange(card, bytes.fromhex("00B2010C00"))
    assert len(sent) <= t0.MAX_ROUNDS


def test_answer_without_status_word_is_mute():
    with pytest.raises(CardMute):
        t0.exchange(ScriptedCard("90"), bytes.fromhex("0084000008"))


@settings(max_examples=2000)
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=80))
def test_any_card_answers_give_a_result_or_card_mute(answers):
    queue = list(answers)

    def card(apdu):
        return queue.pop(0) if queue else b"\x90\x00"

    try:
        out = t0.exchange(card, bytes.fromhex("00B2010C10"))
    except CardMute:
        return
    assert len(out) >= 2 and out[-2] not in (0x61, 0x6C)

"""The simulated card answers every command of CARD_PROFILE.md with the profile's status words."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.readers.t0 import exchange
from drivers.simcard.card import SSSE_AID, SimCard
from drivers.simcard.image import CardImage, encode_records, load_image

SELECT_SSSE = bytes([0x00, 0xA4, 0x04, 0x00, len(SSSE_AID)]) + SSSE_AID
SELECT_MF = bytes.fromhex("00A40000023F00")
EXPECTED_FCI = bytes([0x6F, 0x13, 0x84, 0x0F]) + SSSE_AID + b"\xa5\x00"
PIN = bytes.fromhex("123456")
_IMAGE = load_image("normal")
WRONG_PIN = bytes.fromhex("654321")


def sw(answer: bytes) -> str:
    return answer[-2:].hex().upper()


def verify(pin: bytes) -> bytes:
    return bytes([0x00, 0x20, 0x00, 0x00, len(pin)]) + pin


def change_pin(old: bytes, new: bytes, separator: int = 0xFF) -> bytes:
    data = old + bytes([separator]) + new
    return bytes([0x80, 0x5E, 0x01, 0x00, len(data)]) + data


def read_record(rec: int, sfi: int, le: int) -> bytes:
    return bytes([0x00, 0xB2, rec, (sfi << 3) | 0x04, le])


def read_binary(p1: int, p2: int, le: int) -> bytes:
    return bytes([0x00, 0xB0, p1, p2, le])


@pytest.fixture(scope="module")
def normal_image() -> CardImage:
    return load_image("normal")


@pytest.fixture
def card(normal_image: CardImage) -> SimCard:
    card = SimCard(normal_image, rng=lambda n: bytes(range(1, n + 1)))
    card.power_on()
    return card


@pytest.fixture
def ssse(card: SimCard) -> SimCard:
    assert sw(card.respond(SELECT_SSSE)) == "6115"
    return card


# --- power and ATR ----------------------------------------------------------------------------


def test_power_on_returns_the_atr(normal_image: CardImage) -> None:
    card = SimCard(normal_image)
    assert not card.powered
    assert card.power_on() == normal_image.atr == card.atr
    assert card.atr.hex().upper() == "3B6D000000814E43238697159900BF7C7A"
    assert card.powered
    assert card.reset() == card.atr


def test_unpowered_card_answers_nothing(normal_image: CardImage) -> None:
    card = SimCard(normal_image)
    assert card.respond(SELECT_SSSE) == b""
    card.power_on()
    card.power_off()
    assert card.respond(SELECT_SSSE) == b""
    assert card.apdu_count == 2


def test_mute_card_gives_atr_but_no_answers(normal_image: CardImage) -> None:
    card = SimCard(dataclasses.replace(normal_image, mute=True))
    assert card.power_on() == normal_image.atr
    assert card.respond(SELECT_SSSE) == b""
    assert card.respond(b"\x00") == b""


def test_apdu_count_counts_every_apdu(card: SimCard) -> None:
    assert card.apdu_count == 0
    card.respond(SELECT_SSSE)
    card.respond(b"\x00\xc0\x00\x00\x15")
    card.respond(b"\xff")
    assert card.apdu_count == 3


# --- SELECT and GET RESPONSE -----------------------------------------------------------------


def test_select_ssse_leaves_the_fci_waiting(card: SimCard) -> None:
    assert card.respond(SELECT_SSSE) == b"\x61\x15"
    assert card.respond(b"\x00\xc0\x00\x00\x15") == EXPECTED_FCI + b"\x90\x00"
    assert card.respond(b"\x00\xc0\x00\x00\x15") == b"\x69\x85"


def test_select_by_name_answers_61_even_with_le(card: SimCard) -> None:
    assert card.respond(SELECT_SSSE + b"\x00") == b"\x61\x15"


def test_get_response_in_pieces(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    first = card.respond(b"\x00\xc0\x00\x00\x05")
    assert first == EXPECTED_FCI[:5] + b"\x61\x10"
    second = card.respond(b"\x00\xc0\x00\x00\x10")
    assert second == EXPECTED_FCI[5:] + b"\x90\x00"


def test_get_response_le_larger_or_zero_gives_everything(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    assert card.respond(b"\x00\xc0\x00\x00\x00") == EXPECTED_FCI + b"\x90\x00"
    card.respond(SELECT_SSSE)
    assert card.respond(b"\x00\xc0\x00\x00\x40") == EXPECTED_FCI + b"\x90\x00"


def test_get_response_with_nothing_waiting(card: SimCard) -> None:
    assert card.respond(b"\x00\xc0\x00\x00\x10") == b"\x69\x85"


def test_other_command_discards_what_waits(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    card.respond(bytes.fromhex("0084000008"))
    assert card.respond(b"\x00\xc0\x00\x00\x15") == b"\x69\x85"


def test_get_response_errors_keep_what_waits(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    assert card.respond(b"\x00\xc0\x01\x00\x13") == b"\x6a\x86"
    assert card.respond(b"\x00\xc0\x00\x00") == b"\x67\x00"
    assert card.respond(b"\x00\xc0\x00\x00\x15") == EXPECTED_FCI + b"\x90\x00"


def test_t0_exchange_resolves_select(card: SimCard) -> None:
    assert exchange(card.respond, SELECT_SSSE) == EXPECTED_FCI + b"\x90\x00"


def test_select_unknown_aid(card: SimCard) -> None:
    assert card.respond(b"\x00\xa4\x04\x00\x05\xa0\x00\x00\x00\x03") == b"\x6a\x82"
    assert card.respond(SELECT_SSSE[:-1].replace(b"\x0f", b"\x0e", 1)) == b"\x6a\x82"


def test_select_efs_by_fid_in_ssse(ssse: SimCard) -> None:
    for p1 in (0x00, 0x02):
        for fid in ("0005", "0006", "0008"):
            assert ssse.respond(bytes([0x00, 0xA4, p1, 0x00, 0x02]) + bytes.fromhex(fid)) == (
                b"\x90\x00"
            )
    assert ssse.respond(bytes.fromhex("00A4020002000F")) == b"\x6a\x82"


def test_efs_are_not_found_from_mf(card: SimCard) -> None:
    assert card.respond(bytes.fromhex("00A40200020005")) == b"\x6a\x82"
    card.respond(SELECT_SSSE)
    assert card.respond(SELECT_MF) == b"\x90\x00"
    assert card.respond(bytes.fromhex("00A40200020006")) == b"\x6a\x82"
    assert card.respond(read_record(1, 5, 18)) == b"\x6a\x82"


def test_select_mf_needs_p1_00(card: SimCard) -> None:
    assert card.respond(SELECT_MF) == b"\x90\x00"
    assert card.respond(bytes.fromhex("00A40200023F00")) == b"\x6a\x82"


def test_failed_select_keeps_the_current_ef(ssse: SimCard) -> None:
    ssse.respond(bytes.fromhex("00A40200020005"))
    assert ssse.respond(bytes.fromhex("00A40200021234")) == b"\x6a\x82"
    assert sw(ssse.respond(bytes([0x00, 0xB2, 0x01, 0x04, 18]))) == "9000"


def test_select_wrong_parameters_and_lengths(card: SimCard) -> None:
    assert card.respond(bytes.fromhex("00A4010002 3F00".replace(" ", ""))) == b"\x6a\x86"
    assert card.respond(bytes.fromhex("00A40004023F00")) == b"\x6a\x86"
    assert card.respond(bytes.fromhex("00A40000033F0000")) == b"\x67\x00"
    assert card.respond(bytes.fromhex("00A40000")) == b"\x67\x00"
    assert card.respond(bytes.fromhex("00A40000053F00")) == b"\x67\x00"  # Lc says 5, 2 follow


# --- READ RECORD ------------------------------------------------------------------------------


def test_read_every_record_by_sfi_with_exact_le(ssse: SimCard, normal_image: CardImage) -> None:
    records = encode_records(normal_image)
    for sfi in (5, 6):
        for number, record in enumerate(records[sfi], start=1):
            assert ssse.respond(read_record(number, sfi, len(record))) == record + b"\x90\x00"


def test_fifteen_apdus_read_the_card(ssse: SimCard) -> None:
    lengths = {5: (18, 3, 6, 14, 6, 6, 11), 6: (20, 32, 22, 3, 3, 5, 6)}
    for sfi, lens in lengths.items():
        for number, le in enumerate(lens, start=1):
            assert sw(ssse.respond(read_record(number, sfi, le))) == "9000"
    assert ssse.apdu_count == 15


def test_record_contents_follow_the_profile(ssse: SimCard) -> None:
    def rec(n: int, sfi: int, le: int) -> bytes:
        return ssse.respond(read_record(n, sfi, le))[:-2]

    assert rec(1, 5, 18)[:10] == bytes.fromhex("0110110105D156000005")
    assert rec(2, 5, 3) == b"\x02\x011"
    assert rec(4, 5, 14) == bytes.fromhex("040C110105000000FFFFFFFFFFFF")
    assert rec(5, 5, 6) == bytes.fromhex("050420190315")
    assert rec(6, 5, 6) == bytes.fromhex("060420290314")
    assert rec(7, 5, 11) == b"\x07\x09A1052103X"
    assert rec(1, 6, 20) == b"\x08\x12110105198506120173"
    assert rec(2, 6, 32) == b"\x09\x1e" + "王晓明".encode("gbk").ljust(30, b"\0")
    assert rec(3, 6, 22) == b"\x4e\x14" + bytes(20)
    assert rec(4, 6, 3) == b"\x0a\x011"
    assert rec(5, 6, 3) == b"\x0b\x01\x01"
    assert rec(6, 6, 5) == bytes.fromhex("0C03110105")
    assert rec(7, 6, 6) == bytes.fromhex("0D0419850612")


def test_wrong_le_answers_6c_with_the_record_length(ssse: SimCard) -> None:
    assert ssse.respond(read_record(1, 6, 0x10)) == b"\x6c\x14"
    assert ssse.respond(read_record(1, 6, 0xFF)) == b"\x6c\x14"
    assert ssse.respond(read_record(1, 6, 0x00)) == b"\x6c\x14"


def test_t0_exchange_resolves_6c(ssse: SimCard) -> None:
    answer = exchange(ssse.respond, read_record(7, 5, 0))
    assert answer == b"\x07\x09A1052103X\x90\x00"


def test_no_such_record(ssse: SimCard) -> None:
    assert ssse.respond(read_record(8, 5, 0)) == b"\x6a\x83"
    assert ssse.respond(read_record(0, 6, 0)) == b"\x6a\x83"


def test_no_such_sfi(ssse: SimCard) -> None:
    assert ssse.respond(read_record(1, 7, 0)) == b"\x6a\x82"
    assert ssse.respond(read_record(1, 30, 0)) == b"\x6a\x82"


def test_current_ef_read_needs_a_current_ef(ssse: SimCard) -> None:
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x04, 18])) == b"\x69\x86"


def test_select_makes_the_ef_current(ssse: SimCard) -> None:
    ssse.respond(bytes.fromhex("00A40200020006"))
    assert ssse.respond(bytes([0x00, 0xB2, 0x04, 0x04, 3])) == b"\x0a\x011\x90\x00"


def test_sfi_read_makes_the_ef_current(ssse: SimCard) -> None:
    ssse.respond(bytes.fromhex("00A40200020006"))
    ssse.respond(read_record(2, 5, 3))
    assert ssse.respond(bytes([0x00, 0xB2, 0x07, 0x04, 11])) == b"\x07\x09A1052103X\x90\x00"


def test_reselecting_ssse_forgets_the_current_ef(ssse: SimCard) -> None:
    ssse.respond(read_record(2, 5, 3))
    ssse.respond(SELECT_SSSE)
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x04, 18])) == b"\x69\x86"


def test_read_record_of_the_transparent_ef(ssse: SimCard) -> None:
    ssse.respond(bytes.fromhex("00A40200020008"))
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x04, 0])) == b"\x69\x81"
    assert ssse.respond(read_record(1, 8, 0)) == b"\x69\x81"


def test_read_record_bad_p2_and_lengths(ssse: SimCard) -> None:
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x2D, 18])) == b"\x6a\x86"
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x28, 18])) == b"\x6a\x86"
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x2C])) == b"\x67\x00"
    assert ssse.respond(bytes([0x00, 0xB2, 0x01, 0x2C, 0x01, 0x00, 0x10])) == b"\x67\x00"


def test_name_extension_record_carries_the_rest() -> None:
    card = SimCard(load_image("temporary-loss"))
    card.power_on()
    card.respond(SELECT_SSSE)
    name = card.respond(read_record(2, 6, 32))[2:-2]
    extension = card.respond(read_record(3, 6, 22))[2:-2]
    assert len(name) == 30 and len(extension) == 20
    assert extension != bytes(20)
    joined = (name.rstrip(b"\0") + extension.rstrip(b"\0")).decode("gbk")
    assert joined == "阿卜杜热合曼·艾合买提江·买买提依明"


def test_raw_records_are_served_as_they_are() -> None:
    card = SimCard(load_image("unreadable"))
    card.power_on()
    card.respond(SELECT_SSSE)
    assert card.respond(read_record(5, 5, 6)) == bytes.fromhex("0504201A0605") + b"\x90\x00"
    # The 6C length is the stored record's, not what its length byte claims.
    assert card.respond(read_record(7, 5, 11)) == b"\x6c\x09"
    assert card.respond(read_record(7, 5, 9)) == b"\x07\x09C510107\x90\x00"


# --- READ BINARY ------------------------------------------------------------------------------


def read_whole_photo(card: SimCard) -> tuple[bytes, list[str]]:
    data = bytearray()
    sws = []
    while True:
        offset = len(data)
        answer = card.respond(read_binary(offset >> 8, offset & 0xFF, 0))
        sws.append(sw(answer))
        data += answer[:-2]
        if sw(answer) != "9000":
            return bytes(data), sws


def test_photo_reads_in_256_byte_pieces(ssse: SimCard, normal_image: CardImage) -> None:
    photo = normal_image.photo_data
    assert photo.startswith(b"\xff\xd8") and photo.endswith(b"\xff\xd9")
    assert 256 < len(photo) <= 4096
    ssse.respond(bytes.fromhex("00A40200020008"))
    data, sws = read_whole_photo(ssse)
    assert data == photo
    assert sws == ["9000", "6282"]


def test_read_binary_by_sfi(ssse: SimCard, normal_image: CardImage) -> None:
    photo = normal_image.photo_data
    assert ssse.respond(read_binary(0x88, 0x10, 0x20)) == photo[0x10:0x30] + b"\x90\x00"
    # The SFI form made EF08 current.
    assert ssse.respond(read_binary(0x00, 0x30, 0x10)) == photo[0x30:0x40] + b"\x90\x00"


def test_read_binary_past_the_end(ssse: SimCard, normal_image: CardImage) -> None:
    size = len(normal_image.photo_data)
    ssse.respond(bytes.fromhex("00A40200020008"))
    end = size - 4
    assert ssse.respond(read_binary(end >> 8, end & 0xFF, 0x10)) == (
        normal_image.photo_data[-4:] + b"\x62\x82"
    )
    assert ssse.respond(read_binary(size >> 8, size & 0xFF, 0x10)) == b"\x62\x82"
    past = size + 1
    assert ssse.respond(read_binary(past >> 8, past & 0xFF, 0x10)) == b"\x6b\x00"
    assert ssse.respond(read_binary(0x7F, 0xFF, 0x01)) == b"\x6b\x00"


def test_empty_photo_file() -> None:
    card = SimCard(load_image("pin-blocked"))
    card.power_on()
    card.respond(SELECT_SSSE)
    assert card.respond(bytes.fromhex("00A40200020008")) == b"\x90\x00"
    assert card.respond(read_binary(0, 0, 0)) == b"\x62\x82"
    assert card.respond(read_binary(0, 1, 0)) == b"\x6b\x00"
    assert card.respond(read_binary(0x88, 0, 0)) == b"\x62\x82"


def test_synthetic_photo_of_exactly_512_bytes(normal_image: CardImage) -> None:
    photo = bytes(i % 251 for i in range(512))
    card = SimCard(dataclasses.replace(normal_image, photo_data=photo))
    card.power_on()
    card.respond(SELECT_SSSE)
    card.respond(bytes.fromhex("00A40200020008"))
    assert card.respond(read_binary(0, 0, 0)) == photo[:256] + b"\x90\x00"
    assert card.respond(read_binary(1, 0, 0)) == photo[256:] + b"\x90\x00"
    assert card.respond(read_binary(2, 0, 0)) == b"\x62\x82"


def test_read_binary_errors(card: SimCard) -> None:
    assert card.respond(read_binary(0x88, 0, 0)) == b"\x6a\x82"  # from MF
    card.respond(SELECT_SSSE)
    assert card.respond(read_binary(0, 0, 0)) == b"\x69\x86"
    assert card.respond(read_binary(0x85, 0, 0)) == b"\x69\x81"
    assert card.respond(read_binary(0x87, 0, 0)) == b"\x6a\x82"
    assert card.respond(read_binary(0xC8, 0, 0)) == b"\x6a\x86"
    assert card.respond(bytes.fromhex("00B08800")) == b"\x67\x00"
    card.respond(bytes.fromhex("00A40200020006"))
    assert card.respond(read_binary(0, 0, 0)) == b"\x69\x81"


# --- VERIFY and CHANGE PIN --------------------------------------------------------------------


def test_verify_right_pin(card: SimCard) -> None:
    assert card.respond(verify(PIN)) == b"\x90\x00"
    assert card.pin_verified


def test_verify_wrong_pin_counts_down_and_blocks(card: SimCard) -> None:
    answers = [card.respond(verify(WRONG_PIN)) for _ in range(6)]
    assert answers == [bytes([0x63, 0xC0 | n]) for n in (5, 4, 3, 2, 1, 0)]
    assert card.respond(verify(WRONG_PIN)) == b"\x69\x83"
    assert card.respond(verify(PIN)) == b"\x69\x83"
    assert card.tries_left == 0
    assert not card.pin_verified


def test_right_pin_restores_the_tries(card: SimCard) -> None:
    card.respond(verify(WRONG_PIN))
    card.respond(verify(WRONG_PIN))
    assert card.respond(bytes.fromhex("00200000")) == b"\x63\xc4"
    card.respond(verify(PIN))
    assert card.respond(bytes.fromhex("00200000")) == b"\x63\xc6"


def test_try_query_does_not_use_a_try(card: SimCard) -> None:
    for _ in range(10):
        assert card.respond(bytes.fromhex("00200000")) == b"\x63\xc6"
    # T=0 sends a case 1 command with P3 = 00.
    assert card.respond(bytes.fromhex("0020000000")) == b"\x63\xc6"
    assert card.tries_left == 6


def test_try_query_on_image_tries() -> None:
    last = SimCard(load_image("pin-last-try"))
    last.power_on()
    assert last.respond(bytes.fromhex("00200000")) == b"\x63\xc1"
    blocked = SimCard(load_image("pin-blocked"))
    blocked.power_on()
    assert blocked.respond(bytes.fromhex("00200000")) == b"\x69\x83"
    assert blocked.respond(verify(PIN)) == b"\x69\x83"


def test_last_try_right_pin_restores_the_maximum() -> None:
    card = SimCard(load_image("pin-last-try"))
    card.power_on()
    assert card.respond(verify(PIN)) == b"\x90\x00"
    assert card.tries_left == 6


def test_last_try_wrong_pin_blocks() -> None:
    card = SimCard(load_image("pin-last-try"))
    card.power_on()
    assert card.respond(verify(WRONG_PIN)) == b"\x63\xc0"
    assert card.respond(verify(PIN)) == b"\x69\x83"


def test_try_counter_survives_power_off(normal_image: CardImage) -> None:
    card = SimCard(normal_image)
    card.power_on()
    card.respond(verify(WRONG_PIN))
    card.power_off()
    card.power_on()
    assert card.respond(bytes.fromhex("00200000")) == b"\x63\xc5"
    card.reset()
    assert card.tries_left == 5


def test_malformed_pin_block_counts_as_wrong(card: SimCard) -> None:
    assert card.respond(verify(bytes.fromhex("12345F"))) == b"\x63\xc5"


def test_verify_lengths_and_parameters(card: SimCard) -> None:
    assert card.respond(verify(bytes.fromhex("1234"))) == b"\x67\x00"
    assert card.respond(verify(bytes.fromhex("12345600"))) == b"\x67\x00"
    assert card.respond(verify(PIN) + b"\x00") == b"\x67\x00"
    assert card.respond(bytes.fromhex("0020000103123456")) == b"\x6a\x86"
    assert card.respond(bytes.fromhex("0020010003123456")) == b"\x6a\x86"
    assert card.tries_left == 6


def test_power_off_and_reset_clear_the_security_state(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    card.respond(read_record(1, 5, 18))
    card.respond(verify(PIN))
    assert card.pin_verified
    card.power_off()
    card.power_on()
    assert not card.pin_verified
    assert card.respond(bytes([0x00, 0xB2, 0x01, 0x04, 18])) == b"\x69\x86"
    assert card.respond(read_record(1, 5, 18)) == b"\x6a\x82"  # back in MF

    card.respond(SELECT_SSSE)
    card.respond(verify(PIN))
    card.reset()
    assert not card.pin_verified
    assert card.respond(read_record(1, 5, 18)) == b"\x6a\x82"


def test_reset_discards_waiting_response(card: SimCard) -> None:
    card.respond(SELECT_SSSE)
    card.reset()
    assert card.respond(b"\x00\xc0\x00\x00\x15") == b"\x69\x85"


def test_change_pin(card: SimCard) -> None:
    new = bytes.fromhex("987654")
    assert card.respond(change_pin(PIN, new)) == b"\x90\x00"
    assert card.respond(verify(PIN)) == b"\x63\xc5"
    assert card.respond(verify(new)) == b"\x90\x00"
    card.power_off()
    card.power_on()
    assert card.respond(verify(new)) == b"\x90\x00"


def test_change_pin_wrong_old_pin(card: SimCard) -> None:
    assert card.respond(change_pin(WRONG_PIN, bytes.fromhex("111111"))) == b"\x63\xc5"
    assert card.respond(verify(PIN)) == b"\x90\x00"


def test_change_pin_when_blocked() -> None:
    card = SimCard(load_image("pin-blocked"))
    card.power_on()
    assert card.respond(change_pin(PIN, bytes.fromhex("111111"))) == b"\x69\x83"


def test_change_pin_bad_data(card: SimCard) -> None:
    assert card.respond(change_pin(PIN, bytes.fromhex("11111F"))) == b"\x6a\x80"
    assert card.respond(change_pin(PIN, bytes.fromhex("111111"), separator=0x00)) == b"\x6a\x80"
    assert card.respond(bytes.fromhex("805E010006123456FF1111")) == b"\x67\x00"
    assert card.respond(bytes.fromhex("805E000007123456FF111111")) == b"\x6a\x86"
    assert card.tries_left == 6
    assert card.respond(verify(PIN)) == b"\x90\x00"


# --- GET CHALLENGE and the rest ---------------------------------------------------------------


def test_get_challenge(card: SimCard) -> None:
    assert card.respond(bytes.fromhex("0084000008")) == bytes(range(1, 9)) + b"\x90\x00"


def test_get_challenge_is_random(normal_image: CardImage) -> None:
    card = SimCard(normal_image)
    card.power_on()
    answers = {card.respond(bytes.fromhex("0084000008")) for _ in range(4)}
    assert len(answers) == 4
    assert all(len(a) == 10 and a.endswith(b"\x90\x00") for a in answers)


def test_get_challenge_errors(card: SimCard) -> None:
    assert card.respond(bytes.fromhex("0084000004")) == b"\x6c\x08"
    assert card.respond(bytes.fromhex("0084010008")) == b"\x6a\x86"
    assert card.respond(bytes.fromhex("00840000")) == b"\x67\x00"


@pytest.mark.parametrize(
    ("apdu", "expected"),
    [
        ("00CA9F7F00", "6D00"),  # GET DATA: not on this card
        ("0082000A10" + "00" * 16, "6D00"),  # EXTERNAL AUTHENTICATE: no PSAM in this profile
        ("80A4040000", "6E00"),  # ISO INS under the proprietary class
        ("805E0100", "6700"),  # CHANGE PIN without data
        ("005E010007123456FF111111", "6E00"),  # CHANGE PIN under CLA 00
        ("8020000003123456", "6E00"),
        ("A0A40000023F00", "6E00"),  # GSM class
        ("FF000000", "6E00"),
        ("0000", "6700"),
        ("", "6700"),
        ("00B2", "6700"),
    ],
)
def test_unknown_and_malformed_commands(card: SimCard, apdu: str, expected: str) -> None:
    assert card.respond(bytes.fromhex(apdu)).hex().upper() == expected


# --- robustness -------------------------------------------------------------------------------

_known_headers = st.sampled_from(
    [b"\x00\xa4", b"\x00\xb2", b"\x00\xb0", b"\x00\x20", b"\x00\x84", b"\x00\xc0", b"\x80\x5e"]
)
_apdus = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda head, rest: head + rest, _known_headers, st.binary(max_size=40)),
)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_apdus, min_size=1, max_size=6))
def test_respond_never_raises(apdus: list[bytes]) -> None:
    card = SimCard(_IMAGE)
    card.power_on()
    card.respond(SELECT_SSSE)
    for apdu in apdus:
        answer = card.respond(apdu)
        assert len(answer) >= 2
        assert answer[-2] in (0x90, 0x61, 0x62, 0x63, 0x67, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E)
        if answer[-2] in (0x63, 0x67, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E):
            assert len(answer) == 2  # errors carry no data


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_mute_card_never_raises(apdu: bytes) -> None:
    card = SimCard(dataclasses.replace(_IMAGE, mute=True))
    card.power_on()
    assert card.respond(apdu) == b""

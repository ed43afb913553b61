"""The ATR decoder against ISO/IEC 7816-3: TA1's Fi/Di and the bit rate they mean, TC1's guard
time, TD chains and the protocols they offer, TA2's specific mode, the T=1 and T=15 bytes,
the historical bytes by category, the TCK where one is due; and any bytes at all give an `Atr`
or an `AtrError`, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.simcard.image import load_image
from kiosk.card.atr import AtrError, baud_rate, decode_historical, parse_atr
from kiosk.services.diagnostics import atr_report, render_atr_report

PROFILE_ATR = bytes.fromhex("3B6D0000 00814E43238697159900BF7C7A")


def with_tck(hex_text: str) -> bytes:
    """The ATR with its TCK appended: the XOR of T0 to the last byte."""
    raw = bytes.fromhex(hex_text)
    check = 0
    for byte in raw[1:]:
        check ^= byte
    return raw + bytes([check])


def meaning(atr_hex: str | bytes, name: str) -> str:
    raw = atr_hex if isinstance(atr_hex, bytes) else bytes.fromhex(atr_hex)
    return dict(parse_atr(raw).meanings)[name]


def test_the_profile_atr_is_our_card_type_in_t0_with_the_default_rates() -> None:
    atr = parse_atr(PROFILE_ATR)
    assert atr.recognised and atr.card_type.startswith("social security card")
    assert atr.convention == "direct" and atr.protocols == (0,)
    assert atr.fi_di == (372, 1, 5_000_000)  # no TA1
    assert atr.tck is None and atr.tck_ok is None and not atr.warnings
    assert atr.interface_bytes == {"TB1": 0x00, "TC1": 0x00}
    rows = dict(atr.describe())
    assert "9,600 bit/s at 3.5712 MHz" in rows["transmission"]
    assert "no extra guard time" in rows["TC1"]
    assert "reset information" in rows["  note"]  # its historical bytes are card specific
    for image in ("normal", "expired", "unreadable"):
        from drivers.simcard.card import SimCard

        assert parse_atr(SimCard(load_image(image)).atr).recognised


def test_ta1_gives_fi_di_and_the_bit_rate_at_the_usual_clock_and_at_f_max() -> None:
    atr = parse_atr(with_tck("3B 90 96 01"))  # TA1 96: Fi 512 (f max 5 MHz), Di 32; T=1
    assert atr.fi_di == (512, 32, 5_000_000)
    assert baud_rate(512, 32, 3_571_200) == pytest.approx(223_200)
    text = meaning(atr.raw, "TA1")
    assert "Fi 512, Di 32" in text and "223,200 bit/s at 3.5712 MHz" in text
    assert "312,500 bit/s at the card's f max 5 MHz" in text
    assert "Fi 372, Di 1" in meaning("3B 10 11", "TA1")
    assert "Fi 744, Di 4" in meaning("3B 10 33", "TA1")  # Fi code 3: 744 at 8 MHz
    rfu = parse_atr(bytes.fromhex("3B 10 70"))  # Fi code 7 and Di code 0: both reserved
    assert rfu.fi_di == (None, None, None)
    assert "reserved for future use" in meaning(rfu.raw, "TA1")


def test_tc1_extra_guard_time_and_its_special_value() -> None:
    assert "extra guard time N = 5 etu" in meaning("3B 40 05", "TC1")
    assert "minimum guard time" in meaning("3B 40 FF", "TC1")
    assert atr_report(bytes.fromhex("3B 40 05"))["transmission"]["extra_guard_time_etu"] == 5


def test_td_chain_offers_protocols_and_needs_a_tck_beyond_t0() -> None:
    both = parse_atr(with_tck("3B 80 80 01"))  # TD1 T=0, TD2 T=1
    assert both.protocols == (0, 1) and both.tck_ok is True
    assert "protocol T=0; then TD2" in meaning(both.raw, "TD1")
    with pytest.raises(AtrError, match="lacks its TCK"):
        parse_atr(bytes.fromhex("3B 80 80 01"))
    wrong = parse_atr(bytes.fromhex("3B 80 80 01 00"))
    assert wrong.tck_ok is False and any("TCK does not check" in w for w in wrong.warnings)
    assert ("TCK", "00 (WRONG)") in wrong.describe()


def test_t1_bytes_at_level_three_ifsc_waiting_times_and_error_detection() -> None:
    atr = parse_atr(with_tck("3B 80 81 71 FE 45 01"))  # TD1 T=1, TD2 T=1 + TA3 TB3 TC3
    assert "IFSC: the card takes blocks of 254 bytes" in meaning(atr.raw, "TA3")
    assert "BWI 4, CWI 5" in meaning(atr.raw, "TB3")
    assert "CRC" in meaning(atr.raw, "TC3")


def test_t0_waiting_integer_in_tc2() -> None:
    assert "WI = 20" in meaning("3B 80 40 14", "TC2")  # TD1 T=0 then TC2 14


def test_ta2_means_specific_mode() -> None:
    atr = parse_atr(with_tck("3B 80 11 81"))  # TD1 T=1 with TA2 81: fixed to T=1
    assert atr.specific_mode
    assert "specific mode, T=1; the card cannot change mode" in meaning(atr.raw, "TA2")
    assert parse_atr(PROFILE_ATR).specific_mode is False


def test_t15_global_bytes_are_not_a_protocol_but_need_a_tck() -> None:
    atr = parse_atr(with_tck("3B 80 80 1F C7"))  # TD1 T=0, TD2 T=15, TA3 clock stop/class
    assert atr.protocols == (0,)
    assert atr.tck is not None and atr.tck_ok
    assert "clock stop no preference; classes A 5 V, B 3 V, C 1.8 V" in meaning(atr.raw, "TA3")
    odd = parse_atr(with_tck("3B 80 0F"))
    assert any("TD1 names T=15" in w for w in odd.warnings)


def test_historical_bytes_by_category() -> None:
    compact = decode_historical(bytes.fromhex("00 31 C0 73 F0 01 40 05 90 00"))
    assert compact.category.startswith("compact-TLV with status indicator")
    assert ("card service data", "C0") in compact.objects
    assert ("card capabilities", "F0 01 40") in compact.objects
    assert compact.status == "life cycle 05 (operational, activated), SW1 SW2 9000"
    assert not compact.problem
    in_tlv = decode_historical(bytes.fromhex("80 31 80 65 B0 83 11 00 C8 83 00 90 00"))
    assert in_tlv.category == "compact-TLV (80)" and not in_tlv.problem
    assert in_tlv.objects[-1][0] == "status indicator"
    assert decode_historical(bytes.fromhex("80 5F")).problem  # claims 15 bytes, has none
    assert decode_historical(bytes.fromhex("10 42")).objects == (("reference", "42"),)
    assert decode_historical(bytes.fromhex("8A 00")).category.startswith("reserved")
    assert decode_historical(b"JCOP").category.startswith("proprietary (4A)")
    assert "too short" in decode_historical(bytes.fromhex("00 90")).problem


def test_broken_atrs() -> None:
    for raw, message in (
        (b"", "at least TS and T0"),
        (bytes.fromhex("3B"), "at least TS and T0"),
        (bytes.fromhex("3C 00"), "neither 3B nor 3F"),
        (bytes.fromhex("3B F0 11"), "inside its interface bytes"),
        (bytes.fromhex("3B 05 01 02"), "shorter than its historical bytes"),
    ):
        with pytest.raises(AtrError, match=message):
            parse_atr(raw)
    assert "error" in atr_report(bytes.fromhex("3B F0"))
    trailing = parse_atr(bytes.fromhex("3B 00 AA"))  # only T=0: no TCK, so AA is surplus
    assert trailing.tck is None and any("after the ATR's end" in w for w in trailing.warnings)
    long = parse_atr(bytes.fromhex("3B 0F") + bytes(15) + bytes(20))
    assert any("at most 33" in w for w in long.warnings)


def test_report_keeps_the_first_keys_and_renders_each_row() -> None:
    report = atr_report(PROFILE_ATR)
    assert list(report)[:5] == ["raw", "convention", "protocols", "historical_bytes", "card_type"]
    assert report["recognised"] is True and report["mode"] == "negotiable"
    assert report["interface_bytes"][0] == {
        "name": "TB1",
        "value": "00",
        "meaning": "00: no VPP (deprecated byte)",
    }
    text = render_atr_report(report)
    assert "social security card" in text and "compact-TLV" in text


@settings(max_examples=3000)
@given(st.binary(max_size=40))
def test_any_bytes_decode_or_are_refused_as_an_atr(raw: bytes) -> None:
    try:
        atr = parse_atr(raw)
    except AtrError:
        return
    assert atr.describe()
    report = atr_report(raw)
    assert render_atr_report(report)


@settings(max_examples=1000)
@given(st.binary(min_size=1, max_size=15))
def test_any_historical_bytes_decode(data: bytes) -> None:
    decode_historical(data)

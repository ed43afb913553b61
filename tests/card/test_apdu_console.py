"""The APDU console's rules in the card layer: a technician's hex checked (hostile input
included), which commands only read and which change a card, a PIN never shown or logged, and
the console run against the simulated card through the mock reader."""

from __future__ import annotations

import logging
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.readers.errors import CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.card import SimCard
from drivers.simcard.image import load_image
from kiosk.card.apdu import ApduFormatError, CommandApdu, sw_meaning
from kiosk.card.console import MAX_APDUS, masked_data, refused, send_all
from kiosk.card.instructions import SECRET_MASK, instruction, refusal, shown

SELECT_SSSE = "00 A4 04 00 0F 7378312E73682EC9E7BBE1B1A3D5CF"
PIN_DIGITS = "123456"  # the demo cards' PIN


def apdu(text: str) -> CommandApdu:
    return CommandApdu.from_hex(text)


# --- the hex a technician types ------------------------------------------------------------------


def test_the_four_cases_parse_with_spaces_anywhere() -> None:
    case1, case2 = apdu("00 20 00 00"), apdu("00b2012c12")
    case3, case4 = apdu("00 A4 02 00 02 00 05"), apdu(" 00 A4 04 00  02 3F00 00 ")
    assert case1.data == b"" and case1.le is None
    assert case2.data == b"" and case2.le == 0x12
    assert case3.data == b"\x00\x05" and case3.le is None
    assert case4.data == b"\x3f\x00" and case4.le == 0
    assert apdu("00 D6 00 00 FF" + "AA" * 255 + "00").raw[-1] == 0  # 261 bytes: the most


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("00A4040", "7 hex digits: an odd number"),
        ("00 A4 04 0G", "'G' at hex digit 8 is not a hex digit"),
        ("00A4 04\x0000", "'U+0000' at hex digit 7"),
        ("００A40400", "'U+FF10' at hex digit 1"),
        ("", "empty"),
        ("   ", "empty"),
        ("00A404", "3 bytes: a command APDU has 4 to 261 bytes"),
        ("00", "1 byte: a command APDU has 4 to 261 bytes"),
        ("00" * 300, "300 bytes: a command APDU has 4 to 261 bytes"),
        ("00" * 262, "262 bytes"),
        ("00 A4 04 00 05 3F00", "Lc says 5 data bytes but 2 bytes follow"),  # Lc lying: too few
        ("00 A4 04 00 01 3F00 00 00", "Lc says 1 data byte but 4 bytes follow"),  # too many
        ("00 A4 04 00 00 3F00", "extended-length APDUs are not supported"),
        ("FF A4 04 00", "CLA FF is not a command class"),
        ("00 61 00 00", "INS 61 is not a valid instruction"),
        ("00 9F 00 00", "INS 9F is not a valid instruction"),
    ],
)
def test_hostile_hex_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ApduFormatError, match=re.escape(message)):
        CommandApdu.from_hex(text)


def test_a_ten_megabyte_argument_is_refused_unread() -> None:
    with pytest.raises(ApduFormatError, match="10,000,000 characters"):
        CommandApdu.from_hex("0" * 10_000_000)


def test_a_refusal_never_quotes_the_bytes() -> None:
    """A mistyped VERIFY must not put its PIN on the terminal or in a script's log."""
    for text in ("00 20 00 00 03 12 34 5", "00 20 00 00 04 123456", "0020000003123456zz"):
        with pytest.raises(ApduFormatError) as refused_:
            CommandApdu.from_hex(text)
        assert "123" not in str(refused_.value) and "3456" not in str(refused_.value)


@settings(max_examples=3000)
@given(st.text(max_size=600))
def test_any_text_is_an_apdu_or_a_format_error(text: str) -> None:
    try:
        parsed = CommandApdu.from_hex(text)
    except ApduFormatError:
        return
    assert 4 <= len(parsed.raw) <= 261


@settings(max_examples=2000)
@given(st.binary(min_size=4, max_size=261))
def test_any_parsed_apdu_is_named_classified_and_shown(raw: bytes) -> None:
    try:
        parsed = CommandApdu.parse(raw)
    except ApduFormatError:
        return
    what = instruction(parsed)
    assert what.name and (refusal(parsed) is None) == (not what.changes)
    text = shown(parsed)
    if what.secret and parsed.data:
        assert text.endswith(SECRET_MASK) and parsed.data.hex(" ").upper() not in text


# --- read-only or changing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        SELECT_SSSE,
        "00 A4 00 00 02 3F 00",
        "00 B2 01 2C 12",  # READ RECORD
        "00 B0 88 00 00",  # READ BINARY
        "00 C0 00 00 15",  # GET RESPONSE
        "00 CA 9F 7F 00",  # GET DATA
        "00 84 00 00 08",  # GET CHALLENGE
        "00 20 00 00",  # VERIFY without data: tries left, spends none
        "00 20 00 00 00",  # the same as T=0 sends it
        "0C B2 01 2C 12",  # secure messaging bits in CLA: still READ RECORD
    ],
)
def test_read_only_commands_need_no_consent(text: str) -> None:
    assert refusal(apdu(text)) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("00 20 00 00 03 12 34 56", "VERIFY (00 20 00 00) spends a PIN try"),
        ("00 20 00 00 06", "VERIFY"),  # case 2: under T=0 the card would wait for PIN bytes
        ("00 24 00 00 06 123456 654321", "CHANGE REFERENCE DATA"),
        ("80 5E 01 00 07 123456 FF 654321", "CHANGE PIN (80 5E 01 00) changes the PIN"),
        ("00 D6 00 00 01 AA", "UPDATE BINARY (00 D6 00 00) writes to the card"),
        ("00 DC 01 2C 03 01 01 31", "UPDATE RECORD"),
        ("00 D0 00 00 01 AA", "WRITE BINARY"),
        ("00 E2 00 2C 03 01 01 31", "APPEND RECORD"),
        ("00 DA 01 01 01 AA", "PUT DATA"),
        ("00 0E 00 00", "ERASE BINARY"),
        ("00 E4 00 00 02 00 05", "DELETE FILE"),
        ("00 FE 00 00", "TERMINATE CARD USAGE"),
        ("00 82 00 0A 10" + "00" * 16, "EXTERNAL AUTHENTICATE"),
        ("00 2C 00 00", "RESET RETRY COUNTER"),
        ("00 12 00 00", "unknown INS 12"),
        ("80 B2 01 2C 12", "proprietary class (CLA 80)"),  # a proprietary READ RECORD? unknown
        ("84 D6 00 00 01 AA", "proprietary"),
    ],
)
def test_changing_commands_need_consent_and_say_why(text: str, why: str) -> None:
    reason = refusal(apdu(text))
    assert reason is not None and why in reason
    assert refused([apdu("00 B2 01 2C 12"), apdu(text)]) == [f"APDU 2: {reason}"]


def test_pin_data_is_masked_and_other_data_shown() -> None:
    assert shown(apdu("00 20 00 00 06 31 32 33 34 35 36")) == "00 20 00 00 06 ******"
    assert shown(apdu("00 20 00 00 03 12 34 56")) == "00 20 00 00 03 ******"
    assert shown(apdu("80 5E 01 00 07 123456 FF 654321")) == "80 5E 01 00 07 ******"
    assert shown(apdu("00 24 00 01 06 123456 654321")) == "00 24 00 01 06 ******"
    assert shown(apdu("00 20 00 00")) == "00 20 00 00"
    assert shown(apdu("00 D6 00 00 01 AA")) == "00 D6 00 00 01 AA"


def test_status_words_in_plain_words() -> None:
    assert sw_meaning(0x9000) == "done"
    assert "file or application not found" in sw_meaning(0x6A82)
    assert "21 bytes waiting" in sw_meaning(0x6115) and "00 C0 00 00 15" in sw_meaning(0x6115)
    assert "256 bytes waiting" in sw_meaning(0x6100)
    assert "send again with Le 12" in sw_meaning(0x6C12)
    assert "3 PIN tries left" in sw_meaning(0x63C3)
    assert "PIN blocked" in sw_meaning(0x6983)
    assert "PSAM" in sw_meaning(0x6982)  # CARD_PROFILE.md: a real card may want one
    assert "detail 99" in sw_meaning(0x6A99)
    assert sw_meaning(0x1234) == "not an ISO 7816-4 status word"
    assert all(sw_meaning(sw) for sw in range(0x10000))


def test_masked_data_keeps_the_ends_of_long_answers_only() -> None:
    record = bytes.fromhex("0812") + b"11010519491231002X"
    assert masked_data(record) == "08 12 31 31 " + "** " * 12 + "30 30 32 58"
    assert masked_data(bytes.fromhex("0D04 19850612")) == "** ** ** ** ** **"
    assert masked_data(b"") == ""


# --- against the simulated card ------------------------------------------------------------------


@pytest.fixture
def backend():
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


def run(backend: MockReaderBackend, *texts: str):
    apdus = [apdu(text) for text in texts]
    return backend.run(DEFAULT_READER, lambda channel: send_all(channel, apdus)).result(5)


def test_console_sends_in_order_on_one_connection_and_shows_the_raw_answer(backend) -> None:
    backend.insert("normal")
    result = run(backend, SELECT_SSSE, "00 C0 00 00 15", "00 B2 07 2C 0B", "00 20 00 00")
    select, fci, number, tries = result.exchanges
    assert select.sw == 0x6115 and select.data == b""  # raw: the FCI waits for GET RESPONSE
    assert fci.sw == 0x9000 and fci.data.startswith(b"\x6f")
    assert number.data == b"\x07\x09" + load_image("normal").issuer.card_number.encode()
    assert tries.sw == 0x63C6 and tries.command == "VERIFY (tries left)" and not tries.changes
    assert result.failure is None and all(e.ms >= 0 for e in result.exchanges)


def test_a_verify_through_the_console_spends_a_try_and_is_never_logged(
    backend, caplog: pytest.LogCaptureFixture
) -> None:
    card = backend.insert(SimCard(load_image("normal")))
    caplog.set_level(logging.DEBUG)
    result = run(backend, "00 20 00 00 03 65 43 21", "00 20 00 00 03 12 34 56")
    wrong, right = result.exchanges
    assert wrong.sw == 0x63C5 and wrong.apdu == "00 20 00 00 03 ******" and wrong.changes
    assert right.sw == 0x9000 and card.pin_verified
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "card.console_apdu name='VERIFY' changes=1 sw=63C5" in logged
    for secret in ("65 43 21", "654321", "12 34 56", "123456", "\x12\x34\x56"):
        assert secret not in logged and secret not in repr(result.exchanges)


def test_a_card_pulled_out_part_way_keeps_what_was_answered(backend) -> None:
    backend.insert("normal")
    backend.set_faults(Faults(remove_after=2))
    result = run(backend, SELECT_SSSE, "00 B2 01 2C 12", "00 B2 02 2C 03")
    assert len(result.exchanges) == 1 and result.exchanges[0].sw == 0x6115
    assert isinstance(result.failure, CardRemoved) and result.unsent == 2


def test_a_run_is_bounded() -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_APDUS}"):
        send_all(None, [apdu("00 84 00 00 08")] * (MAX_APDUS + 1))  # type: ignore[arg-type]

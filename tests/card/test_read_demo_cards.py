"""The read sequence and PIN handling against the simulated demo cards, through the mock reader."""

import datetime as dt

import pytest

from drivers.readers.base import CardChannel
from drivers.readers.errors import CardMute, CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.image import demo_image_ids, load_image
from kiosk.card import pin
from kiosk.card.errors import CardUnreadable, PinBlocked, PinWrong
from kiosk.card.profile import APDUS_PER_READ
from kiosk.card.read import read_card, read_photo

READABLE = [card for card in demo_image_ids() if card != "unreadable"]
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def reader():
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


def run(backend, job):
    return backend.run(DEFAULT_READER, job).result(5)


@pytest.mark.parametrize("card_id", READABLE)
def test_every_readable_demo_card_reads_as_its_image_says(reader, card_id):
    image = load_image(card_id)
    card = reader.insert(card_id)
    read = run(reader, lambda ch: read_card(ch, TODAY))
    assert read.apdus == card.apdu_count == APDUS_PER_READ
    issuer, holder = read.chip.issuer, read.chip.holder
    assert holder.name == image.holder.name
    assert holder.ssn == image.holder.ssn
    assert holder.gender.value == image.holder.gender
    assert holder.birth_date == image.holder.birth_date
    assert holder.birthplace == image.holder.birthplace
    assert issuer.card_number == image.issuer.card_number
    assert issuer.issue_date == image.issuer.issue_date
    assert issuer.expiry_date == image.issuer.expiry_date
    assert issuer.spec_version == image.issuer.spec_version
    assert issuer.card_id_code == image.issuer.card_id_code.hex().upper()
    assert read.chip.is_expired(TODAY) == (card_id == "expired")


def test_the_long_minority_name_is_joined_from_the_extension_record(reader):
    reader.insert("temporary-loss")
    read = run(reader, read_card)
    assert read.chip.holder.name == load_image("temporary-loss").holder.name
    assert len(read.chip.holder.name.encode("gbk")) > 30


def test_the_unreadable_card_is_unreadable_with_a_reason(reader):
    reader.insert("unreadable")
    with pytest.raises(CardUnreadable) as caught:
        run(reader, read_card)
    assert caught.value.reason in {"bad_record", "bad_bcd", "bad_date", "bad_text"}


def test_a_mute_card_is_unreadable(reader):
    reader.insert("normal")
    reader.set_faults(Faults(mute=True))
    with pytest.raises(CardUnreadable) as caught:
        run(reader, read_card)
    assert caught.value.reason == "mute"


def test_photo_is_read_only_when_asked_and_is_a_jpeg(reader):
    card = reader.insert("normal")
    photo = run(reader, read_photo)
    assert photo[:2] == b"\xff\xd8" and photo[-2:] == b"\xff\xd9"
    assert photo == load_image("normal").photo_data
    assert card.apdu_count >= 1
    reader.insert("pin-last-try")
    assert run(reader, read_photo) == b""


@pytest.mark.parametrize("pulled_at", range(1, APDUS_PER_READ + 1))
def test_card_pulled_at_any_apdu_gives_card_removed_and_no_data(reader, pulled_at):
    """R1: a clean typed error, never a partial result."""
    reader.insert("normal")
    reader.set_faults(Faults(remove_after=pulled_at))
    with pytest.raises(CardRemoved):
        run(reader, read_card)
    assert reader.card() is None


# PIN -----------------------------------------------------------------------------------------


def digits(text: str) -> bytearray:
    return bytearray(text.encode())


def test_tries_left_is_asked_without_spending_one(reader):
    card = reader.insert("normal")
    assert run(reader, pin.tries_left) == 6
    assert run(reader, pin.tries_left) == 6
    assert card.tries_left == 6


def test_wrong_pin_then_right_pin_resets_the_counter(reader):
    card = reader.insert("normal")
    with pytest.raises(PinWrong) as wrong:
        run(reader, lambda ch: pin.verify(ch, digits("000000")))
    assert wrong.value.tries_left == 5
    run(reader, lambda ch: pin.verify(ch, digits("123456")))
    assert card.tries_left == 6 and card.pin_verified


def test_the_last_try_wrong_blocks_the_pin(reader):
    reader.insert("pin-last-try")
    assert run(reader, pin.tries_left) == 1
    with pytest.raises(PinBlocked):
        run(reader, lambda ch: pin.verify(ch, digits("999999")))
    assert run(reader, pin.tries_left) == 0


def test_a_blocked_pin_refuses_even_the_right_pin(reader):
    reader.insert("pin-blocked")
    assert run(reader, pin.tries_left) == 0
    with pytest.raises(PinBlocked):
        run(reader, lambda ch: pin.verify(ch, digits("123456")))


def test_verify_wipes_the_pin_buffer_it_was_given_only_on_the_apdu_copy(reader):
    reader.insert("normal")
    secret = digits("123456")
    run(reader, lambda ch: pin.verify(ch, secret))
    assert secret == digits("123456")  # the caller owns and wipes its buffer


class _KeepingChannel(CardChannel):
    """A channel in front of the demo card that keeps the very buffers it was handed."""

    def __init__(self, inner: CardChannel) -> None:
        super().__init__(inner.atr)
        self.inner = inner
        self.handed: list[tuple[bytes, bytes | bytearray]] = []  # (its header then, the buffer)

    def _send(self, apdu: bytes | bytearray) -> bytes:
        self.handed.append((bytes(apdu[:2]), apdu))
        return self.inner.transmit_raw(bytes(apdu))


@pytest.mark.parametrize(
    "command",
    [
        lambda ch: pin.verify(ch, digits("123456")),
        lambda ch: pin.change(ch, digits("123456"), digits("654321")),
    ],
    ids=["verify", "change"],
)
def test_the_pin_apdu_is_handed_over_as_the_buffer_that_is_then_wiped(reader, command):
    reader.insert("normal")
    channels = []

    def job(ch):
        channels.append(_KeepingChannel(ch))
        command(channels[0])

    run(reader, job)
    pin_apdus = [
        apdu for head, apdu in channels[0].handed if head[1] in (0x20, 0x5E) and len(apdu) > 4
    ]
    assert len(pin_apdus) == 1
    assert isinstance(pin_apdus[0], bytearray)  # no immutable copy holds the PIN
    assert not any(pin_apdus[0])


def test_change_pin(reader):
    card = reader.insert("normal")
    run(reader, lambda ch: pin.change(ch, digits("123456"), digits("654321")))
    with pytest.raises(PinWrong):
        run(reader, lambda ch: pin.verify(ch, digits("123456")))
    run(reader, lambda ch: pin.verify(ch, digits("654321")))
    assert card.pin_verified
    with pytest.raises(PinWrong):
        run(reader, lambda ch: pin.change(ch, digits("000000"), digits("111111")))


def test_power_down_resets_the_verified_state(reader):
    card = reader.insert("normal")
    run(reader, lambda ch: pin.verify(ch, digits("123456")))
    reader.power_down(DEFAULT_READER)
    run(reader, pin.tries_left)  # queued behind the power-down
    assert not card.pin_verified


@pytest.mark.parametrize("bad", ["12345", "1234567", "12345a", ""])
def test_malformed_pins_never_reach_the_card(reader, bad):
    card = reader.insert("normal")
    with pytest.raises(ValueError):
        run(reader, lambda ch: pin.verify(ch, digits(bad)))
    assert card.tries_left == 6


def test_pin_job_on_a_mute_card(reader):
    reader.insert("normal")
    reader.set_faults(Faults(mute=True))
    with pytest.raises(CardMute):
        run(reader, pin.tries_left)

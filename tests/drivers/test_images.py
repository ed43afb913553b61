"""The demo card images load, encode to the profile's records and hold valid, consistent data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.simcard.image import (
    EF05_LAYOUT,
    EF06_LAYOUT,
    CardImage,
    ImageError,
    cards_dir,
    demo_image_ids,
    encode_records,
    image_from_dict,
    load_image,
    split_name,
)
from kiosk.domain.ids import (
    id_birth_date,
    id_gender_code,
    is_valid_card_number,
    is_valid_id_number,
)

DEMO_IDS = [
    "expired",
    "normal",
    "pin-blocked",
    "pin-last-try",
    "temporary-loss",
    "unknown",
    "unreadable",
]


def test_the_seven_demo_cards_are_there() -> None:
    assert demo_image_ids() == DEMO_IDS
    assert cards_dir() == Path(__file__).resolve().parents[2] / "assets" / "cards"


@pytest.fixture(scope="module", params=DEMO_IDS)
def image(request: pytest.FixtureRequest) -> CardImage:
    return load_image(request.param)


def test_id_matches_the_file_name(image: CardImage) -> None:
    assert (cards_dir() / f"{image.id}.json").is_file()
    assert set(image.label) == {"zh_CN", "en"}
    assert all(image.label.values())


def test_identity_and_card_numbers_are_valid(image: CardImage) -> None:
    holder, issuer = image.holder, image.issuer
    assert is_valid_id_number(holder.ssn)
    assert is_valid_card_number(issuer.card_number)
    assert id_birth_date(holder.ssn) == holder.birth_date
    assert id_gender_code(holder.ssn) == holder.gender
    assert holder.ssn[:6] == holder.birthplace
    assert issuer.card_id_code[:3].hex() == holder.birthplace
    assert issuer.card_id_code[3:8] == bytes.fromhex("D156000005")
    assert issuer.issue_date < issuer.expiry_date


def test_records_have_the_profile_layout(image: CardImage) -> None:
    records = encode_records(image)
    assert set(records) == {5, 6}
    for sfi, layout in ((5, EF05_LAYOUT), (6, EF06_LAYOUT)):
        assert len(records[sfi]) == len(layout)
        for number, ((tag, length), record) in enumerate(zip(layout, records[sfi], strict=True)):
            if f"{sfi}:{number + 1}" in image.raw_records:
                continue
            assert record[0] == tag
            assert record[1] == length == len(record) - 2


def test_demo_cards_differ(image: CardImage) -> None:
    others = [load_image(i) for i in DEMO_IDS if i != image.id]
    for other in others:
        assert other.atr[4:] != image.atr[4:]
        assert other.holder.ssn != image.holder.ssn
        assert other.issuer.card_number != image.issuer.card_number
        assert other.backend.mobile != image.backend.mobile
        assert other.issuer.card_id_code != image.issuer.card_id_code


def test_atr_and_mobile_shape(image: CardImage) -> None:
    assert image.atr[:4] == bytes.fromhex("3B6D0000") and len(image.atr) == 17
    assert len(image.backend.mobile) == 11 and image.backend.mobile.startswith("1")
    assert image.backend.mobile.isdigit()
    assert image.pin == "123456"


def test_each_card_shows_its_case() -> None:
    cards = {i: load_image(i) for i in DEMO_IDS}
    assert cards["normal"].backend.status == "normal" and cards["normal"].pin_tries_left == 6
    assert cards["pin-last-try"].pin_tries_left == 1
    assert cards["pin-blocked"].pin_tries_left == 0
    assert cards["temporary-loss"].backend.status == "temporary_loss"
    assert cards["expired"].issuer.expiry_date < dt.date(2025, 1, 1)
    assert cards["expired"].backend.status == "normal"
    assert cards["unknown"].backend.known is False
    assert all(c.backend.known for i, c in cards.items() if i != "unknown")
    assert not any(c.mute for c in cards.values())
    regions = {c.holder.ssn[:4] for c in cards.values()}
    assert {"1101", "3101", "4401"} <= regions


def test_long_name_uses_the_extension_record() -> None:
    image = load_image("temporary-loss")
    name_record, extension_record = encode_records(image)[6][1:3]
    assert len(image.holder.name.encode("gbk")) > 30
    assert extension_record[2:] != bytes(20)
    joined = name_record[2:].rstrip(b"\0") + extension_record[2:].rstrip(b"\0")
    assert joined.decode("gbk") == image.holder.name
    # Each part is whole characters, so it decodes on its own.
    name_record[2:].rstrip(b"\0").decode("gbk")
    extension_record[2:].rstrip(b"\0").decode("gbk")


def test_unreadable_card_is_corrupt_in_three_ways() -> None:
    image = load_image("unreadable")
    records = encode_records(image)
    issue_date = records[5][4]
    assert issue_date[0] == 0x05
    assert any(n > 9 for b in issue_date[2:] for n in (b >> 4, b & 0x0F))
    card_number = records[5][6]
    assert card_number[1] != len(card_number) - 2
    name = records[6][1]
    with pytest.raises(UnicodeDecodeError):
        name[2:].rstrip(b"\0").decode("gbk")


def test_normal_card_has_a_jpeg_photo() -> None:
    image = load_image("normal")
    assert image.photo == "normal.jpg"
    assert image.photo_data == (cards_dir() / "normal.jpg").read_bytes()
    assert image.photo_data[:2] == b"\xff\xd8" and image.photo_data[-2:] == b"\xff\xd9"
    assert image.photo_data[6:11] == b"JFIF\0"


def test_load_by_path_and_by_id_agree() -> None:
    assert load_image(cards_dir() / "expired.json") == load_image("expired")
    assert load_image(str(cards_dir() / "expired.json")) == load_image("expired")


# --- encoding rules ---------------------------------------------------------------------------


def _raw(image_id: str) -> dict:
    return json.loads((cards_dir() / f"{image_id}.json").read_text(encoding="utf-8"))


def test_encoding_rules() -> None:
    data = _raw("normal")
    data["photo"] = None
    data["issuer"]["issuer_org"] = "12345"
    data["holder"]["ethnicity"] = "05"
    image = image_from_dict(data)
    ef05, ef06 = encode_records(image)[5], encode_records(image)[6]
    assert ef05[3] == bytes.fromhex("040C") + bytes.fromhex("12345F") + b"\xff" * 9
    assert ef05[2] == b"\x03\x042.00"
    assert ef06[4] == b"\x0b\x01\x05"


def test_split_name() -> None:
    assert split_name("张三") == ("张三".encode("gbk").ljust(30, b"\0"), bytes(20))
    head, tail = split_name("a" + "字" * 20)  # 41 bytes: 29 + 1 odd byte must not split a char
    assert head == ("a" + "字" * 14).encode("gbk") + b"\0"
    assert tail == ("字" * 6).encode("gbk").ljust(20, b"\0")
    with pytest.raises(ImageError):
        split_name("字" * 26)
    with pytest.raises(ImageError):
        split_name("😀")


def test_raw_records_override_and_extend() -> None:
    data = _raw("normal")
    data["photo"] = None
    data["raw_records"] = {"6:8": "0F0100", "5:1": "0100"}
    records = encode_records(image_from_dict(data))
    assert records[5][0] == b"\x01\x00"
    assert records[6][7] == b"\x0f\x01\x00"
    data["raw_records"] = {"6:10": "0F0100"}
    with pytest.raises(ImageError, match="gaps"):
        image_from_dict(data)
    data["raw_records"] = {"8:1": "00"}
    with pytest.raises(ImageError, match="not a record file"):
        image_from_dict(data)


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        (None, "atr", "3B6D0000", "atr"),
        (None, "pin", "12345", "pin"),
        (None, "pin_tries_left", 7, "pin_tries"),
        ("issuer", "card_number", "A1052103", "card_number"),
        ("issuer", "card_id_code", "1101", "card_id_code"),
        ("issuer", "issue_date", "2019-02-30", "issue_date"),
        ("issuer", "issuer_org", "1101X5", "BCD"),
        ("holder", "ssn", "11010519850612017", "ssn"),
        ("holder", "gender", "M", "gender"),
        ("holder", "birthplace", "1101", "birthplace"),
        ("backend", "status", "stolen", "status"),
        (None, "raw_records", {"5-1": "00"}, "SFI:REC"),
    ],
)
def test_bad_images_are_refused(section: str | None, key: str, value: object, message: str) -> None:
    data = _raw("normal")
    data["photo"] = None
    (data[section] if section else data)[key] = value
    with pytest.raises(ImageError, match=message):
        image_from_dict(data)


def test_unknown_id_and_missing_photo(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="no card image"):
        load_image("no-such-card")
    data = _raw("normal")
    data["photo"] = "missing.jpg"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImageError, match=r"missing\.jpg"):
        load_image(path)


def test_image_is_frozen() -> None:
    image = load_image("normal")
    with pytest.raises(dataclasses.FrozenInstanceError):
        image.pin = "000000"  # type: ignore[misc]
    with pytest.raises(TypeError):
        image.raw_records["5:1"] = b""  # type: ignore[index]


def test_drivers_do_not_import_the_kiosk() -> None:
    code = (
        "import sys, drivers.simcard, drivers.readers.mock;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'kiosk'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"

"""The demo ID cards and identity files (drivers/idcard/identities.py), and the text's rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sscard_assets import assets_dir

from drivers.idcard.base import IdCardUnsupported, IdFrameError
from drivers.idcard.identities import (
    IdentityFileError,
    demo_identities,
    find_identity,
    identity_to_dict,
)
from drivers.idcard.protocol import decode_text, encode_text, id_number_valid


def test_the_demo_identities_are_the_demo_cardholders() -> None:
    demos = demo_identities()
    holders = {}
    for path in (assets_dir() / "cards").glob("*.json"):
        holder = json.loads(path.read_text(encoding="utf-8"))["holder"]
        holders[holder["ssn"]] = holder["name"]
    for identity in demos.values():
        assert id_number_valid(identity.id_number)
        assert decode_text(encode_text(identity)) == identity
    in_both = {i.id_number for i in demos.values()} & set(holders)
    assert len(in_both) >= 5
    for identity in demos.values():
        if identity.id_number in holders:
            assert holders[identity.id_number] == identity.name
    # The demo agent of kiosk/demo/business_samples.py
    assert demos["lixiuying"].id_number == "110105198709234525"


def test_find_identity_by_key_name_or_file(tmp_path: Path) -> None:
    wang = demo_identities()["wangxiaoming"]
    assert find_identity("wangxiaoming") == wang
    assert find_identity("王晓明") == wang
    path = tmp_path / "someone.json"
    path.write_text(json.dumps(identity_to_dict(wang)), encoding="utf-8")
    assert find_identity(str(path)) == wang


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"[]", "JSON object"),
        (b'{"name": "x"}', "lacks"),
        (None, "is not a regular file"),
    ],
)
def test_bad_identity_files_are_refused_in_one_line(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "bad.json"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(IdentityFileError, match=problem) as caught:
        find_identity(str(path))
    assert "\n" not in str(caught.value)


def test_an_identity_that_is_no_resident_card_is_refused(tmp_path: Path) -> None:
    data = identity_to_dict(demo_identities()["wangxiaoming"])
    path = tmp_path / "bad.json"
    for change, problem in [
        ({"id_number": "110105198506120174"}, "not a valid resident ID number"),
        ({"name": "名" * 16}, "more than 15"),
        ({"birth_date": "1985-06-13"}, "disagree"),
        ({"valid_to": "tomorrow"}, "fit"),
    ]:
        path.write_text(json.dumps(data | change), encoding="utf-8")
        with pytest.raises(IdentityFileError, match=problem) as caught:
            find_identity(str(path))
        assert data["id_number"] not in str(caught.value)
    with pytest.raises(IdentityFileError, match="neither a demo identity"):
        find_identity("nobody")


def test_other_kinds_of_card_are_told_apart() -> None:
    wang = demo_identities()["wangxiaoming"]
    for kind in ("I", "J", "Y"):
        with pytest.raises(IdCardUnsupported, match="not supported here"):
            decode_text(encode_text(wang, kind=kind))
    # A Hong Kong resident's residence permit number (810000...) without the marker
    first17 = "81000019850612017"
    from drivers.idcard.protocol import id_check_char

    permit = dataclasses.replace(wang, id_number=first17 + id_check_char(first17))
    with pytest.raises(IdCardUnsupported, match="Hong Kong"):
        decode_text(encode_text(permit))
    # Data in the reserved field (a permit's pass number)
    text = bytearray(encode_text(wang))
    text[220:222] = "H".encode("utf-16-le")
    with pytest.raises(IdCardUnsupported):
        decode_text(bytes(text))


def test_text_fields_and_long_term() -> None:
    zhao = demo_identities()["zhaojianguo"]
    text = encode_text(zhao)
    assert text[204:212].decode("utf-16-le") == "长期  "
    assert text[0:6].decode("utf-16-le") == "赵建国"
    assert decode_text(text).valid_to is None
    broken = bytearray(text)
    broken[36:52] = "19561301".encode("utf-16-le")
    with pytest.raises(IdFrameError, match="birth date is not a date"):
        decode_text(bytes(broken))
    assert repr(zhao) == "IdIdentity(<personal data>)"
    assert zhao.birth_date == dt.date(1956, 10, 1)

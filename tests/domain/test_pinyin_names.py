"""The pinyin -> characters index behind the on-screen name input (kiosk.domain.pinyin_names):
ranking on a small made-up table, then the real data of pypinyin and jieba once."""

from __future__ import annotations

import threading

import pytest

from kiosk.domain.pinyin_names import (
    GIVEN_NAME_CHARS,
    SHARED_INDEX,
    SURNAMES,
    PinyinIndex,
    SharedIndex,
    plain_syllable,
)

READINGS = {
    "王": ["wáng", "wàng"],
    "网": ["wǎng"],
    "往": ["wǎng"],
    "方": ["fāng", "wǎng"],  # a common character with a rare reading
    "汪": ["wāng"],
    "吕": ["lǚ"],
    "绿": ["lǜ", "lù"],
    "伟": ["wěi"],
    "为": ["wèi", "wéi"],
    "張": ["zhāng"],  # traditional: not in GB 2312
    "张": ["zhāng"],
    "章": ["zhāng"],
    "中": ["zhōng"],
}
COUNTS = {
    "王": 50,
    "网": 400,
    "往": 300,
    "方": 20000,
    "汪": 10,
    "绿": 80,
    "吕": 5,
    "伟": 30,
    "为": 9000,
    "張": 99999,
    "张": 100,
    "章": 200,
    "中": 5000,
}


@pytest.fixture
def index() -> PinyinIndex:
    return PinyinIndex(READINGS, COUNTS)


def test_readings_lose_their_tones_and_u_umlaut_is_v() -> None:
    assert plain_syllable("wáng") == "wang"
    assert plain_syllable("lǚ") == "lv"
    assert plain_syllable("nǜ") == "nv"
    assert plain_syllable("ê̄") == "e"
    assert plain_syllable("m̀") == "m"


def test_surnames_come_first_for_the_first_character(index: PinyinIndex) -> None:
    # 王 is rarer than 网 and 往 in text, yet it is the first surname.
    assert index.candidates("wang", first=True)[:2] == ["王", "汪"]
    # After the first character, text frequency; 方, 400 times as common as 王
    # but read wǎng only in old texts, comes after it.
    after = index.candidates("wang", first=False)
    assert after[:3] == ["网", "往", "王"]
    assert after.index("方") > after.index("王")


def test_given_name_characters_come_first_after_the_surname(index: PinyinIndex) -> None:
    assert index.candidates("wei", first=False)[0] == "伟"


def test_traditional_forms_come_after_simplified_ones(index: PinyinIndex) -> None:
    assert index.candidates("zhang", first=False) == ["章", "张", "張"]
    assert index.candidates("zhang", first=True) == ["张", "章", "張"]


def test_a_start_that_is_not_a_syllable_yet_offers_every_syllable_it_begins(
    index: PinyinIndex,
) -> None:
    assert set(index.candidates("zh", first=False)) == {"章", "张", "張", "中"}
    assert index.candidates("zh", first=True)[0] == "张"


def test_nothing_typed_offers_the_favoured_lists(index: PinyinIndex) -> None:
    assert index.candidates("", first=True)[:3] == list(SURNAMES[:3])
    assert index.candidates("", first=False)[:3] == list(GIVEN_NAME_CHARS[:3])


def test_letters_are_cut_into_syllables_and_checked(index: PinyinIndex) -> None:
    assert index.syllables_of("wangwei") == ["wang", "wei"]
    assert index.syllables_of("wangzh") == ["wang", "zh"]
    assert index.is_prefix("wan")
    assert index.is_prefix("wangzh")
    assert not index.is_prefix("wq")
    assert index.split("lv") == ("lv", "")


def test_the_shared_index_is_built_once_in_a_background_thread() -> None:
    built: list[str] = []
    release = threading.Event()

    def builder() -> PinyinIndex:
        built.append(threading.current_thread().name)
        release.wait(5)
        return PinyinIndex(READINGS, COUNTS)

    shared = SharedIndex(builder)
    assert shared.get() is None  # not ready: the caller is not kept waiting
    shared.start()
    release.set()
    index = shared.wait(5)
    assert index is not None and shared.get() is index
    assert built == ["pinyin-index"]


def test_a_failed_build_is_reported() -> None:
    def builder() -> PinyinIndex:
        raise OSError("no dictionary")

    shared = SharedIndex(builder)
    with pytest.raises(RuntimeError, match="could not be built"):
        shared.wait(5)


def test_the_real_data_ranks_names_as_people_write_them() -> None:
    index = SHARED_INDEX.wait(30)
    assert index is not None
    assert index.candidates("wang", first=True)[0] == "王"
    assert index.candidates("zhang", first=True)[0] == "张"
    assert index.candidates("zeng", first=True)[0] == "曾"
    assert index.candidates("lv", first=True)[0] == "吕"
    assert index.candidates("jian", first=False)[0] == "建"
    assert index.candidates("guo", first=False)[0] == "国"
    assert "阿" in index.candidates("a", first=False)[:8]
    # Every surname and given-name character can be typed by its usual reading.
    for ch in SURNAMES + GIVEN_NAME_CHARS:
        assert any(ch in index.chars_for(s) for s in index.syllables), ch

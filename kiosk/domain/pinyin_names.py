"""Chinese characters for a name from pinyin, for the kiosk's on-screen name input: what
characters a syllable typed without tones can be, ranked so that the character a person means
is usually on the first page.

Where the data comes from:

- which characters a syllable can be: `pypinyin`'s character table (pinyin_dict, ~42,000
  characters, every reading of each), inverted once into syllable -> characters, tones dropped
  and ü typed as v (lü, nü);
- how common a character is: the word counts of `jieba`'s dictionary (dict.txt, ~350,000
  words with their counts in a large corpus), summed per character over the words it is in;
  a reading that is not the character's first one in pypinyin's table counts far less, so a
  common character with an old, rare reading (方 read wǎng) does not crowd out the ones meant;
- characters outside GB 2312 (traditional forms, rare variants) come after those in it;
- for the first character of a name, the common surnames come first, in the order of the
  national surname ranking published from the household registers in 2020 (王 李 张 刘 陈 …;
  past the first twenty the order of the published lists varies by a place or two);
- after it, characters common in given names come first (伟 芳 娜 秀 英 敏 …, from the most
  common given names of the same reports), then every other character by frequency.

Building the index takes about half a second (reading jieba's dictionary), so `SharedIndex`
builds it once, in a background thread, on first need.
"""

from __future__ import annotations

import importlib.util
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# The 100 most common surnames, most common first (see the module docstring).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
    "郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖"
    "石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向"
)

# Surnames read otherwise than the character's first reading in pypinyin's table.
SURNAME_READINGS = {"曾": ("zeng",), "覃": ("qin", "tan"), "单": ("shan",), "解": ("xie",)}

# Characters common in given names, roughly most common first; a character may come once.
GIVEN_NAME_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国文辉鹏飞俊浩宇轩子涵"
    "梓欣怡雨晨博佳嘉思一诗梦琪婷雪慧晶鑫淑凤春海斌波林峰云亮成志金东新龙永德福荣生家"
    "小晓燕玲丹颖宁欢阳瑞泽昊然睿天振宏庆彬凯健琳倩莉露蕾薇洁冰清月美兵利民光祥安达"
)

# Separates the parts of a name transliterated from another language (阿依古丽·买买提).
NAME_DOT = "·"
# The letters of the keyboard; v stands for ü (lv = lü).
LETTERS = "abcdefghijklmnopqrstuvwxyz"

_OTHER_READING = 0.002  # the weight of a reading that is not a character's first one


def plain_syllable(reading: str) -> str:
    """A pypinyin reading without its tone, ü as v: "lǚ" -> "lv", "wáng" -> "wang"; "" for
    a reading that is not plain letters then (ê, m̄, ň...)."""
    decomposed = unicodedata.normalize("NFD", reading.lower())
    kept = "".join(ch for ch in decomposed if ch.isascii() or ch == "\u0308")
    plain = kept.replace("u\u0308", "v")
    return plain if plain and all(ch in LETTERS for ch in plain) else ""


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def jieba_char_counts() -> dict[str, int]:
    """How often each character occurs, summed over the words of jieba's dictionary."""
    spec = importlib.util.find_spec("jieba")  # the package is not imported: only its data
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jieba package (its dictionary) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            n = int(count)
            for ch in word:
                counts[ch] = counts.get(ch, 0) + n
    return counts


def pypinyin_readings() -> dict[str, list[str]]:
    """Every character of pypinyin's table with its readings, most usual first."""
    from pypinyin.pinyin_dict import pinyin_dict

    return {chr(code): readings.split(",") for code, readings in pinyin_dict.items()}


class PinyinIndex:
    """Syllable -> characters, ranked for a name (`candidates`)."""

    def __init__(self, readings: Mapping[str, Iterable[str]], counts: Mapping[str, int]) -> None:
        weights: dict[str, dict[str, float]] = {}
        for ch, its_readings in readings.items():
            for i, reading in enumerate(its_readings):
                syllable = plain_syllable(reading)
                if not syllable:
                    continue
                weight = counts.get(ch, 0) * (1.0 if i == 0 else _OTHER_READING)
                chars = weights.setdefault(syllable, {})
                chars[ch] = max(chars.get(ch, 0.0), weight)
        # Characters whose first reading is the syllable: only these are favoured as given-name
        # characters (洋 is also read xiáng, but nobody named 洋 spells it so).
        self._primary: dict[str, set[str]] = {}
        for ch, its_readings in readings.items():
            for reading in its_readings:  # the first one only
                self._primary.setdefault(plain_syllable(reading), set()).add(ch)
                break
        self._by_syllable: dict[str, list[str]] = {}
        for syllable, chars in weights.items():

            def rank(c: str, w: dict[str, float] = chars) -> tuple[bool, float, str]:
                return (not _in_gb2312(c), -w[c], c)

            self._by_syllable[syllable] = sorted(chars, key=rank)
        self._weight = {
            ch: max(weights[s][ch] for s in weights if ch in weights[s])
            for ch in set(SURNAMES + GIVEN_NAME_CHARS)
            if any(ch in weights[s] for s in weights)
        }
        self._prefixes = {s[:k] for s in self._by_syllable for k in range(1, len(s) + 1)}

    @classmethod
    def build(cls) -> PinyinIndex:
        """From the installed packages' data (about half a second)."""
        return cls(pypinyin_readings(), jieba_char_counts())

    @property
    def syllables(self) -> frozenset[str]:
        return frozenset(self._by_syllable)

    def is_prefix(self, letters: str) -> bool:
        """Whether `letters` can still become a syllable (or a run of syllables)."""
        if not letters:
            return True
        if letters in self._prefixes:
            return True
        first, rest = self.split(letters)
        return bool(first) and self.is_prefix(rest)

    def split(self, letters: str) -> tuple[str, str]:
        """The longest syllable at the start of `letters` and what follows it; ("", letters)
        when no syllable starts it."""
        for end in range(min(len(letters), 6), 0, -1):
            if letters[:end] in self._by_syllable:
                return letters[:end], letters[end:]
        return "", letters

    def syllables_of(self, letters: str) -> list[str]:
        """`letters` cut into syllables (greedily, longest first); a tail that is not one yet
        is the last item."""
        parts: list[str] = []
        while letters:
            first, rest = self.split(letters)
            if not first:
                parts.append(letters)
                break
            parts.append(first)
            letters = rest
        return parts

    def chars_for(self, letters: str) -> list[str]:
        """The characters for the first syllable of `letters`, most common first; for a start
        that is not a whole syllable yet ("zh"), those of every syllable it begins."""
        first, _ = self.split(letters)
        if first:
            return list(self._by_syllable[first])
        merged: dict[str, int] = {}
        for syllable, chars in self._by_syllable.items():
            if syllable.startswith(letters):
                for rank, ch in enumerate(chars):
                    merged[ch] = min(merged.get(ch, rank), rank)
        return sorted(merged, key=lambda c: (merged[c], c))

    def candidates(self, letters: str, *, first: bool) -> list[str]:
        """The characters to offer for `letters`: for the first character of a name the
        common surnames first (in their ranking's order), after it the characters common in
        given names; then the others. With nothing typed: those lists alone, so a name can
        be tapped together without a letter typed."""
        favoured = SURNAMES if first else GIVEN_NAME_CHARS
        if not letters:
            return list(dict.fromkeys(favoured))
        chars = self.chars_for(letters)
        present = set(chars)
        # Favoured only when read so: 邓 is also read shàn, 洋 xiáng, but not in a name.
        first_syllable, _ = self.split(letters)
        read_so = {
            c
            for s, cs in self._primary.items()
            if (s == first_syllable if first_syllable else s.startswith(letters))
            for c in cs
        }
        if first:
            read_so |= {
                c
                for c, its in SURNAME_READINGS.items()
                if any(
                    s == first_syllable or (not first_syllable and s.startswith(letters))
                    for s in its
                )
            }
        present &= read_so
        front = [ch for ch in dict.fromkeys(favoured) if ch in present]
        if not first:
            # Given-name characters: the common ones for this syllable by how common they are.
            front.sort(key=lambda c: -self._weight.get(c, 0.0))
        seen = set(front)
        return front + [ch for ch in chars if ch not in seen]


class SharedIndex:
    """One `PinyinIndex` for the process, built on first need in a background thread, so a
    screen can ask for it without waiting: `get()` is None until it is ready."""

    def __init__(self, builder: Callable[[], PinyinIndex] = PinyinIndex.build) -> None:
        self._builder = builder
        self._index: PinyinIndex | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()

    def start(self) -> None:
        """Begin building (once); returns at once."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._build, name="pinyin-index", daemon=True
                )
                self._thread.start()

    def _build(self) -> None:
        try:
            self._index = self._builder()
        except BaseException as exc:  # reported by get()/wait(), not lost in the thread
            self._error = exc
        finally:
            self._done.set()

    def get(self) -> PinyinIndex | None:
        """The index if it is built (starting the build if need be), else None."""
        self.start()
        if self._error is not None:
            raise RuntimeError("the pinyin index could not be built") from self._error
        return self._index

    def peek(self) -> PinyinIndex | None:
        """The index if it is built, else None; starts nothing."""
        if self._error is not None:
            raise RuntimeError("the pinyin index could not be built") from self._error
        return self._index

    def wait(self, timeout: float | None = None) -> PinyinIndex | None:
        """The index, waiting up to `timeout` seconds for it."""
        self.start()
        self._done.wait(timeout)
        return self.get()


SHARED_INDEX = SharedIndex()

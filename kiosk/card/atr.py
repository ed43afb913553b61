"""Decoding an Answer To Reset (ISO/IEC 7816-3:2006, historical bytes by ISO/IEC 7816-4:2020
§12.1.1) for a technician, and recognising our card.

What a technician wants from an ATR: the convention; the transmission parameters the card asks
for (TA1's Fi and Di, the clock and bit rate they mean, TC1's extra guard time, T=0's waiting
time); the protocols offered; whether the card fixes one (TA2, specific mode); the historical
bytes read by their category indicator (compact-TLV objects, the life cycle status); the TCK
checked where one is due; and anything out of the standard, as warnings rather than refusals:
a card with an odd ATR is still worth a look. Only a truncated ATR is refused (`AtrError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.card.profile import ATR_PREFIX
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

MAX_ATR = 33  # TS and at most 32 further characters
DEFAULT_FI, DEFAULT_DI, DEFAULT_F_MAX_HZ = 372, 1, 5_000_000
TYPICAL_CLOCK_HZ = 3_571_200  # the usual reader clock, at which Fi 372 / Di 1 is 9,600 bit/s
_UNKNOWN_TYPE = Text(QT_TRANSLATE_NOOP("DiagText", "unknown card type"))
PROFILE_HISTORICAL_NOTE = (
    "card specific on this card type: the back end keeps them as the card's reset information"
)

# TA1 (ISO/IEC 7816-3 tables 7 and 8): Fi with its f(max), and Di; None where RFU.
_FI = {
    0x0: (372, 4_000_000),
    0x1: (372, 5_000_000),
    0x2: (558, 6_000_000),
    0x3: (744, 8_000_000),
    0x4: (1116, 12_000_000),
    0x5: (1488, 16_000_000),
    0x6: (1860, 20_000_000),
    0x9: (512, 5_000_000),
    0xA: (768, 7_500_000),
    0xB: (1024, 10_000_000),
    0xC: (1536, 15_000_000),
    0xD: (2048, 20_000_000),
}
_DI = {0x1: 1, 0x2: 2, 0x3: 4, 0x4: 8, 0x5: 16, 0x6: 32, 0x7: 64, 0x8: 12, 0x9: 20}

# Compact-TLV tags of the historical bytes (ISO/IEC 7816-4 table 114).
_COMPACT_TAGS = {
    0x1: "country code",
    0x2: "issuer identification number",
    0x3: "card service data",
    0x4: "initial access data",
    0x5: "card issuer's data",
    0x6: "pre-issuing data",
    0x7: "card capabilities",
    0x8: "status indicator",
    0xF: "application identifier",
}


@dataclass(frozen=True)
class Historical:
    """The historical bytes read by their category indicator (the first byte)."""

    category: str  # "compact-TLV with status indicator" (00), ..., "proprietary"
    objects: tuple[tuple[str, str], ...] = ()  # ("initial access data", "23 86 97")
    status: str = ""  # life cycle status and SW1 SW2 where the bytes give them
    problem: str = ""  # where the bytes do not follow their own category


@dataclass(frozen=True)
class Atr:
    raw: bytes
    convention: str  # "direct" (3B) or "inverse" (3F)
    protocols: tuple[int, ...]  # offered protocols, T=0 implied when none is named
    interface_bytes: dict[str, int] = field(default_factory=dict)  # "TA1" -> value
    historical: bytes = b""
    tck: int | None = None
    tck_ok: bool | None = None  # None where no TCK is present (T=0 only)
    meanings: tuple[tuple[str, str], ...] = ()  # ("TA1", "Fi 372, Di 1: ...") in ATR order
    warnings: tuple[str, ...] = ()

    @property
    def card_type(self) -> str:
        if self.raw[:4] == ATR_PREFIX and len(self.historical) == 13:
            return Text(
                QT_TRANSLATE_NOOP("DiagText", "social security card (CARD_PROFILE.md, T=0)")
            )
        return _UNKNOWN_TYPE

    @property
    def recognised(self) -> bool:
        return self.card_type != _UNKNOWN_TYPE

    @property
    def fi_di(self) -> tuple[int | None, int | None, int | None]:
        """(Fi, Di, f max in Hz) from TA1, the defaults without it; None for an RFU value."""
        ta1 = self.interface_bytes.get("TA1")
        if ta1 is None:
            return DEFAULT_FI, DEFAULT_DI, DEFAULT_F_MAX_HZ
        fi, f_max = _FI.get(ta1 >> 4, (None, None))
        return fi, _DI.get(ta1 & 0x0F), f_max

    @property
    def specific_mode(self) -> bool:
        """TA2 present: the card works in one protocol with TA1's values, no PPS."""
        return "TA2" in self.interface_bytes

    @property
    def history(self) -> Historical:
        return decode_historical(self.historical)

    def describe(self) -> list[tuple[str, str]]:
        """Label/value rows for a technician."""
        rows = [
            ("ATR", self.raw.hex(" ").upper()),
            ("convention", self.convention),
            ("protocols", ", ".join(f"T={t}" for t in self.protocols)),
            ("mode", "specific (TA2)" if self.specific_mode else "negotiable (no TA2)"),
        ]
        if "TA1" not in self.interface_bytes:
            rows.append(("transmission", f"no TA1: the defaults, {_ta1(0x11)}"))
        rows += [(name, meaning) for name, meaning in self.meanings]
        history = self.history
        rows.append(("historical bytes", self.historical.hex(" ").upper() or "(none)"))
        if self.historical:
            rows.append(("  category", history.category))
            rows += [(f"  {name}", value) for name, value in history.objects]
            if history.status:
                rows.append(("  status", history.status))
            if history.problem:
                rows.append(("  problem", history.problem))
            if self.recognised:
                rows.append(("  note", PROFILE_HISTORICAL_NOTE))
        if self.tck is not None:
            rows.append(("TCK", f"{self.tck:02X} ({'ok' if self.tck_ok else 'WRONG'})"))
        rows.append(("card type", self.card_type))
        rows += [("warning", warning) for warning in self.warnings]
        return rows


class AtrError(ValueError):
    pass


def parse_atr(raw: bytes) -> Atr:
    if len(raw) < 2:
        raise AtrError(Text(QT_TRANSLATE_NOOP("DiagText", "an ATR has at least TS and T0")))
    conventions = {
        0x3B: Text(QT_TRANSLATE_NOOP("DiagText", "direct")),
        0x3F: Text(QT_TRANSLATE_NOOP("DiagText", "inverse")),
    }
    if raw[0] not in conventions:
        raise AtrError(
            Text(QT_TRANSLATE_NOOP("DiagText", "TS {ts} is neither 3B nor 3F"), ts=f"{raw[0]:02X}")
        )
    t0 = raw[1]
    historical_count = t0 & 0x0F
    y = t0 >> 4
    pos, level = 2, 1
    interface: dict[str, int] = {}
    meanings: list[tuple[str, str]] = []
    warnings: list[str] = []
    protocols: list[int] = []
    previous_t: int | None = None  # the T of TD(level - 1): what this level's bytes are for
    while True:
        td = None
        for bit, letter in ((0x1, "A"), (0x2, "B"), (0x4, "C"), (0x8, "D")):
            if y & bit:
                if pos >= len(raw):
                    raise AtrError(
                        Text(QT_TRANSLATE_NOOP("DiagText", "ATR ends inside its interface bytes"))
                    )
                name = f"T{letter}{level}"
                interface[name] = raw[pos]
                if letter == "D":
                    td = raw[pos]
                    meanings.append((name, _td_meaning(td, level + 1)))
                else:
                    meanings.append((name, _meaning(letter, level, previous_t, raw[pos])))
                pos += 1
        if td is None:
            break
        previous_t = td & 0x0F
        if previous_t == 15:
            if level == 1:
                warnings.append("TD1 names T=15, which only TD2 and later may name")
        else:
            protocols.append(previous_t)
        y = td >> 4
        level += 1
    end = pos + historical_count
    if end > len(raw):
        raise AtrError(Text(QT_TRANSLATE_NOOP("DiagText", "ATR shorter than its historical bytes")))
    historical = raw[pos:end]
    offered = tuple(dict.fromkeys(protocols)) or (0,)
    if protocols and protocols != sorted(protocols):
        warnings.append("the protocols are not listed in ascending order")
    # TCK: absent when only T=0 is indicated, present otherwise (T=15 counts).
    needs_tck = any(t != 0 for t in protocols) or previous_t == 15
    tck = tck_ok = None
    rest = raw[end:]
    if needs_tck:
        if not rest:
            raise AtrError(Text(QT_TRANSLATE_NOOP("DiagText", "ATR lacks its TCK")))
        tck = rest[0]
        check = 0
        for b in raw[1 : end + 1]:
            check ^= b
        tck_ok = check == 0
        rest = rest[1:]
    if rest:
        warnings.append(f"{len(rest)} byte(s) after the ATR's end: {rest.hex(' ').upper()}")
    if len(raw) > MAX_ATR:
        warnings.append(f"{len(raw)} bytes: an ATR has at most {MAX_ATR}")
    if tck_ok is False:
        warnings.append("TCK does not check: the ATR was garbled on the way")
    return Atr(
        raw,
        conventions[raw[0]],
        offered,
        interface,
        historical,
        tck,
        tck_ok,
        tuple(meanings),
        tuple(warnings),
    )


def baud_rate(fi: int, di: int, clock_hz: float) -> float:
    """Bits per second at `clock_hz`: one etu is Fi/Di clock cycles."""
    return clock_hz * di / fi


def _td_meaning(td: int, next_level: int) -> str:
    t = td & 0x0F
    follows = [
        f"T{letter}{next_level}"
        for bit, letter in ((0x10, "A"), (0x20, "B"), (0x40, "C"), (0x80, "D"))
        if td & bit
    ]
    what = "global interface bytes follow (T=15)" if t == 15 else f"protocol T={t}"
    return f"{td:02X}: {what}; then {', '.join(follows) or 'no more interface bytes'}"


def _meaning(letter: str, level: int, previous_t: int | None, value: int) -> str:
    """One interface byte in words, by its position (ISO/IEC 7816-3 §8.3)."""
    text = f"{value:02X}: "
    if level == 1 and letter == "A":
        return text + _ta1(value)
    if level in (1, 2) and letter == "B":
        return text + ("no VPP (deprecated byte)" if value == 0 else "VPP (deprecated, ignored)")
    if level == 1 and letter == "C":
        if value == 0xFF:
            return text + "minimum guard time (12 etu for T=0, 11 for T=1)"
        if value == 0:
            return text + "no extra guard time (12 etu from one character to the next)"
        return text + f"extra guard time N = {value} etu (12 + {value} etu between characters)"
    if level == 2 and letter == "A":
        fixed = "cannot change" if value & 0x80 else "can change"
        source = "implicit values" if value & 0x10 else "the interface bytes' values"
        return text + f"specific mode, T={value & 0x0F}; the card {fixed} mode; {source}"
    if level == 2 and letter == "C" and previous_t == 0:
        wi = value or 10
        note = " (00 is RFU, read as the default)" if value == 0 else ""
        return (
            text
            + f"T=0 waiting integer WI = {wi}: work waiting time 960 x {wi} x Fi clock cycles{note}"
        )
    if level >= 3 and previous_t == 1:
        if letter == "A":
            return text + f"T=1 IFSC: the card takes blocks of {value} bytes"
        if letter == "B":
            return (
                text
                + f"T=1 BWI {value >> 4}, CWI {value & 0x0F} (block and character waiting times)"
            )
        if letter == "C":
            return text + f"T=1 error detection: {'CRC' if value & 0x01 else 'LRC'}"
    if level >= 3 and previous_t == 15:
        if letter == "A":
            clock_stop = ("not supported", "state L", "state H", "no preference")[value >> 6]
            classes = [c for bit, c in ((1, "A 5 V"), (2, "B 3 V"), (4, "C 1.8 V")) if value & bit]
            return text + f"clock stop {clock_stop}; classes {', '.join(classes) or 'none named'}"
        if letter == "B":
            return text + "standard or proprietary use of contact C6 (SPU)"
    what = f"T={previous_t}" if previous_t is not None else "global"
    return text + f"interface byte for {what}"


def _ta1(value: int) -> str:
    fi_code, di_code = value >> 4, value & 0x0F
    fi_f = _FI.get(fi_code)
    di = _DI.get(di_code)
    if fi_f is None or di is None:
        bad = [
            f"Fi code {fi_code:X}" if fi_f is None else "",
            f"Di code {di_code:X}" if di is None else "",
        ]
        return f"{' and '.join(b for b in bad if b)} reserved for future use"
    fi, f_max = fi_f
    etu = f"{fi / di:g}"
    return (
        f"Fi {fi}, Di {di}: 1 etu = {etu} clock cycles; "
        f"{baud_rate(fi, di, TYPICAL_CLOCK_HZ):,.0f} bit/s at 3.5712 MHz, "
        f"{baud_rate(fi, di, f_max):,.0f} bit/s at the card's f max {f_max / 1e6:g} MHz"
    )


def decode_historical(data: bytes) -> Historical:
    """The historical bytes by their category indicator (ISO/IEC 7816-4 §12.1.1)."""
    if not data:
        return Historical("none")
    category = data[0]
    if category == 0x00:
        if len(data) < 4:
            return Historical(
                "compact-TLV with status indicator (00)",
                problem="too short for the 3-byte status indicator it must end with",
            )
        objects, problem = _compact_tlv(data[1:-3])
        lcs, sw = data[-3], (data[-2] << 8) | data[-1]
        status = f"life cycle {_life_cycle(lcs)}, SW1 SW2 {sw:04X}"
        return Historical("compact-TLV with status indicator (00)", objects, status, problem)
    if category == 0x80:
        objects, problem = _compact_tlv(data[1:])
        status = next((value for name, value in objects if name == "status indicator"), "")
        return Historical("compact-TLV (80)", objects, status, problem)
    if category == 0x10:
        reference = data[1:2].hex().upper() or "missing"
        return Historical("DIR data reference (10)", (("reference", reference),))
    if 0x81 <= category <= 0x8F:
        return Historical(f"reserved for future use ({category:02X})")
    return Historical(f"proprietary ({category:02X}): the card maker's own format")


def _compact_tlv(data: bytes) -> tuple[tuple[tuple[str, str], ...], str]:
    objects: list[tuple[str, str]] = []
    pos = 0
    while pos < len(data):
        tag, length = data[pos] >> 4, data[pos] & 0x0F
        value = data[pos + 1 : pos + 1 + length]
        if len(value) < length:
            return tuple(objects), (
                f"object {data[pos]:02X} at byte {pos + 1} claims {length} bytes, "
                f"{len(value)} remain: not compact-TLV as its category says"
            )
        name = _COMPACT_TAGS.get(tag, f"tag {tag:X} (unknown)")
        shown = value.hex(" ").upper()
        if tag == 0x8 and length == 1:
            shown = f"life cycle {_life_cycle(value[0])}"
        elif tag == 0x8 and length >= 2:
            shown = f"life cycle {_life_cycle(value[0])}, SW1 SW2 {value[1:3].hex().upper()}"
        objects.append((name, shown))
        pos += 1 + length
    return tuple(objects), ""


def _life_cycle(lcs: int) -> str:
    """ISO/IEC 7816-4 table 15, the values a card shows in its ATR."""
    named = {
        0x00: "no information",
        0x01: "creation",
        0x03: "initialisation",
        0x05: "operational, activated",
        0x07: "operational, activated",
        0x04: "operational, deactivated",
        0x06: "operational, deactivated",
    }
    if lcs in named:
        return f"{lcs:02X} ({named[lcs]})"
    if 0x0C <= lcs <= 0x0F:
        return f"{lcs:02X} (terminated)"
    return f"{lcs:02X} (proprietary)"

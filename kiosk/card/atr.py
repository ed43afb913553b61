"""Decoding an Answer To Reset (ISO/IEC 7816-3) for diagnostics, and recognising our card."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.card.profile import ATR_PREFIX


@dataclass(frozen=True)
class Atr:
    raw: bytes
    convention: str  # "direct" (3B) or "inverse" (3F)
    protocols: tuple[int, ...]  # offered protocols, T=0 implied when none is named
    interface_bytes: dict[str, int] = field(default_factory=dict)  # "TA1" -> value
    historical: bytes = b""
    tck: int | None = None
    tck_ok: bool | None = None  # None where no TCK is present (T=0 only)

    @property
    def card_type(self) -> str:
        if self.raw[:4] == ATR_PREFIX and len(self.historical) == 13:
            return "social security card (CARD_PROFILE.md, T=0)"
        return "unknown card type"

    def describe(self) -> list[tuple[str, str]]:
        """Label/value rows for a technician."""
        rows = [
            ("ATR", self.raw.hex(" ").upper()),
            ("convention", self.convention),
            ("protocols", ", ".join(f"T={t}" for t in self.protocols)),
        ]
        rows += [(name, f"{value:02X}") for name, value in self.interface_bytes.items()]
        rows.append(("historical bytes", self.historical.hex(" ").upper() or "(none)"))
        if self.tck is not None:
            rows.append(("TCK", f"{self.tck:02X} ({'ok' if self.tck_ok else 'WRONG'})"))
        rows.append(("card type", self.card_type))
        return rows


class AtrError(ValueError):
    pass


def parse_atr(raw: bytes) -> Atr:
    if len(raw) < 2:
        raise AtrError("an ATR has at least TS and T0")
    conventions = {0x3B: "direct", 0x3F: "inverse"}
    if raw[0] not in conventions:
        raise AtrError(f"TS {raw[0]:02X} is neither 3B nor 3F")
    t0 = raw[1]
    historical_count = t0 & 0x0F
    y = t0 >> 4
    pos, level = 2, 1
    interface: dict[str, int] = {}
    protocols: list[int] = []
    while True:
        td = None
        for bit, letter in ((0x1, "A"), (0x2, "B"), (0x4, "C"), (0x8, "D")):
            if y & bit:
                if pos >= len(raw):
                    raise AtrError("ATR ends inside its interface bytes")
                interface[f"T{letter}{level}"] = raw[pos]
                if letter == "D":
                    td = raw[pos]
                pos += 1
        if td is None:
            break
        protocols.append(td & 0x0F)
        y = td >> 4
        level += 1
    end = pos + historical_count
    if end > len(raw):
        raise AtrError("ATR shorter than its historical bytes")
    historical = raw[pos:end]
    offered = tuple(dict.fromkeys(protocols)) or (0,)
    needs_tck = any(p != 0 for p in protocols)
    tck = raw[end] if len(raw) > end else None
    if needs_tck and tck is None:
        raise AtrError("ATR lacks its TCK")
    tck_ok = None
    if tck is not None:
        check = 0
        for b in raw[1 : end + 1]:
            check ^= b
        tck_ok = check == 0
    return Atr(raw, conventions[raw[0]], offered, interface, historical, tck, tck_ok)

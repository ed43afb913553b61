"""What a technician sees of readers and cards: plain dictionaries, masked unless asked not to."""

from __future__ import annotations

from typing import Any

from drivers.readers.base import ReaderInfo
from kiosk.card.atr import AtrError, parse_atr
from kiosk.card.read import CardRead
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name


def reader_rows(readers: list[ReaderInfo]) -> list[dict[str, Any]]:
    return [
        {
            "name": info.name,
            "state": info.state.value,
            "driver": info.driver,
            "atr": info.atr.hex().upper() if info.atr else None,
        }
        for info in readers
    ]


def atr_report(atr: bytes) -> dict[str, Any]:
    try:
        decoded = parse_atr(atr)
    except AtrError as exc:
        return {"raw": atr.hex().upper(), "error": str(exc)}
    return {
        "raw": atr.hex().upper(),
        "convention": decoded.convention,
        "protocols": [f"T={p}" for p in decoded.protocols],
        "historical_bytes": decoded.historical.hex().upper(),
        "card_type": decoded.card_type,
    }


def card_report(read: CardRead, *, full: bool = False) -> dict[str, Any]:
    """Every field of EF05 and EF06, decoded; personal fields masked unless `full`."""
    issuer, holder = read.chip.issuer, read.chip.holder
    birth = holder.birth_date.isoformat() if full else f"{holder.birth_date.year}-**-**"
    return {
        "atr": atr_report(read.atr),
        "card": {
            "card_id_code": issuer.card_id_code,
            "region_code": issuer.region_code,
            "card_type": issuer.card_type,
            "spec_version": issuer.spec_version,
            "issuer_org": issuer.issuer_org,
            "issue_date": issuer.issue_date.isoformat(),
            "expiry_date": issuer.expiry_date.isoformat(),
            "card_number": issuer.card_number if full else mask_card_number(issuer.card_number),
        },
        "holder": {
            "ssn": holder.ssn if full else mask_id_number(holder.ssn),
            "name": holder.name if full else mask_name(holder.name),
            "gender": holder.gender.name.lower(),
            "ethnicity": holder.ethnicity,
            "birthplace": holder.birthplace,
            "birth_date": birth,
        },
        "read": {"apdus": read.apdus, "ms": round(read.seconds * 1000, 2)},
        "masked": not full,
    }


_LABELS = {
    "card_id_code": "card identification code",
    "region_code": "region",
    "card_type": "card type",
    "spec_version": "spec version",
    "issuer_org": "issuing organisation",
    "issue_date": "issue date",
    "expiry_date": "expiry date",
    "card_number": "card number",
    "ssn": "social security number",
    "name": "name",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "birthplace": "birthplace",
    "birth_date": "birth date",
}


def render_card_report(report: dict[str, Any]) -> str:
    """The report of `card_report` (plus its reader row) as text for a terminal."""
    atr = report["atr"]
    lines = [
        f"Reader   {report['reader']['name']} ({report['reader']['driver']})",
        f"ATR      {atr['raw']}",
    ]
    if "error" in atr:
        lines.append(f"         not a valid ATR: {atr['error']}")
    else:
        lines.append(
            f"         {atr['convention']} convention, {', '.join(atr['protocols'])}, "
            f"historical bytes {atr['historical_bytes']}"
        )
        lines.append(f"         {atr['card_type']}")
    for title, section in (("Card (EF05)", "card"), ("Cardholder (EF06)", "holder")):
        lines.append(title)
        lines += [f"  {_LABELS[key]:<26}{value}" for key, value in report[section].items()]
    read = report["read"]
    lines.append(f"Read     {read['apdus']} APDUs in {read['ms']:.1f} ms")
    if report["masked"]:
        lines.append("Personal fields are masked; --full shows them.")
    return "\n".join(lines)

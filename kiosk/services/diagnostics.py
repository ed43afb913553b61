"""What a technician sees of readers and cards: plain dictionaries, masked unless asked not to."""

from __future__ import annotations

from typing import Any

from drivers.readers.base import ReaderInfo
from kiosk.card.atr import TYPICAL_CLOCK_HZ, AtrError, baud_rate, parse_atr
from kiosk.card.read import CardRead
from kiosk.domain.masking import (
    mask_card_number,
    mask_id_number,
    mask_name,
    mask_region_code,
    mask_whole,
)


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
    """The ATR decoded (kiosk.card.atr), as stable JSON-ready data: the first five keys were
    there first and stay; `rows` is the technician's text view, line by line."""
    try:
        decoded = parse_atr(atr)
    except AtrError as exc:
        said = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        return {"raw": atr.hex().upper(), "error": said}  # a Text: the screens translate it
    fi, di, f_max = decoded.fi_di
    history = decoded.history
    return {
        "raw": atr.hex().upper(),
        "convention": decoded.convention,
        "protocols": [f"T={p}" for p in decoded.protocols],
        "historical_bytes": decoded.historical.hex().upper(),
        "card_type": decoded.card_type,
        "recognised": decoded.recognised,
        "mode": "specific" if decoded.specific_mode else "negotiable",
        "interface_bytes": [
            {"name": name, "value": f"{decoded.interface_bytes[name]:02X}", "meaning": meaning}
            for name, meaning in decoded.meanings
        ],
        "transmission": {
            "fi": fi,
            "di": di,
            "f_max_hz": f_max,
            "bit_rate_at_3_5712_mhz": round(baud_rate(fi, di, TYPICAL_CLOCK_HZ))
            if fi and di
            else None,
            "bit_rate_at_f_max": round(baud_rate(fi, di, f_max)) if fi and di and f_max else None,
            "extra_guard_time_etu": decoded.interface_bytes.get("TC1", 0),
        },
        "historical": {
            "category": history.category,
            "objects": [{"name": name, "value": value} for name, value in history.objects],
            "status": history.status or None,
            "problem": history.problem or None,
        },
        "tck": f"{decoded.tck:02X}" if decoded.tck is not None else None,
        "tck_ok": decoded.tck_ok,
        "warnings": list(decoded.warnings),
        "rows": [[label, value] for label, value in decoded.describe()],
    }


def render_atr_report(report: dict[str, Any]) -> str:
    """`atr_report` as text: one labelled row per line."""
    if "error" in report:
        return f"ATR      {report['raw'] or '(empty)'}\n         not a valid ATR: {report['error']}"
    return "\n".join(f"{label:<22}{value}" for label, value in report["rows"])


def card_report(read: CardRead, *, full: bool = False) -> dict[str, Any]:
    """Every field of EF05 and EF06, decoded; personal fields masked unless `full`.

    Masked, the report shows what the citizen's screens show (S2: name, ID number and card
    number masked, issue and expiry dates) and nothing that narrows a masked ID number down:
    birth date, birthplace, ethnicity and gender are masked whole; region codes keep only the
    province and city, the four digits the masked ID number shows; the card identification
    code keeps its first and last four characters, like the ID number. A technician still sees
    that each field was read and decoded (its length), and `--full` shows the values.
    """
    issuer, holder = read.chip.issuer, read.chip.holder
    card = {
        "card_id_code": issuer.card_id_code,
        "region_code": issuer.region_code,
        "card_type": issuer.card_type,
        "spec_version": issuer.spec_version,
        "issuer_org": issuer.issuer_org,
        "issue_date": issuer.issue_date.isoformat(),
        "expiry_date": issuer.expiry_date.isoformat(),
        "card_number": issuer.card_number,
    }
    person = {
        "ssn": holder.ssn,
        "name": holder.name,
        "gender": holder.gender.name.lower(),
        "ethnicity": holder.ethnicity,
        "birthplace": holder.birthplace,
        "birth_date": holder.birth_date.isoformat(),
    }
    if not full:
        card.update(
            card_id_code=mask_id_number(issuer.card_id_code),
            region_code=mask_region_code(issuer.region_code),
            issuer_org=mask_region_code(issuer.issuer_org),
            card_number=mask_card_number(issuer.card_number),
        )
        person.update(
            ssn=mask_id_number(holder.ssn),
            name=mask_name(holder.name),
            gender="*",  # fixed: "****" and "******" would tell male from female
            ethnicity=mask_whole(holder.ethnicity),
            birthplace=mask_whole(holder.birthplace),
            birth_date="****-**-**",
        )
    return {
        "atr": atr_report(read.atr),
        "card": card,
        "holder": person,
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

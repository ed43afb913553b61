"""The APDU console as a technician sees it: the exchanges of `kiosk.card.console` as
JSON-ready data and as text. The response data is masked (first and last 4 bytes) unless
`full`: an answer may be a record of the cardholder's. PINs never reach this module unmasked:
the exchanges carry the APDU as `kiosk.card.instructions.shown` wrote it."""

from __future__ import annotations

from typing import Any

from kiosk.card.console import ConsoleRun, masked_data


def console_report(run: ConsoleRun, *, full: bool = False) -> dict[str, Any]:
    return {
        "exchanges": [
            {
                "n": n,
                "command": exchange.command,
                "apdu": exchange.apdu,
                "changes_card": exchange.changes,
                "data": exchange.data.hex(" ").upper() if full else masked_data(exchange.data),
                "bytes": len(exchange.data),
                "sw": exchange.sw_hex if exchange.sw is not None else None,
                "meaning": exchange.meaning,
                "ms": round(exchange.ms, 3),
            }
            for n, exchange in enumerate(run.exchanges, 1)
        ],
        "unsent": run.unsent,
        "masked": not full,
    }


def render_console(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for row in report["exchanges"]:
        lines.append(f"> {row['apdu']}    [{row['command']}]")
        if row["bytes"]:
            lines.append(f"< {row['data']}")
        lines.append(f"< {row['sw'] or '----'}  {row['meaning']}  ({row['ms']:.2f} ms)")
    if report["masked"] and any(row["bytes"] for row in report["exchanges"]):
        lines.append("Response data is masked; --full shows it.")
    return "\n".join(lines)

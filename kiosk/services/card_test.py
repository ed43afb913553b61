"""The technician's card test: every public file of the card read (CARD_PROFILE.md: EF05 and
EF06 by the kiosk's own 15-APDU read, then the photo EF08), each APDU timed with its status
word, and what came of it. `kiosk diag read --timings` prints it; the diagnostics screen and
the bundle will show the same report.

The trace (kiosk.card.trace) holds command names, headers, status words, lengths and times,
never data, so the timing part of the report may go anywhere; the decoded fields in it are
masked as on the citizen's screens unless `full`. A card that fails part way still gives its
trace up to the failing APDU: that is what a technician needs to see.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

from drivers.readers.base import CardChannel
from drivers.readers.errors import CardMute
from kiosk.card.errors import CardUnreadable
from kiosk.card.read import CardRead, read_card, read_photo
from kiosk.card.trace import ApduRecord, RecordingChannel
from kiosk.services.diagnostics import atr_report, card_report

JPEG_START = b"\xff\xd8"


@dataclass(frozen=True)
class CardTest:
    atr: bytes
    read: CardRead | None  # None: the card failed before EF05 and EF06 were read
    photo_bytes: int | None  # None: the photo was not read (the test stopped before it)
    photo_is_jpeg: bool
    records: tuple[ApduRecord, ...]
    seconds: float  # the whole test, wall clock
    problem: str = ""  # reason code and detail (CardUnreadable: never a card value)

    @property
    def passed(self) -> bool:
        return not self.problem


def run_card_test(channel: CardChannel) -> CardTest:
    """The card test on the reader's I/O thread (as a job for `run_card_job`). Lets the
    transport's `CardRemoved` and reader errors through; a card that answers out of profile is
    the test's finding, not an error."""
    recorder = RecordingChannel(channel)
    started = time.perf_counter()
    read: CardRead | None = None
    photo: bytes | None = None
    problem = ""
    try:
        read = read_card(recorder)
        photo = read_photo(recorder)
    except CardMute as exc:
        problem = f"mute: {exc}"
    except CardUnreadable as exc:
        problem = str(exc)
    return CardTest(
        atr=channel.atr,
        read=read,
        photo_bytes=len(photo) if photo is not None else None,
        photo_is_jpeg=photo is not None and photo.startswith(JPEG_START),
        records=tuple(recorder.records),
        seconds=time.perf_counter() - started,
        problem=problem,
    )


def card_test_report(test: CardTest, *, full: bool = False) -> dict[str, Any]:
    """The test as JSON-ready data: `diagnostics.card_report`'s keys (card and holder None when
    the read failed) plus `timings`, `photo` and `problem`."""
    if test.read is not None:
        report = card_report(test.read, full=full)
    else:
        report = {
            "atr": atr_report(test.atr),
            "card": None,
            "holder": None,
            "read": None,
            "masked": not full,
        }
    card_ms = sum(record.ms for record in test.records)
    report["timings"] = {
        "apdus": [
            {
                "n": record.number,
                "command": record.command,
                "header": record.header,
                "sw": record.sw_hex if record.sw is not None else None,
                "meaning": record.meaning,
                "bytes": record.answer_bytes,
                "ms": round(record.ms, 3),
            }
            for record in test.records
        ],
        "total": {
            "apdus": len(test.records),
            "card_ms": round(card_ms, 3),
            "ms": round(test.seconds * 1000, 3),
            "median_ms": round(statistics.median([r.ms for r in test.records] or [0.0]), 3),
        },
    }
    report["photo"] = (
        None
        if test.photo_bytes is None
        else {"bytes": test.photo_bytes, "jpeg": test.photo_is_jpeg}
    )
    report["problem"] = test.problem or None
    return report


def render_timings(report: dict[str, Any]) -> str:
    """The per-APDU table, the totals, the photo and the problem of `card_test_report`."""
    timings = report["timings"]
    width = max([len(row["command"]) for row in timings["apdus"]] + [7])
    lines = [f"{'#':>3}  {'command':<{width}}  {'header':<14}  {'SW':<4}  {'ms':>8}  meaning"]
    for row in timings["apdus"]:
        lines.append(
            f"{row['n']:>3}  {row['command']:<{width}}  {row['header']:<14}  "
            f"{row['sw'] or '----':<4}  {row['ms']:>8.2f}  {row['meaning']}"
        )
    total = timings["total"]
    lines.append(
        f"Total    {total['apdus']} APDUs, {total['card_ms']:.1f} ms at the card "
        f"(median {total['median_ms']:.2f} ms per APDU), {total['ms']:.1f} ms in all"
    )
    photo = report["photo"]
    if photo is not None:
        kind = "JPEG" if photo["jpeg"] else "not a JPEG"
        lines.append(
            "Photo    EF08 empty"
            if not photo["bytes"]
            else f"Photo    EF08 {photo['bytes']} bytes, {kind}"
        )
    if report["problem"]:
        lines.append(f"Problem  the card failed the test: {report['problem']}")
    return "\n".join(lines)

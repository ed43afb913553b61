"""The centre as the kiosk's services use it (docs/fleet.md, "The API"): what a CentreClient
(kiosk.store.central.client) offers, as a Protocol, so the services run against the real one,
and the tests and the tour against kiosk.demo.centre.FakeCentre.

Results are the client's: a HOLDER is a dict of row lists, the rest its dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.domain.journal import ReissueProgress
from kiosk.store.central.client import (
    Anchor,
    CentreRejected,
    CentreUnreachable,
    Hello,
    HolderRows,
    IdentifyResult,
    KioskPaused,
    Reissue,
)

Json = dict[str, Any]


class CentreApi(Protocol):
    """The calls of kiosk.store.central.client.CentreClient the services make."""

    def holder_by_card(self, card_number: str, ssn: str) -> HolderRows | None: ...
    def holder_by_id(self, ssn: str, mobile: str) -> IdentifyResult: ...
    def reissues(self, vouchers: Sequence[str]) -> dict[str, Reissue]: ...
    def outlets(self) -> list[Json]: ...
    def anchor(self) -> Anchor: ...
    def hello(self) -> Hello: ...


@dataclass(frozen=True)
class CentreReissue:
    """A reissue as the centre knows it (REISSUE of docs/fleet.md): masked, safe for a screen."""

    voucher: str
    kiosk_id: str
    card_number_masked: str
    progress: ReissueProgress
    progress_at: dt.datetime | None
    outlet: str | None  # the outlet's code
    expected_pickup_date: dt.date | None
    applied_at: dt.datetime | None = None  # recorded at its kiosk: when its voucher was issued

    @classmethod
    def of(cls, reissue: Reissue) -> CentreReissue:
        at = reissue.progress_at
        return cls(
            voucher=reissue.voucher,
            kiosk_id=reissue.kiosk_id,
            card_number_masked=reissue.card_number_masked,
            progress=ReissueProgress(reissue.progress),
            progress_at=at.replace(tzinfo=dt.UTC) if at and at.tzinfo is None else at,
            outlet=reissue.outlet,
            expected_pickup_date=reissue.expected_pickup_date,
            applied_at=_utc(reissue.applied_at),
        )

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> CentreReissue:
        pickup = row.get("expected_pickup_date")
        return cls(
            voucher=str(row["voucher"]),
            kiosk_id=str(row.get("kiosk_id") or ""),
            card_number_masked=str(row.get("card_number_masked") or ""),
            progress=ReissueProgress(row.get("progress") or ReissueProgress.APPLIED.value),
            progress_at=_utc(row.get("progress_at")),
            outlet=row.get("outlet"),
            expected_pickup_date=(
                dt.date.fromisoformat(pickup[:10]) if isinstance(pickup, str) else pickup
            ),
            applied_at=_utc(row.get("applied_at")),
        )


def _utc(value: Any) -> dt.datetime | None:
    """A time of the centre's JSON (ISO 8601) or of a Reissue, aware (naive: UTC)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, dt.datetime):
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


__all__ = [
    "CentreApi",
    "CentreReissue",
    "CentreRejected",
    "CentreUnreachable",
    "Json",
    "KioskPaused",
]

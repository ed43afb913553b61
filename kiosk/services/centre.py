"""The centre as the kiosk's services use it (docs/fleet.md, "The API"): what a CentreClient
(kiosk.store.central.client) offers, as a Protocol, so the services run against the real one,
and the tests and the tour against kiosk.demo.centre.FakeCentre.

Results are the centre's JSON as documented: a HOLDER is a dict of row lists, a REISSUE a dict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.domain.journal import ReissueProgress
from kiosk.store.central.client import CentreRejected, CentreUnreachable

Json = dict[str, Any]


class CentreApi(Protocol):
    def holder_by_card(self, card_number: str, ssn: str) -> Json | None: ...
    def holder_by_id(self, ssn: str, mobile: str) -> Json: ...
    def reissues(self, vouchers: Sequence[str]) -> dict[str, Json]: ...
    def outlets(self) -> list[Json]: ...
    def anchor(self) -> Json: ...
    def hello(self) -> Json: ...


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

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> CentreReissue:
        at = row.get("progress_at")
        pickup = row.get("expected_pickup_date")
        moment = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
        if isinstance(moment, dt.datetime) and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return cls(
            voucher=str(row["voucher"]),
            kiosk_id=str(row.get("kiosk_id") or ""),
            card_number_masked=str(row.get("card_number_masked") or ""),
            progress=ReissueProgress(row.get("progress") or ReissueProgress.APPLIED.value),
            progress_at=moment,
            outlet=row.get("outlet"),
            expected_pickup_date=(
                dt.date.fromisoformat(pickup[:10]) if isinstance(pickup, str) else pickup
            ),
        )


__all__ = ["CentreApi", "CentreReissue", "CentreRejected", "CentreUnreachable", "Json"]

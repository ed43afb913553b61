"""How much guessing the kiosk takes before it stops listening (QUALITY.md S8).

Without the card, a citizen proves who they are with an ID number and the mobile number
registered with social security, and proves they hold a voucher with its signed QR code. Both
can be guessed at, so wrong proofs are counted where every kiosk sharing the back end sees
them, and two limits hold:

- per person: after `per_person` wrong mobile numbers for one ID number within
  `person_window`, that ID number cannot be used for identification until the oldest of those
  failures leaves the window (a success clears the count);
- per kiosk: after `per_kiosk` failed proofs of any kind within `kiosk_window`, the kiosk stops
  taking proofs until the oldest of them leaves the window, which stops a sweep over many ID
  numbers, each below the per-person limit.

Plain rules and data here; the store counts, kiosk.services.proof decides and audits.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass


class ProofMethod(enum.Enum):
    ID_AND_MOBILE = "id_and_mobile"  # ID number + registered mobile number
    VOUCHER_CODE = "voucher_code"  # the signed QR code printed on a voucher


@dataclass(frozen=True)
class ProofLimits:
    """The limits of S8, from the settings (kiosk.config) with these safe defaults."""

    per_person: int = 5
    person_window: dt.timedelta = dt.timedelta(hours=24)
    per_kiosk: int = 20
    kiosk_window: dt.timedelta = dt.timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.per_person < 1 or self.per_kiosk < 1:
            raise ValueError("proof limits must allow at least one attempt")
        if self.person_window <= dt.timedelta(0) or self.kiosk_window <= dt.timedelta(0):
            raise ValueError("proof windows must be positive")


def person_subject(id_number: str) -> str:
    """What the failure counts are kept under for one ID number: its SHA-256, so the table of
    failures does not list the ID numbers people typed (valid or not) in clear."""
    normal = id_number.strip().upper()
    return hashlib.sha256(f"sscard-id:{normal}".encode()).hexdigest()


def locked_until(
    failures: Sequence[dt.datetime], limit: int, window: dt.timedelta
) -> dt.datetime | None:
    """When a limit reached by `failures` (the counted failures in the window, any order)
    lifts: when the oldest of the newest `limit` leaves the window. None: not reached."""
    if len(failures) < limit:
        return None
    newest = sorted(failures, reverse=True)[:limit]
    return newest[-1] + window

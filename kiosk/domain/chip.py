"""What the chip of a social security card says about itself and its holder (EF05, EF06)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.records import Gender


@dataclass(frozen=True)
class IssuerData:
    """EF05: the card's own data."""

    card_id_code: str  # 32 hex digits: region, RID D156000005, card-unique bytes
    region_code: str  # 6 digits, from the card identification code
    card_type: str
    spec_version: str
    issuer_org: str  # the issuing organisation's code, BCD digits without the F padding
    issue_date: dt.date
    expiry_date: dt.date
    card_number: str


@dataclass(frozen=True)
class HolderData:
    """EF06: the cardholder as the chip records them."""

    ssn: str  # the social security number: the 18-character citizen identity number
    name: str  # with the extension record appended where it is not empty
    gender: Gender
    ethnicity: str  # GB 3304 two-digit code
    birthplace: str  # GB/T 2260 region code
    birth_date: dt.date


@dataclass(frozen=True)
class ChipData:
    issuer: IssuerData
    holder: HolderData

    def is_expired(self, today: dt.date) -> bool:
        return today > self.issuer.expiry_date

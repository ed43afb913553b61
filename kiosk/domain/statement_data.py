"""What a printed records statement (个人权益记录) carries: frozen data for kiosk.reports.

Masking decision (S2): the citizen has entered their PIN and prints their own record, which S2
would allow unmasked on screen; but paper outlives the session and is easily left in the
kiosk's tray, so the statement masks the name and ID number like every other printout. They
enter only through `from_records`, which masks them with kiosk.domain.masking; this object never
holds the full values. The rest (contributions, employers, balances) prints as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.masking import mask_id_number, mask_name
from kiosk.domain.records import (
    Enrolment,
    InjuryAssessment,
    PersonalAccount,
    Qualification,
    WorkPeriod,
)
from kiosk.domain.session import Records, YearOfContributions
from kiosk.domain.voucher_data import LANGUAGES, KioskInfo, Language


@dataclass(frozen=True, slots=True)
class StatementData:
    kiosk: KioskInfo
    printed_at: dt.datetime  # aware; printed in China time
    language: Language
    name: str  # masked
    id_number: str  # masked
    enrolments: tuple[Enrolment, ...]
    accounts: tuple[PersonalAccount, ...]
    contributions: YearOfContributions | None  # the chosen year; None: no contributions at all
    work_history: tuple[WorkPeriod, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    injuries: tuple[InjuryAssessment, ...] = ()

    def __post_init__(self) -> None:
        if self.printed_at.tzinfo is None:
            raise ValueError("statement time must be timezone-aware")
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported statement language {self.language!r}")

    @classmethod
    def from_records(
        cls,
        records: Records,
        kiosk: KioskInfo,
        printed_at: dt.datetime,
        language: Language,
        year: int | None = None,
    ) -> StatementData:
        """The statement of `records` with the contributions of `year` (default: the newest
        year with contributions). A year that has contributions must be loaded in
        `records.contributions` (CardSessionService.load_year), else ValueError."""
        chosen: YearOfContributions | None = None
        if year is None and records.years:
            year = records.years[0]
        if year is not None:
            chosen = records.contributions.get(year)
            if chosen is None and year in records.years:
                raise ValueError(f"the contributions of {year} are not loaded")
            if chosen is None:  # a year without contributions: an empty year, said so
                chosen = YearOfContributions(year, ())
        return cls(
            kiosk=kiosk,
            printed_at=printed_at,
            language=language,
            name=mask_name(records.name),
            id_number=mask_id_number(records.ssn),
            enrolments=records.enrolments,
            accounts=records.accounts,
            contributions=chosen,
            work_history=records.work_history,
            qualifications=records.qualifications,
            injuries=records.injuries,
        )

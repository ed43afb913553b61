"""The citizen's card session as a pure state machine: no Qt, no readers, no database.

Inputs are what happened (a card went in, a read finished, a PIN was wrong, the user tapped
something); each input updates `view` (what the screen should show) and returns the commands
the controller must carry out (read the card, verify a PIN, load records, end the session).
Results of those commands come back as further inputs. That keeps every path testable
without widgets or a card, as Electrum's wizard does.

    attract --card--> reading --ok--> summary --view records--> (tries) --> pin --ok--> records
                          \\--problem--> problem       pin --blocked--> problem(PIN_BLOCKED)
    card removed, idle timeout, Home without a card: the session ends, back to attract.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from kiosk.domain.session import CardProblem, CardSummary, Records, YearOfContributions


class Step(enum.Enum):
    ATTRACT = "attract"
    READING = "reading"
    SUMMARY = "summary"
    PIN = "pin"
    RECORDS = "records"
    PROBLEM = "problem"
    READER_UNAVAILABLE = "reader_unavailable"


@dataclass(frozen=True)
class View:
    """What the screen shows now. Personal data lives here only while the session lasts."""

    step: Step = Step.ATTRACT
    reader: str | None = None  # the reader holding the session's card
    summary: CardSummary | None = None
    problem: CardProblem | None = None
    tries_left: int | None = None
    after_wrong_pin: bool = False
    busy: bool = False  # a command is running: inputs that would start another are ignored
    records: Records | None = None
    year: YearOfContributions | None = None
    take_card_hint: bool = False  # on attract: the card is still in, please take it


# Commands for the controller ------------------------------------------------------------------


@dataclass(frozen=True)
class ReadCard:
    reader: str


@dataclass(frozen=True)
class AskTries:
    reader: str


@dataclass(frozen=True)
class VerifyPin:
    reader: str
    pin: bytearray  # handed over; the controller wipes it after VERIFY


@dataclass(frozen=True)
class LoadRecords:
    pass


@dataclass(frozen=True)
class LoadYear:
    year: int


@dataclass(frozen=True)
class EndSession:
    """Power the card down and forget everything personal (S3)."""

    reader: str | None


Command = ReadCard | AskTries | VerifyPin | LoadRecords | LoadYear | EndSession

_SESSION_STEPS = {Step.READING, Step.SUMMARY, Step.PIN, Step.RECORDS, Step.PROBLEM}


class CitizenFlow:
    def __init__(self) -> None:
        self.view = View()
        self._reader_available = True

    # Card and reader events -------------------------------------------------------------------

    def card_inserted(self, reader: str) -> list[Command]:
        if not self._reader_available or self.view.step not in (Step.ATTRACT,):
            return []  # a second card while a session runs is ignored, as is one mid-problem
        self.view = View(step=Step.READING, reader=reader, busy=True)
        return [ReadCard(reader)]

    def card_removed(self, reader: str) -> list[Command]:
        if self.view.take_card_hint:  # the card of a session that already ended was taken
            self.view = View(step=Step.ATTRACT)
            return []
        if reader != self.view.reader:
            return []
        self.view = View(step=Step.ATTRACT)
        return [EndSession(reader)]

    def reader_lost(self) -> list[Command]:
        reader = self.view.reader
        self._reader_available = False
        self.view = View(step=Step.READER_UNAVAILABLE)
        return [EndSession(reader)] if reader else []

    def reader_back(self) -> list[Command]:
        self._reader_available = True
        if self.view.step is Step.READER_UNAVAILABLE:
            self.view = View(step=Step.ATTRACT)
        return []

    # Results of commands ----------------------------------------------------------------------

    def read_done(self, summary: CardSummary) -> list[Command]:
        if self.view.step is not Step.READING:
            return []
        if summary.problem is not None:
            self.view = replace(
                self.view, step=Step.PROBLEM, summary=summary, problem=summary.problem, busy=False
            )
        else:
            self.view = replace(self.view, step=Step.SUMMARY, summary=summary, busy=False)
        return []

    def read_failed(self, problem: CardProblem) -> list[Command]:
        if self.view.step is not Step.READING:
            return []
        self.view = replace(self.view, step=Step.PROBLEM, problem=problem, busy=False)
        return []

    def tries_known(self, tries_left: int) -> list[Command]:
        if self.view.step is not Step.SUMMARY or not self.view.busy:
            return []
        if tries_left == 0:
            return self._pin_blocked()
        self.view = replace(
            self.view, step=Step.PIN, tries_left=tries_left, after_wrong_pin=False, busy=False
        )
        return []

    def pin_ok(self) -> list[Command]:
        if self.view.step is not Step.PIN:
            return []
        self.view = replace(self.view, busy=True)
        return [LoadRecords()]

    def pin_wrong(self, tries_left: int) -> list[Command]:
        if self.view.step is not Step.PIN:
            return []
        self.view = replace(self.view, tries_left=tries_left, after_wrong_pin=True, busy=False)
        return []

    def pin_blocked(self) -> list[Command]:
        if self.view.step is not Step.PIN:
            return []
        return self._pin_blocked()

    def records_loaded(self, records: Records) -> list[Command]:
        if self.view.step is not Step.PIN:
            return []
        newest = records.contributions.get(records.years[0]) if records.years else None
        self.view = replace(self.view, step=Step.RECORDS, records=records, year=newest, busy=False)
        return []

    def year_loaded(self, year: YearOfContributions) -> list[Command]:
        if self.view.step is not Step.RECORDS or self.view.records is None:
            return []
        self.view = replace(self.view, year=year, busy=False)
        return []

    def failed(self, problem: CardProblem) -> list[Command]:
        """A command other than the read failed for a reason the citizen must be told."""
        if self.view.step not in _SESSION_STEPS:
            return []
        self.view = replace(self.view, step=Step.PROBLEM, problem=problem, busy=False)
        return []

    # The citizen's taps -------------------------------------------------------------------------

    def view_records(self) -> list[Command]:
        reader = self.view.reader
        if self.view.step is not Step.SUMMARY or self.view.busy or reader is None:
            return []
        self.view = replace(self.view, busy=True)
        return [AskTries(reader)]

    def pin_entered(self, pin: bytearray) -> list[Command]:
        reader = self.view.reader
        if self.view.step is not Step.PIN or self.view.busy or reader is None:
            return []
        self.view = replace(self.view, busy=True)
        return [VerifyPin(reader, pin)]

    def select_year(self, year: int) -> list[Command]:
        records = self.view.records
        if self.view.step is not Step.RECORDS or records is None or year not in records.years:
            return []
        if year in records.contributions:
            self.view = replace(self.view, year=records.contributions[year])
            return []
        self.view = replace(self.view, busy=True)
        return [LoadYear(year)]

    def back(self) -> list[Command]:
        if self.view.step in (Step.PIN, Step.RECORDS) and not self.view.busy:
            self.view = replace(
                self.view, step=Step.SUMMARY, records=None, year=None, tries_left=None
            )
        return []

    def home(self) -> list[Command]:
        """Home ends what the citizen was doing; with the card still in, the session ends too
        and attract asks them to take it."""
        if self.view.step in (Step.ATTRACT, Step.READER_UNAVAILABLE):
            return []
        return self._end(take_card_hint=self.view.reader is not None)

    def idle_timeout(self) -> list[Command]:
        if self.view.step is Step.ATTRACT:
            return []
        return self._end(take_card_hint=self.view.reader is not None)

    # ----------------------------------------------------------------------------------------

    def _pin_blocked(self) -> list[Command]:
        self.view = replace(
            self.view,
            step=Step.PROBLEM,
            problem=CardProblem.PIN_BLOCKED,
            tries_left=0,
            busy=False,
        )
        return []

    def _end(self, *, take_card_hint: bool) -> list[Command]:
        reader = self.view.reader
        self.view = View(step=Step.ATTRACT, take_card_hint=take_card_hint)
        return [EndSession(reader)]

    @property
    def in_session(self) -> bool:
        return self.view.step in _SESSION_STEPS

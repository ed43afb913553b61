"""The citizen's card session as a pure state machine: no Qt, no readers, no database.

Inputs are what happened (a card went in, a read finished, a PIN was wrong, the user tapped
something); each input updates `view` (what the screen should show) and returns the commands
the controller must carry out (read the card, verify a PIN, load records, end the session).
Results of those commands come back as further inputs. That keeps every path testable
without widgets or a card, as Electrum's wizard does.

    attract --card--> reading --ok--> summary --view records--> (tries) --> pin --ok--> records
                          \\--problem--> problem       pin --blocked--> problem(PIN_BLOCKED)
    summary --replace damaged card--> (tries) --> pin --ok--> business (kiosk.flows.business)
    problem(TEMPORARY_LOSS) --cancel the loss report--> (tries) --> pin --ok--> business
                                          pin --blocked--> problem(TEMPORARY_LOSS_PIN_BLOCKED)
    attract --report a loss / voucher lookup--> business, without a card
    records --print statement of year Y--> records(printing Y) --printed / failed-->
        records(outcome, paused) --a moment later--> records (the button works again)
    card removed, idle timeout, Home without a card: the session ends, back to attract.

While a business runs (Step.BUSINESS) the business flow has the screen; this flow only keeps
the card session, so that pulling the card still ends everything.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from kiosk.domain.business import PrintOutcome
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem, CardSummary, Records, YearOfContributions


class Step(enum.Enum):
    ATTRACT = "attract"
    READING = "reading"
    SUMMARY = "summary"
    PIN = "pin"
    RECORDS = "records"
    PROBLEM = "problem"
    READER_UNAVAILABLE = "reader_unavailable"
    BUSINESS = "business"  # a kiosk.flows.business wizard has the screen


class PinPurpose(enum.Enum):
    """What the PIN is asked for; it decides where a right PIN leads."""

    RECORDS = "records"
    CANCEL_LOSS = "cancel_loss"  # flow 6: the card under temporary loss report was found
    REPLACE = "replace"  # flow 7: a damaged but readable card, from the summary


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
    pin_purpose: PinPurpose = PinPurpose.RECORDS
    printing: bool = False  # the records statement is being printed
    statement: PrintOutcome | None = None  # how the last statement print went
    statement_year: int | None = None  # the year of the statement printing or printed
    print_paused: bool = False  # just printed: a second tap must not print it again


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
class PrintStatement:
    """Print the records statement with the contributions of `year`, the year the print
    button named (None: the records have no contributions at all)."""

    year: int | None


@dataclass(frozen=True)
class PausePrinting:
    """A statement print just ended: keep the print button off for a moment (a few seconds,
    the controller's timer), then tell the flow with `print_pause_over()`."""


@dataclass(frozen=True)
class StartBusiness:
    """The PIN was right and was asked for a business: identify the card's holder with the back
    end and hand over to the business flow (`purpose` CANCEL_LOSS or REPLACE)."""

    purpose: PinPurpose


@dataclass(frozen=True)
class EndSession:
    """Power the card down and forget everything personal (S3)."""

    reader: str | None


Command = (
    ReadCard
    | AskTries
    | VerifyPin
    | LoadRecords
    | LoadYear
    | PrintStatement
    | PausePrinting
    | StartBusiness
    | EndSession
)

_SESSION_STEPS = {Step.READING, Step.SUMMARY, Step.PIN, Step.RECORDS, Step.PROBLEM, Step.BUSINESS}


class CitizenFlow:
    def __init__(self) -> None:
        self.view = View()
        self._reader_available = True
        self._ignored_card: str | None = None  # a card put in while a cardless business ran

    # Card and reader events -------------------------------------------------------------------

    def card_inserted(self, reader: str) -> list[Command]:
        if self.view.step is Step.BUSINESS and self.view.reader is None:
            self._ignored_card = reader  # a cardless business goes on; Home asks to take it
            return []
        if not self._reader_available or self.view.step not in (Step.ATTRACT,):
            return []  # a second card while a session runs is ignored, as is one mid-problem
        self.view = View(step=Step.READING, reader=reader, busy=True)
        return [ReadCard(reader)]

    def card_removed(self, reader: str) -> list[Command]:
        if reader == self._ignored_card:
            self._ignored_card = None
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
        if self.view.step not in (Step.SUMMARY, Step.PROBLEM) or not self.view.busy:
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
        purpose = self.view.pin_purpose
        if purpose is PinPurpose.RECORDS:
            self.view = replace(self.view, busy=True)
            return [LoadRecords()]
        self.view = replace(self.view, step=Step.BUSINESS, tries_left=None, busy=False)
        return [StartBusiness(purpose)]

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
        records = self.view.records
        if self.view.step is not Step.RECORDS or records is None:
            return []
        # Kept with the session's records (their cache of loaded years): choosing the year
        # again costs nothing, and a printed statement has the year on screen.
        records.contributions[year.year] = year
        self.view = replace(self.view, year=year, busy=False)
        return []

    def statement_printed(self, outcome: PrintOutcome) -> list[Command]:
        """The statement print finished (or failed: `outcome` says how)."""
        if self.view.step is not Step.RECORDS or not self.view.printing:
            return []  # the citizen left the records meanwhile: nothing to tell
        self.view = replace(self.view, printing=False, statement=outcome, print_paused=True)
        return [PausePrinting()]

    def print_pause_over(self) -> list[Command]:
        """The moment after a print has passed: the print button works again."""
        if self.view.step is Step.RECORDS and self.view.print_paused:
            self.view = replace(self.view, print_paused=False)
        return []

    def failed(self, problem: CardProblem) -> list[Command]:
        """A command other than the read failed for a reason the citizen must be told."""
        if self.view.step not in _SESSION_STEPS:
            return []
        self.view = replace(self.view, step=Step.PROBLEM, problem=problem, busy=False)
        return []

    # The citizen's taps -------------------------------------------------------------------------

    def view_records(self) -> list[Command]:
        return self._ask_pin(Step.SUMMARY, PinPurpose.RECORDS)

    def replace_card(self) -> list[Command]:
        """Replace a damaged but readable card (flow 7): only a card in normal use."""
        summary = self.view.summary
        if summary is None or summary.problem is not None:
            return []
        return self._ask_pin(Step.SUMMARY, PinPurpose.REPLACE)

    def cancel_loss(self) -> list[Command]:
        """The card under temporary loss report was found (flow 6): cancel it with the PIN."""
        if self.view.problem is not CardProblem.TEMPORARY_LOSS:
            return []
        return self._ask_pin(Step.PROBLEM, PinPurpose.CANCEL_LOSS)

    def start_business(self) -> list[Command]:
        """A business that needs no card (report a loss, voucher lookup), from attract."""
        if self.view.step is not Step.ATTRACT:
            return []
        self.view = View(step=Step.BUSINESS)
        return []

    def leave_business(self) -> list[Command]:
        """Back from a business's first step: to where it started (the summary or the
        problem, the card session going on), or to attract without a card."""
        if self.view.step is not Step.BUSINESS:
            return []
        if self.view.reader is None:
            return self.home()
        back = Step.PROBLEM if self.view.pin_purpose is PinPurpose.CANCEL_LOSS else Step.SUMMARY
        self.view = replace(self.view, step=back, pin_purpose=PinPurpose.RECORDS, busy=False)
        return []

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
            self.view = replace(self.view, year=records.contributions[year], statement=None)
            return []
        self.view = replace(self.view, busy=True, statement=None)
        return [LoadYear(year)]

    def print_statement(self, year: int | None) -> list[Command]:
        """Print the records statement (个人权益记录) of `year`, the year the print button
        named, which must be the year on screen; once at a time, and not again the moment
        after a print."""
        view = self.view
        if (
            view.step is not Step.RECORDS
            or view.records is None
            or view.busy
            or view.printing
            or view.print_paused
        ):
            return []
        on_screen = view.year.year if view.year is not None else None
        if year != on_screen:
            return []  # a tap on a name the screen no longer shows: never print another year
        self.view = replace(view, printing=True, statement=None, statement_year=year)
        return [PrintStatement(year)]

    def back(self) -> list[Command]:
        if self.view.step in (Step.PIN, Step.RECORDS) and not self.view.busy:
            back = Step.SUMMARY
            if self.view.step is Step.PIN and self.view.pin_purpose is PinPurpose.CANCEL_LOSS:
                back = Step.PROBLEM
            self.view = replace(
                self.view,
                step=back,
                records=None,
                year=None,
                tries_left=None,
                pin_purpose=PinPurpose.RECORDS,
                printing=False,
                statement=None,
                statement_year=None,
                print_paused=False,
            )
        return []

    def home(self) -> list[Command]:
        """Home ends what the citizen was doing; with the card still in, the session ends too
        and attract asks them to take it."""
        if self.view.step in (Step.ATTRACT, Step.READER_UNAVAILABLE):
            return []
        return self._end(take_card_hint=self._card_in)

    def idle_timeout(self) -> list[Command]:
        if self.view.step is Step.ATTRACT:
            return []
        return self._end(take_card_hint=self._card_in)

    # ----------------------------------------------------------------------------------------

    def _ask_pin(self, at: Step, purpose: PinPurpose) -> list[Command]:
        reader = self.view.reader
        if self.view.step is not at or self.view.busy or reader is None:
            return []
        self.view = replace(self.view, busy=True, pin_purpose=purpose)
        return [AskTries(reader)]

    @property
    def _card_in(self) -> bool:
        return self.view.reader is not None or self._ignored_card is not None

    def _pin_blocked(self) -> list[Command]:
        # A card under temporary loss report whose PIN is now blocked (wrong PINs while
        # cancelling it) can only be helped at a counter: its screen says so.
        summary = self.view.summary
        problem = CardProblem.PIN_BLOCKED
        if summary is not None and summary.status is CardStatus.TEMPORARY_LOSS:
            problem = CardProblem.TEMPORARY_LOSS_PIN_BLOCKED
        self.view = replace(
            self.view,
            step=Step.PROBLEM,
            problem=problem,
            tries_left=0,
            busy=False,
        )
        return []

    def _end(self, *, take_card_hint: bool) -> list[Command]:
        reader = self.view.reader
        self.view = View(step=Step.ATTRACT, take_card_hint=take_card_hint)
        return [EndSession(reader)]

    @property
    def in_business(self) -> bool:
        return self.view.step is Step.BUSINESS

    @property
    def in_session(self) -> bool:
        return self.view.step in _SESSION_STEPS

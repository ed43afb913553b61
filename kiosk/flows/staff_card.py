"""The staff area "card" (Permission.DIAGNOSTICS): the technician's card test on the kiosk's own
reader (`staff-card`: the ATR decoded, each APDU's status word and time) and the APDU console
(`staff-apdu`: one typed APDU at a time, its answer masked). A command that may change the card
waits on the console page for an explicit "Send anyway"; the APDU it holds meanwhile (a PIN,
perhaps) is dropped on Cancel, Back or when sent.

No Qt. The work and the audit are kiosk.services.card_bench's; this flow keeps what is on
screen and says what went wrong as a BenchProblem or a bad APDU, never an exception's text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.card_bench import (
    BenchProblem,
    CardBench,
    ConsoleCommand,
    problem_of,
    read_apdu,
)
from kiosk.services.technician_audit import Actor


class CardPage(enum.Enum):
    TEST = "staff-card"
    CONSOLE = "staff-apdu"


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunCardTest:
    actor: Actor


@dataclass(frozen=True, slots=True)
class SendApdu:
    actor: Actor
    command: ConsoleCommand = field(repr=False)  # may carry a PIN: never in a log line
    consent: bool = False


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardView:
    page: CardPage = CardPage.TEST
    busy: bool = False
    problem: BenchProblem | None = None
    test: dict[str, Any] | None = None  # card_test_report (masked)
    bad_apdu: bool = False  # what was typed is not a command APDU
    sent: str = ""  # the last APDU sent, as shown (a PIN masked)
    answer: dict[str, Any] | None = None  # its exchange of console_report (data masked)
    pending: str = ""  # an APDU that may change the card, waiting for "Send anyway"
    pending_why: str = ""


class CardArea:
    key: ClassVar[str] = "card"
    permission: ClassVar[Permission] = Permission.DIAGNOSTICS

    def __init__(self, session: StaffSession) -> None:
        self.actor = Actor.of(session)  # the audit log's actor, with the session's kind
        self.view = CardView()
        self._pending: ConsoleCommand | None = None

    @property
    def page(self) -> str:
        return self.view.page.value

    def start(self) -> Commands:
        return []  # the technician inserts the card, then taps Test

    def back(self) -> bool:
        if self.view.page is CardPage.CONSOLE and not self.view.busy:
            self._pending = None
            self.view = replace(self.view, page=CardPage.TEST, pending="", pending_why="")
            return True
        return False

    # The card test ------------------------------------------------------------------------------

    def run_test(self) -> Commands:
        if self.view.busy:
            return []
        self.view = replace(self.view, busy=True, problem=None, test=None)
        return [RunCardTest(self.actor)]

    def tested(self, report: dict[str, Any]) -> Commands:
        self.view = replace(self.view, busy=False, test=report)
        return []

    def failed(self, error: BaseException) -> Commands:
        self.view = replace(self.view, busy=False, problem=problem_of(error))
        return []

    # The console --------------------------------------------------------------------------------

    def open_console(self) -> Commands:
        if not self.view.busy:
            self.view = replace(self.view, page=CardPage.CONSOLE, problem=None, bad_apdu=False)
        return []

    def send(self, text: str) -> Commands:
        """The typed hex: sent when it only reads; otherwise held for "Send anyway"."""
        if self.view.busy:
            return []
        try:
            command = read_apdu(text)
        except ValueError:
            self.view = replace(self.view, bad_apdu=True, problem=None)
            return []
        self.view = replace(self.view, bad_apdu=False, problem=None)
        if command.changes:
            self._pending = command
            self.view = replace(self.view, pending=command.shown, pending_why=command.changes)
            return []
        return self._send(command, consent=False)

    def confirm(self) -> Commands:
        """ "Send anyway": the held APDU goes out."""
        command, self._pending = self._pending, None
        if command is None or self.view.busy:
            return []
        return self._send(command, consent=True)

    def cancel(self) -> Commands:
        self._pending = None
        self.view = replace(self.view, pending="", pending_why="")
        return []

    def _send(self, command: ConsoleCommand, *, consent: bool) -> Commands:
        self.view = replace(
            self.view, busy=True, pending="", pending_why="", sent=command.shown, answer=None
        )
        return [SendApdu(self.actor, command, consent)]

    def answered(self, report: dict[str, Any]) -> Commands:
        exchanges = report["exchanges"]
        self.view = replace(self.view, busy=False, answer=exchanges[0] if exchanges else None)
        return []


def plans(helper: AreaPlans) -> CommandTable:
    table = CommandTable()

    def area() -> CardArea | None:
        return helper.area(CardArea)

    def bench() -> CardBench:
        if helper.services.card is None:
            raise RuntimeError("this kiosk has no card reader for the bench")
        return helper.services.card

    def test(command: RunCardTest) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(lambda: bench().test(command.actor), a.tested, a.failed)

    def send(command: SendApdu) -> Action | None:
        if (a := area()) is None:
            return None
        return helper.job(
            lambda: bench().send(command.actor, command.command.apdu, consent=command.consent),
            a.answered,
            a.failed,
        )

    table.add(RunCardTest, test)
    table.add(SendApdu, send)
    return table

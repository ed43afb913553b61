"""The technician's card bench on the kiosk's own reader (staff area "card"): the card test
(kiosk.services.card_test) and one console APDU at a time (kiosk.card.console), each audited
with the staff login as actor (kiosk.services.technician_audit): the test's outcome, a sent
APDU's command name and status word, never its data.

While staff mode is on, the citizen side ignores card events, so the card in the reader is the
technician's. Runs on the staff worker; the reader's own I/O thread does the APDUs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from drivers.readers.base import CardReaderBackend
from drivers.readers.errors import CardMute, CardRemoved, ReaderError, ReaderTimeout
from kiosk.card.apdu import CommandApdu
from kiosk.card.console import refused, send_all
from kiosk.card.instructions import SECRET_MASK, instruction, refusal, shown
from kiosk.domain.journal import Outcome
from kiosk.services.apdu_console import console_report
from kiosk.services.card_reading import run_card_job
from kiosk.services.card_test import card_test_report, run_card_test
from kiosk.services.context import KioskContext
from kiosk.services.technician_audit import Actor, AuditTarget, record_technician_action
from kiosk.store.seal import AuditSealError

CARD_TESTED = "card.test_run"
APDU_SENT = "card.console_apdu"


class NoCard(ReaderError):
    """No reader of the kiosk holds a card."""


class ConsentNeeded(ValueError):
    """A command that may change the card was sent without the technician's consent."""


class BenchProblem(enum.Enum):
    """What went wrong, for one plain sentence on screen (never the exception's text)."""

    NO_CARD = "no_card"
    CARD_LEFT = "card_left"  # taken out part way
    CARD_SILENT = "card_silent"  # mute, or it did not answer in time
    READER = "reader"  # the reader or the smart card service
    DATABASE = "database"  # the audit log could not record it
    FAILED = "failed"


def problem_of(error: BaseException) -> BenchProblem:
    if isinstance(error, NoCard):
        return BenchProblem.NO_CARD
    if isinstance(error, CardRemoved):
        return BenchProblem.CARD_LEFT
    if isinstance(error, CardMute | ReaderTimeout):
        return BenchProblem.CARD_SILENT
    if isinstance(error, ReaderError):
        return BenchProblem.READER
    if isinstance(error, SQLAlchemyError | AuditSealError):
        return BenchProblem.DATABASE
    return BenchProblem.FAILED


@dataclass(frozen=True)
class ConsoleCommand:
    """An APDU typed on the console's pad: `shown` masks a PIN; `changes` says why it needs
    consent (empty: it only reads)."""

    apdu: CommandApdu
    shown: str
    changes: str


def read_apdu(text: str) -> ConsoleCommand:
    """The typed hex as a command; raises ApduFormatError (a ValueError) when it is not one."""
    apdu = CommandApdu.from_hex(text)
    return ConsoleCommand(apdu, shown(apdu), refusal(apdu) or "")


def typed_shown(text: str) -> str:
    """What the console's pad shows of the hex typed so far: after the header and Lc of a
    command that carries a PIN, `******` (as `shown`), even before the APDU is complete."""
    digits = "".join(text.split())
    try:
        # The header with one byte of data: a VERIFY without data asks for tries, with a PIN
        header = CommandApdu.parse(bytes.fromhex(digits[:8] + "0100"))
    except ValueError:
        return text
    if instruction(header).secret and len(digits) > 10:
        return f"{bytes.fromhex(digits[:10]).hex(' ').upper()} {SECRET_MASK}"
    return text


class CardBench:
    def __init__(self, backend: CardReaderBackend, context: KioskContext) -> None:
        self._backend = backend
        self._context = context
        # The last card test's report (masked), for a diagnostics bundle made afterwards.
        self.last_test: dict[str, Any] | None = None

    def _reader(self) -> str:
        for info in self._backend.readers():
            if info.atr is not None:
                return info.name
        raise NoCard("no card in the reader")

    def test(self, actor: Actor) -> dict[str, Any]:
        """The card test, masked as the citizen's screens mask (card_test_report), audited."""
        reader = self._reader()
        test = run_card_job(self._backend, reader, run_card_test)
        self._backend.power_down(reader)  # a PIN state does not outlive the test
        report = card_test_report(test)
        self._audit(
            actor,
            CARD_TESTED,
            Outcome.OK if test.passed else Outcome.FAILED,
            {"apdus": len(test.records), "passed": test.passed},
        )
        self.last_test = report
        return report

    def send(self, actor: Actor, apdu: CommandApdu, *, consent: bool) -> dict[str, Any]:
        """One APDU (`console_report`: response data masked, a PIN masked), audited by its
        command name and status word. Refuses a changing command without `consent`."""
        if refused([apdu]) and not consent:
            raise ConsentNeeded(refused([apdu])[0])
        run = run_card_job(self._backend, self._reader(), lambda ch: send_all(ch, [apdu]))
        report = console_report(run)
        sent = report["exchanges"]
        detail: dict[str, object] = {
            "command": sent[0]["command"] if sent else "",
            "sw": sent[0]["sw"] if sent else None,
            "changes_card": bool(refused([apdu])),
        }
        self._audit(actor, APDU_SENT, Outcome.OK if sent else Outcome.FAILED, detail)
        if run.failure is not None:
            raise run.failure
        return report

    def _audit(
        self, actor: Actor, action: str, outcome: Outcome, detail: dict[str, object]
    ) -> None:
        ctx = self._context
        target = AuditTarget(ctx.engine, ctx.audit_seal, ctx.kiosk.kiosk_id, actor)
        record_technician_action(target, action, outcome, detail, ctx.clock())

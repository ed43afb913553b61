"""The command runners without Qt: each flow command becomes the service call it names, and its
result or its error the flow's next input. On the demo set-up (mock reader, simulated cards, a
migrated and seeded SQLite, a fake printer); the actions are carried out here synchronously, as
the Qt controller carries them out on its worker. Nothing here imports PySide6."""

from __future__ import annotations

import datetime as dt
import shutil
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter, Fault
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from kiosk.demo.seed import seed_demo
from kiosk.domain.business import PrintOutcome, Refusal
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.devices import PrinterState
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem
from kiosk.domain.voucher_data import KioskInfo
from kiosk.flows import business as bflow
from kiosk.flows import citizen as cflow
from kiosk.flows.business import BStep, BusinessFlow, BusinessView, Choice, Purpose
from kiosk.flows.citizen import CitizenFlow, PausePrinting, Step
from kiosk.flows.citizen_runner import CitizenRunner
from kiosk.flows.runner import Action, CommandTable, Job, Later, Now
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService
from kiosk.store.db import create_engine
from kiosk.store.migrate import upgrade
from kiosk.store.seal import AuditSeal

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
TODAY = NOW.date()
KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NORMAL_SSN, NORMAL_MOBILE = "110105198506120173", "13810245678"
RIGHT_PIN = b"123456"


# The demo set-up ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("runners") / "template.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    seed_demo(engine, today=TODAY)
    engine.dispose()
    return path


@pytest.fixture
def engine(template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "kiosk.db"
    shutil.copyfile(template, path)
    eng = create_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


@pytest.fixture
def reader() -> Iterator[MockReaderBackend]:
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


def business_service(engine: Engine, seal: AuditSeal, printer: FakePrinter) -> BusinessService:
    return BusinessService(
        engine, KIOSK, signing_key=b"k", audit_seal=seal, printer=printer, clock=lambda: NOW
    )


class Kiosk:
    """The citizen flow, its runner, and a synchronous stand-in for the Qt controller."""

    def __init__(self, runner: CitizenRunner) -> None:
        self.runner = runner
        self.flow = runner.flow
        self.paused: list[Later] = []  # pauses the controller would time, held for the test
        self.planned: list[Action] = []

    @property
    def business(self) -> BusinessFlow | None:
        return self.runner.business.flow

    def apply(self, commands: list[typing.Any]) -> None:
        """What CitizenController._apply does, the worker's jobs run at once."""
        for command in commands:
            action = self.runner.plan(command)
            if action is None:
                continue
            self.planned.append(action)
            if isinstance(action, Job):
                try:
                    value = action.work()
                except BaseException as error:
                    self.apply(action.failed(error))
                else:
                    self.apply(action.done(value))
            elif isinstance(action, Later):
                self.paused.append(action)
            else:
                self.apply(action.then())
        if not self.flow.in_business and self.business is not None:
            self.runner.business.end()

    def input(self, change: Callable[[BusinessFlow], list[typing.Any]]) -> None:
        assert self.business is not None
        self.apply(change(self.business))

    def start_cardless(self, start: Callable[[BusinessFlow], list[typing.Any]]) -> None:
        commands = self.flow.start_business()
        self.apply([*commands, *start(self.runner.business.start())])

    def pin(self, pin: bytes) -> None:
        self.apply(self.flow.pin_entered(bytearray(pin)))


@pytest.fixture
def make_kiosk(
    reader: MockReaderBackend, engine: Engine, audit_seal: AuditSeal, printer: FakePrinter
) -> Callable[..., Kiosk]:
    def make(*, engine_: Engine = engine, service: BusinessService | None = None) -> Kiosk:
        session = CardSessionService(reader, engine_, today=lambda: TODAY)
        return Kiosk(
            CitizenRunner(
                CitizenFlow(),
                session,
                service or business_service(engine_, audit_seal, printer),
                kiosk_id=KIOSK.kiosk_id,
                language=lambda: "en",
            )
        )

    return make


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return make_kiosk()


def insert(kiosk: Kiosk, reader: MockReaderBackend, card: str) -> None:
    reader.insert(card)
    kiosk.apply(kiosk.flow.card_inserted(DEFAULT_READER))


# The table ------------------------------------------------------------------------------------


def test_every_command_of_both_flows_has_a_plan(kiosk: Kiosk) -> None:
    commands = set(typing.get_args(cflow.Command)) | set(typing.get_args(bflow.BCommand))
    assert kiosk.runner.table.kinds == commands


def test_a_command_without_a_plan_is_an_error_and_a_plan_is_given_once() -> None:
    table = CommandTable()
    table.add(PausePrinting, lambda command: None)
    with pytest.raises(ValueError, match="PausePrinting"):
        table.add(PausePrinting, lambda command: None)
    with pytest.raises(LookupError, match="ReadCard"):
        table.plan(cflow.ReadCard(DEFAULT_READER))


# The citizen's card session -------------------------------------------------------------------


def test_read_pin_and_records_run_through_the_card_session(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    insert(kiosk, reader, "normal")
    assert kiosk.flow.view.step is Step.SUMMARY
    assert isinstance(kiosk.planned[0], Job) and kiosk.planned[0].new_session
    kiosk.apply(kiosk.flow.view_records())
    assert kiosk.flow.view.step is Step.PIN and kiosk.flow.view.tries_left == 6
    kiosk.pin(b"000000")
    assert kiosk.flow.view.tries_left == 5 and kiosk.flow.view.after_wrong_pin
    kiosk.pin(RIGHT_PIN)
    view = kiosk.flow.view
    assert view.step is Step.RECORDS and view.records is not None
    assert view.year is not None and view.year.year == view.records.years[0]
    oldest = view.records.years[-1]
    kiosk.apply(kiosk.flow.select_year(oldest))
    assert kiosk.flow.view.year is not None and kiosk.flow.view.year.year == oldest


def test_the_last_wrong_pin_blocks_it(kiosk: Kiosk, reader: MockReaderBackend) -> None:
    insert(kiosk, reader, "pin-last-try")
    kiosk.apply(kiosk.flow.view_records())
    kiosk.pin(b"000000")
    assert kiosk.flow.view.step is Step.PROBLEM
    assert kiosk.flow.view.problem is CardProblem.PIN_BLOCKED


@pytest.mark.parametrize(
    ("card", "problem"),
    [("unreadable", CardProblem.UNREADABLE), ("unknown", CardProblem.UNKNOWN)],
)
def test_a_card_that_cannot_serve_shows_its_problem(
    kiosk: Kiosk, reader: MockReaderBackend, card: str, problem: CardProblem
) -> None:
    insert(kiosk, reader, card)
    assert kiosk.flow.view.step is Step.PROBLEM and kiosk.flow.view.problem is problem


def test_a_mute_card_is_unreadable(kiosk: Kiosk, reader: MockReaderBackend) -> None:
    reader.insert("normal")
    reader.set_faults(Faults(mute=True))
    kiosk.apply(kiosk.flow.card_inserted(DEFAULT_READER))
    assert kiosk.flow.view.problem is CardProblem.UNREADABLE


def test_a_card_pulled_mid_read_shows_nothing_half_read(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    reader.insert("normal")
    reader.set_faults(Faults(remove_after=7))
    kiosk.apply(kiosk.flow.card_inserted(DEFAULT_READER))
    # No problem screen: the reader's removal event ends the session.
    assert kiosk.flow.view.step is Step.READING
    kiosk.apply(kiosk.flow.card_removed(DEFAULT_READER))
    assert kiosk.flow.view.step is Step.ATTRACT


def test_a_reader_gone_mid_session_is_an_unreadable_card(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    insert(kiosk, reader, "normal")
    reader.unplug(DEFAULT_READER)
    kiosk.apply(kiosk.flow.view_records())
    assert kiosk.flow.view.step is Step.PROBLEM
    assert kiosk.flow.view.problem is CardProblem.UNREADABLE


def test_the_back_end_away_is_its_own_problem(
    make_kiosk: Callable[..., Kiosk], reader: MockReaderBackend
) -> None:
    # Nothing listens on port 1: every query fails as an unreachable central back end does.
    broken = create_engine("postgresql://nobody@127.0.0.1:1/none")
    kiosk = make_kiosk(engine_=broken)
    insert(kiosk, reader, "normal")
    assert kiosk.flow.view.problem is CardProblem.BACKEND_OFFLINE


def test_an_unexpected_error_tells_the_citizen_the_card_could_not_be_read(kiosk: Kiosk) -> None:
    kiosk.flow.view = cflow.View(step=Step.SUMMARY, reader=DEFAULT_READER)
    assert kiosk.runner.failed(ZeroDivisionError()) == []
    assert kiosk.flow.view.problem is CardProblem.UNREADABLE


def test_end_session_forgets_the_card(kiosk: Kiosk, reader: MockReaderBackend) -> None:
    insert(kiosk, reader, "normal")
    kiosk.apply(kiosk.flow.view_records())
    kiosk.pin(RIGHT_PIN)
    assert kiosk.runner.session.active
    kiosk.apply(kiosk.flow.home())
    end = kiosk.planned[-1]
    assert isinstance(end, Job) and end.new_session
    assert not kiosk.runner.session.active


def test_a_statement_prints_then_the_button_rests(
    kiosk: Kiosk, reader: MockReaderBackend, printer: FakePrinter
) -> None:
    insert(kiosk, reader, "normal")
    kiosk.apply(kiosk.flow.view_records())
    kiosk.pin(RIGHT_PIN)
    year = kiosk.flow.view.year
    kiosk.apply(kiosk.flow.print_statement(year.year if year else None))
    assert kiosk.flow.view.statement is PrintOutcome.PRINTED and len(printer.jobs) == 1
    assert kiosk.flow.view.print_paused and len(kiosk.paused) == 1
    kiosk.apply(kiosk.paused.pop().then())
    assert not kiosk.flow.view.print_paused


# The business wizard --------------------------------------------------------------------------


def test_a_temporary_loss_report_from_identify_to_the_printed_voucher(
    kiosk: Kiosk, printer: FakePrinter
) -> None:
    kiosk.start_cardless(BusinessFlow.start_loss_report)
    assert kiosk.flow.in_business and kiosk.business is not None
    kiosk.input(lambda f: f.identify(NORMAL_SSN, NORMAL_MOBILE, False))
    assert kiosk.business.view.step is BStep.WHAT_HAPPENED
    kiosk.input(lambda f: f.choose(Choice.TEMPORARY))
    kiosk.input(BusinessFlow.next)
    view = kiosk.business.view
    assert view.step is BStep.CONFIRM
    assert view.printer is not None and view.printer.ready
    kiosk.input(BusinessFlow.confirm)
    view = kiosk.business.view
    assert view.step is BStep.RECEIPT and view.receipt is not None
    assert view.print_outcome is PrintOutcome.PRINTED and len(printer.jobs) == 1


def test_a_wrong_mobile_is_told_inline_with_the_attempts_left(kiosk: Kiosk) -> None:
    kiosk.start_cardless(BusinessFlow.start_loss_report)
    kiosk.input(lambda f: f.identify(NORMAL_SSN, "13800000000", False))
    assert kiosk.business is not None
    view = kiosk.business.view
    assert view.step is BStep.IDENTIFY and view.identify_error is Refusal.NO_MATCH
    assert view.attempts_left is not None


def confirm_temporary_loss(kiosk: Kiosk) -> BusinessView:
    kiosk.start_cardless(BusinessFlow.start_loss_report)
    kiosk.input(lambda f: f.identify(NORMAL_SSN, NORMAL_MOBILE, False))
    kiosk.input(lambda f: f.choose(Choice.TEMPORARY))
    kiosk.input(BusinessFlow.next)
    kiosk.input(BusinessFlow.confirm)
    assert kiosk.business is not None
    return kiosk.business.view


def test_a_printer_offline_is_told_on_the_receipt(kiosk: Kiosk, printer: FakePrinter) -> None:
    printer.fault = Fault.OFFLINE
    view = confirm_temporary_loss(kiosk)
    assert view.step is BStep.RECEIPT and view.receipt is not None
    assert view.print_outcome is PrintOutcome.PRINTER_OFFLINE and not printer.jobs


def test_a_print_that_raises_is_a_failed_print_and_the_receipt_stays(kiosk: Kiosk) -> None:
    def broken(code: str, language: str) -> typing.NoReturn:
        raise OSError("the printer driver fell over")

    kiosk.runner.business.service.print_voucher = broken  # type: ignore[method-assign]
    view = confirm_temporary_loss(kiosk)
    assert view.step is BStep.RECEIPT and view.receipt is not None
    assert view.print_outcome is PrintOutcome.FAILED


def test_an_unexpected_error_counts_as_the_back_end_away(kiosk: Kiosk) -> None:
    kiosk.start_cardless(BusinessFlow.start_loss_report)

    def broken(ssn: str, mobile: str) -> typing.NoReturn:
        raise ZeroDivisionError

    kiosk.runner.business.service.identify = broken  # type: ignore[method-assign]
    kiosk.input(lambda f: f.identify(NORMAL_SSN, NORMAL_MOBILE, False))
    assert kiosk.business is not None
    assert kiosk.business.view.step is BStep.REFUSED
    assert kiosk.business.view.refusal is Refusal.BACKEND_OFFLINE


def test_a_printer_that_cannot_say_counts_as_in_error(kiosk: Kiosk) -> None:
    kiosk.start_cardless(BusinessFlow.start_loss_report)
    kiosk.input(lambda f: f.identify(NORMAL_SSN, NORMAL_MOBILE, False))
    kiosk.input(lambda f: f.choose(Choice.TEMPORARY))

    def broken() -> typing.NoReturn:
        raise OSError("no answer")

    kiosk.runner.business.service.printer_status = broken  # type: ignore[method-assign]
    kiosk.input(BusinessFlow.next)
    assert kiosk.business is not None
    printer = kiosk.business.view.printer
    assert printer is not None and printer.state is PrinterState.ERROR


def test_the_card_found_goes_from_the_pin_to_the_cancellation(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    insert(kiosk, reader, "temporary-loss")
    assert kiosk.flow.view.problem is CardProblem.TEMPORARY_LOSS
    kiosk.apply(kiosk.flow.cancel_loss())
    kiosk.pin(RIGHT_PIN)
    assert kiosk.flow.in_business and kiosk.business is not None
    view = kiosk.business.view
    assert view.purpose is Purpose.CANCEL_LOSS and view.step is BStep.REVIEW
    assert view.identified is not None
    assert view.identified.card_status is CardStatus.TEMPORARY_LOSS


def test_a_damaged_card_goes_from_the_pin_to_the_outlets(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    insert(kiosk, reader, "normal")
    kiosk.apply(kiosk.flow.replace_card())
    kiosk.pin(RIGHT_PIN)
    assert kiosk.business is not None
    view = kiosk.business.view
    assert view.purpose is Purpose.REPLACE_DAMAGED and view.step is BStep.OUTLET
    assert view.outlets and view.quote is not None


def test_back_from_the_first_step_hands_the_session_back(
    kiosk: Kiosk, reader: MockReaderBackend
) -> None:
    insert(kiosk, reader, "normal")
    kiosk.apply(kiosk.flow.replace_card())
    kiosk.pin(RIGHT_PIN)
    kiosk.input(BusinessFlow.back)
    assert isinstance(kiosk.planned[-1], Now)
    assert kiosk.flow.view.step is Step.SUMMARY and kiosk.business is None


def test_a_command_of_an_ended_business_runs_nothing(kiosk: Kiosk) -> None:
    kiosk.start_cardless(BusinessFlow.start_voucher_lookup)
    kiosk.apply(kiosk.flow.home())
    assert kiosk.business is None
    assert kiosk.runner.plan(bflow.LookupCode("anything")) is None


def test_a_voucher_looked_up_by_its_code_reprints_once(kiosk: Kiosk, printer: FakePrinter) -> None:
    receipt = confirm_temporary_loss(kiosk).receipt
    assert receipt is not None
    kiosk.apply(kiosk.flow.home())
    kiosk.start_cardless(BusinessFlow.start_voucher_lookup)
    kiosk.input(lambda f: f.lookup_code(receipt.qr_payload))
    assert kiosk.business is not None
    view = kiosk.business.view
    assert view.step is BStep.LOOKUP_RESULT and view.lookup_results
    number = view.lookup_results[0].voucher_number
    kiosk.input(lambda f: f.reprint(number))
    view = kiosk.business.view
    assert view.reprinted == number and view.reprint_outcome is PrintOutcome.PRINTED
    assert len(printer.jobs) == 2
    kiosk.input(lambda f: f.reprint(number))  # the service has the last word: used up
    view = kiosk.business.view
    assert view.step is BStep.REFUSED and view.refusal is Refusal.REPRINT_USED
    assert len(printer.jobs) == 2


def test_a_reprint_that_raises_is_a_failed_reprint(kiosk: Kiosk) -> None:
    receipt = confirm_temporary_loss(kiosk).receipt
    assert receipt is not None
    kiosk.apply(kiosk.flow.home())
    kiosk.start_cardless(BusinessFlow.start_voucher_lookup)
    kiosk.input(lambda f: f.lookup_code(receipt.qr_payload))

    def broken(*args: object) -> typing.NoReturn:
        raise OSError("the printer driver fell over")

    kiosk.runner.business.service.reprint_self_service = broken  # type: ignore[method-assign]
    assert kiosk.business is not None
    number = kiosk.business.view.lookup_results[0].voucher_number
    kiosk.input(lambda f: f.reprint(number))
    view = kiosk.business.view
    assert view.step is BStep.LOOKUP_RESULT and view.reprint_outcome is PrintOutcome.FAILED

"""The business service on the demo set-up: a seeded SQLite back end, the fake printer and the
PDF printer. Identification, eligibility, every submit and refusal, printing and its failures
(R6), voucher lookup and the one self-service reprint, and no personal data in the logs (S1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from drivers.printers.base import Printer, PrinterStatus, PrintResult
from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.pdf import PdfPrinter
from kiosk.demo.report_samples import sample_records
from kiosk.domain.business import (
    CancellationRequest,
    Material,
    NotEligible,
    PrintOutcome,
    Refusal,
    ReissueRequest,
    VoucherLookup,
    materials_for,
)
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.devices import PrinterState
from kiosk.domain.journal import (
    ActorKind,
    Agent,
    LossReportKind,
    LossReportRequest,
    ReissueProgress,
    ReissueReason,
)
from kiosk.domain.records import Card, Cardholder, CardStatus, Gender
from kiosk.domain.voucher_data import KioskInfo
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services import voucher_codes
from kiosk.services.business import BusinessService
from kiosk.services.proof import normalize_mobile
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
KEY = b"test-voucher-key"
# Sunday 22 November 2026, 10:00 in Beijing.
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)

NORMAL = ("110105198506120173", "13810245678", "A1052103X", "王晓明")
NO_PHOTO = ("440106197811230350", "13902205566", "G44010629", "陈志强")
TEMP_LOSS = ("650102198304150514", "13899107788", "X65010277", "阿卜杜热合曼·艾合买提江·买买提依明")
EXPIRED = ("42010619561001013X", "13707151122", "H42010593", "赵建国")
UNKNOWN_SSN, UNKNOWN_MOBILE = "330106199502140486", "15858063399"
AGENT = Agent(id_number="11010519491231002X", name="王大明", relationship="父子")


@pytest.fixture
def engine(demo_sqlite: Callable[[dt.date], Engine]) -> Engine:
    return demo_sqlite(NOW.date())


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


def make_service(
    engine: Engine, seal: AuditSeal, printer: Printer, **kw: object
) -> BusinessService:
    return BusinessService(
        engine, KIOSK, signing_key=KEY, audit_seal=seal, printer=printer, clock=lambda: NOW, **kw
    )


@pytest.fixture
def service(
    engine: Engine, business_service: Callable[..., BusinessService], printer: FakePrinter
) -> BusinessService:
    return business_service(engine, now=NOW, kiosk=KIOSK, signing_key=KEY, printer=printer)


def refusal(call: object, *args: object) -> Refusal:
    with pytest.raises(NotEligible) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.refusal


def set_status(engine: Engine, card: str, status: CardStatus) -> None:
    with UnitOfWork(engine) as uow:
        uow.session.execute(
            sa.update(m.Card).where(m.Card.card_number == card).values(status=status)
        )
        uow.commit()


def status_of(engine: Engine, card: str) -> CardStatus:
    with read_session(engine) as s:
        return s.scalars(sa.select(m.Card.status).where(m.Card.card_number == card)).one()


def count(engine: Engine, model: type[m.Base]) -> int:
    with read_session(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def new_key() -> str:
    return uuid.uuid4().hex


def reissue_req(
    who: tuple[str, str, str, str] = NORMAL,
    reason: ReissueReason = ReissueReason.LOST,
    *,
    key: str | None = None,
    outlet: str = "BJCY-02",
    agent: Agent | None = None,
) -> ReissueRequest:
    return ReissueRequest(key or new_key(), KIOSK.kiosk_id, who[0], who[2], reason, outlet, agent)


SOME_NUMBER = format_voucher_number("BJCY01", NOW.date(), 1)


def code(number: str) -> str:
    """The voucher's QR code, as the kiosk prints it and a scanner reads it."""
    return voucher_codes.sign(number, KEY)


def lookup(service: BusinessService, number: str) -> VoucherLookup:
    """Voucher `number` looked up by scanning its QR code."""
    return service.lookup_code(code(number))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "v.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())  # lines wrapped: words stay whole


# --- identification ------------------------------------------------------------------------------


def test_identify_gives_the_masked_current_card(service: BusinessService) -> None:
    found = service.identify(NORMAL[0], NORMAL[1])
    assert (found.ssn, found.card_number) == (NORMAL[0], NORMAL[2])
    assert found.masked_ssn == "1101**********0173" and found.masked_name == "王*明"
    assert found.masked_card_number == "A1*****3X"
    assert found.card_status is CardStatus.NORMAL and not found.by_card
    assert found.temporary_report_allowed and found.final_report_allowed
    assert NORMAL[0] not in repr(found) and NORMAL[2] not in repr(found)


def test_mobile_is_compared_as_typed_digits(service: BusinessService) -> None:
    assert normalize_mobile("+86 138-1024-5678") == "13810245678"
    assert normalize_mobile("8613810245678") == "13810245678"
    assert service.identify(NORMAL[0], "138 1024 5678").card_number == NORMAL[2]


def test_a_card_under_temporary_loss_can_go_on_to_a_final_report(
    service: BusinessService,
) -> None:
    found = service.identify(TEMP_LOSS[0], TEMP_LOSS[1])
    assert found.card_status is CardStatus.TEMPORARY_LOSS
    assert found.final_report_allowed and not found.temporary_report_allowed


def _add_holder_without_mobile(engine: Engine) -> str:
    ssn = "110101199003070011"
    with UnitOfWork(engine) as uow:
        uow.cardholders.add(
            Cardholder(ssn, "钱七", Gender.MALE, dt.date(1990, 3, 7), "01", "110101", None, True)
        )
        uow.cards.add(
            Card(
                "M11010111",
                "ab" * 16,
                ssn,
                "3",
                "3.00",
                "110000",
                dt.date(2020, 1, 1),
                dt.date(2030, 1, 1),
                CardStatus.NORMAL,
                None,
            )
        )
        uow.commit()
    return ssn


def test_unknown_id_wrong_mobile_and_no_mobile_are_refused_alike(
    engine: Engine, service: BusinessService, caplog: pytest.LogCaptureFixture
) -> None:
    no_mobile_ssn = _add_holder_without_mobile(engine)
    attempts = {
        "unknown id": (UNKNOWN_SSN, UNKNOWN_MOBILE),
        "wrong mobile": (NORMAL[0], "13900000000"),
        "another holder's mobile": (NORMAL[0], NO_PHOTO[1]),
        "no mobile on file": (no_mobile_ssn, ""),
        "no mobile, typed one": (no_mobile_ssn, "13800000000"),
    }
    outcomes: dict[str, set[tuple[object, ...]]] = {"identify": set(), "lookup_person": set()}
    for ssn, mobile in attempts.values():
        for method in (service.identify, service.lookup_person):
            caplog.clear()
            with caplog.at_level(logging.DEBUG), pytest.raises(NotEligible) as caught:
                method(ssn, mobile)
            exc = caught.value
            logs = tuple((r.name, r.levelno, r.getMessage()) for r in caplog.records)
            outcomes[method.__name__].add((type(exc), exc.refusal, str(exc), exc.args, logs))
    for seen in outcomes.values():
        assert len(seen) == 1, seen  # one exception, one refusal, the same log lines
        ((kind, why, *_),) = seen
        assert kind is NotEligible and why is Refusal.NO_MATCH
    # A first wrong attempt leaves an unknown ID number as many tries as a known one.
    left = {}
    for name, ssn in (("unknown", "110101199001011237"), ("known", EXPIRED[0])):
        with pytest.raises(NotEligible) as caught:
            service.identify(ssn, "13000000000")
        left[name] = caught.value.attempts_left
    assert left == {"unknown": 4, "known": 4}


def test_eligibility_refusals(engine: Engine, service: BusinessService) -> None:
    for status, expected in [
        (CardStatus.LOST, Refusal.CARD_LOST),
        (CardStatus.REPLACED, Refusal.CARD_LOST),  # every card replaced: nothing current
        (CardStatus.CANCELLED, Refusal.CARD_CANCELLED),
    ]:
        set_status(engine, NORMAL[2], status)
        assert refusal(service.identify, NORMAL[0], NORMAL[1]) is expected
        assert refusal(service.identify_card, NORMAL[0], NORMAL[2]) is expected
    set_status(engine, NORMAL[2], CardStatus.NORMAL)
    service.apply_reissue(reissue_req(reason=ReissueReason.DAMAGED))
    # A damaged card being replaced still works: it can be blocked, not reissued again.
    for identified in (
        service.identify(NORMAL[0], NORMAL[1]),
        service.identify_card(NORMAL[0], NORMAL[2]),
    ):
        assert identified.reissue_under_way
        assert identified.temporary_report_allowed
        assert not identified.final_report_allowed
    assert refusal(service.apply_reissue, reissue_req()) is Refusal.REISSUE_UNDER_WAY
    # Once blocked, with the new card on its way, there is nothing left to do without it.
    service.report_loss(
        LossReportRequest(new_key(), KIOSK.kiosk_id, NORMAL[0], LossReportKind.TEMPORARY)
    )
    assert refusal(service.identify, NORMAL[0], NORMAL[1]) is Refusal.REISSUE_UNDER_WAY


def test_the_current_card_is_the_newest_not_replaced(
    engine: Engine, service: BusinessService
) -> None:
    with UnitOfWork(engine) as uow:
        uow.cards.add(
            Card(
                "A10521048",
                "cd" * 16,
                NORMAL[0],
                "3",
                "3.00",
                "110000",
                dt.date(2026, 10, 1),
                dt.date(2036, 10, 1),
                CardStatus.NORMAL,
                None,
            ),
            replaces=NORMAL[2],
        )
        uow.commit()
    set_status(engine, NORMAL[2], CardStatus.REPLACED)
    assert service.identify(NORMAL[0], NORMAL[1]).card_number == "A10521048"
    # The old card in the reader: replaced, refused as lost.
    assert refusal(service.identify_card, NORMAL[0], NORMAL[2]) is Refusal.CARD_LOST


def test_identify_card(service: BusinessService) -> None:
    found = service.identify_card(TEMP_LOSS[0], TEMP_LOSS[2])
    assert found.by_card and found.card_status is CardStatus.TEMPORARY_LOSS
    assert refusal(service.identify_card, NORMAL[0], TEMP_LOSS[2]) is Refusal.CARD_UNKNOWN
    assert refusal(service.identify_card, UNKNOWN_SSN, "Z33010648") is Refusal.CARD_UNKNOWN


# --- outlets and the pickup date -----------------------------------------------------------------


def test_outlets_are_the_issuing_ones(service: BusinessService) -> None:
    outlets = service.outlets()
    assert [o.code for o in outlets] == ["BJCY-01", "BJCY-02", "BJCY-03", "BJCY-04"]
    assert all(o.issues_cards for o in outlets)


def test_pickup_quote_counts_working_days_with_the_overrides(
    engine: Engine, service: BusinessService
) -> None:
    quote = service.pickup_quote()
    # From Sunday 22 November: Monday 23 is day 1, Friday 11 December day 15.
    assert (quote.expected_date, quote.exact) == (dt.date(2026, 12, 11), True)
    assert (quote.working_days, quote.fee_fen) == (15, 0)
    with UnitOfWork(engine) as uow:  # a local closure on a Wednesday moves it a working day
        uow.calendar.set_override(dt.date(2026, 12, 2), False, "local closure")
        uow.commit()
    assert service.pickup_quote().expected_date == dt.date(2026, 12, 14)
    with UnitOfWork(engine) as uow:  # and a Saturday made a working day brings it back
        uow.calendar.set_override(dt.date(2026, 12, 5), True, "adjusted working day")
        uow.commit()
    assert service.pickup_quote().expected_date == dt.date(2026, 12, 11)


def test_pickup_quote_past_the_published_calendar_is_not_exact(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    late = dt.datetime(2026, 12, 21, 9, 0, tzinfo=CHINA_TZ)
    service = BusinessService(
        engine,
        KIOSK,
        signing_key=KEY,
        audit_seal=audit_seal,
        printer=FakePrinter(),
        clock=lambda: late,
        pickup_working_days=10,
        fee_fen=2000,
    )
    quote = service.pickup_quote()
    assert not quote.exact and quote.expected_date.year == 2027
    assert (quote.working_days, quote.fee_fen) == (10, 2000)
    receipt = service.apply_reissue(reissue_req())
    assert receipt.pickup == quote
    with read_session(engine) as s:
        app = s.scalars(sa.select(m.ReissueApplication)).one()
        assert (app.pickup_date_exact, app.fee_fen) == (False, 2000)


# --- submits -------------------------------------------------------------------------------------


def test_temporary_loss_report(engine: Engine, service: BusinessService) -> None:
    req = LossReportRequest(new_key(), KIOSK.kiosk_id, NORMAL[0], LossReportKind.TEMPORARY)
    receipt = service.report_loss(req)
    assert receipt.loss_kind is LossReportKind.TEMPORARY and receipt.pickup is None
    assert receipt.issued_at == NOW and not receipt.replayed
    assert voucher_codes.verify(receipt.qr_payload, KEY).number == receipt.voucher_number
    assert status_of(engine, NORMAL[2]) is CardStatus.TEMPORARY_LOSS
    again = service.report_loss(req)
    assert again.replayed and again.voucher_number == receipt.voucher_number
    assert again.qr_payload == receipt.qr_payload
    assert count(engine, m.Transaction) == 1
    with pytest.raises(ValueError, match="reissue"):
        service.report_loss(dataclasses.replace(req, kind=LossReportKind.FINAL))


def test_loss_report_with_reissue(engine: Engine, service: BusinessService) -> None:
    req = reissue_req(NO_PHOTO, ReissueReason.STOLEN, agent=AGENT)
    receipt = service.apply_reissue(req)
    assert receipt.loss_kind is LossReportKind.FINAL and receipt.reason is ReissueReason.STOLEN
    assert receipt.outlet is not None and receipt.outlet.code == "BJCY-02"
    assert receipt.pickup is not None and receipt.pickup.expected_date == dt.date(2026, 12, 11)
    assert receipt.materials == (
        Material.ORIGINAL_ID_CARD,
        Material.THIS_VOUCHER,
        Material.AGENT_ID_CARD,
        Material.PHOTO,
    )
    assert voucher_codes.verify(receipt.qr_payload, KEY).number == receipt.voucher_number
    assert status_of(engine, NO_PHOTO[2]) is CardStatus.LOST
    again = service.apply_reissue(req)
    assert again == dataclasses.replace(receipt, replayed=True)
    assert count(engine, m.Voucher) == 1


def test_damaged_card_replacement(engine: Engine, service: BusinessService) -> None:
    identified = service.identify_card(NORMAL[0], NORMAL[2])
    receipt = service.apply_reissue(reissue_req(reason=ReissueReason.DAMAGED))
    assert receipt.loss_kind is None and receipt.reason is ReissueReason.DAMAGED
    assert receipt.materials == materials_for(
        agent=False, photo_required=not identified.photo_on_file
    )
    assert receipt.materials == (Material.ORIGINAL_ID_CARD, Material.THIS_VOUCHER)
    assert status_of(engine, NORMAL[2]) is CardStatus.NORMAL  # works until the new one is out


def test_an_expired_card_can_be_replaced(service: BusinessService) -> None:
    assert service.apply_reissue(reissue_req(EXPIRED, ReissueReason.DAMAGED)).voucher_number


def test_cancel_a_temporary_loss_report(engine: Engine, service: BusinessService) -> None:
    identified = service.identify_card(TEMP_LOSS[0], TEMP_LOSS[2])
    req = CancellationRequest(new_key(), KIOSK.kiosk_id, identified.ssn, identified.card_number)
    receipt = service.cancel_loss_report(req)
    assert receipt.loss_kind is None and receipt.outlet is None and receipt.materials == ()
    assert status_of(engine, TEMP_LOSS[2]) is CardStatus.NORMAL
    assert service.cancel_loss_report(req).voucher_number == receipt.voucher_number
    other = dataclasses.replace(req, idempotency_key=new_key())
    assert refusal(service.cancel_loss_report, other) is Refusal.NOT_UNDER_TEMPORARY_LOSS


def test_submit_refusals(engine: Engine, service: BusinessService) -> None:
    service.apply_reissue(reissue_req(reason=ReissueReason.DAMAGED))
    assert refusal(service.apply_reissue, reissue_req()) is Refusal.REISSUE_UNDER_WAY
    damaged_temp = reissue_req(TEMP_LOSS, ReissueReason.DAMAGED)
    assert refusal(service.apply_reissue, damaged_temp) is Refusal.CARD_LOST
    set_status(engine, EXPIRED[2], CardStatus.CANCELLED)
    assert refusal(service.apply_reissue, reissue_req(EXPIRED)) is Refusal.CARD_CANCELLED
    unknown = ReissueRequest(
        new_key(), "BJCY01", UNKNOWN_SSN, "Z33010648", ReissueReason.LOST, "BJCY-01"
    )
    assert refusal(service.apply_reissue, unknown) is Refusal.NO_MATCH
    not_theirs = reissue_req((NO_PHOTO[0], "", TEMP_LOSS[2], ""))
    assert refusal(service.apply_reissue, not_theirs) is Refusal.CARD_UNKNOWN
    temp_again = LossReportRequest(new_key(), "BJCY01", TEMP_LOSS[0], LossReportKind.TEMPORARY)
    assert refusal(service.report_loss, temp_again) is Refusal.CARD_LOST


def test_database_failure_mid_submit_is_backend_offline_and_the_retry_records_once(
    engine: Engine, service: BusinessService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*_a: object, **_k: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    req = reissue_req(agent=AGENT)
    with monkeypatch.context() as patch:
        patch.setattr(AuditRepository, "append", unreachable)
        assert refusal(service.apply_reissue, req) is Refusal.BACKEND_OFFLINE
    assert count(engine, m.Transaction) == 0
    assert status_of(engine, NORMAL[2]) is CardStatus.NORMAL
    receipt = service.apply_reissue(req)  # the flow kept its key
    assert not receipt.replayed and count(engine, m.Transaction) == 1


def test_every_call_says_backend_offline_when_the_database_is_away(
    tmp_path: Path, audit_seal: AuditSeal
) -> None:
    away = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'kiosk.db'}")
    service = make_service(away, audit_seal, FakePrinter())
    calls = [
        (service.identify, NORMAL[0], NORMAL[1]),
        (service.identify_card, NORMAL[0], NORMAL[2]),
        (service.outlets,),
        (service.pickup_quote,),
        (service.lookup_code, code(SOME_NUMBER)),
        (service.lookup_person, NORMAL[0], NORMAL[1]),
        (
            service.reprint_self_service,
            SOME_NUMBER,
            "zh_CN",
            service.proofs.grant([SOME_NUMBER], ActorKind.ANONYMOUS, "x"),
        ),
        (service.apply_reissue, reissue_req()),
        (
            service.report_loss,
            LossReportRequest(new_key(), "BJCY01", NORMAL[0], LossReportKind.TEMPORARY),
        ),
        (
            service.cancel_loss_report,
            CancellationRequest(new_key(), "BJCY01", TEMP_LOSS[0], TEMP_LOSS[2]),
        ),
    ]
    for call, *args in calls:
        assert refusal(call, *args) is Refusal.BACKEND_OFFLINE, call
    # Printing says how it went instead: the voucher waits for a reprint.
    assert service.print_voucher(code(SOME_NUMBER), "zh_CN") is PrintOutcome.FAILED


# --- printing ------------------------------------------------------------------------------------


def test_print_voucher_renders_masked_data_and_records_the_print(
    engine: Engine, service: BusinessService, printer: FakePrinter, tmp_path: Path
) -> None:
    receipt = service.apply_reissue(reissue_req(NO_PHOTO, agent=AGENT))
    assert service.print_voucher(receipt.qr_payload, "en") is PrintOutcome.PRINTED
    (job,) = printer.jobs
    assert job.name == receipt.voucher_number
    text = pdf_text(job.pdf, tmp_path)
    for expected in (
        receipt.voucher_number,
        "Card receipt voucher",
        "Card lost",
        "4401**********0350",
        "陈*强",
        "G4*****29",
        "1101**********002X",  # the agent, masked
        "Wangjing Subdistrict",
        "One recent one-inch colour photo",
        "original and a photocopy",
        "household register",
        "reimbursed once, after review",
        "Free",
        "Fri 11 Dec 2026",
    ):
        assert expected in text, expected
    for secret in (NO_PHOTO[0], NO_PHOTO[2], NO_PHOTO[3], AGENT.id_number, AGENT.name):
        assert secret not in text
    assert "REPRINT" not in text
    with read_session(engine) as s:
        (row,) = s.scalars(sa.select(m.VoucherPrint))
        assert (row.reprint_no, row.actor_kind) == (0, ActorKind.AGENT)  # the agent was here


def test_print_in_chinese_uses_the_chinese_words(
    service: BusinessService, printer: FakePrinter, tmp_path: Path
) -> None:
    receipt = service.apply_reissue(reissue_req(reason=ReissueReason.DAMAGED))
    assert service.print_voucher(receipt.qr_payload, "zh_CN") is PrintOutcome.PRINTED
    text = pdf_text(printer.jobs[0].pdf, tmp_path)
    for expected in (
        "社会保障卡领卡凭证",
        "卡片损坏",
        "望京街道社会保障服务站",
        "领卡凭证",
        "免费",
    ):
        assert expected in text, expected
    assert "一寸" not in text  # the photo is on file
    assert "报销" not in text  # a damaged card was never reported lost: no loss period


def test_agent_relationship_prints_in_the_words_of_the_agent_screen(
    service: BusinessService, printer: FakePrinter, tmp_path: Path
) -> None:
    child = dataclasses.replace(AGENT, relationship="child")
    receipt = service.apply_reissue(reissue_req(NO_PHOTO, agent=child))
    for language, row in (("en", "Relationship Child"), ("zh_CN", "与持卡人关系 子女")):
        assert service.print_voucher(receipt.qr_payload, language) is PrintOutcome.PRINTED
        text = pdf_text(printer.jobs[-1].pdf, tmp_path)
        assert row in text, (language, text)
        assert "child" not in text  # never the stored code


def page_size(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sized.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))


@pytest.mark.parametrize(
    ("layout", "size"), [("receipt80", "226.772 x"), ("a4", "595.276 x 841.89 pts (A4)")]
)
def test_vouchers_and_statements_print_on_the_layout_given(
    engine: Engine,
    printer: FakePrinter,
    tmp_path: Path,
    layout: str,
    size: str,
    audit_seal: AuditSeal,
) -> None:
    service = make_service(engine, audit_seal, printer, layout=layout)
    receipt = service.apply_reissue(reissue_req())
    assert service.print_voucher(receipt.qr_payload, "zh_CN") is PrintOutcome.PRINTED
    # The statement comes out of the same printer, so it follows the same paper.
    assert service.print_statement(sample_records(), None, "en") is PrintOutcome.PRINTED
    voucher, statement = printer.jobs
    for job in (voucher, statement):
        assert size in page_size(job.pdf, tmp_path), job.name


def test_unknown_voucher_is_not_found(service: BusinessService) -> None:
    unknown = code(format_voucher_number("BJCY01", NOW.date(), 99))
    assert refusal(service.print_voucher, unknown, "en") is Refusal.VOUCHER_NOT_FOUND
    assert refusal(service.lookup_code, unknown) is Refusal.VOUCHER_NOT_FOUND
    assert refusal(service.lookup_code, "not a code") is Refusal.VOUCHER_CODE_INVALID


@pytest.mark.parametrize(
    ("printer", "outcome"),
    [
        (FakePrinter(Fault.OFFLINE), PrintOutcome.PRINTER_OFFLINE),
        (FakePrinter(Fault.NO_PAPER), PrintOutcome.OUT_OF_PAPER),
        (FakePrinter(paper=0), PrintOutcome.OUT_OF_PAPER),
        (FakePrinter(Fault.FAIL_MID_JOB), PrintOutcome.FAILED),
    ],
    ids=["offline", "no-paper", "roll-empty", "mid-job"],
)
def test_printer_failure_after_commit_keeps_the_transaction(
    engine: Engine,
    printer: FakePrinter,
    outcome: PrintOutcome,
    tmp_path: Path,
    audit_seal: AuditSeal,
) -> None:
    service = make_service(engine, audit_seal, printer)
    receipt = service.apply_reissue(reissue_req())
    assert service.print_voucher(receipt.qr_payload, "zh_CN") is outcome
    # The transaction stands; nothing says it was printed.
    assert status_of(engine, NORMAL[2]) is CardStatus.LOST
    assert count(engine, m.Voucher) == 1 and count(engine, m.VoucherPrint) == 0
    found = service.lookup_code(receipt.qr_payload)
    (status,) = found.vouchers
    assert status.self_reprint_available and status.progress is ReissueProgress.APPLIED
    # Paper back, printer fixed: the voucher comes out as the original, the reprint unused.
    printer.fault, printer.paper = Fault.NONE, None
    number = receipt.voucher_number
    assert service.reprint_self_service(number, "zh_CN", found.access) is PrintOutcome.PRINTED
    assert "补打" not in pdf_text(printer.jobs[-1].pdf, tmp_path)
    assert lookup(service, number).vouchers[0].self_reprint_available


def test_one_self_service_reprint(
    engine: Engine,
    service: BusinessService,
    printer: FakePrinter,
    tmp_path: Path,
    audit_seal: AuditSeal,
) -> None:
    req = LossReportRequest(new_key(), KIOSK.kiosk_id, NORMAL[0], LossReportKind.TEMPORARY)
    number = service.report_loss(req).voucher_number
    assert service.print_voucher(code(number), "zh_CN") is PrintOutcome.PRINTED
    found = lookup(service, number)
    assert found.vouchers[0].self_reprint_available
    assert service.reprint_self_service(number, "en", found.access) is PrintOutcome.PRINTED
    text = pdf_text(printer.jobs[-1].pdf, tmp_path)
    assert "REPRINT 1" in text and "self-service kiosk BJCY01" in text
    assert "Temporary loss report" in text
    assert not lookup(service, number).vouchers[0].self_reprint_available
    assert refusal(service.reprint_self_service, number, "en", found.access) is (
        Refusal.REPRINT_USED
    )
    assert len(printer.jobs) == 2
    with read_session(engine) as s:
        actions = [e.action for e in AuditRepository(s).for_transaction(req.idempotency_key)]
        assert verify_audit_chains(s, seal=audit_seal, anchor=audit_seal.anchor).problems == []
    assert actions == ["loss_report.recorded", "voucher.printed", "voucher.reprinted"]


def test_a_failed_reprint_does_not_use_it_up(
    service: BusinessService, printer: FakePrinter
) -> None:
    number = service.apply_reissue(reissue_req()).voucher_number
    service.print_voucher(code(number), "zh_CN")
    access = lookup(service, number).access
    printer.fault = Fault.OFFLINE
    assert service.reprint_self_service(number, "zh_CN", access) is PrintOutcome.PRINTER_OFFLINE
    printer.fault = Fault.NONE
    assert service.reprint_self_service(number, "zh_CN", access) is PrintOutcome.PRINTED
    assert refusal(service.reprint_self_service, number, "zh_CN", access) is Refusal.REPRINT_USED


def test_pdf_printer_writes_the_voucher(
    engine: Engine, tmp_path: Path, audit_seal: AuditSeal
) -> None:
    out = tmp_path / "prints"
    out.mkdir()
    service = make_service(engine, audit_seal, PdfPrinter(out))
    number = service.cancel_loss_report(
        CancellationRequest(new_key(), "BJCY01", TEMP_LOSS[0], TEMP_LOSS[2])
    ).voucher_number
    assert service.print_voucher(code(number), "zh_CN") is PrintOutcome.PRINTED
    (written,) = out.glob("*.pdf")
    assert written.name.startswith(number)
    text = pdf_text(written.read_bytes(), tmp_path)
    assert "社会保障卡解挂回执" in text and "卡片已找回" in text
    offline = make_service(engine, audit_seal, PdfPrinter(tmp_path / "no-such-folder"))
    assert offline.print_voucher(code(number), "zh_CN") is PrintOutcome.PRINTER_OFFLINE


class _BrokenPrinter(Printer):
    """A driver whose status query itself blows up."""

    def status(self) -> PrinterStatus:
        raise OSError("lost the USB device")

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        raise OSError("lost the USB device")


def test_printer_status_never_raises(engine: Engine, audit_seal: AuditSeal) -> None:
    assert make_service(engine, audit_seal, FakePrinter()).printer_status().ready
    offline = make_service(engine, audit_seal, FakePrinter(Fault.OFFLINE)).printer_status()
    assert offline.state is PrinterState.OFFLINE
    broken = make_service(engine, audit_seal, _BrokenPrinter())
    assert broken.printer_status().state is PrinterState.ERROR
    number = broken.apply_reissue(reissue_req()).voucher_number
    assert broken.print_voucher(code(number), "en") is PrintOutcome.FAILED


# --- voucher lookup ------------------------------------------------------------------------------


def test_lookup_person_lists_their_vouchers_newest_first(
    engine: Engine, service: BusinessService
) -> None:
    assert service.lookup_person(NORMAL[0], NORMAL[1]).vouchers == ()
    times = iter(NOW + dt.timedelta(minutes=i) for i in range(10))
    service.context.clock = lambda: next(times)
    report = LossReportRequest(new_key(), "BJCY01", NORMAL[0], LossReportKind.TEMPORARY)
    first = service.report_loss(report).voucher_number
    second = service.cancel_loss_report(
        CancellationRequest(new_key(), "BJCY01", NORMAL[0], NORMAL[2])
    ).voucher_number
    third = service.apply_reissue(reissue_req(reason=ReissueReason.DAMAGED)).voucher_number
    lookup = service.lookup_person(NORMAL[0], NORMAL[1])
    found = lookup.vouchers
    assert [v.voucher_number for v in found] == [third, second, first]
    assert lookup.access.numbers == (third, second, first)
    assert lookup.access.actor_kind is ActorKind.CITIZEN
    assert lookup.access.actor == "1101**********0173"
    assert [v.kind for v in found] == ["card_receipt", "cancellation_receipt", "loss_receipt"]
    assert found[0].progress is ReissueProgress.APPLIED and found[1].progress is None
    assert found[0].outlet is not None and found[0].expected_pickup_date is not None
    assert all(v.masked_name == "王*明" for v in found)
    assert service.lookup_person(TEMP_LOSS[0], TEMP_LOSS[1]).vouchers == ()


# --- privacy (S1) --------------------------------------------------------------------------------


def test_no_personal_data_in_logs_or_errors(
    engine: Engine, caplog: pytest.LogCaptureFixture, tmp_path: Path, audit_seal: AuditSeal
) -> None:
    printer = FakePrinter()
    service = make_service(engine, audit_seal, printer)
    errors: list[str] = []

    def attempt(call: object, *args: object) -> object:
        try:
            return call(*args)  # type: ignore[operator]
        except Exception as exc:
            errors.append(f"{exc!s} {exc!r}")
            return None

    with caplog.at_level(logging.DEBUG):
        identified = service.identify(NO_PHOTO[0], NO_PHOTO[1])
        attempt(service.identify, NO_PHOTO[0], "13000000000")
        attempt(service.identify, UNKNOWN_SSN, UNKNOWN_MOBILE)
        receipt = service.apply_reissue(
            reissue_req(NO_PHOTO, ReissueReason.LOST, agent=AGENT, outlet="BJCY-01")
        )
        attempt(service.apply_reissue, reissue_req(NO_PHOTO))
        service.print_voucher(receipt.qr_payload, "zh_CN")
        access = service.lookup_code(receipt.qr_payload).access
        service.reprint_self_service(receipt.voucher_number, "en", access)
        attempt(service.reprint_self_service, receipt.voucher_number, "en", access)
        service.lookup_person(NO_PHOTO[0], NO_PHOTO[1])
        card = service.identify_card(TEMP_LOSS[0], TEMP_LOSS[2])
        service.cancel_loss_report(
            CancellationRequest(new_key(), "BJCY01", card.ssn, card.card_number)
        )
        attempt(
            service.cancel_loss_report,
            CancellationRequest(new_key(), "BJCY01", card.ssn, card.card_number),
        )
        printer.fault = Fault.FAIL_MID_JOB
        attempt(service.print_voucher, receipt.qr_payload, "zh_CN")
    assert len(errors) == 6
    written = "\n".join(r.getMessage() for r in caplog.records) + "\n".join(errors)
    written += repr(identified) + repr(card) + repr(receipt)
    assert "business.identify" in written  # the events are there
    secrets = [*NO_PHOTO, *TEMP_LOSS, UNKNOWN_SSN, UNKNOWN_MOBILE, AGENT.id_number, AGENT.name]
    for secret in secrets:
        assert secret not in written, secret
    with read_session(engine) as s:
        for entry in AuditRepository(s).entries():
            stored = entry.actor + str(entry.detail)
            for secret in secrets:
                assert secret not in stored, (entry.action, secret)

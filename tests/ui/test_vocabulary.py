"""Screen and paper say the same words (issue 9, points 9 and 10).

Each term of kiosk.domain.vocabulary that a screen shows and a voucher or the records statement
prints is read off the real screen and out of the real PDF (vouchers printed by the business
service from a seeded database, the statement rendered from the records the screen shows), in
both languages: the screen must show the term and the paper must print it. A term added to the
vocabulary must be checked here, or named as shown on one side only. And no screen may
translate a term in the Qt catalogue into other words than the vocabulary's.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import subprocess
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import Engine
from ui_helpers import make

from drivers.printers.fake import FakePrinter
from kiosk.demo import business_samples as samples
from kiosk.demo.report_samples import sample_records
from kiosk.domain import vocabulary
from kiosk.domain.business import (
    Business,
    CancellationRequest,
    Material,
    ReissueRequest,
)
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import (
    Agent,
    LossReportKind,
    LossReportRequest,
    ReissueReason,
    Relationship,
    VoucherKind,
)
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    Enrolment,
    EnrolmentStatus,
    InjuryAssessment,
    InsuranceType,
    PersonalAccount,
)
from kiosk.domain.session import Records
from kiosk.domain.statement_data import StatementData
from kiosk.domain.voucher_data import KioskInfo
from kiosk.flows.business import BStep
from kiosk.reports.statement import render_statement
from kiosk.services.business import BusinessService
from kiosk.store.db import create_engine
from kiosk.store.seal import AnchorLog, AuditSeal
from kiosk.ui.i18n import translations_dir
from kiosk.ui.screens.agent import AgentScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screens.materials import MaterialsScreen
from kiosk.ui.screens.pickup import PickupScreen
from kiosk.ui.screens.receipt import ReceiptScreen
from kiosk.ui.screens.records import RecordsScreen
from kiosk.ui.screens.review import ReviewScreen

LANGUAGES = ("zh_CN", "en")
KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
# Demo cardholders (ID number, mobile); the one of NO_PHOTO has no ID photo on file.
NORMAL = ("110105198506120173", "13810245678")
NO_PHOTO = ("440106197811230350", "13902205566")
PIN_LAST_TRY = ("310104199003080267", "13601873344")
EXPIRED = ("42010619561001013X", "13707151122")
UNREADABLE = ("510107196907300229", "18980024455")
TEMP_LOSS = ("650102198304150514", "13899107788")

# Terms one side alone shows today: the card's state and a new card's progress are never
# printed; a final loss report alone and "card found" are never shown before printing.
SCREEN_ONLY = {"CARD_STATUSES", "PROGRESS"}
PAPER_ONLY = {"BUSINESSES.FINAL_REPORT", "CARD_FOUND"}


def all_terms() -> dict[str, vocabulary.Term]:
    """Every fixed term of the vocabulary by name: "FEE", "BUSINESSES.FINAL"."""
    terms: dict[str, vocabulary.Term] = {}
    for name, value in vars(vocabulary).items():
        if isinstance(value, vocabulary.Term):
            terms[name] = value
        elif isinstance(value, dict):
            for key, term in value.items():
                if isinstance(term, vocabulary.Term):
                    terms[f"{name}.{key.name}"] = term
    return terms


def name_of(term: vocabulary.Term) -> str:
    # The first name is the one shown: MATERIALS.THIS_VOUCHER is VOUCHER_KINDS.CARD_RECEIPT.
    return next((name for name, t in all_terms().items() if t is term), repr(term.en))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text in drawing order, squashed: a value that wraps stays together."""
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return squash(done.stdout.decode("utf-8"))


# Paper: every business recorded and printed by the business service ---------------------------


@pytest.fixture(scope="module")
def vouchers(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory, sqlite_factory
) -> Iterator[dict[tuple[str, str], str]]:
    """(business, language) -> the text of its voucher. The agents give every relationship."""
    folder = tmp_path_factory.mktemp("vocabulary")
    engine: Engine = create_engine(sqlite_factory.new("demo", folder, NOW.date()))
    printer = FakePrinter()
    seal = AuditSeal(secrets.token_bytes(32), AnchorLog(folder / "audit-anchor.log"))
    service = BusinessService(
        engine, KIOSK, signing_key=b"k", audit_seal=seal, printer=printer, clock=lambda: NOW
    )

    def agent(relationship: Relationship) -> Agent:
        return Agent("110108197707079319", "王建国", relationship.value)

    def card(who: tuple[str, str]) -> tuple[str, str]:
        identified = service.identify(*who)
        return identified.ssn, identified.card_number

    def reissue(who, reason, relationship: Relationship) -> str:
        ssn, number = card(who)
        request = ReissueRequest(
            uuid.uuid4().hex, "BJCY01", ssn, number, reason, "BJCY-02", agent(relationship)
        )
        return service.apply_reissue(request).qr_payload

    ssn, number = card(NORMAL)
    temporary = LossReportRequest(
        uuid.uuid4().hex,
        "BJCY01",
        ssn,
        LossReportKind.TEMPORARY,
        card_number=number,
        agent=agent(Relationship.SPOUSE),
    )
    ssn, number = card(TEMP_LOSS)
    payloads = {
        "temporary": service.report_loss(temporary).qr_payload,
        "lost": reissue(NO_PHOTO, ReissueReason.LOST, Relationship.PARENT),
        "stolen": reissue(PIN_LAST_TRY, ReissueReason.STOLEN, Relationship.CHILD),
        "damaged": reissue(EXPIRED, ReissueReason.DAMAGED, Relationship.RELATIVE),
        "other": reissue(UNREADABLE, ReissueReason.LOST, Relationship.OTHER),
        "cancel": service.cancel_loss_report(
            CancellationRequest(uuid.uuid4().hex, "BJCY01", ssn, number)
        ).qr_payload,
    }
    texts = {}
    for business, payload in payloads.items():
        for language in LANGUAGES:
            service.print_voucher(payload, language)  # type: ignore[arg-type]
            texts[business, language] = pdf_text(printer.jobs[-1].pdf, folder)
    yield texts
    engine.dispose()


# Which voucher's agent gave which relationship, and what each voucher records.
RELATIONSHIP_OF = {
    "temporary": Relationship.SPOUSE,
    "lost": Relationship.PARENT,
    "stolen": Relationship.CHILD,
    "damaged": Relationship.RELATIVE,
    "other": Relationship.OTHER,
}
BUSINESS_OF = {
    "temporary": Business.TEMPORARY,
    "lost": Business.FINAL,
    "stolen": Business.FINAL,
    "cancel": Business.CANCEL,
    "damaged": Business.DAMAGED,
}
KIND_OF = {
    "temporary": VoucherKind.LOSS_RECEIPT,
    "cancel": VoucherKind.CANCELLATION_RECEIPT,
    "lost": VoucherKind.CARD_RECEIPT,
}


class Agreement:
    """Checks terms one at a time in one language, and remembers which it checked."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.checked: set[str] = set()

    def __call__(
        self, term: vocabulary.Term, on_screen: str, on_paper: str, *, within: bool = False
    ) -> None:
        """The screen shows `term` (or, `within`, a text with it inside) and the paper too."""
        word = term.in_language(self.language)
        name = name_of(term)
        shown = word in on_screen if within else on_screen == word
        assert shown, f"{name}: the screen shows {on_screen!r}, not {word!r}"
        assert squash(word) in on_paper, f"{name}: {word!r} is not on paper"
        self.checked.add(name)


def label_text(screen, object_name: str) -> str:
    label = screen.findChild(QLabel, object_name)
    assert label is not None, object_name
    return label.text()


def check_business_screens(qtbot, agree: Agreement, vouchers) -> None:
    """Review (business, reason, labels) and agent screens against every business's voucher."""
    language = agree.language
    review = make(qtbot, ReviewScreen)
    for business, kind in BUSINESS_OF.items():
        paper = vouchers[business, language]
        review.show_view(samples.view(business, BStep.REVIEW, as_agent=business != "cancel"))
        agree(vocabulary.BUSINESSES[kind], review.business.text(), paper)
        rows = {label: value for label, value, _ in review.rows()}
        labels = [vocabulary.CARDHOLDER]
        if kind is not Business.CANCEL:  # the screen names no reason to cancel
            reason = vocabulary.reason(kind, samples.view(business, BStep.REVIEW).reissue_reason)
            agree(reason, rows[vocabulary.REASON.in_language(language)], paper)
            labels += [vocabulary.REASON, vocabulary.AGENT]
        for label in labels:
            word = label.in_language(language)
            agree(label, word if word in rows else f"no row {word!r} in {list(rows)}", paper)
    # Every relationship the agent screen offers prints in its words, never as the stored code.
    agent_screen = make(qtbot, AgentScreen)
    for business, relationship in RELATIONSHIP_OF.items():
        paper = vouchers[business, language]
        shown = agent_screen.relationship_buttons[relationship.value].text()
        agree(vocabulary.RELATIONSHIPS[relationship], shown, paper)
        for row in ("与持卡人关系", "Relationship"):  # the voucher's relationship row
            assert f"{row}{relationship.value}" not in paper


def check_pickup_and_materials(qtbot, agree: Agreement, vouchers) -> None:
    """The materials, pickup and receipt screens against a card receipt voucher."""
    paper = vouchers["lost", agree.language]  # an agent acted, and no ID photo is on file
    materials = make(qtbot, MaterialsScreen)
    materials.show_view(samples.view("lost", BStep.MATERIALS, as_agent=True, photo_on_file=False))
    assert materials.shown_materials == tuple(Material)
    for material in Material:
        title = label_text(materials, f"materialTitle_{material.value}")  # "1. ..."
        agree(vocabulary.MATERIALS[material], title, paper, within=True)
    agree(vocabulary.HOUSEHOLD_REGISTER, materials.id_note.text(), paper)
    agree(vocabulary.MEDICAL_REIMBURSEMENT, materials.medical.text.text(), paper)

    pickup = make(qtbot, PickupScreen)
    pickup.show_view(samples.view("lost", BStep.PICKUP))
    agree(vocabulary.PICKUP_DATE, pickup.date_label.text(), paper)
    agree(vocabulary.PICKUP_OUTLET, pickup.outlet_label.text(), paper)
    agree(vocabulary.FEE, pickup.fee_label.text(), paper)
    agree(vocabulary.FREE, pickup.fee_value.text(), paper)

    receipt = make(qtbot, ReceiptScreen)
    receipt.show_view(samples.receipt_view("lost"))
    agree(vocabulary.VOUCHER_NUMBER, receipt.number_label.text(), paper)


def check_voucher_lookup(qtbot, agree: Agreement, vouchers) -> None:
    """Voucher lookup names each kind of voucher as the voucher's title does."""
    screen = make(qtbot, LookupResultScreen)
    found = samples.voucher_statuses()[0]
    for business, kind in KIND_OF.items():
        screen.show_view(samples.lookup_result_view(results=(replace(found, kind=kind.value),)))
        shown = label_text(screen, "lookupResultKind0")
        agree(vocabulary.VOUCHER_KINDS[kind], shown, vouchers[business, agree.language])


def every_state_records() -> Records:
    """The sample records with every insurance state, both accounts and both assessment kinds,
    one graded and one not."""
    since = dt.date(2016, 1, 1)
    states = list(EnrolmentStatus)
    updated = dt.datetime(2026, 11, 1, 2, 0, tzinfo=CHINA_TZ)
    return replace(
        sample_records(),
        enrolments=tuple(
            Enrolment(kind, states[i % len(states)], since, None)
            for i, kind in enumerate(InsuranceType)
        ),
        accounts=tuple(
            PersonalAccount(kind, 100_000, 2026, 10_000, 0, updated) for kind in AccountType
        ),
        injuries=(
            InjuryAssessment(AssessmentKind.WORK_INJURY, dt.date(2019, 9, 12), 7, "左手食指"),
            InjuryAssessment(
                AssessmentKind.OCCUPATIONAL_DISEASE, dt.date(2021, 3, 2), None, "尘肺"
            ),
        ),
    )


def check_records(qtbot, agree: Agreement, tmp_path: Path) -> None:
    """The records screen against the statement of the same records."""
    language = agree.language
    records = every_state_records()
    assert {e.status for e in records.enrolments} == set(EnrolmentStatus)
    statement = StatementData.from_records(records, KIOSK, NOW, language, None)  # type: ignore[arg-type]
    paper = pdf_text(render_statement(statement, "receipt80"), tmp_path)
    screen = make(qtbot, RecordsScreen)
    screen.show_records(records)
    for e in records.enrolments:
        kind = e.insurance_type.value
        agree(
            vocabulary.INSURANCE_TYPES[e.insurance_type],
            label_text(screen, f"insurance_{kind}"),
            paper,
        )
        status = label_text(screen, f"insuranceStatus_{kind}")
        agree(vocabulary.ENROLMENT_STATUSES[e.status], status, paper)
    for kind in AccountType:
        agree(
            vocabulary.ACCOUNT_TYPES[kind], label_text(screen, f"accountTitle_{kind.value}"), paper
        )
    agree(vocabulary.INJURY_ASSESSMENTS, screen.injury_title.text(), paper)
    # Each assessment: its kind as the heading, then "label: value" lines.
    shown = "\n".join(
        label.text() for label in screen.injury_rows.parentWidget().findChildren(QLabel)
    )
    lines = shown.splitlines()
    for kind in AssessmentKind:
        agree(vocabulary.ASSESSMENT_KINDS[kind], shown, paper, within=True)
        assert vocabulary.ASSESSMENT_KINDS[kind].in_language(language) in lines
    grade = vocabulary.disability_grade(7)
    agree(grade, shown, paper, within=True)
    for label in (vocabulary.ASSESSED_ON, vocabulary.DISABILITY_GRADE):
        agree(label, shown, paper, within=True)
    separator = "：" if language == "zh_CN" else ": "
    graded = vocabulary.DISABILITY_GRADE.in_language(language) + separator
    assert graded + grade.in_language(language) in lines
    agree(vocabulary.NO_DISABILITY_GRADE, shown, paper, within=True)
    assert vocabulary.NO_DISABILITY_GRADE.in_language(language) in lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_screens_and_paper_agree_on_every_term(
    qtbot, translations, vouchers, tmp_path, language
) -> None:
    translations.set_language(language)
    agree = Agreement(language)
    check_business_screens(qtbot, agree, vouchers)
    check_pickup_and_materials(qtbot, agree, vouchers)
    check_voucher_lookup(qtbot, agree, vouchers)
    check_records(qtbot, agree, tmp_path)
    # A term added to the vocabulary is checked here too, or said to be on one side only.
    shared = {
        name
        for name in all_terms()
        if name not in PAPER_ONLY and name.split(".")[0] not in SCREEN_ONLY
    }
    shared.discard("MATERIALS.THIS_VOUCHER")  # the very term VOUCHER_KINDS.CARD_RECEIPT
    assert shared - agree.checked == set()


# The catalogue ---------------------------------------------------------------------------------


def test_no_screen_translates_a_term_into_other_words() -> None:
    """A screen that still says a term through self.tr() must say it as the vocabulary does."""
    by_english = {term.en: (name, term) for name, term in all_terms().items()}
    tree = ET.parse(translations_dir() / "kiosk_zh_CN.ts")
    wrong = []
    for context in tree.getroot():
        for message in context.findall("message"):
            source = message.findtext("source")
            if source in by_english:
                name, term = by_english[source]
                translation = message.findtext("translation")
                if translation != term.zh_CN:
                    wrong.append(
                        f"{context.findtext('name')}: {source!r} -> {translation!r}, "
                        f"but {name} is {term.zh_CN!r}"
                    )
    assert wrong == []

"""Sample business views for the outlet, materials, pickup date, review, confirm, receipt and
refusal screens, without a back end: the made-up pensioner of kiosk.ui.screens.samples, the
demo outlets of kiosk.store.seed, a pickup quote, and receipts whose QR payload is signed with a
sample key the way the business service signs it. Used by the UI tests, the preview and the
tour. Everything meant for a screen is masked as the business service masks it (S2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from drivers.printers.base import PrinterState, PrinterStatus
from kiosk.domain.business import (
    BusinessReceipt,
    Identified,
    PickupQuote,
    PrintOutcome,
    Refusal,
    materials_for,
)
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import Agent, LossReportKind, ReissueReason
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import CardStatus, Outlet
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.business import BStep, BusinessView, Choice, Purpose
from kiosk.services.voucher_codes import sign
from kiosk.store.seed import DEMO_OUTLETS
from kiosk.ui.screens import samples

KIOSK_ID = "BJCY01"
SAMPLE_KEY = b"sample voucher key: for screenshots only"
ISSUED_AT = dt.datetime(2025, 11, 3, 10, 24, tzinfo=CHINA_TZ)
PICKUP_DATE = dt.date(2025, 11, 24)  # 15 working days after 3 Nov 2025
ABOUT_DATE = dt.date(2027, 1, 22)  # past the published holiday calendar
AGENT_NAME = "李秀英"
AGENT_SSN = "110105198709234525"

_BUSINESS = {
    "temporary": (Purpose.LOSS_REPORT, Choice.TEMPORARY),
    "lost": (Purpose.LOSS_REPORT, Choice.LOST),
    "stolen": (Purpose.LOSS_REPORT, Choice.STOLEN),
    "cancel": (Purpose.CANCEL_LOSS, None),
    "damaged": (Purpose.REPLACE_DAMAGED, None),
}
BUSINESSES = tuple(_BUSINESS)  # temporary, lost, stolen, cancel, damaged
REISSUES = ("lost", "stolen", "damaged")


def outlets() -> tuple[Outlet, ...]:
    """The demo outlets that hand out cards, as the business service lists them."""
    every = tuple(Outlet(**outlet) for outlet in DEMO_OUTLETS)
    return tuple(o for o in every if o.issues_cards)


def identified(status: CardStatus = CardStatus.NORMAL, *, photo_on_file: bool = True) -> Identified:
    return Identified(
        ssn=samples.SSN,
        card_number=samples.CARD_NUMBER,
        masked_name=mask_name(samples.NAME),
        masked_ssn=mask_id_number(samples.SSN),
        masked_card_number=mask_card_number(samples.CARD_NUMBER),
        card_status=status,
        photo_on_file=photo_on_file,
    )


def agent() -> Agent:
    return Agent(id_number=AGENT_SSN, name=AGENT_NAME, relationship="spouse")


def quote(*, exact: bool = True, fee_fen: int = 0) -> PickupQuote:
    return PickupQuote(
        expected_date=PICKUP_DATE if exact else ABOUT_DATE,
        exact=exact,
        working_days=15,
        fee_fen=fee_fen,
    )


def steps(purpose: Purpose, choice: Choice | None, *, as_agent: bool = False) -> tuple[BStep, ...]:
    """The path the step bar shows, as kiosk.flows.business builds it."""
    tail = (BStep.REVIEW, BStep.CONFIRM, BStep.RECEIPT)
    reissue = (BStep.OUTLET, BStep.MATERIALS, BStep.PICKUP)
    if purpose is Purpose.CANCEL_LOSS:
        return tail
    if purpose is Purpose.REPLACE_DAMAGED:
        return reissue + tail
    path = [BStep.IDENTIFY]
    if as_agent:
        path.append(BStep.AGENT)
    path.append(BStep.WHAT_HAPPENED)
    if choice in (Choice.LOST, Choice.STOLEN):
        path.extend(reissue)
    return (*path, *tail)


def view(
    business: str,
    step: BStep,
    *,
    as_agent: bool = False,
    photo_on_file: bool = True,
    chosen: bool = True,
    exact: bool = True,
    fee_fen: int = 0,
    busy: bool = False,
) -> BusinessView:
    """A view of `business` ("temporary", "lost", "stolen", "cancel", "damaged") at `step`,
    with everything chosen up to there."""
    purpose, choice = _BUSINESS[business]
    person = identified(
        CardStatus.TEMPORARY_LOSS if business == "cancel" else CardStatus.NORMAL,
        photo_on_file=photo_on_file,
    )
    reissue = business in REISSUES
    choices = outlets() if reissue else ()
    return BusinessView(
        purpose=purpose,
        step=step,
        steps=steps(purpose, choice, as_agent=as_agent),
        busy=busy,
        as_agent=as_agent,
        identified=person,
        agent=agent() if as_agent else None,
        choice=choice,
        outlets=choices,
        outlet=choices[1] if reissue and chosen else None,
        quote=quote(exact=exact, fee_fen=fee_fen) if reissue else None,
        materials=materials_for(agent=as_agent, photo_required=not photo_on_file)
        if reissue
        else (),
        idempotency_key="sample-key" if step in (BStep.CONFIRM, BStep.RECEIPT) else None,
    )


def voucher_number(seq: int = 17) -> str:
    return format_voucher_number(KIOSK_ID, ISSUED_AT.date(), seq)


def receipt(business: str, *, exact: bool = True, replayed: bool = False) -> BusinessReceipt:
    """What a submit of `business` records, with its signed QR payload."""
    number = voucher_number(17 if business in REISSUES else 16)
    reason = {
        "lost": ReissueReason.LOST,
        "stolen": ReissueReason.STOLEN,
        "damaged": ReissueReason.DAMAGED,
    }.get(business)
    loss_kind = {
        "temporary": LossReportKind.TEMPORARY,
        "lost": LossReportKind.FINAL,
        "stolen": LossReportKind.FINAL,
    }.get(business)
    reissue = business in REISSUES
    return BusinessReceipt(
        idempotency_key="sample-key",
        voucher_number=number,
        qr_payload=sign(number, SAMPLE_KEY),
        issued_at=ISSUED_AT,
        loss_kind=loss_kind,
        reason=reason,
        outlet=outlets()[1] if reissue else None,
        pickup=quote(exact=exact) if reissue else None,
        materials=materials_for(agent=False, photo_required=False) if reissue else (),
        replayed=replayed,
    )


def confirm_view(business: str, *, printer_ready: bool = True, busy: bool = False) -> BusinessView:
    status = (
        PrinterStatus(PrinterState.READY)
        if printer_ready
        else PrinterStatus(PrinterState.NO_PAPER, "media-empty")
    )
    return replace(view(business, BStep.CONFIRM, busy=busy), printer=status)


def receipt_view(
    business: str, outcome: PrintOutcome | None = PrintOutcome.PRINTED, *, exact: bool = True
) -> BusinessView:
    return replace(
        view(business, BStep.RECEIPT, exact=exact),
        receipt=receipt(business, exact=exact),
        print_outcome=outcome,
        printer=PrinterStatus(PrinterState.READY),
    )


def refused_view(refusal: Refusal) -> BusinessView:
    purpose = {
        Refusal.NOT_UNDER_TEMPORARY_LOSS: Purpose.CANCEL_LOSS,
        Refusal.REPRINT_USED: Purpose.VOUCHER_LOOKUP,
        Refusal.VOUCHER_NOT_FOUND: Purpose.VOUCHER_LOOKUP,
    }.get(refusal, Purpose.LOSS_REPORT)
    return BusinessView(
        purpose=purpose,
        step=BStep.REFUSED,
        steps=steps(purpose, None),
        refusal=refusal,
        attempts_left=0 if refusal is Refusal.TOO_MANY_ATTEMPTS else 3,
    )


def shots() -> list[tuple[str, str, BusinessView]]:
    """(shot name, screen name, view) for every state worth looking at: each screen, each
    business, each print outcome, each refusal."""
    out: list[tuple[str, str, BusinessView]] = [
        ("outlet", "outlet", view("lost", BStep.OUTLET, chosen=False)),
        ("outlet-chosen", "outlet", view("lost", BStep.OUTLET)),
        ("outlet-damaged", "outlet", view("damaged", BStep.OUTLET)),
        ("materials", "materials", view("lost", BStep.MATERIALS)),
        (
            "materials-agent-photo",
            "materials",
            view("lost", BStep.MATERIALS, as_agent=True, photo_on_file=False),
        ),
        ("pickup", "pickup", view("lost", BStep.PICKUP)),
        ("pickup-about-fee", "pickup", view("stolen", BStep.PICKUP, exact=False, fee_fen=2000)),
        ("pickup-damaged", "pickup", view("damaged", BStep.PICKUP)),
    ]
    for business in BUSINESSES:
        out.append((f"review-{business}", "review", view(business, BStep.REVIEW)))
    out.append(("review-lost-agent", "review", view("lost", BStep.REVIEW, as_agent=True)))
    for business in BUSINESSES:
        out.append((f"confirm-{business}", "confirm", confirm_view(business)))
    out.append(("confirm-printer-warning", "confirm", confirm_view("lost", printer_ready=False)))
    out.append(("confirm-busy", "confirm", confirm_view("temporary", busy=True)))
    for business in BUSINESSES:
        out.append((f"receipt-{business}", "receipt", receipt_view(business)))
    out.append(("receipt-printing", "receipt", receipt_view("lost", None)))
    for outcome in (PrintOutcome.OUT_OF_PAPER, PrintOutcome.PRINTER_OFFLINE, PrintOutcome.FAILED):
        out.append((f"receipt-{outcome.value}", "receipt", receipt_view("lost", outcome)))
    out.append(
        ("receipt-temporary-failed", "receipt", receipt_view("temporary", PrintOutcome.FAILED))
    )
    out.append(("receipt-about", "receipt", receipt_view("damaged", exact=False)))
    for refusal in Refusal:
        out.append((f"refused-{refusal.value}", "refused", refused_view(refusal)))
    return out

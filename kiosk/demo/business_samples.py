"""Sample BusinessViews for every business screen, to look at them without a back end: the demo
cardholder of assets/cards/normal.json (made up; his ID number only passes the check
character), someone reporting for him, the demo outlets of kiosk.demo.seed, a pickup quote,
receipts whose QR payload is signed with a sample key the way the business service signs it,
and vouchers to look up. Used by the UI tests and the preview. Only the `Identified` values a
submit needs are unmasked; everything meant for a screen is masked the way the business
service masks it (S2)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.demo.seed import DEMO_OUTLETS
from kiosk.domain.business import (
    BusinessReceipt,
    Identified,
    PickupQuote,
    PrintOutcome,
    Refusal,
    VoucherStatus,
    materials_for,
)
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.devices import PrinterState, PrinterStatus
from kiosk.domain.journal import Agent, LossReportKind, ReissueProgress, ReissueReason, VoucherKind
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import CardStatus
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.business import BStep, BusinessView, Choice, Purpose
from kiosk.services.voucher_codes import VoucherCodes, VoucherContent

# The demo card (assets/cards/normal.json).
NAME = "王晓明"
SSN = "110105198506120173"
CARD_NUMBER = "A1052103X"
MOBILE = "13810245678"
# Someone reporting for him: his wife (made up too; the ID number passes its check).
AGENT_NAME = "李秀英"
AGENT_SSN = "110105198709234525"
KIOSK_ID = "BJCY01"
SAMPLE_KEY = b"sample voucher key: for screenshots only"
# The receipts' codes are signed as the kiosk signs them (SSK2, Ed25519), with a key made from a
# fixed seed so the screenshots are the same on every run.
SAMPLE_CODES = VoucherCodes(
    private=Ed25519PrivateKey.from_private_bytes(hashlib.sha256(SAMPLE_KEY).digest())
)

# The demo outlets that hand out cards, as the business service lists them.
OUTLETS = tuple(outlet for outlet in DEMO_OUTLETS if outlet.issues_cards)

ISSUED_AT = dt.datetime(2025, 11, 3, 10, 24, tzinfo=CHINA_TZ)
PICKUP_DATE = dt.date(2025, 11, 24)  # 15 working days after 3 Nov 2025
ABOUT_DATE = dt.date(2027, 1, 22)  # past the published holiday calendar
CARD_VOUCHER = format_voucher_number(KIOSK_ID, ISSUED_AT.date(), 17)
LOSS_VOUCHER = format_voucher_number(KIOSK_ID, dt.date(2025, 10, 28), 5)

_BUSINESS = {
    "temporary": (Purpose.LOSS_REPORT, Choice.TEMPORARY),
    "lost": (Purpose.LOSS_REPORT, Choice.LOST),
    "stolen": (Purpose.LOSS_REPORT, Choice.STOLEN),
    "cancel": (Purpose.CANCEL_LOSS, None),
    "damaged": (Purpose.REPLACE_DAMAGED, None),
}
BUSINESSES = tuple(_BUSINESS)  # temporary, lost, stolen, cancel, damaged
REISSUES = ("lost", "stolen", "damaged")


def identified(
    status: CardStatus = CardStatus.NORMAL,
    *,
    by_card: bool = False,
    photo_on_file: bool = True,
    reissue_under_way: bool = False,
) -> Identified:
    """The demo cardholder as the business service identifies him."""
    return Identified(
        ssn=SSN,
        card_number=CARD_NUMBER,
        masked_name=mask_name(NAME),
        masked_ssn=mask_id_number(SSN),
        masked_card_number=mask_card_number(CARD_NUMBER),
        card_status=status,
        photo_on_file=photo_on_file,
        by_card=by_card,
        reissue_under_way=reissue_under_way,
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


def steps(
    purpose: Purpose, choice: Choice | None = None, *, as_agent: bool = False
) -> tuple[BStep, ...]:
    """The path the step bar shows, as kiosk.flows.business builds it."""
    if purpose is Purpose.VOUCHER_LOOKUP:
        return (BStep.LOOKUP, BStep.LOOKUP_RESULT)
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


# Identify, agent, what happened ---------------------------------------------------------------


def identify_view(
    *,
    error: bool = False,
    attempts_left: int | None = None,
    as_agent: bool = False,
    busy: bool = False,
) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.IDENTIFY,
        steps=steps(Purpose.LOSS_REPORT, as_agent=as_agent),
        busy=busy,
        as_agent=as_agent,
        identify_error=Refusal.NO_MATCH if error else None,
        attempts_left=attempts_left,
    )


def agent_view(*, busy: bool = False) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.AGENT,
        steps=steps(Purpose.LOSS_REPORT, as_agent=True),
        busy=busy,
        as_agent=True,
        identified=identified(),
    )


def what_happened_view(
    status: CardStatus = CardStatus.NORMAL,
    *,
    as_agent: bool = False,
    choice: Choice | None = None,
    reissue_under_way: bool = False,
    busy: bool = False,
) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.WHAT_HAPPENED,
        steps=steps(Purpose.LOSS_REPORT, choice, as_agent=as_agent),
        busy=busy,
        as_agent=as_agent,
        identified=identified(status, reissue_under_way=reissue_under_way),
        agent=agent() if as_agent else None,
        choice=choice,
    )


# Outlet to receipt ----------------------------------------------------------------------------


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
    choices = OUTLETS if reissue else ()
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


def receipt(business: str, *, exact: bool = True, replayed: bool = False) -> BusinessReceipt:
    """What a submit of `business` records, with its signed QR payload. A reissue's voucher
    is CARD_VOUCHER, the one the lookup samples find."""
    reissue = business in REISSUES
    number = CARD_VOUCHER if reissue else format_voucher_number(KIOSK_ID, ISSUED_AT.date(), 16)
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
    return BusinessReceipt(
        idempotency_key="sample-key",
        voucher_number=number,
        qr_payload=SAMPLE_CODES.sign(
            VoucherContent(
                number,
                kind=(VoucherKind.CARD_RECEIPT if reissue else VoucherKind.LOSS_RECEIPT).value,
                pickup_date=quote(exact=exact).expected_date if reissue else None,
                outlet=OUTLETS[1].code if reissue else None,
            )
        ),
        issued_at=ISSUED_AT,
        loss_kind=loss_kind,
        reason=reason,
        outlet=OUTLETS[1] if reissue else None,
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
    business: str,
    outcome: PrintOutcome | None = PrintOutcome.PRINTED,
    *,
    exact: bool = True,
    centre_pending: bool = False,
) -> BusinessView:
    """`centre_pending`: recorded at this kiosk while the fleet's centre was away (R7)."""
    return replace(
        view(business, BStep.RECEIPT, exact=exact),
        receipt=replace(receipt(business, exact=exact), centre_pending=centre_pending),
        print_outcome=outcome,
        printer=PrinterStatus(PrinterState.READY),
    )


def refused_view(refusal: Refusal) -> BusinessView:
    purpose = {
        Refusal.NOT_UNDER_TEMPORARY_LOSS: Purpose.CANCEL_LOSS,
        Refusal.REPRINT_USED: Purpose.VOUCHER_LOOKUP,
        Refusal.VOUCHER_NOT_FOUND: Purpose.VOUCHER_LOOKUP,
        Refusal.VOUCHER_CODE_INVALID: Purpose.VOUCHER_LOOKUP,
        Refusal.PROOF_REQUIRED: Purpose.VOUCHER_LOOKUP,
    }.get(refusal, Purpose.LOSS_REPORT)
    locks = {
        Refusal.ID_LOCKED: dt.timedelta(hours=23),
        Refusal.KIOSK_PAUSED: dt.timedelta(minutes=40),
    }
    return BusinessView(
        purpose=purpose,
        step=BStep.REFUSED,
        steps=steps(purpose),
        refusal=refusal,
        refusal_until=ISSUED_AT + locks[refusal] if refusal in locks else None,
    )


# Voucher lookup -------------------------------------------------------------------------------


def lookup_view(
    *, error: Refusal | None = None, busy: bool = False, attempts_left: int | None = None
) -> BusinessView:
    return BusinessView(
        purpose=Purpose.VOUCHER_LOOKUP,
        step=BStep.LOOKUP,
        steps=steps(Purpose.VOUCHER_LOOKUP),
        busy=busy,
        lookup_error=error,
        attempts_left=attempts_left,
    )


def voucher_statuses() -> tuple[VoucherStatus, ...]:
    """A card receipt voucher in production (one reprint left) and the loss report receipt
    before it (its reprint already used)."""
    return (
        VoucherStatus(
            voucher_number=CARD_VOUCHER,
            kind=VoucherKind.CARD_RECEIPT.value,
            issued_at=ISSUED_AT,
            masked_name=mask_name(NAME),
            progress=ReissueProgress.IN_PRODUCTION,
            outlet=OUTLETS[0],
            expected_pickup_date=PICKUP_DATE,
            self_reprint_available=True,
        ),
        VoucherStatus(
            voucher_number=LOSS_VOUCHER,
            kind=VoucherKind.LOSS_RECEIPT.value,
            issued_at=dt.datetime(2025, 10, 28, 19, 5, tzinfo=CHINA_TZ),
            masked_name=mask_name(NAME),
            progress=None,
            outlet=None,
            expected_pickup_date=None,
            self_reprint_available=False,
        ),
    )


def progress_voucher(progress: ReissueProgress) -> VoucherStatus:
    """The card receipt voucher at another stage (no reprint once the card is ready)."""
    waiting = progress in (ReissueProgress.APPLIED, ReissueProgress.IN_PRODUCTION)
    return replace(voucher_statuses()[0], progress=progress, self_reprint_available=waiting)


def elsewhere_voucher(progress: ReissueProgress = ReissueProgress.IN_PRODUCTION) -> VoucherStatus:
    """A card receipt voucher recorded at another kiosk of the fleet, its progress from the
    centre: not reprinted here."""
    return replace(
        progress_voucher(progress), self_reprint_available=False, recorded_at_kiosk="BJHD02"
    )


def ready_voucher() -> VoucherStatus:
    """A card receipt voucher whose card is ready for pickup."""
    return progress_voucher(ReissueProgress.READY)


def lookup_result_view(
    *,
    results: tuple[VoucherStatus, ...] | None = None,
    reprinted: bool = False,
    outcome: PrintOutcome | None = None,
    busy: bool = False,
) -> BusinessView:
    statuses = voucher_statuses() if results is None else results
    if reprinted:  # after the one self-service reprint, it is used up
        statuses = (replace(statuses[0], self_reprint_available=False), *statuses[1:])
    return BusinessView(
        purpose=Purpose.VOUCHER_LOOKUP,
        step=BStep.LOOKUP_RESULT,
        steps=steps(Purpose.VOUCHER_LOOKUP),
        busy=busy,
        lookup_results=statuses,
        reprinted=statuses[0].voucher_number if reprinted else None,
        reprint_outcome=outcome,
    )

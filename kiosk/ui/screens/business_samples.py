"""Sample business views for looking at the identify, agent, what-happened and voucher lookup
screens without a back end: the demo cardholder of assets/cards/normal.json (made up; his ID
number only passes the check character), an agent, outlets and vouchers. Used by the UI tests,
the preview and the tour. Only the `Identified` values a submit needs are unmasked; everything
meant for a screen is masked the way the business service masks it (S2)."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.business import Identified, PrintOutcome, Refusal, VoucherStatus
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import Agent, ReissueProgress, VoucherKind
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import CardStatus, Outlet
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.business import BStep, BusinessView, Choice, Purpose

# The demo card (assets/cards/normal.json).
NAME = "王晓明"
SSN = "110105198506120173"
CARD_NUMBER = "A1052103X"
MOBILE = "13810245678"
# Someone reporting for him: his wife (made up too; the ID number passes its check).
AGENT_NAME = "李秀英"
AGENT_SSN = "110105198709234525"
KIOSK_ID = "BJCY01"

OUTLETS = (
    Outlet(
        code="BJCY-SB01",
        name="朝阳区社会保险事业管理中心",
        name_en="Chaoyang District Social Insurance Centre",
        address="北京市朝阳区金台路甲2号",
        address_en="2A Jintai Road, Chaoyang District, Beijing",
        opening_hours="周一至周五 9:00-17:00",
        phone="010-65099812",
        issues_cards=True,
    ),
    Outlet(
        code="BJDC-SB01",
        name="东城区社会保险事业管理中心",
        name_en="Dongcheng District Social Insurance Centre",
        address="北京市东城区东四北大街107号",
        address_en="107 Dongsi North Street, Dongcheng District, Beijing",
        opening_hours="周一至周五 8:30-17:00，周六 9:00-12:00",
        phone="010-64042291",
        issues_cards=True,
    ),
)

ISSUED_AT = dt.datetime(2025, 11, 3, 10, 24, tzinfo=CHINA_TZ)
CARD_VOUCHER = format_voucher_number(KIOSK_ID, ISSUED_AT.date(), 17)
LOSS_VOUCHER = format_voucher_number(KIOSK_ID, dt.date(2025, 10, 28), 5)
PICKUP_DATE = dt.date(2025, 11, 24)


def identified(status: CardStatus = CardStatus.NORMAL, *, by_card: bool = False) -> Identified:
    """The demo cardholder as the business service identifies him."""
    return Identified(
        ssn=SSN,
        card_number=CARD_NUMBER,
        masked_name=mask_name(NAME),
        masked_ssn=mask_id_number(SSN),
        masked_card_number=mask_card_number(CARD_NUMBER),
        card_status=status,
        photo_on_file=True,
        by_card=by_card,
    )


def agent() -> Agent:
    return Agent(id_number=AGENT_SSN, name=AGENT_NAME, relationship="spouse")


def loss_steps(*, as_agent: bool = False, choice: Choice | None = None) -> tuple[BStep, ...]:
    """The loss report path as the step bar shows it: the reissue steps for lost or stolen."""
    steps = [BStep.IDENTIFY]
    if as_agent:
        steps.append(BStep.AGENT)
    steps.append(BStep.WHAT_HAPPENED)
    if choice in (Choice.LOST, Choice.STOLEN):
        steps += [BStep.OUTLET, BStep.MATERIALS, BStep.PICKUP]
    steps += [BStep.REVIEW, BStep.CONFIRM, BStep.RECEIPT]
    return tuple(steps)


LOOKUP_STEPS = (BStep.LOOKUP, BStep.LOOKUP_RESULT)


def identify_view(
    *,
    error: bool = False,
    attempts_left: int = 3,
    as_agent: bool = False,
    busy: bool = False,
) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.IDENTIFY,
        steps=loss_steps(as_agent=as_agent),
        busy=busy,
        as_agent=as_agent,
        identify_error=Refusal.NO_MATCH if error else None,
        attempts_left=attempts_left,
    )


def agent_view(*, busy: bool = False) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.AGENT,
        steps=loss_steps(as_agent=True),
        busy=busy,
        as_agent=True,
        identified=identified(),
    )


def what_happened_view(
    status: CardStatus = CardStatus.NORMAL,
    *,
    as_agent: bool = False,
    choice: Choice | None = None,
    busy: bool = False,
) -> BusinessView:
    return BusinessView(
        purpose=Purpose.LOSS_REPORT,
        step=BStep.WHAT_HAPPENED,
        steps=loss_steps(as_agent=as_agent, choice=choice),
        busy=busy,
        as_agent=as_agent,
        identified=identified(status),
        agent=agent() if as_agent else None,
        choice=choice,
    )


def lookup_view(*, error: Refusal | None = None, busy: bool = False) -> BusinessView:
    return BusinessView(
        purpose=Purpose.VOUCHER_LOOKUP,
        step=BStep.LOOKUP,
        steps=LOOKUP_STEPS,
        busy=busy,
        lookup_error=error,
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


def ready_voucher() -> VoucherStatus:
    """A card receipt voucher whose card is ready for pickup."""
    first = voucher_statuses()[0]
    return VoucherStatus(
        voucher_number=first.voucher_number,
        kind=first.kind,
        issued_at=first.issued_at,
        masked_name=first.masked_name,
        progress=ReissueProgress.READY,
        outlet=first.outlet,
        expected_pickup_date=first.expected_pickup_date,
        self_reprint_available=False,
    )


def lookup_result_view(
    *,
    results: tuple[VoucherStatus, ...] | None = None,
    reprinted: bool = False,
    outcome: PrintOutcome | None = None,
    busy: bool = False,
) -> BusinessView:
    statuses = voucher_statuses() if results is None else results
    if reprinted:  # after the one self-service reprint, it is used up
        first = statuses[0]
        statuses = (
            VoucherStatus(
                voucher_number=first.voucher_number,
                kind=first.kind,
                issued_at=first.issued_at,
                masked_name=first.masked_name,
                progress=first.progress,
                outlet=first.outlet,
                expected_pickup_date=first.expected_pickup_date,
                self_reprint_available=False,
            ),
            *statuses[1:],
        )
    return BusinessView(
        purpose=Purpose.VOUCHER_LOOKUP,
        step=BStep.LOOKUP_RESULT,
        steps=LOOKUP_STEPS,
        busy=busy,
        lookup_results=statuses,
        reprinted=statuses[0].voucher_number if reprinted else None,
        reprint_outcome=outcome,
    )

"""Synthetic vouchers for tests, the benchmark, the demo and the printer test page.

Every personal value here is invented; the full values pass through the masking constructors
like real ones do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.voucher_data import (
    Agent,
    Cardholder,
    KioskInfo,
    Language,
    Pickup,
    PickupOutlet,
    Reprint,
    VoucherData,
    VoucherKind,
)
from kiosk.domain.vouchers import format_voucher_number

SAMPLE_KEY = b"sample-voucher-key-not-for-production"
SAMPLE_NAME = "欧阳娜娜"
SAMPLE_ID = "11010519491231002X"
SAMPLE_CARD = "A12345675"
SAMPLE_AGENT_NAME = "张三丰"
SAMPLE_AGENT_ID = "110105198001011234"


@dataclass(frozen=True, slots=True)
class _Texts:
    location: str
    business: dict[VoucherKind, tuple[str, str]]  # business type, reason
    relationship: str
    outlet: str
    address: str
    hours: str
    materials: tuple[str, ...]
    fee: str
    staff: str


_TEXT = {
    "zh_CN": _Texts(
        location="北京市朝阳区社会保障服务中心一楼大厅",
        business={
            VoucherKind.LOSS_RECEIPT: ("社会保障卡临时挂失", "卡片遗失"),
            VoucherKind.CANCELLATION_RECEIPT: ("社会保障卡解除挂失", "卡片已找回"),
            VoucherKind.CARD_RECEIPT: ("社会保障卡补领（正式挂失）", "卡片遗失"),
        },
        relationship="配偶",
        outlet="朝阳区社会保障卡服务网点（劲松）",
        address="北京市朝阳区劲松南路 3 号院 2 号楼一层",
        hours="周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）",
        materials=("本人有效身份证件原件", "本凭证", "代领的，另带代领人有效身份证件原件"),
        fee="免费",
        staff="工号 S0***7",
    ),
    "en": _Texts(
        location="Chaoyang Social Security Service Centre, ground floor hall, Beijing",
        business={
            VoucherKind.LOSS_RECEIPT: ("Temporary loss report", "Card lost"),
            VoucherKind.CANCELLATION_RECEIPT: ("Loss report cancelled", "Card found"),
            VoucherKind.CARD_RECEIPT: (
                "Replacement card (formal loss report)",
                "Card lost",
            ),
        },
        relationship="Spouse",
        outlet="Chaoyang Social Security Card Outlet (Jinsong)",
        address="Ground floor, Building 2, No. 3 Jinsong South Road, Chaoyang, Beijing",
        hours="Mon–Fri 9:00–12:00, 13:30–17:00 (closed on public holidays)",
        materials=(
            "Your valid ID card (original)",
            "This voucher",
            "If someone collects for you: their valid ID card (original)",
        ),
        fee="Free of charge",
        staff="staff S0***7",
    ),
}


def sample_voucher(
    kind: VoucherKind,
    language: Language = "zh_CN",
    *,
    agent: bool = True,
    reprint: int = 0,
    name: str = SAMPLE_NAME,
    id_number: str = SAMPLE_ID,
    card_number: str = SAMPLE_CARD,
) -> VoucherData:
    t = _TEXT[language]
    issued = dt.datetime(2026, 11, 22, 2, 15, 7, tzinfo=dt.UTC)  # 10:15:07 in China
    business, reason = t.business[kind]
    pickup = None
    if kind is VoucherKind.CARD_RECEIPT:
        pickup = Pickup(
            outlet=PickupOutlet(t.outlet, t.address, t.hours, "010-8765 4321"),
            expected_date=dt.date(2026, 12, 4),
            materials=t.materials,
            fee=t.fee,
        )
    return VoucherData(
        kind=kind,
        kiosk=KioskInfo("BJCY01", t.location),
        issued_at=issued,
        business_type=business,
        reason=reason,
        voucher_number=format_voucher_number("BJCY01", issued.astimezone(CHINA_TZ).date(), 42),
        cardholder=Cardholder.from_full(name, id_number, card_number),
        language=language,
        agent=Agent.from_full(SAMPLE_AGENT_NAME, SAMPLE_AGENT_ID, t.relationship)
        if agent
        else None,
        pickup=pickup,
        reprint=Reprint(reprint, dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC), t.staff)
        if reprint
        else None,
    )

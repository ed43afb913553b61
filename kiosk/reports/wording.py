"""The words a voucher prints for the business it records, in both languages.

Business type and reason lines, the materials checklist, the fee and who reprinted a voucher:
one place for the kiosk's real vouchers (kiosk.services.business) and the samples
(kiosk.reports.samples) alike. The labels and fixed lines of the layout live in
kiosk.reports.vouchers.
"""

from __future__ import annotations

from kiosk.domain.business import Material
from kiosk.domain.journal import LossReportKind, ReissueReason, TransactionKind
from kiosk.domain.records import Outlet, fen_to_yuan
from kiosk.domain.voucher_data import Language, PickupOutlet

# (transaction kind, loss report kind) -> business type
_BUSINESS: dict[Language, dict[tuple[TransactionKind, LossReportKind | None], str]] = {
    "zh_CN": {
        (TransactionKind.LOSS_REPORT, LossReportKind.TEMPORARY): "社会保障卡临时挂失",
        (TransactionKind.LOSS_REPORT, LossReportKind.FINAL): "社会保障卡正式挂失",
        (TransactionKind.LOSS_CANCELLATION, None): "社会保障卡解除挂失",
        (TransactionKind.REISSUE, LossReportKind.FINAL): "社会保障卡挂失补卡",
        (TransactionKind.REPLACEMENT, None): "社会保障卡换领（卡片损坏）",
    },
    "en": {
        (TransactionKind.LOSS_REPORT, LossReportKind.TEMPORARY): "Temporary loss report",
        (TransactionKind.LOSS_REPORT, LossReportKind.FINAL): "Loss report (final)",
        (TransactionKind.LOSS_CANCELLATION, None): "Loss report cancelled",
        (TransactionKind.REISSUE, LossReportKind.FINAL): "Loss report and new card",
        (TransactionKind.REPLACEMENT, None): "Replacement of a damaged card",
    },
}

REASONS: dict[Language, dict[ReissueReason, str]] = {
    "zh_CN": {
        ReissueReason.LOST: "卡片遗失",
        ReissueReason.STOLEN: "卡片被盗",
        ReissueReason.DAMAGED: "卡片损坏",
    },
    "en": {
        ReissueReason.LOST: "Card lost",
        ReissueReason.STOLEN: "Card stolen",
        ReissueReason.DAMAGED: "Card damaged",
    },
}
CARD_FOUND: dict[Language, str] = {"zh_CN": "卡片已找回", "en": "Card found"}

MATERIALS: dict[Language, dict[Material, str]] = {
    "zh_CN": {
        Material.ORIGINAL_ID_CARD: "本人有效身份证件原件",
        Material.THIS_VOUCHER: "本凭证",
        Material.AGENT_ID_CARD: "代领的，另带代领人有效身份证件原件",
        Material.PHOTO: "近期一寸彩色免冠照片一张",
    },
    "en": {
        Material.ORIGINAL_ID_CARD: "Your valid ID card (original)",
        Material.THIS_VOUCHER: "This voucher",
        Material.AGENT_ID_CARD: "If someone collects for you: their valid ID card (original)",
        Material.PHOTO: "One recent one-inch colour photo",
    },
}

_FREE: dict[Language, str] = {"zh_CN": "免费", "en": "Free of charge"}
_KIOSK: dict[Language, str] = {
    "zh_CN": "自助终端 {kiosk_id}",
    "en": "self-service kiosk {kiosk_id}",
}


def business_type(
    kind: TransactionKind, loss_kind: LossReportKind | None, language: Language
) -> str:
    return _BUSINESS[language][(kind, loss_kind)]


def reason(kind: TransactionKind, reissue_reason: ReissueReason | None, language: Language) -> str:
    """The reason line: lost, stolen or damaged for a reissue; found for a cancellation; lost
    for a loss report (the kiosk does not ask more)."""
    if reissue_reason is not None:
        return REASONS[language][reissue_reason]
    if kind is TransactionKind.LOSS_CANCELLATION:
        return CARD_FOUND[language]
    return REASONS[language][ReissueReason.LOST]


def materials(items: tuple[Material, ...], language: Language) -> tuple[str, ...]:
    return tuple(MATERIALS[language][item] for item in items)


def fee(fee_fen: int, language: Language) -> str:
    return _FREE[language] if fee_fen == 0 else f"¥{fen_to_yuan(fee_fen)}"


def reprinted_by(kiosk_id: str, language: Language) -> str:
    """Who made a self-service reprint: the kiosk, never the citizen."""
    return _KIOSK[language].format(kiosk_id=kiosk_id)


def pickup_outlet(outlet: Outlet, language: Language) -> PickupOutlet:
    """An outlet as the voucher prints it, in English where the store has it."""
    return PickupOutlet(
        name=outlet.name_in(language),
        address=outlet.address_in(language),
        hours=outlet.hours_in(language),
        phone=outlet.phone,
    )

"""The words a voucher prints for the business it records, in both languages.

Business type and reason lines, the agent's relationship, the materials checklist and its notes,
the fee and who reprinted a voucher: one place for the kiosk's real vouchers
(kiosk.services.business) and the samples (kiosk.demo.report_samples) alike. The terms themselves
come from kiosk.domain.vocabulary, which the screens use too; the labels and fixed lines of the
layout live in kiosk.reports.vouchers.
"""

from __future__ import annotations

from kiosk.domain import vocabulary as words
from kiosk.domain.business import Business, Material, business_for
from kiosk.domain.journal import LossReportKind, ReissueReason, TransactionKind
from kiosk.domain.records import Outlet, fen_to_yuan
from kiosk.domain.voucher_data import Language, PickupOutlet

_KIOSK: dict[Language, str] = {
    "zh_CN": "自助终端 {kiosk_id}",
    "en": "self-service kiosk {kiosk_id}",
}


def business_type(
    kind: TransactionKind, loss_kind: LossReportKind | None, language: Language
) -> str:
    return words.BUSINESSES[business_for(kind, loss_kind)].in_language(language)


def reason(
    kind: TransactionKind,
    loss_kind: LossReportKind | None,
    reissue_reason: ReissueReason | None,
    language: Language,
) -> str:
    """The reason line: lost, stolen or damaged for a new card; missing for a temporary loss
    report, found for its cancellation."""
    return words.reason(business_for(kind, loss_kind), reissue_reason).in_language(language)


def relationship(code: str, language: Language) -> str:
    """An agent's relationship in the words the agent screen offered it in."""
    return words.relationship(code).in_language(language)


def materials(items: tuple[Material, ...], language: Language) -> tuple[str, ...]:
    return tuple(words.MATERIALS[item].in_language(language) for item in items)


def materials_note(language: Language) -> str:
    """What may stand in for an ID card on the checklist."""
    return words.HOUSEHOLD_REGISTER.in_language(language)


def reimbursement(
    kind: TransactionKind, loss_kind: LossReportKind | None, language: Language
) -> str | None:
    """The note on medical expenses of the loss period; None without a loss (a damaged card)."""
    if business_for(kind, loss_kind) is not Business.FINAL:
        return None
    return words.MEDICAL_REIMBURSEMENT.in_language(language)


def fee(fee_fen: int, language: Language) -> str:
    return words.FREE.in_language(language) if fee_fen == 0 else f"¥{fen_to_yuan(fee_fen)}"


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

"""The words screens and paper share, in both languages: one term for each thing a citizen reads
on a screen and again on a voucher or a records statement.

Business types, reasons, card states, voucher kinds, progress stages, insurance types and
enrolment states, personal accounts, injury assessments, agents' relationships, the materials
to bring and the notes about them, and the labels of the fields both show. The screens
(through `kiosk.ui.i18n.words`) and the printouts (kiosk.reports) both take their words from
here, so a term cannot read one way on screen and another on paper. Sentences only a screen
shows stay in the Qt catalogue; the layout labels only paper prints stay in kiosk.reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.business import Business, Material
from kiosk.domain.journal import ReissueProgress, ReissueReason, Relationship, VoucherKind
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    CardStatus,
    EnrolmentStatus,
    InsuranceType,
)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing, named in both languages."""

    zh_CN: str
    en: str

    def in_language(self, language: str) -> str:
        """The term in `language` ("zh_CN" or "en")."""
        return self.en if language == "en" else self.zh_CN


BUSINESSES: dict[Business, Term] = {
    Business.TEMPORARY: Term("临时挂失", "Temporary loss report"),
    Business.FINAL: Term("挂失补卡", "Loss report and new card"),
    Business.FINAL_REPORT: Term("正式挂失", "Final loss report"),
    Business.CANCEL: Term("解除临时挂失", "Cancellation of a temporary loss report"),
    Business.DAMAGED: Term("损坏换卡", "Replacement of a damaged card"),
}

REISSUE_REASONS: dict[ReissueReason, Term] = {
    ReissueReason.LOST: Term("卡片丢失", "Card lost"),
    ReissueReason.STOLEN: Term("卡片被盗", "Card stolen"),
    ReissueReason.DAMAGED: Term("卡片损坏", "Card damaged"),
}
CARD_MISSING = Term("卡片暂时找不到", "Card missing, may turn up")  # a temporary loss report
CARD_FOUND = Term("卡片已找回", "Card found")  # a temporary loss report cancelled


def reason(business: Business, reissue_reason: ReissueReason | None = None) -> Term:
    """Why the business was done: the reason for a new card; a card missing for a temporary
    loss report, found for its cancellation; lost for a final report (the kiosk asks no more)."""
    if reissue_reason is not None:
        return REISSUE_REASONS[reissue_reason]
    if business is Business.TEMPORARY:
        return CARD_MISSING
    if business is Business.CANCEL:
        return CARD_FOUND
    if business is Business.DAMAGED:
        return REISSUE_REASONS[ReissueReason.DAMAGED]
    return REISSUE_REASONS[ReissueReason.LOST]


CARD_STATUSES: dict[CardStatus, Term] = {
    CardStatus.NORMAL: Term("正常", "In use"),
    CardStatus.TEMPORARY_LOSS: Term("临时挂失", "Temporary loss report"),
    CardStatus.LOST: Term("已挂失", "Reported lost"),
    CardStatus.CANCELLED: Term("已注销", "Cancelled"),
    CardStatus.REPLACED: Term("已换新卡", "Replaced by a new card"),
}

VOUCHER_KINDS: dict[VoucherKind, Term] = {
    VoucherKind.LOSS_RECEIPT: Term("挂失回执", "Loss report receipt"),
    VoucherKind.CANCELLATION_RECEIPT: Term("解挂回执", "Loss report cancellation receipt"),
    VoucherKind.CARD_RECEIPT: Term("领卡凭证", "Card receipt voucher"),
}

PROGRESS: dict[ReissueProgress, Term] = {
    ReissueProgress.APPLIED: Term("已受理", "Applied"),
    ReissueProgress.IN_PRODUCTION: Term("制卡中", "In production"),
    ReissueProgress.READY: Term("待领取", "Ready for pickup"),
    ReissueProgress.COLLECTED: Term("已领取", "Collected"),
}

RELATIONSHIPS: dict[Relationship, Term] = {
    Relationship.SPOUSE: Term("配偶", "Spouse"),
    Relationship.PARENT: Term("父母", "Parent"),
    Relationship.CHILD: Term("子女", "Child"),
    Relationship.RELATIVE: Term("其他亲属", "Other relative"),
    Relationship.OTHER: Term("其他", "Other"),
}


def relationship(code: str) -> Term:
    """An agent's relationship as stored ("child") in words; an unknown code is "other"."""
    return RELATIONSHIPS[Relationship.of(code)]


# What to bring to collect a new card, and what else the agency says about it (the seeds).
MATERIALS: dict[Material, Term] = {
    Material.ORIGINAL_ID_CARD: Term(
        "持卡人身份证原件及复印件", "The cardholder's ID card: the original and a photocopy"
    ),
    Material.THIS_VOUCHER: VOUCHER_KINDS[VoucherKind.CARD_RECEIPT],
    Material.AGENT_ID_CARD: Term(
        "代办人身份证原件及复印件", "The agent's ID card: the original and a photocopy"
    ),
    Material.PHOTO: Term("近期一寸彩色免冠照片一张", "One recent one-inch colour photo, no hat"),
}
HOUSEHOLD_REGISTER = Term(
    "没有身份证的，可用户口簿代替。",
    "No ID card? The household register (hukou booklet) will do instead.",
)
MEDICAL_REIMBURSEMENT = Term(
    "挂失期间在定点医疗机构、药店自行垫付的医疗费用，经审核后可报销一次："
    "请持领卡凭证及发票、费用清单，到参保地医疗保障经办机构申请。",
    "Medical expenses you paid yourself at designated hospitals and pharmacies during the loss "
    "period are reimbursed once, after review: bring the card receipt voucher, the invoices "
    "and the itemised bills to the medical insurance office where you are insured.",
)

# Labels of the fields both a screen and a voucher show.
VOUCHER_NUMBER = Term("凭证号", "Voucher number")
REASON = Term("办理原因", "Reason")
CARDHOLDER = Term("持卡人", "Cardholder")
AGENT = Term("代办人", "Agent")
PICKUP_OUTLET = Term("领卡网点", "Collect at")
PICKUP_DATE = Term("预计领卡日期", "Ready from")
FEE = Term("工本费", "Fee")
FREE = Term("免费", "Free")

# The records (screen) and the records statement (paper).
INSURANCE_TYPES: dict[InsuranceType, Term] = {
    InsuranceType.PENSION: Term("基本养老保险", "Basic pension insurance"),
    InsuranceType.MEDICAL: Term("基本医疗保险", "Basic medical insurance"),
    InsuranceType.UNEMPLOYMENT: Term("失业保险", "Unemployment insurance"),
    InsuranceType.WORK_INJURY: Term("工伤保险", "Work injury insurance"),
    InsuranceType.MATERNITY: Term("生育保险", "Maternity insurance"),
}
ENROLMENT_STATUSES: dict[EnrolmentStatus, Term] = {
    EnrolmentStatus.ACTIVE: Term("参保缴费", "Contributing"),
    EnrolmentStatus.SUSPENDED: Term("暂停缴费", "Contributions paused"),
    EnrolmentStatus.RECEIVING: Term("领取待遇", "Receiving benefits"),
    EnrolmentStatus.TERMINATED: Term("终止参保", "Ended"),
}
ACCOUNT_TYPES: dict[AccountType, Term] = {
    AccountType.PENSION: Term("基本养老保险个人账户", "Pension personal account"),
    AccountType.MEDICAL: Term("基本医疗保险个人账户", "Medical personal account"),
}
INJURY_ASSESSMENTS = Term(
    "工伤与职业病劳动能力鉴定", "Work injury and occupational disease assessments"
)
ASSESSMENT_KINDS: dict[AssessmentKind, Term] = {
    AssessmentKind.WORK_INJURY: Term("工伤", "Work injury"),
    AssessmentKind.OCCUPATIONAL_DISEASE: Term("职业病", "Occupational disease"),
}
ASSESSED_ON = Term("鉴定日期", "Assessed on")
DISABILITY_GRADE = Term("伤残等级", "Disability grade")
NO_DISABILITY_GRADE = Term("未达伤残等级", "No disability grade")
_CHINESE_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def disability_grade(grade: int | None) -> Term:
    """A disability grade (1, the most severe, to 10) as a value: 七级 / 7."""
    if grade is None:
        return NO_DISABILITY_GRADE
    chinese = _CHINESE_NUMBERS[grade - 1] if 1 <= grade <= len(_CHINESE_NUMBERS) else str(grade)
    return Term(f"{chinese}级", str(grade))

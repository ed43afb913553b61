"""The voucher desk's words (kiosk.ui.screens.staff.vouchers, voucher_page): why the desk says
no (DeskRefusal), what a search or a check found wrong, a voucher's kind, business, progress
and history, in the context "StaffScreen". The shared terms (voucher kinds, businesses,
progress) are kiosk.domain.vocabulary's, as on the citizen's screens and paper."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kiosk.domain import vocabulary
from kiosk.domain.business import business_for
from kiosk.domain.desk import DeskRefusal, DeskVoucher, HistoryEvent, HistoryKind
from kiosk.domain.journal import ReissueProgress
from kiosk.flows.staff_voucher_actions import (
    NOTE_HANDED_OVER,
    NOTE_PROGRESS_MOVED,
    NOTE_REIMBURSED,
    NOTE_REPRINTED,
)
from kiosk.flows.staff_vouchers import DeskNotice
from kiosk.services.voucher_codes import CodeProblem
from kiosk.services.voucher_desk import CENTRE_BY
from kiosk.ui.i18n import format_date, format_yuan, words


def refusal_text(refusal: DeskRefusal, voucher: DeskVoucher | None = None) -> str:
    """Why the desk says no, in one plain sentence; for a voucher already reimbursed, when,
    by whom and how much."""
    paid = voucher.reimbursement if voucher is not None else None
    elsewhere = voucher.kiosk_id if voucher is not None else "?"
    if refusal is DeskRefusal.ALREADY_REIMBURSED and paid is not None:
        return QCoreApplication.translate(
            "StaffScreen",
            "Already reimbursed on {date} by {reviewer}: {amount}. The medical expenses of a "
            "loss period are reimbursed only once.",
        ).format(
            date=format_date(paid.reviewed_on),
            reviewer=paid.reviewer,
            amount=format_yuan(paid.amount_fen),
        )
    texts = {
        DeskRefusal.STAFF_NOT_ALLOWED: QCoreApplication.translate(
            "StaffScreen", "Your account may not work the voucher desk."
        ),
        DeskRefusal.CODE_INVALID: QCoreApplication.translate(
            "StaffScreen", "This is not a genuine voucher code."
        ),
        DeskRefusal.NUMBER_INVALID: QCoreApplication.translate(
            "StaffScreen", "This is not a voucher number: a character may be mistyped."
        ),
        DeskRefusal.ID_NUMBER_INVALID: QCoreApplication.translate(
            "StaffScreen", "This ID number is not valid."
        ),
        DeskRefusal.DATES_INVALID: QCoreApplication.translate(
            "StaffScreen", "The first day must not be after the last, and the range at most a year."
        ),
        DeskRefusal.LIMIT_INVALID: QCoreApplication.translate(
            "StaffScreen", "Too many vouchers asked for at once."
        ),
        DeskRefusal.VOUCHER_NOT_FOUND: QCoreApplication.translate(
            "StaffScreen", "No voucher with this number in this kiosk's records."
        ),
        DeskRefusal.REASON_REQUIRED: QCoreApplication.translate(
            "StaffScreen", "A reason is required."
        ),
        DeskRefusal.REASON_TOO_LONG: QCoreApplication.translate(
            "StaffScreen", "The reason is too long."
        ),
        DeskRefusal.PRINTED_SINCE: QCoreApplication.translate(
            "StaffScreen", "It was printed again meanwhile: look at it again first."
        ),
        DeskRefusal.NOT_A_REISSUE: QCoreApplication.translate(
            "StaffScreen", "No new card behind this voucher."
        ),
        DeskRefusal.NOT_READY: QCoreApplication.translate(
            "StaffScreen", "The new card is not ready yet."
        ),
        DeskRefusal.ALREADY_COLLECTED: QCoreApplication.translate(
            "StaffScreen", "The new card has already been handed over."
        ),
        DeskRefusal.ID_NOT_CHECKED: QCoreApplication.translate(
            "StaffScreen", "Confirm that you checked the original ID card."
        ),
        DeskRefusal.PROGRESS_BACKWARD: QCoreApplication.translate(
            "StaffScreen", "Progress cannot go back."
        ),
        DeskRefusal.USE_HAND_OVER: QCoreApplication.translate(
            "StaffScreen", "The card is ready: hand it over instead."
        ),
        DeskRefusal.NOT_REIMBURSABLE: QCoreApplication.translate(
            "StaffScreen", "No loss period behind this voucher to reimburse."
        ),
        DeskRefusal.ALREADY_REIMBURSED: QCoreApplication.translate(
            "StaffScreen", "Already reimbursed: only once per voucher."
        ),
        DeskRefusal.AMOUNT_INVALID: QCoreApplication.translate(
            "StaffScreen", "The amount is not valid."
        ),
        DeskRefusal.REVIEWER_REQUIRED: QCoreApplication.translate(
            "StaffScreen", "The reviewer's name is required."
        ),
        DeskRefusal.REVIEW_DATE_INVALID: QCoreApplication.translate(
            "StaffScreen", "The review date must be between the voucher's date and today."
        ),
        DeskRefusal.CENTRE_UNREACHABLE: centre_unreachable_text(),
        DeskRefusal.REPRINT_ELSEWHERE: QCoreApplication.translate(
            "StaffScreen",
            "Issued by kiosk {kiosk}: it is reprinted there, or at the counter that holds its "
            "records.",
        ).format(kiosk=elsewhere),
        DeskRefusal.REIMBURSE_ELSEWHERE: QCoreApplication.translate(
            "StaffScreen",
            "Issued by kiosk {kiosk}: medical expenses are reimbursed once across all kiosks, "
            "so only at that kiosk's counter.",
        ).format(kiosk=elsewhere),
    }
    return texts[refusal]


def centre_unreachable_text() -> str:
    return QCoreApplication.translate(
        "StaffScreen",
        "The central service cannot be reached; vouchers of other kiosks cannot be looked up now.",
    )


def notice_text(notice: DeskNotice) -> str:
    """What the find screen says when a search did not get through."""
    texts = {
        DeskNotice.NUMBER_INVALID: refusal_text(DeskRefusal.NUMBER_INVALID),
        DeskNotice.ID_NUMBER_INVALID: refusal_text(DeskRefusal.ID_NUMBER_INVALID),
        DeskNotice.DATES_INVALID: refusal_text(DeskRefusal.DATES_INVALID),
        DeskNotice.NOT_FOUND: refusal_text(DeskRefusal.VOUCHER_NOT_FOUND),
        DeskNotice.NOT_ALLOWED: refusal_text(DeskRefusal.STAFF_NOT_ALLOWED),
        DeskNotice.OFFLINE: QCoreApplication.translate(
            "StaffScreen", "The kiosk's database did not answer. Please try again."
        ),
        DeskNotice.CENTRE_UNREACHABLE: centre_unreachable_text(),
        DeskNotice.FAILED: QCoreApplication.translate(
            "StaffScreen", "The search could not be done. Please try again."
        ),
    }
    return texts[notice]


def problem_text(problem: CodeProblem) -> str:
    """Why a scanned code is not genuine."""
    texts = {
        CodeProblem.MALFORMED: QCoreApplication.translate(
            "StaffScreen",
            "This is not a voucher code, or the code is damaged. Scan it again; if it still "
            "fails, find the voucher by its number.",
        ),
        CodeProblem.UNKNOWN_KEY: QCoreApplication.translate(
            "StaffScreen",
            "The code is signed with a key this kiosk does not know. If it comes from another "
            "kiosk, its public key must be added to this kiosk (voucher_public_keys).",
        ),
        CodeProblem.BAD_SIGNATURE: QCoreApplication.translate(
            "StaffScreen",
            "The signature does not match the voucher's content: the code was altered, or forged.",
        ),
        CodeProblem.OLD_UNCHECKABLE: QCoreApplication.translate(
            "StaffScreen",
            "An old voucher code (SSK1) that only its issuing kiosk can check. Find the "
            "voucher by its number, or check it at that kiosk.",
        ),
    }
    return texts[problem]


def kind_words(kind: str | None) -> str:
    """A voucher kind's value (from a record or a signed code) in words."""
    known = {k.value: term for k, term in vocabulary.VOUCHER_KINDS.items()}
    return (
        words(known[kind])
        if kind in known
        else QCoreApplication.translate("StaffScreen", "Voucher")
    )


def business_words(voucher: DeskVoucher) -> str:
    return words(vocabulary.BUSINESSES[business_for(voucher.transaction_kind, voucher.loss_kind)])


def progress_words(progress: ReissueProgress | None) -> str:
    return words(vocabulary.PROGRESS[progress]) if progress is not None else ""


def history_words(event: HistoryEvent) -> str:
    """One line of a voucher's history (the moment and who are shown beside it)."""
    kind = event.kind
    if kind is HistoryKind.ISSUED:
        return QCoreApplication.translate("StaffScreen", "Issued at kiosk {kiosk}").format(
            kiosk=event.by
        )
    if kind is HistoryKind.PRINTED:
        return QCoreApplication.translate("StaffScreen", "Printed")
    if kind is HistoryKind.REPRINTED:
        text = QCoreApplication.translate("StaffScreen", "Reprint {n}").format(
            n=event.reprint_no or ""
        )
        return f"{text}: {event.reason}" if event.reason else text
    if kind is HistoryKind.PROGRESS:
        return QCoreApplication.translate("StaffScreen", "Progress: {step}").format(
            step=progress_words(event.progress) or "?"
        )
    if kind is HistoryKind.COLLECTED:
        return QCoreApplication.translate("StaffScreen", "New card handed over")
    assert kind is HistoryKind.REIMBURSED
    return QCoreApplication.translate(
        "StaffScreen", "Medical expenses reimbursed: {amount}"
    ).format(amount=format_yuan(event.amount_fen or 0))


def history_by(event: HistoryEvent) -> str:
    """Who did it: a staff login, or the kind of actor (a citizen at the kiosk)."""
    if event.kind is HistoryKind.ISSUED:
        return ""
    by = {
        "citizen": QCoreApplication.translate("StaffScreen", "citizen"),
        "agent": QCoreApplication.translate("StaffScreen", "agent"),
        "system": QCoreApplication.translate("StaffScreen", "kiosk"),
        "anonymous": QCoreApplication.translate("StaffScreen", "at the kiosk"),
        CENTRE_BY: QCoreApplication.translate("StaffScreen", "central service"),
    }
    return by.get(event.by, event.by)


def dates_words(first: dt.date, last: dt.date) -> str:
    if first == last:
        return format_date(first)
    return QCoreApplication.translate("StaffScreen", "{first} to {last}").format(
        first=format_date(first), last=format_date(last)
    )


def elsewhere_words(voucher: DeskVoucher) -> str:
    """What the desk says of another kiosk's voucher (fleet): where it was issued, whose word
    its facts are, and a step moved here that the centre does not show yet."""
    text = QCoreApplication.translate(
        "StaffScreen",
        "Issued at kiosk {kiosk}. This kiosk holds no record of it: its progress and card are "
        "as the central service has them.",
    ).format(kiosk=voucher.kiosk_id)
    if voucher.progress_unconfirmed and voucher.progress is not None:
        text += "\n" + QCoreApplication.translate(
            "StaffScreen",
            "Moved at this desk to: {progress}. Sent to the central service, which has not "
            "confirmed it yet.",
        ).format(progress=progress_words(voucher.progress))
    return text


def voucher_line(voucher: DeskVoucher) -> str:
    """The voucher in one line: number, kind, masked holder."""
    kind = words(vocabulary.VOUCHER_KINDS[voucher.kind])
    return f"{voucher.number} · {kind} · {voucher.masked_name} · {voucher.masked_id_number}"


def note_words(note: str, voucher: DeskVoucher) -> str:
    """What an action did (its `on_done` note), for the voucher page."""
    if note == NOTE_REPRINTED:
        return QCoreApplication.translate("StaffScreen", "Printed as 补打 / REPRINT {n}.").format(
            n=max(1, voucher.prints - 1)
        )
    if note == NOTE_PROGRESS_MOVED and voucher.progress is not None:
        return QCoreApplication.translate("StaffScreen", "Progress moved to: {progress}.").format(
            progress=words(vocabulary.PROGRESS[voucher.progress])
        )
    if note == NOTE_HANDED_OVER:
        return QCoreApplication.translate(
            "StaffScreen", "The new card was handed over: the reissue is marked collected."
        )
    if note == NOTE_REIMBURSED and voucher.reimbursement is not None:
        return QCoreApplication.translate(
            "StaffScreen", "Reimbursement of {amount} recorded."
        ).format(amount=format_yuan(voucher.reimbursement.amount_fen))
    return QCoreApplication.translate("StaffScreen", "Done.") if note else ""

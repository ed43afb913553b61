"""The audit log in plain words, for the audit area's screens (kiosk.ui.screens.staff.audit):
the actions the kiosk writes, who acted, outcomes, an entry's detail keys, and what the integrity
check finds. Texts are translated in the context "StaffScreen"; an action or a detail key the
kiosk does not know is shown by its name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.services.audit_browse import ChainState, CheckProblem, RetiredKeyNote
from kiosk.ui.i18n import CHINESE, current_language, format_yuan


def translated(source: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("StaffScreen", ...) in a table, in the language
    shown. (Literal texts are translated where they stand: lupdate reads only those calls.)"""
    return QCoreApplication.translate("StaffScreen", source)


# Words ------------------------------------------------------------------------------------------

# The actions the kiosk writes, in plain words. A login refused is the login's entry with the
# outcome "refused" (REFUSED_WORDS).
ACTION_WORDS: dict[str, str] = {
    "loss_report.recorded": QT_TRANSLATE_NOOP("StaffScreen", "Loss report"),
    "loss_report.cancelled": QT_TRANSLATE_NOOP("StaffScreen", "Loss report cancelled"),
    "reissue.applied": QT_TRANSLATE_NOOP("StaffScreen", "New card applied for"),
    "replacement.applied": QT_TRANSLATE_NOOP("StaffScreen", "Damaged card replaced"),
    "voucher.printed": QT_TRANSLATE_NOOP("StaffScreen", "Voucher printed"),
    "voucher.reprinted": QT_TRANSLATE_NOOP("StaffScreen", "Voucher reprinted"),
    "voucher.looked_up": QT_TRANSLATE_NOOP("StaffScreen", "Voucher looked up"),
    "voucher.code_refused": QT_TRANSLATE_NOOP("StaffScreen", "Voucher code refused"),
    "statement.printed": QT_TRANSLATE_NOOP("StaffScreen", "Records statement printed"),
    "identify.ok": QT_TRANSLATE_NOOP("StaffScreen", "Identified by ID number"),
    "identify.failed": QT_TRANSLATE_NOOP("StaffScreen", "Identification failed"),
    "identify.locked": QT_TRANSLATE_NOOP("StaffScreen", "Identification locked"),
    "proof.kiosk_paused": QT_TRANSLATE_NOOP("StaffScreen", "Identification paused"),
    "service_entry.refused": QT_TRANSLATE_NOOP("StaffScreen", "Service entry closed"),
    "staff.login": QT_TRANSLATE_NOOP("StaffScreen", "Staff login"),
    "staff.locked": QT_TRANSLATE_NOOP("StaffScreen", "Account locked"),
    "staff.logout": QT_TRANSLATE_NOOP("StaffScreen", "Logout"),
    "staff.account_added": QT_TRANSLATE_NOOP("StaffScreen", "Staff account added"),
    "staff.password_reset": QT_TRANSLATE_NOOP("StaffScreen", "Password reset"),
    "staff.account_disabled": QT_TRANSLATE_NOOP("StaffScreen", "Staff account disabled"),
    "desk.vouchers_found": QT_TRANSLATE_NOOP("StaffScreen", "Vouchers searched"),
    "desk.refused": QT_TRANSLATE_NOOP("StaffScreen", "Desk action refused"),
    "desk.code_checked": QT_TRANSLATE_NOOP("StaffScreen", "Voucher code checked"),
    "reissue.progress_moved": QT_TRANSLATE_NOOP("StaffScreen", "New card's progress moved"),
    "reissue.collected": QT_TRANSLATE_NOOP("StaffScreen", "New card handed over"),
    "reimbursement.recorded": QT_TRANSLATE_NOOP("StaffScreen", "Medical expenses reimbursed"),
    "calendar.arrangement_set": QT_TRANSLATE_NOOP("StaffScreen", "Holiday calendar set"),
    "kiosk.mode_left": QT_TRANSLATE_NOOP("StaffScreen", "Kiosk mode left"),
    "diag.selftest": QT_TRANSLATE_NOOP("StaffScreen", "Self-test run"),
    "diag.test_page": QT_TRANSLATE_NOOP("StaffScreen", "Printer test page"),
    "diag.bundle_exported": QT_TRANSLATE_NOOP("StaffScreen", "Diagnostics bundle written"),
    "day_report.exported": QT_TRANSLATE_NOOP("StaffScreen", "Transactions exported"),
    "day_end.printed": QT_TRANSLATE_NOOP("StaffScreen", "Day-end slip printed"),
    "audit.viewed": QT_TRANSLATE_NOOP("StaffScreen", "Audit log viewed"),
    "audit.checked": QT_TRANSLATE_NOOP("StaffScreen", "Audit log checked"),
    "audit_key.replaced": QT_TRANSLATE_NOOP("StaffScreen", "Audit key replaced"),
    "voucher_key.created": QT_TRANSLATE_NOOP("StaffScreen", "Voucher key created"),
    "voucher_key.registered": QT_TRANSLATE_NOOP("StaffScreen", "Voucher key registered"),
    "voucher_key.replaced": QT_TRANSLATE_NOOP("StaffScreen", "Voucher key replaced"),
    "voucher_signing_key.created": QT_TRANSLATE_NOOP("StaffScreen", "Signing key created"),
    "voucher_signing_key.registered": QT_TRANSLATE_NOOP("StaffScreen", "Signing key registered"),
    "voucher_signing_key.replaced": QT_TRANSLATE_NOOP("StaffScreen", "Signing key replaced"),
}
REFUSED_WORDS: dict[str, str] = {
    "staff.login": QT_TRANSLATE_NOOP("StaffScreen", "Login refused"),
}


def action_words(action: str, outcome: Outcome | None = None) -> str:
    """An action in plain words; one the kiosk does not know, by its name."""
    if outcome is Outcome.REFUSED and action in REFUSED_WORDS:
        return translated(REFUSED_WORDS[action])
    return translated(ACTION_WORDS[action]) if action in ACTION_WORDS else action


def actor_kind_words(kind: ActorKind) -> str:
    return {
        ActorKind.CITIZEN: QCoreApplication.translate("StaffScreen", "Citizen"),
        ActorKind.AGENT: QCoreApplication.translate("StaffScreen", "Agent"),
        ActorKind.STAFF: QCoreApplication.translate("StaffScreen", "Staff"),
        ActorKind.TECHNICIAN: QCoreApplication.translate("StaffScreen", "Technician"),
        ActorKind.SYSTEM: QCoreApplication.translate("StaffScreen", "The kiosk"),
        ActorKind.ANONYMOUS: QCoreApplication.translate("StaffScreen", "Anonymous"),
    }[kind]


def outcome_pill(outcome: Outcome) -> tuple[str, str]:
    """An outcome's word and its pill's tone."""
    return {
        Outcome.OK: (QCoreApplication.translate("StaffScreen", "Succeeded"), "ok"),
        Outcome.REFUSED: (QCoreApplication.translate("StaffScreen", "Refused"), "warn"),
        Outcome.FAILED: (QCoreApplication.translate("StaffScreen", "Failed"), "error"),
    }[outcome]


def moment(at: dt.datetime) -> str:
    """2026-12-05 10:23:45 in the kiosk's (China's) time: an audit log wants the seconds."""
    return f"{at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}"


# What an entry's detail holds, by key; other keys are shown by their name.
DETAIL_WORDS: dict[str, str] = {
    "voucher": QT_TRANSLATE_NOOP("StaffScreen", "Voucher"),
    "vouchers": QT_TRANSLATE_NOOP("StaffScreen", "Vouchers"),
    "card": QT_TRANSLATE_NOOP("StaffScreen", "Card (masked)"),
    "kind": QT_TRANSLATE_NOOP("StaffScreen", "Kind"),
    "reason": QT_TRANSLATE_NOOP("StaffScreen", "Cause"),  # not the business's REASON term
    "reprint": QT_TRANSLATE_NOOP("StaffScreen", "Reprint number"),
    "outlet": QT_TRANSLATE_NOOP("StaffScreen", "Outlet"),
    "pickup": QT_TRANSLATE_NOOP("StaffScreen", "Pickup date"),
    "proof": QT_TRANSLATE_NOOP("StaffScreen", "Proof"),
    "purpose": QT_TRANSLATE_NOOP("StaffScreen", "Purpose"),
    "failures": QT_TRANSLATE_NOOP("StaffScreen", "Failures"),
    "by": QT_TRANSLATE_NOOP("StaffScreen", "Searched by"),
    "query": QT_TRANSLATE_NOOP("StaffScreen", "Search"),
    "from": QT_TRANSLATE_NOOP("StaffScreen", "From"),
    "to": QT_TRANSLATE_NOOP("StaffScreen", "To"),
    "id_checked": QT_TRANSLATE_NOOP("StaffScreen", "Original ID card checked"),
    "amount_fen": QT_TRANSLATE_NOOP("StaffScreen", "Amount"),
    "reviewer": QT_TRANSLATE_NOOP("StaffScreen", "Reviewed by"),
    "reviewed_on": QT_TRANSLATE_NOOP("StaffScreen", "Reviewed on"),
    "use_case": QT_TRANSLATE_NOOP("StaffScreen", "What was tried"),
    "refusal": QT_TRANSLATE_NOOP("StaffScreen", "Why refused"),
    "role": QT_TRANSLATE_NOOP("StaffScreen", "Role"),
    "day": QT_TRANSLATE_NOOP("StaffScreen", "Day"),
    "rows": QT_TRANSLATE_NOOP("StaffScreen", "Rows"),
    "print": QT_TRANSLATE_NOOP("StaffScreen", "Printing"),
    "problems": QT_TRANSLATE_NOOP("StaffScreen", "Problems found"),
    "chains": QT_TRANSLATE_NOOP("StaffScreen", "Chains checked"),
    "year": QT_TRANSLATE_NOOP("StaffScreen", "Year"),
    "language": QT_TRANSLATE_NOOP("StaffScreen", "Language"),
    "first_day": QT_TRANSLATE_NOOP("StaffScreen", "First day"),
    "last_day": QT_TRANSLATE_NOOP("StaffScreen", "Last day"),
    "actor_kind": QT_TRANSLATE_NOOP("StaffScreen", "Who"),
    "action": QT_TRANSLATE_NOOP("StaffScreen", "Action"),
    "outcome": QT_TRANSLATE_NOOP("StaffScreen", "Outcome"),
    "until": QT_TRANSLATE_NOOP("StaffScreen", "Until"),
    "login": QT_TRANSLATE_NOOP("StaffScreen", "Staff ID"),
    "rehashed": QT_TRANSLATE_NOOP("StaffScreen", "Password hash renewed"),
}


def detail_value(key: str, text: str, flag: bool | None) -> str:
    """A detail's value as the screen shows it: yes/no in words, an amount in yuan, a moment
    (stored in UTC) in the kiosk's time."""
    if flag is not None:
        return (
            QCoreApplication.translate("StaffScreen", "Yes")
            if flag
            else QCoreApplication.translate("StaffScreen", "No")
        )
    if key == "amount_fen" and text.isdigit():
        return format_yuan(int(text))
    if "T" in text and len(text) >= 19:
        try:
            at = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        return moment(at) if at.tzinfo is not None else text
    return text


# What the check finds, by kind (kiosk.store.audit_verify.AuditProblem), in plain words.
PROBLEM_WORDS: dict[str, str] = {
    "altered": QT_TRANSLATE_NOOP("StaffScreen", "Changed after it was written."),
    "missing": QT_TRANSLATE_NOOP("StaffScreen", "Entries just before it were deleted."),
    "broken_link": QT_TRANSLATE_NOOP(
        "StaffScreen", "No longer follows on from the entry before it."
    ),
    "head_mismatch": QT_TRANSLATE_NOOP(
        "StaffScreen", "The log's record of its last entry does not match."
    ),
    "no_head": QT_TRANSLATE_NOOP("StaffScreen", "The log has no record of its last entry."),
    "unkeyed": QT_TRANSLATE_NOOP("StaffScreen", "Written without the kiosk's audit key."),
    "legacy_mismatch": QT_TRANSLATE_NOOP(
        "StaffScreen", "Does not fit the log's history from before the audit key."
    ),
    "other_key": QT_TRANSLATE_NOOP("StaffScreen", "Sealed with a key that is not this kiosk's."),
    "cut": QT_TRANSLATE_NOOP(
        "StaffScreen", "Entries were cut from the end of the log (the anchor file has more)."
    ),
    "rewritten": QT_TRANSLATE_NOOP(
        "StaffScreen", "The log was rewritten from here on (the anchor file differs)."
    ),
    "anchor_regressed": QT_TRANSLATE_NOOP(
        "StaffScreen", "Entries were cut and written again (the anchor file goes back)."
    ),
    "chain_gone": QT_TRANSLATE_NOOP(
        "StaffScreen", "Every entry is gone from the database (the anchor file had them)."
    ),
}


def problem_where(problem: CheckProblem) -> str:
    """Where the check found a problem: "Log BJCY01, entry 12"."""
    if problem.seq is None:
        return QCoreApplication.translate("StaffScreen", "Log {chain}").format(chain=problem.chain)
    return QCoreApplication.translate("StaffScreen", "Log {chain}, entry {seq}").format(
        chain=problem.chain, seq=problem.seq
    )


def problem_words(problem: CheckProblem) -> str:
    """What the check found, in plain words."""
    source = PROBLEM_WORDS.get(problem.kind)
    return (
        translated(source)
        if source
        else QCoreApplication.translate("StaffScreen", "A problem was found here.")
    )


def retired_words(note: RetiredKeyNote) -> str:
    return QCoreApplication.translate(
        "StaffScreen",
        "{entries} entries are sealed with a retired key ({key}, replaced at entry {seq}) "
        "and can no longer be verified. This is on the record, not a fault.",
    ).format(entries=f"{note.entries:,}", key=note.key_id, seq=note.replaced_at)


def chain_words(chain: ChainState) -> str:
    """One log's counts: "13 entries, 13 verified with this kiosk's key; anchored up to entry
    13"."""
    parts = [
        QCoreApplication.translate(
            "StaffScreen", "{entries} entries, {verified} verified with this kiosk's key"
        ).format(entries=f"{chain.entries:,}", verified=f"{chain.verified:,}")
    ]
    if chain.legacy:
        parts.append(
            QCoreApplication.translate(
                "StaffScreen", "{n} from before the audit key, verified by their links"
            ).format(n=f"{chain.legacy:,}")
        )
    if chain.not_verifiable:
        parts.append(
            QCoreApplication.translate("StaffScreen", "{n} sealed with another key").format(
                n=f"{chain.not_verifiable:,}"
            )
        )
    if chain.anchored_seq is not None:
        parts.append(
            QCoreApplication.translate("StaffScreen", "anchored up to entry {seq}").format(
                seq=f"{chain.anchored_seq:,}"
            )
        )
    else:
        parts.append(QCoreApplication.translate("StaffScreen", "not in the anchor file"))
    return ("；" if current_language() == CHINESE else "; ").join(parts)

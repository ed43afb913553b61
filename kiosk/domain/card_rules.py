"""Which card status allows which business, and why not: the one place that says so.

The use cases (kiosk.services) check a card under its lock with `check`; identification asks
`may_start` before offering anything; the card session asks `problem_for` what the inserted
card's problem screen is. Staff mode and the central back end are to ask the same functions.
"""

from __future__ import annotations

from kiosk.domain.business import Business, Refusal
from kiosk.domain.errors import (
    CardNotReplaceable,
    CardNotReportable,
    NotUnderTemporaryLoss,
    ReissueUnderWay,
)
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem

# Statuses of a card that is (still) the cardholder's card, as opposed to a superseded one:
# the card a loss report made without the card is about.
CURRENT_STATUSES = (CardStatus.NORMAL, CardStatus.TEMPORARY_LOSS, CardStatus.LOST)

# The statuses each business may start from. A damaged card is replaced only while in force;
# its expiry does not matter (the new card replaces it either way).
_ALLOWED: dict[Business, frozenset[CardStatus]] = {
    Business.TEMPORARY: frozenset({CardStatus.NORMAL}),
    Business.FINAL: frozenset({CardStatus.NORMAL, CardStatus.TEMPORARY_LOSS}),
    Business.FINAL_REPORT: frozenset({CardStatus.NORMAL, CardStatus.TEMPORARY_LOSS}),
    Business.CANCEL: frozenset({CardStatus.TEMPORARY_LOSS}),
    Business.DAMAGED: frozenset({CardStatus.NORMAL}),
}

# The status the card gets. A damaged card keeps its own: it may still work at a hospital or a
# bank until the new card is collected, and the agency cancels it when it hands the new one out.
_STATUS_AFTER: dict[Business, CardStatus | None] = {
    Business.TEMPORARY: CardStatus.TEMPORARY_LOSS,
    Business.FINAL: CardStatus.LOST,
    Business.FINAL_REPORT: CardStatus.LOST,
    Business.CANCEL: CardStatus.NORMAL,
    Business.DAMAGED: None,
}

# An inserted card whose status stops the card session, and the screen that says so.
_STATUS_PROBLEMS = {
    CardStatus.TEMPORARY_LOSS: CardProblem.TEMPORARY_LOSS,
    CardStatus.LOST: CardProblem.LOST,
    CardStatus.REPLACED: CardProblem.REPLACED,
    CardStatus.CANCELLED: CardProblem.CANCELLED,
}


def allows(business: Business, status: CardStatus) -> bool:
    return status in _ALLOWED[business]


def status_after(business: Business, status: CardStatus) -> CardStatus:
    """The card's status once `business` is recorded on a card in `status`."""
    return _STATUS_AFTER[business] or status


def check(business: Business, status: CardStatus, *, reissue_under_way: bool = False) -> None:
    """Raise the domain error that says why `business` cannot be done on a card in `status`
    (`reissue_under_way`: the cardholder has a new card applied for and not collected yet).

    NotUnderTemporaryLoss (a cancellation), ReissueUnderWay (a second reissue or replacement),
    CardNotReplaceable (a damaged card not in force), CardNotReportable (any other loss report).
    """
    if reissue_under_way and business in (Business.FINAL, Business.DAMAGED):
        raise ReissueUnderWay()
    if allows(business, status):
        return
    if business is Business.CANCEL:
        raise NotUnderTemporaryLoss()
    if business is Business.DAMAGED:
        raise CardNotReplaceable(status.value)
    raise CardNotReportable(status.value)


def refusal_for_status(status: CardStatus) -> Refusal | None:
    """Why a card in `status` allows no business at the kiosk at all, in the citizen's terms;
    None when some business may be possible."""
    if status is CardStatus.CANCELLED:
        return Refusal.CARD_CANCELLED
    if status in (CardStatus.LOST, CardStatus.REPLACED):
        return Refusal.CARD_LOST
    return None


def refusal_for(
    business: Business, status: CardStatus, *, reissue_under_way: bool = False
) -> Refusal | None:
    """Why `business` cannot be done on a card in `status`, in the citizen's terms; None when
    it can. `reissue_under_way`: the cardholder has a new card applied for and not collected
    yet, which allows no second one."""
    if not allows(business, status):
        if business is Business.CANCEL:
            return Refusal.NOT_UNDER_TEMPORARY_LOSS
        # Cancelled, or lost / replaced / already under temporary loss: nothing to report.
        return refusal_for_status(status) or Refusal.CARD_LOST
    if reissue_under_way and business in (Business.FINAL, Business.DAMAGED):
        return Refusal.REISSUE_UNDER_WAY
    return None


def may_start(status: CardStatus, *, reissue_under_way: bool, by_card: bool) -> Refusal | None:
    """Why an identified cardholder's card allows nothing at the kiosk, or None.

    `by_card`: identified with the inserted card and its PIN. A card under temporary loss report
    passes (cancelling it is flow 6), and so does, with the card, one whose replacement is under
    way; without the card, a card already blocked with a new card on its way leaves nothing to do.
    """
    refusal = refusal_for_status(status)
    if refusal is not None:
        return refusal
    if reissue_under_way and not by_card and status is not CardStatus.NORMAL:
        return Refusal.REISSUE_UNDER_WAY
    return None


def is_superseded(status: CardStatus) -> bool:
    """A card replaced by a newer one: no longer the one a cardholder's business is about."""
    return status is CardStatus.REPLACED


def problem_for(status: CardStatus | None, *, expired: bool) -> CardProblem | None:
    """The problem screen of an inserted card (`status` None: the back end does not know it)."""
    if status is None:
        return CardProblem.UNKNOWN
    if status in _STATUS_PROBLEMS:
        return _STATUS_PROBLEMS[status]
    if expired:
        return CardProblem.EXPIRED
    return None

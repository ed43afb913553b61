"""The one table of which card status allows which business, and why not."""

from __future__ import annotations

import pytest

from kiosk.domain import card_rules
from kiosk.domain.business import Business, Refusal
from kiosk.domain.errors import (
    CardNotReplaceable,
    CardNotReportable,
    NotUnderTemporaryLoss,
    ReissueUnderWay,
)
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem

N, T, L, C, R = (
    CardStatus.NORMAL,
    CardStatus.TEMPORARY_LOSS,
    CardStatus.LOST,
    CardStatus.CANCELLED,
    CardStatus.REPLACED,
)

ALLOWED = {
    Business.TEMPORARY: {N},
    Business.FINAL: {N, T},
    Business.FINAL_REPORT: {N, T},
    Business.CANCEL: {T},
    Business.DAMAGED: {N},
}


@pytest.mark.parametrize("business", list(Business))
@pytest.mark.parametrize("status", list(CardStatus))
def test_each_business_starts_only_from_its_statuses(
    business: Business, status: CardStatus
) -> None:
    allowed = status in ALLOWED[business]
    assert card_rules.allows(business, status) is allowed
    assert (card_rules.refusal_for(business, status) is None) is allowed
    if allowed:
        card_rules.check(business, status)


def test_the_status_each_business_leaves() -> None:
    assert card_rules.status_after(Business.TEMPORARY, N) is T
    assert card_rules.status_after(Business.FINAL, T) is L
    assert card_rules.status_after(Business.FINAL_REPORT, N) is L
    assert card_rules.status_after(Business.CANCEL, T) is N
    assert card_rules.status_after(Business.DAMAGED, N) is N  # works until the new card


def test_why_not_as_a_domain_error() -> None:
    with pytest.raises(NotUnderTemporaryLoss):
        card_rules.check(Business.CANCEL, N)
    with pytest.raises(CardNotReplaceable):
        card_rules.check(Business.DAMAGED, T)
    with pytest.raises(CardNotReportable) as caught:
        card_rules.check(Business.TEMPORARY, T)
    assert caught.value.status == T.value
    with pytest.raises(ReissueUnderWay):
        card_rules.check(Business.FINAL, N, reissue_under_way=True)
    with pytest.raises(ReissueUnderWay):
        card_rules.check(Business.DAMAGED, N, reissue_under_way=True)
    card_rules.check(Business.TEMPORARY, N, reissue_under_way=True)  # a block stays possible


def test_why_not_in_the_citizens_terms() -> None:
    assert card_rules.refusal_for(Business.CANCEL, N) is Refusal.NOT_UNDER_TEMPORARY_LOSS
    assert card_rules.refusal_for(Business.TEMPORARY, C) is Refusal.CARD_CANCELLED
    assert card_rules.refusal_for(Business.TEMPORARY, T) is Refusal.CARD_LOST
    assert card_rules.refusal_for(Business.FINAL, R) is Refusal.CARD_LOST
    assert card_rules.refusal_for(Business.DAMAGED, T) is Refusal.CARD_LOST


def test_a_reissue_under_way_allows_no_second_one_but_still_a_block() -> None:
    def under_way(business: Business, status) -> Refusal | None:
        return card_rules.refusal_for(business, status, reissue_under_way=True)

    assert under_way(Business.FINAL, N) is Refusal.REISSUE_UNDER_WAY
    assert under_way(Business.DAMAGED, N) is Refusal.REISSUE_UNDER_WAY
    assert under_way(Business.TEMPORARY, N) is None  # the card in use can still be blocked
    assert under_way(Business.CANCEL, T) is None
    # The card's status speaks first: a cancelled card is refused as cancelled.
    assert under_way(Business.DAMAGED, C) is Refusal.CARD_CANCELLED


def test_what_an_identified_card_may_start() -> None:
    assert card_rules.may_start(N, reissue_under_way=False, by_card=False) is None
    assert card_rules.may_start(C, reissue_under_way=False, by_card=True) is Refusal.CARD_CANCELLED
    assert card_rules.may_start(L, reissue_under_way=False, by_card=True) is Refusal.CARD_LOST
    assert card_rules.may_start(R, reissue_under_way=False, by_card=False) is Refusal.CARD_LOST
    under_way = Refusal.REISSUE_UNDER_WAY
    assert card_rules.may_start(T, reissue_under_way=True, by_card=False) is under_way
    assert card_rules.may_start(T, reissue_under_way=True, by_card=True) is None
    assert card_rules.may_start(N, reissue_under_way=True, by_card=False) is None


def test_the_problem_screen_of_an_inserted_card() -> None:
    assert card_rules.problem_for(None, expired=False) is CardProblem.UNKNOWN
    assert card_rules.problem_for(T, expired=True) is CardProblem.TEMPORARY_LOSS
    assert card_rules.problem_for(L, expired=False) is CardProblem.LOST
    assert card_rules.problem_for(R, expired=False) is CardProblem.REPLACED
    assert card_rules.problem_for(C, expired=False) is CardProblem.CANCELLED
    assert card_rules.problem_for(N, expired=True) is CardProblem.EXPIRED
    assert card_rules.problem_for(N, expired=False) is None

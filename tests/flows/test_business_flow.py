"""The business flow without widgets, database or printer: every path of flows 5-8, the
refusals, the identification attempts, the idempotency key's life and the Back button."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest

from kiosk.domain.business import (
    BusinessReceipt,
    CancellationRequest,
    Identified,
    Material,
    PickupQuote,
    PrintOutcome,
    Refusal,
    ReissueRequest,
    VoucherAccess,
    VoucherLookup,
    VoucherStatus,
)
from kiosk.domain.devices import PrinterState, PrinterStatus
from kiosk.domain.journal import ActorKind, Agent, LossReportKind, LossReportRequest, ReissueReason
from kiosk.domain.records import CardStatus, Outlet
from kiosk.flows.business import (
    PIN_PURPOSES,
    BStep,
    BusinessFlow,
    BusinessView,
    CheckPrinter,
    Choice,
    Identify,
    Leave,
    LoadReissueOptions,
    LookupCode,
    LookupPerson,
    Phase,
    PrintVoucher,
    Purpose,
    Reprint,
    SubmitCancellation,
    SubmitLoss,
    SubmitReissue,
)
from kiosk.flows.citizen import PinPurpose

SSN = "110105198506120173"
MOBILE = "13810245678"
CARD = "A1052103X"
AGENT_SSN = "11010819770707931X"
K = "K0001"
S = BStep

OUTLETS = (
    Outlet("O1", "东城服务网点", "Dongcheng", "东城区1号", "1 Dongcheng", "9-17", None, True),
    Outlet("O2", "西城服务网点", None, "西城区2号", None, "9-17", "12333", True),
    Outlet("O3", "只咨询", None, "3号", None, "9-17", None, False),  # hands out no cards
)
QUOTE = PickupQuote(dt.date(2026, 5, 20), True, 15, 0)


def person(status: CardStatus = CardStatus.NORMAL, *, by_card: bool = False) -> Identified:
    return Identified(
        ssn=SSN,
        card_number=CARD,
        masked_name="王*明",
        masked_ssn="1101**********0173",
        masked_card_number="A1*****3X",
        card_status=status,
        photo_on_file=True,
        by_card=by_card,
    )


def receipt(key: str, number: str = "K0001-260428-0001-7") -> BusinessReceipt:
    return BusinessReceipt(key, number, f"SSK1:{number}:sig", dt.datetime(2026, 4, 28, 9, 0))


CODE = "SSK1:K0001-20260428-000001-7:SIGNATURE"


def found(*numbers: str) -> VoucherLookup:
    """What a lookup answers: these vouchers, and the access its proof opened to them."""
    access = VoucherAccess(
        numbers, ActorKind.ANONYMOUS, "voucher holder", dt.datetime(2026, 4, 28, 10, 0), "t"
    )
    return VoucherLookup(tuple(voucher(n) for n in numbers), access)


def voucher(number: str, reprint: bool = True) -> VoucherStatus:
    return VoucherStatus(
        number, "card_receipt", dt.datetime(2026, 4, 28), "王*明", None, None, None, reprint
    )


def keys():
    counter = itertools.count(1)
    return lambda: f"key-{next(counter)}"


@pytest.fixture
def flow() -> BusinessFlow:
    return BusinessFlow(K, new_key=keys())


def identified_flow(flow: BusinessFlow, *, as_agent: bool = False) -> None:
    assert flow.start_loss_report() == []
    assert flow.view.step is S.IDENTIFY and flow.view.purpose is Purpose.LOSS_REPORT
    assert flow.identify(SSN, MOBILE, as_agent) == [Identify(SSN, MOBILE)]
    assert flow.view.busy
    assert flow.identified(person()) == []
    assert not flow.view.busy


def at_review_temporary(flow: BusinessFlow) -> None:
    identified_flow(flow)
    assert flow.choose(Choice.TEMPORARY) == []
    assert flow.view.step is S.REVIEW


def at_outlet(flow: BusinessFlow, choice: Choice = Choice.LOST, *, as_agent=False) -> None:
    identified_flow(flow, as_agent=as_agent)
    if as_agent:
        flow.agent_given(AGENT_SSN, "李四", "spouse")
    assert flow.choose(choice) == [LoadReissueOptions()]
    assert flow.view.busy and flow.view.step is S.WHAT_HAPPENED
    assert flow.options_loaded(OUTLETS, QUOTE) == []
    assert flow.view.step is S.OUTLET


def through_reissue(flow: BusinessFlow, code: str = "O1") -> None:
    flow.choose_outlet(code)
    flow.next()
    assert flow.view.step is S.MATERIALS
    flow.next()
    assert flow.view.step is S.PICKUP
    flow.next()
    assert flow.view.step is S.REVIEW


# Flow 5: temporary loss report --------------------------------------------------------------


def test_temporary_loss_report_from_identify_to_the_printed_receipt(flow):
    at_review_temporary(flow)
    assert flow.view.steps == (S.IDENTIFY, S.WHAT_HAPPENED, S.REVIEW, S.CONFIRM, S.RECEIPT)
    assert flow.next() == [CheckPrinter()]
    assert flow.view.step is S.CONFIRM and flow.view.idempotency_key == "key-1"
    flow.printer_checked(PrinterStatus(PrinterState.READY))
    assert flow.view.printer == PrinterStatus(PrinterState.READY)
    request = LossReportRequest(
        "key-1", K, SSN, LossReportKind.TEMPORARY, card_number=CARD, agent=None
    )
    assert flow.confirm() == [SubmitLoss(request)]
    assert flow.view.busy
    assert flow.submitted(receipt("key-1")) == [PrintVoucher("SSK1:K0001-260428-0001-7:sig")]
    assert flow.view.step is S.RECEIPT and flow.view.print_outcome is None
    assert flow.printed(PrintOutcome.PRINTED) == []
    assert flow.view.print_outcome is PrintOutcome.PRINTED
    assert flow.done


def test_a_failed_print_is_shown_and_the_receipt_stays(flow):
    at_review_temporary(flow)
    flow.next()
    flow.confirm()
    flow.submitted(receipt("key-1"))
    flow.printed(PrintOutcome.OUT_OF_PAPER)
    assert flow.view.step is S.RECEIPT and flow.view.print_outcome is PrintOutcome.OUT_OF_PAPER
    assert flow.view.receipt is not None and flow.view.receipt.voucher_number


def test_an_agent_adds_the_agent_step_and_goes_into_the_request(flow):
    identified_flow(flow, as_agent=True)
    assert flow.view.step is S.AGENT
    assert flow.view.steps == (
        S.IDENTIFY,
        S.AGENT,
        S.WHAT_HAPPENED,
        S.REVIEW,
        S.CONFIRM,
        S.RECEIPT,
    )
    assert flow.agent_given(SSN, "王晓明", "other") == []  # the cardholder cannot be the agent
    assert flow.view.step is S.AGENT
    flow.agent_given(AGENT_SSN, "李四", "spouse")
    assert flow.view.step is S.WHAT_HAPPENED
    assert flow.view.agent == Agent(AGENT_SSN, "李四", "spouse")
    flow.choose(Choice.TEMPORARY)
    flow.next()
    [command] = flow.confirm()
    assert isinstance(command, SubmitLoss) and command.request.agent == flow.view.agent


def test_no_agent_step_without_the_agent_toggle(flow):
    identified_flow(flow)
    assert flow.view.step is S.WHAT_HAPPENED
    assert S.AGENT not in flow.view.steps
    assert flow.agent_given(AGENT_SSN, "李四", "spouse") == []  # not on this path
    assert flow.view.agent is None


def test_temporary_report_not_offered_for_a_card_already_under_temporary_loss(flow):
    flow.start_loss_report()
    flow.identify(SSN, MOBILE, False)
    flow.identified(person(CardStatus.TEMPORARY_LOSS))
    assert flow.choose(Choice.TEMPORARY) == []
    assert flow.view.step is S.WHAT_HAPPENED and flow.view.choice is None
    assert flow.choose(Choice.LOST) == [LoadReissueOptions()]  # final report still allowed


# Flow 5 + 7: final loss report with reissue -------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "reason"), [(Choice.LOST, ReissueReason.LOST), (Choice.STOLEN, ReissueReason.STOLEN)]
)
def test_lost_or_stolen_goes_through_the_reissue_steps_to_a_voucher(flow, choice, reason):
    at_outlet(flow, choice)
    assert flow.view.steps == (
        S.IDENTIFY,
        S.WHAT_HAPPENED,
        S.OUTLET,
        S.MATERIALS,
        S.PICKUP,
        S.REVIEW,
        S.CONFIRM,
        S.RECEIPT,
    )
    assert [o.code for o in flow.view.outlets] == ["O1", "O2"]  # only outlets that issue cards
    assert flow.view.quote == QUOTE
    assert flow.view.materials == (Material.ORIGINAL_ID_CARD, Material.THIS_VOUCHER)
    assert flow.next() == [] and flow.view.step is S.OUTLET  # no outlet chosen yet
    flow.choose_outlet("O3")  # not offered
    assert flow.view.outlet is None
    through_reissue(flow, "O2")
    assert flow.view.outlet == OUTLETS[1]
    assert flow.next() == [CheckPrinter()]
    assert flow.confirm() == [
        SubmitReissue(ReissueRequest("key-1", K, SSN, CARD, reason, "O2", agent=None))
    ]
    assert flow.submitted(receipt("key-1")) == [PrintVoucher("SSK1:K0001-260428-0001-7:sig")]


def test_an_agent_adds_the_agent_id_card_to_the_materials(flow):
    at_outlet(flow, as_agent=True)
    assert Material.AGENT_ID_CARD in flow.view.materials
    through_reissue(flow)
    flow.next()
    [command] = flow.confirm()
    assert isinstance(command, SubmitReissue)
    assert command.request.agent == Agent(AGENT_SSN, "李四", "spouse")


def test_options_are_loaded_once_and_reused_when_coming_back(flow):
    at_outlet(flow)
    flow.back()
    assert flow.view.step is S.WHAT_HAPPENED
    assert flow.choose(Choice.STOLEN) == []  # already known
    assert flow.view.step is S.OUTLET


# Flow 6: cancelling a temporary loss report with the card -----------------------------------


def test_cancel_loss_report_path(flow):
    assert flow.start_cancel(person(CardStatus.TEMPORARY_LOSS, by_card=True)) == []
    assert flow.view.purpose is Purpose.CANCEL_LOSS
    assert flow.view.step is S.REVIEW
    assert flow.view.steps == (S.REVIEW, S.CONFIRM, S.RECEIPT)
    assert flow.next() == [CheckPrinter()]
    assert flow.confirm() == [SubmitCancellation(CancellationRequest("key-1", K, SSN, CARD))]
    assert flow.submitted(receipt("key-1")) == [PrintVoucher("SSK1:K0001-260428-0001-7:sig")]
    assert flow.view.step is S.RECEIPT


def test_cancel_refused_for_a_card_not_under_temporary_loss(flow):
    assert flow.start_cancel(person(CardStatus.NORMAL, by_card=True)) == []
    assert flow.view.step is S.REFUSED
    assert flow.view.refusal is Refusal.NOT_UNDER_TEMPORARY_LOSS


def test_back_from_the_first_card_step_leaves_the_business(flow):
    flow.start_cancel(person(CardStatus.TEMPORARY_LOSS, by_card=True))
    assert flow.back() == [Leave()]


# Flow 7 from the summary: damaged card ------------------------------------------------------


def test_replace_damaged_card_path(flow):
    assert flow.start_replace(person(by_card=True)) == [LoadReissueOptions()]
    assert flow.view.purpose is Purpose.REPLACE_DAMAGED and flow.view.busy
    assert flow.view.steps == (
        S.OUTLET,
        S.MATERIALS,
        S.PICKUP,
        S.REVIEW,
        S.CONFIRM,
        S.RECEIPT,
    )
    assert flow.back() == []  # busy: nothing
    flow.options_loaded(OUTLETS, QUOTE)
    assert flow.view.step is S.OUTLET and not flow.view.busy
    assert flow.back() == [Leave()]  # first step: back to the card summary
    through_reissue(flow)
    flow.next()
    assert flow.confirm() == [
        SubmitReissue(ReissueRequest("key-1", K, SSN, CARD, ReissueReason.DAMAGED, "O1"))
    ]


@pytest.mark.parametrize(
    ("status", "refusal"),
    [
        (CardStatus.LOST, Refusal.CARD_LOST),
        (CardStatus.TEMPORARY_LOSS, Refusal.CARD_LOST),
        (CardStatus.CANCELLED, Refusal.CARD_CANCELLED),
    ],
)
def test_replace_refused_for_a_card_that_is_not_normal(flow, status, refusal):
    assert flow.start_replace(person(status, by_card=True)) == []
    assert flow.view.step is S.REFUSED and flow.view.refusal is refusal


def test_no_second_replacement_while_one_is_under_way(flow):
    under_way = replace(person(by_card=True), reissue_under_way=True)
    assert flow.start_replace(under_way) == []
    assert flow.view.refusal is Refusal.REISSUE_UNDER_WAY
    # The card still works, so without it the citizen may still block it, not reissue it.
    assert under_way.temporary_report_allowed and not under_way.final_report_allowed


def test_cannot_start_shows_the_refusal(flow):
    assert flow.cannot_start(Purpose.REPLACE_DAMAGED, Refusal.REISSUE_UNDER_WAY) == []
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.REISSUE_UNDER_WAY
    assert flow.view.purpose is Purpose.REPLACE_DAMAGED
    assert flow.retry() == []


# Identification: attempts and refusals ------------------------------------------------------


def test_wrong_details_show_the_attempts_the_back_end_counted(flow):
    flow.start_loss_report()
    assert flow.view.attempts_left is None
    for left in (4, 1):
        flow.identify(SSN, "13900000000", False)
        assert flow.refused(Refusal.NO_MATCH, attempts_left=left) == []
        assert flow.view.step is S.IDENTIFY and not flow.view.busy
        assert flow.view.identify_error is Refusal.NO_MATCH
        assert flow.view.attempts_left == left
    flow.identify(SSN, "13900000000", False)
    until = dt.datetime(2026, 4, 29, 9, 0, tzinfo=dt.UTC)
    flow.refused(Refusal.ID_LOCKED, until=until)
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.ID_LOCKED
    assert flow.view.refusal_until == until
    assert flow.retry() == []


def test_the_flow_keeps_no_count_of_its_own():
    # The limit is the back end's (S8): the flow lets every attempt through to it, in a
    # session or a new one, and only shows what it answers.
    for flow in (BusinessFlow(K), BusinessFlow(K)):
        flow.start_loss_report()
        for _ in range(10):
            assert flow.identify(SSN, "13900000000", False) == [Identify(SSN, "13900000000")]
            flow.refused(Refusal.NO_MATCH, attempts_left=3)
        flow.start_voucher_lookup()
        assert flow.lookup_person(SSN, MOBILE) == [LookupPerson(SSN, MOBILE)]


def test_right_details_after_a_wrong_try_clear_the_error(flow):
    flow.start_loss_report()
    flow.identify(SSN, "13900000000", False)
    flow.refused(Refusal.NO_MATCH, attempts_left=4)
    flow.identify(SSN, MOBILE, False)
    flow.identified(person())
    assert flow.view.step is S.WHAT_HAPPENED and flow.view.identify_error is None


@pytest.mark.parametrize(
    "refusal",
    [
        Refusal.CARD_LOST,
        Refusal.CARD_CANCELLED,
        Refusal.REISSUE_UNDER_WAY,
        Refusal.CARD_UNKNOWN,
        Refusal.BACKEND_OFFLINE,
        Refusal.ID_LOCKED,
        Refusal.KIOSK_PAUSED,
    ],
)
def test_other_identify_refusals_end_on_refused(flow, refusal):
    flow.start_loss_report()
    flow.identify(SSN, MOBILE, False)
    assert flow.refused(refusal) == []
    assert flow.view.step is S.REFUSED and flow.view.refusal is refusal
    assert flow.view.identify_error is None


def test_a_double_identify_tap_sends_one_command(flow):
    flow.start_loss_report()
    assert flow.identify(SSN, MOBILE, False) == [Identify(SSN, MOBILE)]
    assert flow.identify(SSN, MOBILE, False) == []


def test_stale_results_are_ignored(flow):
    flow.start_loss_report()
    assert flow.identified(person()) == []  # nothing was asked
    assert flow.view.step is S.IDENTIFY and flow.view.identified is None
    assert flow.refused(Refusal.NO_MATCH) == []
    assert flow.view.identify_error is None
    assert flow.options_loaded(OUTLETS, QUOTE) == []
    assert flow.submitted(receipt("x")) == []
    assert flow.looked_up(found("A")) == []


# The idempotency key --------------------------------------------------------------------------


def test_double_confirm_submits_once(flow):
    at_review_temporary(flow)
    flow.next()
    assert len(flow.confirm()) == 1
    assert flow.confirm() == []  # busy
    flow.submitted(receipt("key-1"))
    assert flow.confirm() == []  # done
    assert flow.submitted(receipt("key-1")) == []  # a late duplicate result changes nothing


def test_back_and_forward_keeps_the_key(flow):
    at_review_temporary(flow)
    flow.next()
    assert flow.view.idempotency_key == "key-1"
    assert flow.back() == [] and flow.view.step is S.REVIEW
    flow.next()
    assert flow.view.idempotency_key == "key-1"
    [command] = flow.confirm()
    assert isinstance(command, SubmitLoss) and command.request.idempotency_key == "key-1"


def test_a_changed_request_gets_a_new_key(flow):
    at_outlet(flow)
    through_reissue(flow, "O1")
    flow.next()
    assert flow.view.idempotency_key == "key-1"
    for _ in range(4):  # confirm -> review -> pickup -> materials -> outlet
        flow.back()
    assert flow.view.step is S.OUTLET
    flow.choose_outlet("O2")
    through_reissue(flow, "O2")
    flow.next()
    assert flow.view.idempotency_key == "key-2"
    [command] = flow.confirm()
    assert isinstance(command, SubmitReissue)
    assert command.request.idempotency_key == "key-2" and command.request.outlet_code == "O2"


def test_changing_back_to_the_first_request_makes_yet_another_key(flow):
    # The key is tied to the content it was made for; the old one is not remembered.
    at_outlet(flow)
    through_reissue(flow, "O1")
    flow.next()
    for _ in range(4):
        flow.back()
    through_reissue(flow, "O2")
    flow.next()
    for _ in range(4):
        flow.back()
    through_reissue(flow, "O1")
    flow.next()
    assert flow.view.idempotency_key == "key-3"


def test_a_different_choice_gets_a_new_key(flow):
    at_review_temporary(flow)
    flow.next()
    assert flow.view.idempotency_key == "key-1"
    flow.back()
    flow.back()
    assert flow.view.step is S.WHAT_HAPPENED
    flow.choose(Choice.LOST)
    flow.options_loaded(OUTLETS, QUOTE)
    through_reissue(flow)
    flow.next()
    assert flow.view.idempotency_key == "key-2"


def test_backend_offline_on_submit_retries_with_the_same_key(flow):
    at_review_temporary(flow)
    flow.next()
    [first] = flow.confirm()
    assert flow.refused(Refusal.BACKEND_OFFLINE) == []
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.BACKEND_OFFLINE
    assert flow.back() == [] and flow.confirm() == []
    assert flow.retry() == [CheckPrinter()]
    assert flow.view.step is S.CONFIRM and flow.view.refusal is None
    [second] = flow.confirm()
    assert second == first
    assert flow.retry() == []  # nothing to retry any more


def test_other_submit_refusals_cannot_be_retried(flow):
    at_review_temporary(flow)
    flow.next()
    flow.confirm()
    flow.refused(Refusal.CARD_LOST)
    assert flow.view.step is S.REFUSED and flow.retry() == []


def test_backend_offline_while_loading_options_retries_the_load(flow):
    identified_flow(flow)
    flow.choose(Choice.LOST)
    flow.refused(Refusal.BACKEND_OFFLINE)
    assert flow.view.step is S.REFUSED
    assert flow.retry() == [LoadReissueOptions()]
    assert flow.view.step is S.WHAT_HAPPENED and flow.view.busy
    flow.options_loaded(OUTLETS, QUOTE)
    assert flow.view.step is S.OUTLET


def test_backend_offline_on_identify_retries_at_identify(flow):
    flow.start_loss_report()
    flow.identify(SSN, MOBILE, False)
    flow.refused(Refusal.BACKEND_OFFLINE)
    assert flow.retry() == []
    assert flow.view.step is S.IDENTIFY and not flow.view.busy
    assert flow.identify(SSN, MOBILE, False) == [Identify(SSN, MOBILE)]


def test_each_start_makes_a_new_key(flow):
    at_review_temporary(flow)
    flow.next()
    flow.confirm()
    flow.submitted(receipt("key-1"))
    at_review_temporary(flow)
    flow.next()
    assert flow.view.idempotency_key == "key-2"


def test_the_default_key_is_a_fresh_hex_uuid():
    flow = BusinessFlow(K)
    at_review_temporary(flow)
    flow.next()
    key = flow.view.idempotency_key
    assert key is not None and len(key) == 32 and int(key, 16) >= 0


# Back navigation ----------------------------------------------------------------------------


def test_back_walks_every_pre_confirm_step_of_the_longest_path(flow):
    at_outlet(flow, as_agent=True)
    through_reissue(flow)
    flow.next()
    seen = [flow.view.step]
    while (commands := flow.back()) == []:
        seen.append(flow.view.step)
    assert commands == [Leave()]
    assert seen == [
        S.CONFIRM,
        S.REVIEW,
        S.PICKUP,
        S.MATERIALS,
        S.OUTLET,
        S.WHAT_HAPPENED,
        S.AGENT,
        S.IDENTIFY,
    ]
    assert flow.view.identified is None and flow.view.agent is None  # identify again


def test_no_back_while_busy_or_after_submit(flow):
    at_review_temporary(flow)
    flow.next()
    flow.confirm()
    assert not flow.can_go_back
    assert flow.back() == [] and flow.view.step is S.CONFIRM
    flow.submitted(receipt("key-1"))
    assert flow.back() == [] and flow.view.step is S.RECEIPT
    assert not flow.can_go_back


def test_back_from_identify_leaves(flow):
    flow.start_loss_report()
    assert flow.can_go_back
    assert flow.back() == [Leave()]


# Flow 8: voucher lookup -----------------------------------------------------------------------


def test_lookup_by_code_then_reprint_once(flow):
    assert flow.start_voucher_lookup() == []
    assert flow.view.step is S.LOOKUP and flow.view.steps == (S.LOOKUP, S.LOOKUP_RESULT)
    assert flow.lookup_code(CODE) == [LookupCode(CODE)]
    assert flow.lookup_code(CODE) == []  # busy
    lookup = found("V1", "V2")
    flow.looked_up(lookup)
    assert flow.view.step is S.LOOKUP_RESULT
    assert flow.reprint("nope") == []
    assert flow.reprint("V2") == [Reprint("V2", lookup.access)]  # the lookup's proof goes along
    assert flow.reprint("V2") == []  # double tap
    flow.reprinted(PrintOutcome.PRINTED)
    assert flow.view.reprinted == "V2" and flow.view.reprint_outcome is PrintOutcome.PRINTED
    available = {v.voucher_number: v.self_reprint_available for v in flow.view.lookup_results}
    assert available == {"V1": True, "V2": False}  # the screen offers no second one
    assert flow.reprint("V2") == [Reprint("V2", lookup.access)]  # the service decides
    flow.refused(Refusal.REPRINT_USED)
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.REPRINT_USED


def test_a_new_lookup_forgets_the_access_of_the_last(flow):
    flow.start_voucher_lookup()
    flow.lookup_code(CODE)
    flow.looked_up(found("V1"))
    flow.start_voucher_lookup()
    assert flow.reprint("V1") == []


def test_a_failed_reprint_leaves_the_reprint_available(flow):
    flow.start_voucher_lookup()
    flow.lookup_code(CODE)
    lookup = found("V1")
    flow.looked_up(lookup)
    flow.reprint("V1")
    flow.reprinted(PrintOutcome.PRINTER_OFFLINE)
    assert flow.view.reprint_outcome is PrintOutcome.PRINTER_OFFLINE
    assert flow.view.lookup_results[0].self_reprint_available
    assert flow.reprint("V1") == [Reprint("V1", lookup.access)]


def test_reprint_refused_by_the_service(flow):
    flow.start_voucher_lookup()
    flow.lookup_code(CODE)
    flow.looked_up(found("V1"))
    flow.reprint("V1")
    flow.refused(Refusal.REPRINT_USED)
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.REPRINT_USED


@pytest.mark.parametrize("refusal", [Refusal.VOUCHER_NOT_FOUND, Refusal.VOUCHER_CODE_INVALID])
def test_a_code_that_finds_nothing_is_shown_inline(flow, refusal):
    flow.start_voucher_lookup()
    flow.lookup_code(CODE)
    assert flow.refused(refusal) == []
    assert flow.view.step is S.LOOKUP and flow.view.lookup_error is refusal
    assert flow.lookup_code(CODE) == [LookupCode(CODE)]  # scan again


def test_lookup_by_person_and_its_attempts(flow):
    flow.start_voucher_lookup()
    assert flow.lookup_person(SSN, MOBILE) == [LookupPerson(SSN, MOBILE)]
    flow.refused(Refusal.NO_MATCH, attempts_left=2)
    assert flow.view.lookup_error is Refusal.NO_MATCH and flow.view.attempts_left == 2
    flow.lookup_person(SSN, MOBILE)
    flow.looked_up(found("V1"))
    assert flow.view.step is S.LOOKUP_RESULT and flow.view.lookup_error is None
    assert flow.back() == [] and flow.view.step is S.LOOKUP
    assert flow.view.lookup_results == ()
    assert flow.back() == [Leave()]


@pytest.mark.parametrize("refusal", [Refusal.ID_LOCKED, Refusal.KIOSK_PAUSED])
def test_a_locked_lookup_ends_on_refused_with_the_time(flow, refusal):
    flow.start_voucher_lookup()
    flow.lookup_person(SSN, MOBILE)
    until = dt.datetime(2026, 4, 29, 9, 0, tzinfo=dt.UTC)
    flow.refused(refusal, until=until)
    assert flow.view.step is S.REFUSED and flow.view.refusal is refusal
    assert flow.view.refusal_until == until


def test_a_person_without_vouchers_is_told_inline(flow):
    flow.start_voucher_lookup()
    flow.lookup_person(SSN, MOBILE)
    flow.looked_up(found())
    assert flow.view.step is S.LOOKUP and flow.view.lookup_error is Refusal.VOUCHER_NOT_FOUND


def test_steps_never_hold_refused(flow):
    for start in (flow.start_loss_report, flow.start_voucher_lookup):
        start()
        assert S.REFUSED not in flow.view.steps
    flow.start_cancel(person(CardStatus.NORMAL))
    assert S.REFUSED not in flow.view.steps


# The step bar: one shape per wizard ------------------------------------------------------------


def _walk(flow: BusinessFlow, moves) -> list[BusinessView]:  # type: ignore[no-untyped-def]
    seen = [flow.view]
    for move in moves:
        move()
        seen.append(flow.view)
    return seen


@pytest.mark.parametrize(
    ("choice", "as_agent"),
    [(Choice.TEMPORARY, False), (Choice.LOST, True), (Choice.STOLEN, False)],
)
def test_the_phases_of_a_loss_report_never_change_whatever_is_chosen(flow, choice, as_agent):
    flow.start_loss_report()
    moves = [
        lambda: flow.identify(SSN, MOBILE, as_agent),
        lambda: flow.identified(person()),
    ]
    if as_agent:
        moves.append(lambda: flow.agent_given(AGENT_SSN, "李四", "spouse"))
    moves.append(lambda: flow.choose(choice))
    if choice is not Choice.TEMPORARY:
        moves += [
            lambda: flow.options_loaded(OUTLETS, QUOTE),
            lambda: flow.choose_outlet("O1"),
            flow.next,
            flow.next,
            flow.next,
        ]
    moves += [flow.next, flow.confirm, lambda: flow.submitted(receipt("key-1"))]
    views = _walk(flow, moves)
    assert views[-1].step is S.RECEIPT
    expected = (Phase.IDENTIFY, Phase.REQUEST, Phase.REVIEW, Phase.CONFIRM, Phase.RECEIPT)
    assert {view.phases for view in views} == {expected}
    positions = [expected.index(view.phase) for view in views]
    assert positions == sorted(positions)  # forward only, one phase at a time
    assert set(positions) == set(range(len(expected)))
    assert views[-1].reissue is (choice is not Choice.TEMPORARY)


def test_the_card_paths_start_at_the_pin_and_keep_their_phases(flow):
    cancel, replace = Purpose.CANCEL_LOSS.phases, Purpose.REPLACE_DAMAGED.phases
    assert cancel == (Phase.PIN, Phase.REVIEW, Phase.CONFIRM, Phase.RECEIPT)
    assert replace == (Phase.PIN, Phase.REQUEST, Phase.REVIEW, Phase.CONFIRM, Phase.RECEIPT)
    flow.start_replace(person(by_card=True))
    views = _walk(
        flow,
        [
            lambda: flow.options_loaded(OUTLETS, QUOTE),
            lambda: flow.choose_outlet("O1"),
            flow.next,
            flow.next,
            flow.next,
        ],
    )
    assert {view.phases for view in views} == {replace}
    assert [view.phase for view in views][-1] is Phase.REVIEW
    assert PIN_PURPOSES == {
        PinPurpose.CANCEL_LOSS: Purpose.CANCEL_LOSS,
        PinPurpose.REPLACE: Purpose.REPLACE_DAMAGED,
    }


def test_a_loss_report_with_the_centre_away_is_refused_before_the_form(flow):
    # A fleet kiosk whose centre did not answer: identifying without the card needs it (R7).
    assert flow.start_loss_report(centre_away=True) == []
    assert flow.view.step is S.REFUSED and flow.view.refusal is Refusal.BACKEND_OFFLINE
    assert flow.view.purpose is Purpose.LOSS_REPORT
    assert flow.retry() == []  # Retry opens the form: the centre may answer by now
    assert flow.view.step is S.IDENTIFY and flow.view.refusal is None
    assert flow.identify(SSN, MOBILE, False) == [Identify(SSN, MOBILE)]

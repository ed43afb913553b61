"""The citizen's business wizards (PRODUCT.md flows 5-8) as a pure state machine: no Qt, no
database, no printer. Same pattern as kiosk.flows.citizen: inputs update `view` and return
commands; the controller runs the commands on its worker through BusinessService and feeds the
results back in.

Paths (`view.steps`, which depends on the choices made so far; Back walks it):

    report a loss (no card):  identify -> [agent] -> what happened -> review -> confirm -> receipt
        ... "lost"/"stolen" goes on with the reissue steps before review:
                              -> outlet -> materials -> pickup -> review -> confirm -> receipt
    card found (temporary loss card, PIN verified):           review -> confirm -> receipt
    replace a damaged card (from the summary, PIN verified):
                              outlet -> materials -> pickup -> review -> confirm -> receipt
    voucher lookup:           lookup -> lookup result (status, one self-service reprint)

The step bar shows the path's phases (`view.phases`), fixed when the wizard starts so that it
never changes shape as choices are made: a phase may span several screens (the reissue's
outlet, materials and pickup date are part of "your request"; each screen's title says which).

The idempotency key is made when the confirm step opens and kept until the session ends, so a
double tap, a retry after a timeout or a second confirm submit the same key (R4).

The steps, phases, view and commands (CONTRACT, issue 5) live in kiosk.flows.business_contract
and are re-exported here, so the screens keep importing them from this module. What is left
(about 500 lines) is one state machine, `BusinessFlow`, kept whole: its inputs share the view,
the idempotency key and the retry step, and read best side by side.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace

from kiosk.domain import card_rules
from kiosk.domain.business import (
    Business,
    BusinessReceipt,
    CancellationRequest,
    Identified,
    PickupQuote,
    PrintOutcome,
    Refusal,
    ReissueRequest,
    VoucherAccess,
    VoucherLookup,
    materials_for,
)
from kiosk.domain.devices import PrinterStatus
from kiosk.domain.idcard import IdCardProblem, IdCardRead
from kiosk.domain.journal import Agent, LossReportKind, LossReportRequest, ReissueReason
from kiosk.domain.records import Outlet
from kiosk.flows.business_contract import (
    _REASONS,
    ID_CARD_STEPS,
    PIN_PURPOSES,
    BCommand,
    BStep,
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

__all__ = [  # the contract's names, where the screens and tests have always found them
    "ID_CARD_STEPS",
    "PIN_PURPOSES",
    "BCommand",
    "BStep",
    "BusinessFlow",
    "BusinessView",
    "CheckPrinter",
    "Choice",
    "Identify",
    "Leave",
    "LoadReissueOptions",
    "LookupCode",
    "LookupPerson",
    "Phase",
    "PrintVoucher",
    "Purpose",
    "Reprint",
    "Request",
    "SubmitCancellation",
    "SubmitLoss",
    "SubmitReissue",
]

Request = LossReportRequest | ReissueRequest | CancellationRequest

_REISSUE_STEPS = (BStep.OUTLET, BStep.MATERIALS, BStep.PICKUP)
# Refusals the citizen can fix on the same screen; every other one ends on REFUSED.
_INLINE_LOOKUP = (Refusal.NO_MATCH, Refusal.VOUCHER_NOT_FOUND, Refusal.VOUCHER_CODE_INVALID)


def _new_key() -> str:
    return uuid.uuid4().hex


class BusinessFlow:
    """One kiosk session's business: made when a business starts from attract or the card
    summary, dropped at Home, idle timeout or card removal. Wrong identification attempts are
    counted by the back end (kiosk.services.proof), not here: a new session, or another kiosk,
    gets no fresh attempts."""

    def __init__(
        self, kiosk_id: str, *, new_key: Callable[[], str] = _new_key, id_reader: bool = False
    ) -> None:
        """`id_reader`: the kiosk has a resident ID card reader that answers now (issue 15):
        the ID card is then the first choice wherever a person identifies themself."""
        self.kiosk_id = kiosk_id
        self._new_key = new_key
        self._id_reader = id_reader
        self.view = BusinessView(Purpose.LOSS_REPORT, BStep.IDENTIFY, (), id_reader=id_reader)
        self._key: str | None = None
        self._key_request: Request | None = None  # the request content the key was made for
        self._retry_step: BStep | None = None  # where retry() goes after BACKEND_OFFLINE
        self._pending_reprint: str | None = None
        self._access: VoucherAccess | None = None  # what the last lookup's proof opened

    # Starting ---------------------------------------------------------------------------------

    def start_loss_report(self, *, centre_away: bool = False) -> list[BCommand]:
        """Flow 5. `centre_away`: the fleet's centre did not answer the last check, and
        identifying a cardholder without the card needs it (R7): say so before the citizen
        types eighteen digits and a mobile number; Retry opens the form."""
        self._start(Purpose.LOSS_REPORT, BStep.IDENTIFY)
        return self._refuse(Refusal.BACKEND_OFFLINE) if centre_away else []

    def start_voucher_lookup(self) -> list[BCommand]:
        self._start(Purpose.VOUCHER_LOOKUP, BStep.LOOKUP)
        return []

    def start_cancel(self, identified: Identified) -> list[BCommand]:
        """Flow 6: the inserted card is under temporary loss report and its PIN verified."""
        self._start(Purpose.CANCEL_LOSS, BStep.REVIEW, identified=identified)
        refusal = card_rules.refusal_for(Business.CANCEL, identified.card_status)
        return [] if refusal is None else self._refuse(refusal)

    def start_replace(self, identified: Identified) -> list[BCommand]:
        """Flow 7 from the card summary: a readable card, PIN verified."""
        self._start(Purpose.REPLACE_DAMAGED, BStep.OUTLET, identified=identified)
        refusal = card_rules.refusal_for(
            Business.DAMAGED, identified.card_status, reissue_under_way=identified.reissue_under_way
        )
        if refusal is not None:
            return self._refuse(refusal)
        self.view = replace(self.view, busy=True)
        return [LoadReissueOptions()]

    def cannot_start(self, purpose: Purpose, refusal: Refusal) -> list[BCommand]:
        """A business could not even start (the inserted card's holder was refused)."""
        self._start(purpose, BStep.REFUSED)
        return self._refuse(refusal)

    # Identification ---------------------------------------------------------------------------

    def identify(self, ssn: str, mobile: str, as_agent: bool) -> list[BCommand]:
        """The cardholder's ID number (the ID card's when one was read: what was typed does not
        count then) and registered mobile number."""
        if not self._at(BStep.IDENTIFY):
            return []
        card = self.view.holder_card
        if card is not None:
            ssn = card.id_number
        elif self.view.id_card_first:
            return []  # the panel asks for the ID card: nothing typed is on screen
        self.view = replace(self.view, as_agent=as_agent, busy=True, id_problem=None)
        return [Identify(ssn, mobile)]

    def identified(self, identified: Identified) -> list[BCommand]:
        if not self._awaiting(BStep.IDENTIFY):
            return []
        step = BStep.AGENT if self.view.as_agent else BStep.WHAT_HAPPENED
        agent_card = self.view.agent_card
        if agent_card is not None and agent_card.id_number == identified.ssn:
            agent_card = None  # read at an earlier pass, it is this cardholder's own
        self.view = replace(
            self.view,
            identified=identified,
            agent_card=agent_card,
            identify_error=None,
            agent=None,
            choice=None,
            busy=False,
        )
        self._go(step)
        return []

    def agent_given(self, id_number: str, name: str, relationship: str) -> list[BCommand]:
        """The agent's own ID number and name (their ID card's when one was read) and how
        they are related to the cardholder."""
        identified = self.view.identified
        card = self.view.agent_card
        if card is not None:
            id_number, name = card.id_number, card.name
        elif self.view.id_card_first:
            return []
        if not self._at(BStep.AGENT) or identified is None or id_number == identified.ssn:
            return []
        self.view = replace(self.view, agent=Agent(id_number, name, relationship))
        self._go(BStep.WHAT_HAPPENED)
        return []

    # The resident ID card (issue 15) ----------------------------------------------------------

    def id_card_laid(self, card: IdCardRead) -> list[BCommand]:
        """An ID card was laid on the reader and read. At the cardholder's step (identify,
        lookup by person) it is the cardholder's; at the agent's step, the agent's own. The
        wrong person's card is refused plainly: the cardholder's at the agent's step, and at
        the cardholder's step the card given as the agent's. Anywhere else it is ignored."""
        view = self.view
        if view.busy or view.step not in ID_CARD_STEPS:
            return []
        typing = view.typing - {view.step}  # laying a card on is choosing the card
        if view.step is BStep.AGENT:
            holder = view.identified.ssn if view.identified is not None else None
            if card.id_number == holder:
                self.view = replace(view, agent_card=None, id_problem=IdCardProblem.HOLDER_CARD)
                return []
            self.view = replace(view, agent_card=card, id_problem=None, typing=typing)
            return []
        # The agent as given, or as their ID card was read before Back came here.
        agents = {a.id_number for a in (view.agent, view.agent_card) if a is not None}
        if view.step is BStep.IDENTIFY and card.id_number in agents:
            self.view = replace(view, holder_card=None, id_problem=IdCardProblem.AGENT_CARD)
            return []
        self.view = replace(
            view,
            holder_card=card,
            id_problem=None,
            typing=typing,
            identify_error=None,
            lookup_error=None,
        )
        return []

    def id_card_unreadable(self, *, unsupported: bool = False) -> list[BCommand]:
        """An ID card was laid on and could not be read, or is of a kind not read here."""
        if self.view.busy or self.view.step not in ID_CARD_STEPS:
            return []
        problem = IdCardProblem.UNSUPPORTED if unsupported else IdCardProblem.UNREADABLE
        self.view = replace(self.view, id_problem=problem)
        return []

    def clear_id_card(self) -> list[BCommand]:
        """ "Use another ID card": what was read at this step is forgotten."""
        if not self._in_id_step():
            return []
        if self.view.step is BStep.AGENT:
            self.view = replace(self.view, agent_card=None, id_problem=None)
        else:
            self.view = replace(self.view, holder_card=None, id_problem=None)
        return []

    def type_instead(self) -> list[BCommand]:
        """ "Type the number instead": this step's ID card goes, the typed field comes."""
        if not self._in_id_step():
            return []
        self.clear_id_card()
        self.view = replace(self.view, typing=self.view.typing | {self.view.step})
        return []

    def use_id_card(self) -> list[BCommand]:
        """Back from typing to the ID card on the reader (only with a reader there)."""
        if not self._in_id_step() or not self.view.id_reader:
            return []
        self.view = replace(self.view, typing=self.view.typing - {self.view.step}, id_problem=None)
        return []

    def id_reader_changed(self, online: bool) -> list[BCommand]:
        """The ID card reader went away (typing is the way, what was read stays) or came
        back; later business flows start with it as it is now."""
        self._id_reader = online
        self.view = replace(self.view, id_reader=online)
        return []

    def _in_id_step(self) -> bool:
        return self.view.step in ID_CARD_STEPS and not self.view.busy

    # What happened and the reissue details ----------------------------------------------------

    def choose(self, choice: Choice) -> list[BCommand]:
        identified = self.view.identified
        if not self._at(BStep.WHAT_HAPPENED) or identified is None:
            return []
        allowed = (
            identified.temporary_report_allowed
            if choice is Choice.TEMPORARY
            else identified.final_report_allowed
        )
        if not allowed:
            return []  # the screen shows the option disabled, with the reason
        self.view = replace(self.view, choice=choice)
        if choice is Choice.TEMPORARY:
            self._go(BStep.REVIEW)
            return []
        if self.view.outlets and self.view.quote is not None:
            self._go(BStep.OUTLET)
            return []
        self.view = replace(self.view, busy=True)
        return [LoadReissueOptions()]

    def options_loaded(self, outlets: Iterable[Outlet], quote: PickupQuote) -> list[BCommand]:
        expected = BStep.WHAT_HAPPENED if self.view.purpose is Purpose.LOSS_REPORT else BStep.OUTLET
        identified = self.view.identified
        if self.view.step is not expected or not self.view.busy or identified is None:
            return []
        choices = tuple(o for o in outlets if o.issues_cards)
        outlet = self.view.outlet if self.view.outlet in choices else None
        self.view = replace(
            self.view,
            outlets=choices,
            outlet=outlet,
            quote=quote,
            materials=materials_for(
                agent=self.view.agent is not None, photo_required=not identified.photo_on_file
            ),
            busy=False,
        )
        self._go(BStep.OUTLET)
        return []

    def choose_outlet(self, code: str) -> list[BCommand]:
        if not self._at(BStep.OUTLET):
            return []
        chosen = next((o for o in self.view.outlets if o.code == code), None)
        if chosen is not None:
            self.view = replace(self.view, outlet=chosen)
        return []

    def next(self) -> list[BCommand]:
        step = self.view.step
        if self.view.busy:
            return []
        if step is BStep.OUTLET and self.view.outlet is not None:
            self._go(BStep.MATERIALS)
        elif step is BStep.MATERIALS:
            self._go(BStep.PICKUP)
        elif step is BStep.PICKUP:
            self._go(BStep.REVIEW)
        elif step is BStep.REVIEW:
            return self._open_confirm()
        return []

    # Confirm, submit, print -------------------------------------------------------------------

    def printer_checked(self, status: PrinterStatus) -> list[BCommand]:
        self.view = replace(self.view, printer=status)
        return []

    def confirm(self) -> list[BCommand]:
        if not self._at(BStep.CONFIRM) or self.view.receipt is not None:
            return []
        request = self._request()
        if request is None or self._key is None:
            return []
        self.view = replace(self.view, busy=True)
        if isinstance(request, LossReportRequest):
            return [SubmitLoss(request)]
        if isinstance(request, ReissueRequest):
            return [SubmitReissue(request)]
        return [SubmitCancellation(request)]

    def submitted(self, receipt: BusinessReceipt) -> list[BCommand]:
        if not self._awaiting(BStep.CONFIRM):
            return []
        self.view = replace(self.view, receipt=receipt, print_outcome=None, busy=False)
        self._go(BStep.RECEIPT)
        return [PrintVoucher(receipt.qr_payload)]

    def printed(self, outcome: PrintOutcome) -> list[BCommand]:
        if self.view.step is BStep.RECEIPT:
            self.view = replace(self.view, print_outcome=outcome)
        return []

    # Voucher lookup ---------------------------------------------------------------------------

    def lookup_code(self, code: str) -> list[BCommand]:
        """A voucher's QR code, scanned: holding the voucher is the proof."""
        if not self._at(BStep.LOOKUP):
            return []
        self.view = replace(self.view, busy=True)
        return [LookupCode(code)]

    def lookup_person(self, ssn: str, mobile: str) -> list[BCommand]:
        """By ID number (the ID card's, when one was read) and registered mobile number."""
        if not self._at(BStep.LOOKUP):
            return []
        card = self.view.holder_card
        if card is not None:
            ssn = card.id_number
        elif self.view.id_card_first:
            return []
        self.view = replace(self.view, busy=True, id_problem=None)
        return [LookupPerson(ssn, mobile)]

    def looked_up(self, lookup: VoucherLookup) -> list[BCommand]:
        if not self._awaiting(BStep.LOOKUP):
            return []
        found = lookup.vouchers
        if not found:
            self.view = replace(self.view, lookup_error=Refusal.VOUCHER_NOT_FOUND, busy=False)
            return []
        self._access = lookup.access
        self.view = replace(
            self.view,
            lookup_results=found,
            lookup_error=None,
            reprinted=None,
            reprint_outcome=None,
            busy=False,
        )
        self._go(BStep.LOOKUP_RESULT)
        return []

    def reprint(self, voucher_number: str) -> list[BCommand]:
        if not self._at(BStep.LOOKUP_RESULT):
            return []
        status = next(
            (v for v in self.view.lookup_results if v.voucher_number == voucher_number), None
        )
        if status is None or self._access is None:
            return []
        # Even when the screen shows the reprint as used, the service has the last word (a
        # voucher whose first print failed prints as the original and keeps its reprint).
        self._pending_reprint = voucher_number
        self.view = replace(self.view, busy=True, reprinted=None, reprint_outcome=None)
        return [Reprint(voucher_number, self._access)]

    def reprinted(self, outcome: PrintOutcome) -> list[BCommand]:
        if not self._awaiting(BStep.LOOKUP_RESULT):
            return []
        pending = self._pending_reprint
        results = self.view.lookup_results
        if outcome is PrintOutcome.PRINTED:  # the one self-service reprint is used up
            results = tuple(
                replace(v, self_reprint_available=False) if v.voucher_number == pending else v
                for v in results
            )
        self.view = replace(
            self.view,
            lookup_results=results,
            reprinted=pending,
            reprint_outcome=outcome,
            busy=False,
        )
        return []

    # Refusals, retry, back --------------------------------------------------------------------

    def refused(
        self,
        refusal: Refusal,
        *,
        attempts_left: int | None = None,
        until: dt.datetime | None = None,
    ) -> list[BCommand]:
        """A command was refused (kiosk.domain.business.NotEligible, whose `attempts_left`
        and `until` come along) or the back end is away."""
        view = self.view
        if not view.busy:
            return []
        if view.step is BStep.IDENTIFY and refusal is Refusal.NO_MATCH:
            self.view = replace(
                view, identify_error=refusal, attempts_left=attempts_left, busy=False
            )
            return []
        if view.step is BStep.LOOKUP and refusal in _INLINE_LOOKUP:
            self.view = replace(view, lookup_error=refusal, attempts_left=attempts_left, busy=False)
            return []
        return self._refuse(refusal, until=until)

    def retry(self) -> list[BCommand]:
        """After BACKEND_OFFLINE: back to the step that failed, the idempotency key unchanged."""
        step = self._retry_step
        if self.view.step is not BStep.REFUSED or step is None:
            return []
        self._retry_step = None
        self.view = replace(self.view, refusal=None, busy=False)
        if step is BStep.CONFIRM:
            return self._open_confirm()
        if step in (BStep.WHAT_HAPPENED, BStep.OUTLET) and self.view.quote is None:
            self._go(step)
            self.view = replace(self.view, busy=True)
            return [LoadReissueOptions()]
        self._go(step)
        return []

    def back(self) -> list[BCommand]:
        view = self.view
        if view.busy or view.step in (BStep.RECEIPT, BStep.REFUSED):
            return []
        before = self._step_before(view.step)
        if before is None:
            return [Leave()]
        if before is BStep.IDENTIFY:
            self.view = replace(view, identified=None, agent=None, choice=None)
        elif before is BStep.LOOKUP:
            self.view = replace(view, lookup_results=(), reprinted=None, reprint_outcome=None)
        self._go(before)
        return []

    @property
    def can_go_back(self) -> bool:
        """Whether Back means anything now (the header shows it)."""
        return not self.view.busy and self.view.step not in (BStep.RECEIPT, BStep.REFUSED)

    @property
    def done(self) -> bool:
        """Nothing can change any more: the receipt is shown, or the business was refused."""
        return self.view.step in (BStep.RECEIPT, BStep.REFUSED)

    # ----------------------------------------------------------------------------------------

    def _start(
        self, purpose: Purpose, step: BStep, *, identified: Identified | None = None
    ) -> None:
        self._key = None
        self._key_request = None
        self._retry_step = None
        self._pending_reprint = None
        self._access = None
        self.view = BusinessView(
            purpose=purpose, step=step, steps=(), identified=identified, id_reader=self._id_reader
        )
        self._go(step)

    def _at(self, step: BStep) -> bool:
        return self.view.step is step and not self.view.busy

    def _awaiting(self, step: BStep) -> bool:
        """At `step` with a command out: its answer is expected."""
        return self.view.step is step and self.view.busy

    def _go(self, step: BStep) -> None:
        # A problem with an ID card belongs to the step it was laid on at.
        problem = self.view.id_problem if step is self.view.step else None
        self.view = replace(self.view, step=step, steps=self._steps(), id_problem=problem)

    def _steps(self) -> tuple[BStep, ...]:
        view = self.view
        if view.purpose is Purpose.VOUCHER_LOOKUP:
            return (BStep.LOOKUP, BStep.LOOKUP_RESULT)
        tail = (BStep.REVIEW, BStep.CONFIRM, BStep.RECEIPT)
        if view.purpose is Purpose.CANCEL_LOSS:
            return tail
        if view.purpose is Purpose.REPLACE_DAMAGED:
            return _REISSUE_STEPS + tail
        steps = [BStep.IDENTIFY]
        if view.as_agent:
            steps.append(BStep.AGENT)
        steps.append(BStep.WHAT_HAPPENED)
        if view.choice in (Choice.LOST, Choice.STOLEN):
            steps.extend(_REISSUE_STEPS)
        return (*steps, *tail)

    def _step_before(self, step: BStep) -> BStep | None:
        if step is BStep.LOOKUP_RESULT:
            return BStep.LOOKUP
        steps = self.view.steps
        if step not in steps:
            return None
        index = steps.index(step)
        return steps[index - 1] if index > 0 else None

    def _refuse(self, refusal: Refusal, *, until: dt.datetime | None = None) -> list[BCommand]:
        retry_step = self.view.step if refusal is Refusal.BACKEND_OFFLINE else None
        self._retry_step = retry_step if retry_step is not BStep.REFUSED else None
        self.view = replace(
            self.view, step=BStep.REFUSED, refusal=refusal, refusal_until=until, busy=False
        )
        return []

    def _open_confirm(self) -> list[BCommand]:
        """The confirm step: the key is made for this request content and kept while it stays
        the same (a double tap, a retry, back and forward again); a changed request gets a new
        one, as the store refuses a known key with other content."""
        content = self._request_content()
        if content is None:
            return []
        if self._key is None or content != self._key_request:
            self._key = self._new_key()
            self._key_request = content
        self.view = replace(self.view, idempotency_key=self._key)
        self._go(BStep.CONFIRM)
        return [CheckPrinter()]

    def _request(self) -> Request | None:
        content = self._request_content()
        if content is None or self._key is None:
            return None
        return replace(content, idempotency_key=self._key)

    def _request_content(self) -> Request | None:
        """The request this flow would submit, with an empty key."""
        view, identified = self.view, self.view.identified
        if identified is None:
            return None
        if view.purpose is Purpose.CANCEL_LOSS:
            return CancellationRequest("", self.kiosk_id, identified.ssn, identified.card_number)
        if view.purpose is Purpose.REPLACE_DAMAGED or view.choice in _REASONS:
            if view.outlet is None:
                return None
            reason = ReissueReason.DAMAGED if view.choice is None else _REASONS[view.choice]
            return ReissueRequest(
                "",
                self.kiosk_id,
                identified.ssn,
                identified.card_number,
                reason,
                view.outlet.code,
                agent=view.agent,
            )
        if view.choice is Choice.TEMPORARY:
            return LossReportRequest(
                "",
                self.kiosk_id,
                identified.ssn,
                LossReportKind.TEMPORARY,
                card_number=identified.card_number,
                agent=view.agent,
            )
        return None

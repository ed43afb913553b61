"""The voucher desk (issue 12, "What the clerk does"): find a voucher with its history, reprint it
with a reason, move a reissue's progress, hand over the new card, record the reimbursement of
the loss period's medical expenses. No Qt; the staff screens call it on their worker thread.

Every use case runs in one UnitOfWork and writes its audit entry with the staff user as actor
(ActorKind.STAFF, the login); a refusal is a DeskRefused, audited as "desk.refused". The rules
(which voucher allows what, the order of progress) are kiosk.domain.desk's. A database that
cannot be reached is DeskOffline.

In a fleet (`centre` given, docs/fleet.md) a voucher this kiosk does not hold (issued at
another kiosk: the citizen collects the new card at the outlet they chose) is found at the
centre: shown with the centre's progress and masked card number, marked held_here False. Its
progress moves and hand-over are the desk's rules on the centre's progress, audited here and
sent as `reissue_progress` outbox messages (no local transaction: the outbox rows are this
desk's note, so the next lookup shows the step before the centre confirms it); its reprint and
reimbursement are refused (they need the records its issuing kiosk holds). The centre
unreachable: CENTRE_UNREACHABLE.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from kiosk.domain import desk as d
from kiosk.domain.business import PrintOutcome, VoucherRecord
from kiosk.domain.calendar import CHINA_TZ, local_date
from kiosk.domain.desk import DeskRefusal, DeskRefused, StaffActor
from kiosk.domain.ids import is_valid_id_number
from kiosk.domain.journal import (
    HAND_OVER_ACTION,
    REIMBURSEMENT_ACTION,
    ActorKind,
    Outcome,
    ReissueProgress,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.voucher_data import Language
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.services import voucher_codes
from kiosk.services.centre import CentreApi, CentreReissue, CentreRejected, CentreUnreachable
from kiosk.services.context import KioskContext
from kiosk.services.voucher_codes import CodeProblem, VoucherCodes, VoucherContent
from kiosk.services.vouchers import Vouchers
from kiosk.store import models as m
from kiosk.store.repositories.desk import DeskStaff
from kiosk.store.repositories.outbox import ProgressNote
from kiosk.store.seal import AuditAnchorError
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

# The audit entries the desk writes (a reprint writes "voucher.reprinted", as every print).
FOUND = "desk.vouchers_found"
PROGRESS_MOVED = "reissue.progress_moved"
COLLECTED = HAND_OVER_ACTION
REIMBURSED = REIMBURSEMENT_ACTION
REFUSED = "desk.refused"
CODE_CHECKED = "desk.code_checked"  # outcome ok: genuine; refused: not
FIND_LIMIT = 50
CENTRE_BY = "centre"  # a history event's `by` for the centre's word on a voucher


class DeskOffline(Exception):
    """The database (or the audit anchor) cannot be reached: nothing was done."""


@dataclass(frozen=True, slots=True)
class DeskReprint:
    """A reprint's outcome; `reprint_no` is the number printed on it (None if not printed),
    `voucher` the voucher as it stands after the print (its new reprint in the history)."""

    outcome: PrintOutcome
    reprint_no: int | None
    voucher: d.DeskVoucher | None = None


@dataclass(frozen=True, slots=True)
class DeskCheck:
    """A scanned code checked at the desk, offline, with public keys only: genuine (`problem`
    None) or why not; what the code signs; and the voucher if this back end knows it (None
    for a genuine voucher of another kiosk's back end). Nothing personal but masked."""

    problem: CodeProblem | None
    number: str | None = None
    scheme: str | None = None  # "SSK2" (Ed25519) or "SSK1" (HMAC: the number alone)
    key_id: str | None = None  # SSK2: the issuing kiosk's key
    content: VoucherContent | None = None  # SSK2: number, kind, masked holder, pickup, outlet
    voucher: d.DeskVoucher | None = None
    centre_unreachable: bool = False  # fleet: not held here, and the centre could not be asked

    @property
    def genuine(self) -> bool:
        return self.problem is None


class VoucherDesk:
    """The clerk's use cases on vouchers; `printing` renders and prints them. `public_keys`
    (key id -> key, from the setting voucher_public_keys) are other kiosks' public keys: their
    vouchers are checked here too, besides this kiosk's own. `centre`: a kiosk of a fleet,
    where other kiosks' vouchers are found (None: standalone)."""

    def __init__(
        self,
        context: KioskContext,
        printing: Vouchers,
        *,
        public_keys: Mapping[str, Ed25519PublicKey] | None = None,
        centre: CentreApi | None = None,
    ) -> None:
        self.context = context
        self.printing = printing
        self.public_keys = dict(public_keys or {})
        self.centre = centre

    def codes(self) -> VoucherCodes:
        """The kiosk's codes, trusting the other kiosks' public keys as well as its own."""
        own = self.context.codes()
        if not self.public_keys:
            return own
        return dataclasses.replace(own, public_keys={**self.public_keys, **own.public_keys})

    # Finding ------------------------------------------------------------------------------------

    def find_by_code(self, staff: StaffActor, code: str) -> d.DeskVoucher:
        """The voucher whose QR code was scanned, checked as the kiosk's lookup checks it."""
        try:
            verified = self.codes().verify(code)  # SSK2, and old SSK1
        except voucher_codes.InvalidVoucherCode:
            raise self._refused(staff, "find", DeskRefusal.CODE_INVALID) from None
        return self._find_one(staff, verified.number, "code", verified.content)

    def find_by_number(self, staff: StaffActor, text: str) -> d.DeskVoucher:
        """The voucher with this number, as typed (dashes and spaces optional)."""
        number = normalize_voucher_number(text[:80])
        if number is None:
            raise self._refused(staff, "find", DeskRefusal.NUMBER_INVALID)
        return self._find_one(staff, number, "number")

    def find_by_holder(
        self, staff: StaffActor, id_number: str, limit: int = FIND_LIMIT
    ) -> d.DeskFind:
        """The vouchers of the cardholder with this ID number, newest first (at most `limit`)."""
        ssn = id_number.strip().upper()[:18]
        if not is_valid_id_number(ssn, local_date(self.context.now())):
            raise self._refused(staff, "find", DeskRefusal.ID_NUMBER_INVALID)
        try:
            d.check_find_limit(limit)
        except DeskRefused as exc:
            raise self._refused(staff, "find", exc.refusal) from None
        with self._refusing(staff, "find"), self._unit("find") as uow:
            self._staff(uow, staff)
            numbers = uow.desk.numbers_of_holder(ssn, limit + 1)
            return self._found(uow, staff, numbers, limit, "id_number", mask_id_number(ssn))

    def find_by_dates(
        self, staff: StaffActor, first: dt.date, last: dt.date, limit: int = FIND_LIMIT
    ) -> d.DeskFind:
        """Vouchers issued from `first` to `last` (local dates, both included), newest first."""
        try:
            d.check_find_dates(first, last, limit)
        except DeskRefused as exc:
            raise self._refused(staff, "find", exc.refusal) from None
        since = dt.datetime.combine(first, dt.time.min, CHINA_TZ)
        until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, CHINA_TZ)
        with self._refusing(staff, "find"), self._unit("find") as uow:
            self._staff(uow, staff)
            numbers = uow.desk.numbers_issued_between(since, until, limit + 1)
            query = f"{first.isoformat()}..{last.isoformat()}"
            return self._found(uow, staff, numbers, limit, "dates", query)

    def _find_one(
        self, staff: StaffActor, number: str, by: str, content: VoucherContent | None = None
    ) -> d.DeskVoucher:
        with self._refusing(staff, "find", number), self._unit("find") as uow:
            self._staff(uow, staff)
            if uow.vouchers.voucher_record(number) is not None:
                found = self._found(uow, staff, [number], 1, by, number)
                return found.vouchers[0]
        if self.centre is None:
            raise self._refused(staff, "find", DeskRefusal.VOUCHER_NOT_FOUND, number)
        with self._refusing(staff, "find", number):
            reissue = self._at_centre(number)
            if reissue is None:
                raise DeskRefused(DeskRefusal.VOUCHER_NOT_FOUND)
            with self._unit("find") as uow:
                self._staff(uow, staff)
                view = self._remote_view(uow, reissue, content)
                self._found_remote(uow, staff, view, by)
                uow.commit()
        return view

    def _found(
        self,
        uow: UnitOfWork,
        staff: StaffActor,
        numbers: list[str],
        limit: int,
        by: str,
        query: str,
    ) -> d.DeskFind:
        """The vouchers with their history, and the search's audit entry (committed)."""
        vouchers = [v for v in (self._view(uow, n) for n in numbers[:limit]) if v is not None]
        self._audit(
            uow,
            staff,
            FOUND,
            detail={"by": by, "query": query, "vouchers": [v.number for v in vouchers]},
        )
        uow.commit()
        log.info("desk.find.ok by=%s vouchers=%d", by, len(vouchers))
        return d.DeskFind(tuple(vouchers), truncated=len(numbers) > limit)

    def _found_remote(
        self, uow: UnitOfWork, staff: StaffActor, view: d.DeskVoucher, by: str
    ) -> None:
        """The search's audit entry for another kiosk's voucher found at the centre."""
        self._audit(
            uow,
            staff,
            FOUND,
            detail={
                "by": by,
                "query": view.number,
                "vouchers": [view.number],
                "centre": True,
                "issued_at_kiosk": view.kiosk_id,
            },
        )
        log.info("desk.find.ok by=%s vouchers=1 at=centre", by)

    # Checking a code ----------------------------------------------------------------------------

    def check_code(self, staff: StaffActor, code: str) -> DeskCheck:
        """Is this scanned code genuine? Its signature checked with public keys only (this
        kiosk's and voucher_public_keys'), and the voucher looked up in this back end.
        Audited as "desk.code_checked" (refused when not genuine); the code is never logged."""
        verified: voucher_codes.VerifiedVoucher | None = None
        problem: CodeProblem | None = None
        try:
            verified = self.codes().verify(code)
        except voucher_codes.InvalidVoucherCode as exc:
            problem = exc.problem
        remote: CentreReissue | None = None
        unreachable = False
        if verified is not None and self.centre is not None and not self._held(verified.number):
            try:
                remote = self._at_centre(verified.number)
            except DeskRefused:  # CENTRE_UNREACHABLE: the check itself stands
                unreachable = True
        with self._refusing(staff, "check"), self._unit("check") as uow:
            self._staff(uow, staff)
            if verified is None:
                check = DeskCheck(problem)
                detail: dict[str, object] = {"problem": problem.value if problem else None}
            else:
                voucher = self._view(uow, verified.number)
                if voucher is None and remote is not None:
                    voucher = self._remote_view(uow, remote, verified.content)
                check = DeskCheck(
                    None,
                    verified.number,
                    verified.scheme,
                    verified.key_id,
                    verified.content,
                    voucher,
                    centre_unreachable=unreachable,
                )
                detail = {
                    "voucher": verified.number,
                    "scheme": verified.scheme,
                    "key_id": verified.key_id,
                    "known": voucher is not None,
                }
                if self.centre is not None and voucher is not None and not voucher.held_here:
                    detail["centre"] = True
                    detail["issued_at_kiosk"] = voucher.kiosk_id
                elif unreachable:
                    detail["centre"] = "unreachable"
            outcome = Outcome.OK if check.genuine else Outcome.REFUSED
            self._audit(uow, staff, CODE_CHECKED, outcome=outcome, detail=detail)
            uow.commit()
        if problem is None:
            log.info("desk.check.genuine known=%s", check.voucher is not None)
        else:
            log.info("desk.check.refused reason=%s", problem.value)
        return check

    # Reprint ------------------------------------------------------------------------------------

    def reprint(
        self,
        staff: StaffActor,
        number: str,
        reason: str,
        language: Language = "zh_CN",
        *,
        seen_prints: int | None = None,
    ) -> DeskReprint:
        """Print the voucher again, marked 补打 / REPRINT n, with a required reason; recorded
        and audited ("voucher.reprinted") with the clerk once the printer took it. Printer
        trouble is an outcome and records nothing.

        `seen_prints`: DeskVoucher.prints as the clerk's screen showed it; a voucher printed
        since (the same tap twice) is refused with PRINTED_SINCE instead of printed again."""
        try:
            cleaned = d.reprint_reason(reason)
        except DeskRefused as exc:
            raise self._refused(staff, "reprint", exc.refusal, number) from None
        with self._refusing(staff, "reprint", number), self._unit("reprint") as uow:
            account = self._staff(uow, staff)
            record = self._record_or_elsewhere(uow, number, DeskRefusal.REPRINT_ELSEWHERE)
            d.check_not_printed_since(seen_prints, record.next_print_no)
        outcome = self.printing.print_for_staff(
            record, language, login=staff.login, staff_account_id=account.id, reason=cleaned
        )
        printed = outcome is PrintOutcome.PRINTED
        log.info("desk.reprint outcome=%s", outcome.value)
        if not printed:
            return DeskReprint(outcome, None)
        try:  # read only, for the screen: the voucher with its new reprint
            with self._unit("reprint_view") as uow:
                view = self._view(uow, record.number)
        except DeskOffline:  # printed and recorded all the same
            view = None
        return DeskReprint(outcome, record.next_print_no, view)

    # The new card -------------------------------------------------------------------------------

    def move_progress(
        self, staff: StaffActor, number: str, target: ReissueProgress
    ) -> d.DeskVoucher:
        """Move a reissue's progress forward (applied → in production → ready), which the
        citizen's voucher lookup then shows. The same step again changes nothing and writes
        nothing (a double tap); a step back is refused. Fleet: another kiosk's voucher moves
        on from the centre's progress (_move_remote)."""
        if self._remote(number):
            return self._move_remote(staff, number, target, "progress")
        with self._refusing(staff, "progress", number), self._unit("progress") as uow:
            self._staff(uow, staff)
            reissue, record = self._reissue(uow, number)
            before = reissue.progress
            if d.progress_move(before, target):
                uow.desk.set_progress(reissue, target, self.context.now())
                _tell_centre(uow, reissue, record.number, target, self.context.now())
                self._audit(
                    uow,
                    staff,
                    PROGRESS_MOVED,
                    transaction_key=record.transaction_key,
                    detail={"voucher": record.number, "from": before.value, "to": target.value},
                )
            view = self._view(uow, record.number)
            uow.commit()
        assert view is not None
        return view

    def hand_over(self, staff: StaffActor, number: str, *, id_checked: bool) -> d.DeskVoucher:
        """The citizen collects the new card: refused unless the card is ready and the clerk
        confirms the original ID card was checked; a second hand-over is refused. Fleet:
        another kiosk's voucher is handed over from the centre's progress (_move_remote)."""
        if self._remote(number):
            return self._move_remote(
                staff, number, ReissueProgress.COLLECTED, "hand_over", id_checked=id_checked
            )
        with self._refusing(staff, "hand_over", number), self._unit("hand_over") as uow:
            self._staff(uow, staff)
            reissue, record = self._reissue(uow, number)
            d.check_hand_over(
                record.kind, record.transaction_kind, reissue.progress, id_checked=id_checked
            )
            uow.desk.set_progress(reissue, ReissueProgress.COLLECTED, self.context.now())
            _tell_centre(uow, reissue, record.number, ReissueProgress.COLLECTED, self.context.now())
            self._audit(
                uow,
                staff,
                COLLECTED,
                transaction_key=record.transaction_key,
                detail={"voucher": record.number, "id_checked": True},
            )
            view = self._view(uow, record.number)
            uow.commit()
        assert view is not None
        return view

    # Reimbursement ------------------------------------------------------------------------------

    def record_reimbursement(
        self,
        staff: StaffActor,
        number: str,
        *,
        amount_fen: int,
        reviewer: str,
        reviewed_on: dt.date,
    ) -> d.DeskVoucher:
        """Record that the medical expenses of the loss period were reimbursed, after review,
        against the voucher; a second reimbursement of the same voucher is refused (the
        database's unique constraint holds even against another desk at the same moment)."""
        with self._refusing(staff, "reimburse", number), self._unit("reimburse") as uow:
            who = d.clean_text(
                reviewer,
                d.REVIEWER_MAX_CHARS,
                DeskRefusal.REVIEWER_REQUIRED,
                DeskRefusal.REVIEWER_REQUIRED,
            )
            account = self._staff(uow, staff)
            record = self._record_or_elsewhere(uow, number, DeskRefusal.REIMBURSE_ELSEWHERE)
            if not d.reimbursable(record.kind, record.transaction_kind, record.loss_kind):
                raise DeskRefused(DeskRefusal.NOT_REIMBURSABLE)
            now = self.context.now()
            d.check_reimbursement(
                amount_fen,
                reviewed_on,
                issued_on=local_date(record.issued_at),
                today=local_date(now),
            )
            ids = uow.desk.voucher_ids(record.number)
            assert ids is not None
            if uow.desk.reimbursement(ids[0]) is not None:
                raise DeskRefused(DeskRefusal.ALREADY_REIMBURSED)
            try:
                uow.desk.add_reimbursement(
                    voucher_id=ids[0],
                    amount_fen=amount_fen,
                    reviewer=who,
                    reviewed_on=reviewed_on,
                    at=now,
                    staff_account_id=account.id,
                )
            except IntegrityError:  # another desk recorded it in the meantime
                raise DeskRefused(DeskRefusal.ALREADY_REIMBURSED) from None
            self._audit(
                uow,
                staff,
                REIMBURSED,
                transaction_key=record.transaction_key,
                detail={
                    "voucher": record.number,
                    "amount_fen": amount_fen,
                    "reviewer": who,
                    "reviewed_on": reviewed_on.isoformat(),
                },
            )
            view = self._view(uow, record.number)
            uow.commit()
        assert view is not None
        return view

    # Another kiosk's voucher (fleet) ------------------------------------------------------------

    def _move_remote(
        self,
        staff: StaffActor,
        number: str,
        target: ReissueProgress,
        use_case: str,
        *,
        id_checked: bool = False,
    ) -> d.DeskVoucher:
        """Move another kiosk's voucher on (or hand its card over: target COLLECTED, the ID
        confirmed by the caller) by the desk's rules applied to the centre's progress, or to
        this desk's own later step not yet confirmed (`id_checked`: the hand-over's
        confirmation that the original ID card was checked). Audited here; sent to the centre as a
        `reissue_progress` message keyed by voucher and step (a double tap is one message)."""
        with self._refusing(staff, use_case, number):
            with self._unit(use_case) as uow:  # the account first: nothing is asked for nobody
                self._staff(uow, staff)
            reissue = self._at_centre(number)
            if reissue is None:
                raise DeskRefused(DeskRefusal.VOUCHER_NOT_FOUND)
            with self._unit(use_case) as uow:
                self._staff(uow, staff)
                before = self._remote_progress(uow, reissue)
                now = self.context.now()
                if target is ReissueProgress.COLLECTED:
                    d.check_hand_over(
                        VoucherKind.CARD_RECEIPT,
                        TransactionKind.REISSUE,
                        before,
                        id_checked=id_checked,
                    )
                    moves, action = True, COLLECTED
                    detail: dict[str, object] = {"voucher": reissue.voucher, "id_checked": True}
                else:
                    moves, action = d.progress_move(before, target), PROGRESS_MOVED
                    detail = {"voucher": reissue.voucher, "from": before.value, "to": target.value}
                if moves:
                    _tell_centre(uow, None, reissue.voucher, target, now)
                    detail["issued_at_kiosk"] = reissue.kiosk_id
                    self._audit(uow, staff, action, detail=detail)
                view = self._remote_view(uow, reissue)
                uow.commit()
        if moves:
            self._nudge()
            log.info("desk.%s.sent_to_centre", use_case)
        return view

    def _remote(self, number: str) -> bool:
        """Fleet, and no voucher with this number here: another kiosk's, if the centre has it."""
        if self.centre is None:
            return False
        normal = normalize_voucher_number(number[:80])
        return normal is not None and not self._held(normal)

    def _held(self, number: str) -> bool:
        with self._unit("find") as uow:
            return uow.vouchers.voucher_record(number) is not None

    def _at_centre(self, number: str) -> CentreReissue | None:
        """The centre's word on the voucher (None: it does not know it); CENTRE_UNREACHABLE
        when it cannot be asked (or refuses: a configuration problem, logged)."""
        assert self.centre is not None
        normal = normalize_voucher_number(number[:80])
        if normal is None:
            return None
        try:
            found = self.centre.reissues([normal])
        except (CentreUnreachable, CentreRejected) as exc:
            log.warning("desk.centre_away error=%s", type(exc).__name__)
            raise DeskRefused(DeskRefusal.CENTRE_UNREACHABLE) from None
        row = found.get(normal)
        return None if row is None else CentreReissue.of(row)

    def _record_or_elsewhere(
        self, uow: UnitOfWork, number: str, elsewhere: DeskRefusal
    ) -> VoucherRecord:
        """The voucher's record here; for another kiosk's voucher (fleet), refused with
        `elsewhere`: what needs its records is done where they are."""
        try:
            return self._record(uow, number)
        except DeskRefused:
            normal = normalize_voucher_number(number[:80])
            if self.centre is None or normal is None:
                raise
        try:
            known = self._at_centre(normal) is not None
        except DeskRefused:  # the centre away: not held here all the same
            known = False
        d.check_held_here(not known, elsewhere)
        raise DeskRefused(DeskRefusal.VOUCHER_NOT_FOUND)

    @staticmethod
    def _remote_progress(uow: UnitOfWork, reissue: CentreReissue) -> ReissueProgress:
        progress = reissue.progress
        for note in uow.outbox.progress_notes(reissue.voucher):
            try:
                progress = d.furthest(progress, ReissueProgress(note.progress))
            except ValueError:
                continue
        return progress

    def _remote_view(
        self, uow: UnitOfWork, reissue: CentreReissue, content: VoucherContent | None = None
    ) -> d.DeskVoucher:
        """Another kiosk's voucher as the desk shows it: the centre's facts, what its scanned
        code signs, and the steps this desk sent the centre (its history here)."""
        notes = uow.outbox.progress_notes(reissue.voucher)
        progress = self._remote_progress(uow, reissue)
        history: list[d.HistoryEvent] = []
        if reissue.progress_at is not None:
            history.append(
                d.HistoryEvent(
                    reissue.progress_at,
                    d.HistoryKind.PROGRESS,
                    CENTRE_BY,
                    progress=reissue.progress,
                )
            )
        history += [_note_event(note, self.context.kiosk.kiosk_id) for note in notes]
        order = list(d.HistoryKind)
        history.sort(key=lambda e: (e.at, order.index(e.kind)))
        return d.DeskVoucher(
            number=reissue.voucher,
            kind=VoucherKind.CARD_RECEIPT,
            transaction_kind=TransactionKind.REISSUE,
            loss_kind=None,
            kiosk_id=reissue.kiosk_id,
            issued_at=None,
            masked_name=(content.holder or "") if content is not None else "",
            masked_id_number="",
            masked_card_number=reissue.card_number_masked,
            progress=progress,
            pickup_date=reissue.expected_pickup_date
            or (content.pickup_date if content is not None else None),
            outlet_code=reissue.outlet or (content.outlet if content is not None else None),
            prints=0,
            reimbursement=None,
            history=tuple(history),
            held_here=False,
            progress_unconfirmed=progress is not reissue.progress,
        )

    def _nudge(self) -> None:
        """Ask the outbox sender to send now (fleet); its trouble never fails the desk."""
        confirmation = self.context.confirmation
        sender = confirmation.sender if confirmation is not None else None
        if sender is None:
            return
        try:
            sender.nudge()
        except Exception as exc:
            log.warning("desk.nudge_failed error=%s", type(exc).__name__)

    # Helpers ------------------------------------------------------------------------------------

    @contextmanager
    def _unit(self, event: str) -> Iterator[UnitOfWork]:
        try:
            with self.context.uow() as uow:
                yield uow
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("desk.%s.offline error=%s", event, type(exc).__name__)
            raise DeskOffline() from None

    @contextmanager
    def _refusing(
        self, staff: StaffActor, use_case: str, number: str | None = None
    ) -> Iterator[None]:
        """A DeskRefused raised inside (its transaction rolled back) is audited, then raised."""
        try:
            yield
        except DeskRefused as exc:
            raise self._refused(staff, use_case, exc.refusal, number) from None

    def _refused(
        self, staff: StaffActor, use_case: str, refusal: DeskRefusal, number: str | None = None
    ) -> DeskRefused:
        """Audit a refusal in a transaction of its own; returns the exception to raise."""
        detail: dict[str, object] = {"use_case": use_case, "refusal": refusal.value}
        normal = None if number is None else normalize_voucher_number(number[:80])
        if normal is not None:
            detail["voucher"] = normal
        with self._unit(use_case) as uow:
            self._audit(uow, staff, REFUSED, outcome=Outcome.REFUSED, detail=detail)
            uow.commit()
        log.info("desk.%s.refused reason=%s", use_case, refusal.value)
        return DeskRefused(refusal)

    def _audit(
        self,
        uow: UnitOfWork,
        staff: StaffActor,
        action: str,
        *,
        outcome: Outcome = Outcome.OK,
        transaction_key: str | None = None,
        detail: dict[str, object],
    ) -> None:
        uow.audit.append(
            chain=self.context.kiosk.kiosk_id,
            actor_kind=ActorKind.STAFF,
            actor=staff.login[:64],
            action=action,
            outcome=outcome,
            at=self.context.now(),
            transaction_key=transaction_key,
            detail=detail,
        )

    @staticmethod
    def _staff(uow: UnitOfWork, staff: StaffActor) -> DeskStaff:
        """The stored account of the acting user; it must exist, be active and work the desk."""
        account = uow.desk.staff(staff.login)
        if account is None or not account.active or account.role not in d.DESK_ROLES:
            raise DeskRefused(DeskRefusal.STAFF_NOT_ALLOWED)
        return account

    @staticmethod
    def _record(uow: UnitOfWork, number: str) -> VoucherRecord:
        normal = normalize_voucher_number(number[:80])
        record = None if normal is None else uow.vouchers.voucher_record(normal)
        if record is None:
            raise DeskRefused(DeskRefusal.VOUCHER_NOT_FOUND)
        return record

    def _reissue(self, uow: UnitOfWork, number: str) -> tuple[m.ReissueApplication, VoucherRecord]:
        """The reissue behind the voucher, locked first (so what is checked is current), and
        the voucher's record."""
        normal = normalize_voucher_number(number[:80])
        reissue = None if normal is None else uow.desk.lock_reissue(normal)
        record = self._record(uow, number)
        d.check_has_new_card(record.kind, record.transaction_kind)
        if reissue is None:
            raise DeskRefused(DeskRefusal.NOT_A_REISSUE)
        return reissue, record

    @staticmethod
    def _view(uow: UnitOfWork, number: str) -> d.DeskVoucher | None:
        record = uow.vouchers.voucher_record(number)
        ids = uow.desk.voucher_ids(number)
        if record is None or ids is None:
            return None
        voucher_id, key = ids
        history = [d.HistoryEvent(record.issued_at, d.HistoryKind.ISSUED, record.kiosk_id)]
        prints = uow.desk.prints(voucher_id)
        for p in prints:
            history.append(
                d.HistoryEvent(
                    p.printed_at,
                    d.HistoryKind.PRINTED if p.reprint_no == 0 else d.HistoryKind.REPRINTED,
                    p.staff_login or p.actor_kind.value,
                    reprint_no=p.reprint_no,
                    reason=p.reason,
                )
            )
        for entry in uow.audit.for_transaction(key):
            if entry.action == PROGRESS_MOVED:
                try:
                    to = ReissueProgress(str(entry.detail.get("to")))
                except ValueError:  # an entry not written by this desk: shown without a step
                    to = None
                history.append(
                    d.HistoryEvent(entry.at, d.HistoryKind.PROGRESS, entry.actor, progress=to)
                )
            elif entry.action == COLLECTED:
                history.append(
                    d.HistoryEvent(
                        entry.at,
                        d.HistoryKind.COLLECTED,
                        entry.actor,
                        progress=ReissueProgress.COLLECTED,
                    )
                )
        reimbursement = uow.desk.reimbursement(voucher_id)
        if reimbursement is not None:
            history.append(
                d.HistoryEvent(
                    reimbursement.recorded_at,
                    d.HistoryKind.REIMBURSED,
                    reimbursement.recorded_by,
                    amount_fen=reimbursement.amount_fen,
                )
            )
        order = list(d.HistoryKind)
        history.sort(key=lambda e: (e.at, order.index(e.kind)))
        return d.DeskVoucher(
            number=record.number,
            kind=record.kind,
            transaction_kind=record.transaction_kind,
            loss_kind=record.loss_kind,
            kiosk_id=record.kiosk_id,
            issued_at=record.issued_at,
            masked_name=mask_name(record.holder_name),
            masked_id_number=mask_id_number(record.ssn),
            masked_card_number=mask_card_number(record.card_number),
            progress=record.progress,
            pickup_date=record.pickup_date,
            outlet_code=record.outlet.code if record.outlet else None,
            prints=len(prints),
            reimbursement=reimbursement,
            history=tuple(history),
        )


def _note_event(note: ProgressNote, kiosk_id: str) -> d.HistoryEvent:
    """A step this desk sent the centre for another kiosk's voucher, as a history line."""
    try:
        step: ReissueProgress | None = ReissueProgress(note.progress)
    except ValueError:
        step = None
    kind = d.HistoryKind.COLLECTED if step is ReissueProgress.COLLECTED else d.HistoryKind.PROGRESS
    return d.HistoryEvent(note.created_at, kind, kiosk_id, progress=step)


def _tell_centre(
    uow: UnitOfWork,
    reissue: m.ReissueApplication | None,
    voucher: str,
    progress: ReissueProgress,
    at: dt.datetime,
) -> None:
    """The move in the outbox, in the same transaction (docs/fleet.md, `reissue_progress`): in a
    fleet every kiosk's voucher lookup then shows it; standalone, nothing reads it. Its key is
    the voucher and the step, so the same step is one message however often it is tried.
    `reissue` None: another kiosk's voucher, outside any local transaction."""
    uow.outbox.add(
        "reissue_progress",
        {
            "idempotency_key": f"{voucher}:{progress.value}",
            "voucher": voucher,
            "progress": progress.value,
            "at": at.astimezone(dt.UTC).isoformat(),
        },
        at=at,
        transaction_id=reissue.transaction_id if reissue is not None else None,
    )

"""Proofs without the card (QUALITY.md S8): identification by ID number and registered mobile
number, and a voucher's scanned QR code, each under the limits of kiosk.domain.proof.

Every attempt is decided in one database transaction that also counts a failure and writes
its audit entry, so a limit holds across sessions and, on a shared back end, across kiosks
(the ID number's guard row is locked while its attempt is decided). A proof that holds opens
a `VoucherAccess`: the vouchers it showed, which only that access can reprint. Nothing here
logs or audits more than a masked ID number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from kiosk.domain.business import NotEligible, Refusal, VoucherAccess
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.masking import mask_id_number
from kiosk.domain.proof import ProofLimits, ProofMethod, locked_until, person_subject
from kiosk.domain.records import Card, Cardholder
from kiosk.services import voucher_codes
from kiosk.services.refusals import reading, refused
from kiosk.store.audit import canonical_json
from kiosk.store.repositories import CardholderRepository, CardRepository, JournalRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

# The audit log's actor for whoever holds a scanned voucher: nobody proved who they are.
VOUCHER_HOLDER = "voucher holder"
# How long the access a proof opened lasts: longer than any session (idle ends one in 75 s).
ACCESS_LIFETIME = dt.timedelta(minutes=15)
# A voucher code is about 60 characters; anything much longer is not one, whatever it holds.
MAX_CODE_LENGTH = voucher_codes.MAX_CODE_CHARS  # an SSK2 code is ~250 characters
# Compared in place of a missing mobile number: no typed number can equal it.
_NO_MOBILE = "\x00" * 11
# What identification takes as an ID number: 17 digits and a check character. Anything else
# is refused before it is looked up, counted or written anywhere.
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
# The audit log's actor for an attempt whose "ID number" was not one.
MALFORMED_ID = "malformed ID number"
_NOT_DIGITS = re.compile(r"[\s-]")


def normalize_mobile(text: str) -> str:
    """A typed mobile number as the store keeps it: spaces and dashes dropped, +86 / 86 off."""
    digits = _NOT_DIGITS.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


@dataclass(frozen=True)
class Holder:
    """What identification looks at; the same queries run whether the ID number exists or not."""

    holder_id: int | None
    holder: Cardholder | None
    cards: list[Card]  # newest first
    reissue_under_way: bool

    def mobile_matches(self, mobile: str) -> bool:
        expected = self.holder.mobile if self.holder and self.holder.mobile else _NO_MOBILE
        same = hmac.compare_digest(normalize_mobile(mobile).encode(), expected.encode())
        return same and self.holder is not None and self.holder.mobile is not None


def load_holder(
    ssn: str,
    *,
    cardholders: CardholderRepository,
    cards: CardRepository,
    journal: JournalRepository,
) -> Holder:
    found = cardholders.get_with_id(ssn)
    holder_id, holder = found if found is not None else (None, None)
    held = cards.for_ssn(ssn)
    under_way = journal.reissue_under_way(holder_id or 0)
    return Holder(holder_id, holder, held, under_way)


class ProofService:
    """Decides proofs for one kiosk (`kiosk_id`, also its audit chain) and signs the access
    they open with a key derived from the kiosk's voucher signing key."""

    def __init__(
        self,
        engine: Engine,
        kiosk_id: str,
        *,
        signing_key: bytes,
        audit_seal: AuditSeal,
        limits: ProofLimits,
        clock: Callable[[], dt.datetime],
        codes: voucher_codes.VoucherCodes | None = None,
    ) -> None:
        self.engine = engine
        self.kiosk_id = kiosk_id
        self.limits = limits
        # The codes a scan may hold: without `codes`, old SSK1 ones under `signing_key` alone.
        self._codes = codes or voucher_codes.VoucherCodes(hmac_key=signing_key)
        self._seal = audit_seal
        self._access_key = hmac.new(signing_key, b"sscard voucher access v1", "sha256").digest()
        self._clock = clock

    # Identification by ID number and mobile number -------------------------------------------

    def identify(self, ssn: str, mobile: str, *, purpose: str) -> Holder:
        """The cardholder whose registered mobile number `mobile` is, under the S8 limits.

        Raises NotEligible: NO_MATCH (unknown ID number and wrong mobile alike, with the
        attempts this ID number has left), ID_LOCKED or KIOSK_PAUSED (with `until`),
        BACKEND_OFFLINE. `purpose` goes into the audit log ("loss_report", "voucher_lookup").
        """
        now = self._clock()
        subject, masked = person_subject(ssn), mask_id_number(ssn)
        limits = self.limits
        with reading("identify"), UnitOfWork(self.engine, self._seal) as uow:
            self._refuse_if_paused(uow, now, masked, ActorKind.ANONYMOUS, purpose)
            if not _ID_SHAPE.fullmatch(ssn):
                # Not an ID number at all (the screen never sends one): a failure of the
                # kiosk's, with nothing of it kept, and no person's count to touch.
                self._fail(uow, now, "identify.failed", MALFORMED_ID, purpose, subject=None)
                self._refuse_if_paused_after_failure(uow, now)
                raise refused("identify", Refusal.NO_MATCH)
            cleared = uow.proofs.lock_person(subject)
            since = now - limits.person_window
            if cleared is not None and cleared > since:
                since = cleared
            failures = uow.proofs.person_failures(subject, since, limits.per_person)
            until = locked_until(failures, limits.per_person, limits.person_window)
            if until is not None:
                # Tries on a locked number count against the kiosk, not the number: the lock
                # lifts when it said it would.
                self._fail(uow, now, "identify.locked", masked, purpose, subject=None)
                self._refuse_if_paused_after_failure(uow, now)
                raise refused("identify", Refusal.ID_LOCKED, until=until)
            holder = load_holder(
                ssn, cardholders=uow.cardholders, cards=uow.cards, journal=uow.journal
            )
            if holder.mobile_matches(mobile):
                uow.proofs.clear_person(subject, now)
                self._audit(uow, now, "identify.ok", ActorKind.CITIZEN, masked, Outcome.OK, purpose)
                uow.commit()
                log.info("proof.identify.ok")
                return holder
            failures = [now, *failures]
            self._fail(
                uow, now, "identify.failed", masked, purpose, subject=subject, count=len(failures)
            )
            self._refuse_if_paused_after_failure(uow, now)
            until = locked_until(failures, limits.per_person, limits.person_window)
            if until is not None:
                raise refused("identify", Refusal.ID_LOCKED, until=until)
            left = limits.per_person - len(failures)
            raise refused("identify", Refusal.NO_MATCH, attempts_left=left)

    # A voucher's scanned code ------------------------------------------------------------------

    def voucher_code(self, payload: str) -> str:
        """The voucher number in a scanned code whose signature holds, under the kiosk's limit.

        Raises NotEligible: VOUCHER_CODE_INVALID (malformed, altered or not this kiosk's
        signature), KIOSK_PAUSED (with `until`), BACKEND_OFFLINE.
        """
        now = self._clock()
        with reading("voucher_code"), UnitOfWork(self.engine, self._seal) as uow:
            self._refuse_if_paused(uow, now, VOUCHER_HOLDER, ActorKind.ANONYMOUS, "voucher_lookup")
            try:
                if len(payload) > MAX_CODE_LENGTH:
                    raise voucher_codes.InvalidVoucherCode("too long")
                return self._codes.verify(payload).number
            except voucher_codes.InvalidVoucherCode:
                self._fail(
                    uow,
                    now,
                    "voucher.code_refused",
                    VOUCHER_HOLDER,
                    "voucher_lookup",
                    subject=None,
                    method=ProofMethod.VOUCHER_CODE,
                )
                self._refuse_if_paused_after_failure(uow, now)
                raise refused("voucher_code", Refusal.VOUCHER_CODE_INVALID) from None

    # The access a proof opens ------------------------------------------------------------------

    def grant(self, numbers: Sequence[str], actor_kind: ActorKind, actor: str) -> VoucherAccess:
        numbers = tuple(numbers)
        expires_at = self._clock() + ACCESS_LIFETIME
        return VoucherAccess(
            numbers,
            actor_kind,
            actor,
            expires_at,
            self._token(numbers, actor_kind, actor, expires_at),
        )

    def check(self, access: VoucherAccess | None, number: str) -> None:
        """Raise NotEligible(PROOF_REQUIRED) unless `access` is this service's, still valid,
        and opened voucher `number`."""
        valid = (
            access is not None
            and hmac.compare_digest(
                access.token,
                self._token(access.numbers, access.actor_kind, access.actor, access.expires_at),
            )
            and self._clock() < access.expires_at
            and number in access.numbers
        )
        if not valid:
            raise refused("voucher_access", Refusal.PROOF_REQUIRED)

    def _token(
        self, numbers: tuple[str, ...], actor_kind: ActorKind, actor: str, expires_at: dt.datetime
    ) -> str:
        body = canonical_json(
            [list(numbers), actor_kind.value, actor, expires_at.astimezone(dt.UTC).isoformat()]
        )
        return hmac.new(self._access_key, body.encode(), hashlib.sha256).hexdigest()

    # ----------------------------------------------------------------------------------------

    def _refuse_if_paused(
        self, uow: UnitOfWork, now: dt.datetime, actor: str, actor_kind: ActorKind, purpose: str
    ) -> None:
        """KIOSK_PAUSED (audited, not counted: the pause ends when it said) while the kiosk
        is over its limit of failures."""
        until = self._kiosk_paused_until(uow, now)
        if until is None:
            return
        self._audit(uow, now, "proof.kiosk_paused", actor_kind, actor, Outcome.REFUSED, purpose)
        uow.commit()
        raise refused("proof", Refusal.KIOSK_PAUSED, until=until)

    def _refuse_if_paused_after_failure(self, uow: UnitOfWork, now: dt.datetime) -> None:
        """The failure just committed may have been the one that pauses the kiosk: say so now
        rather than promise attempts the kiosk will not take."""
        until = self._kiosk_paused_until(uow, now)
        if until is not None:
            log.warning("proof.kiosk_paused")
            raise refused("proof", Refusal.KIOSK_PAUSED, until=until)

    def _kiosk_paused_until(self, uow: UnitOfWork, now: dt.datetime) -> dt.datetime | None:
        limits = self.limits
        failures = uow.proofs.kiosk_failures(
            self.kiosk_id, now - limits.kiosk_window, limits.per_kiosk
        )
        return locked_until(failures, limits.per_kiosk, limits.kiosk_window)

    def _fail(
        self,
        uow: UnitOfWork,
        now: dt.datetime,
        action: str,
        actor: str,
        purpose: str,
        *,
        subject: str | None,
        method: ProofMethod = ProofMethod.ID_AND_MOBILE,
        count: int | None = None,
    ) -> None:
        """Count one failure and audit it, committed before the refusal is raised."""
        uow.proofs.add_failure(kiosk_id=self.kiosk_id, method=method, subject=subject, at=now)
        detail = {"failures": count} if count is not None else {}
        self._audit(uow, now, action, ActorKind.ANONYMOUS, actor, Outcome.REFUSED, purpose, detail)
        uow.commit()
        log.info("proof.%s", action)

    def _audit(
        self,
        uow: UnitOfWork,
        now: dt.datetime,
        action: str,
        actor_kind: ActorKind,
        actor: str,
        outcome: Outcome,
        purpose: str,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        uow.audit.append(
            chain=self.kiosk_id,
            actor_kind=actor_kind,
            actor=actor,
            action=action,
            outcome=outcome,
            at=now,
            detail={"purpose": purpose, **(detail or {})},
        )


__all__ = ["Holder", "NotEligible", "ProofService", "load_holder", "normalize_mobile"]

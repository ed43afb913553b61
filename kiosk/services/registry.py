"""Where the cardholders are: the one switch between the two deployments (docs/fleet.md).

`LocalRegistry` (standalone): the kiosk's own database holds everyone; identification by ID
number and mobile is kiosk.services.proof's, as it always was, and a card is whatever the
database says of it.

`FleetRegistry` (fleet): the centre proves a cardholder (by ID number and mobile under its
fleet-wide limits, or by the card's number and SSN read from the chip after the PIN) and its
rows are written into the local database (kiosk.store.replica); the businesses then run locally
exactly as in standalone mode. With the centre unreachable, a card whose PIN was verified is
still served from what this kiosk knew of it, or from the chip (R7); identification without the
card is refused (BACKEND_OFFLINE). The records are the session's only: `end_session` deletes
them.

The composition root (kiosk/app.py) makes one and hands it to the business service and the
card session; nothing else asks which deployment this is.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.business import NotEligible, Refusal
from kiosk.domain.chip import ChipData
from kiosk.domain.fleet import Deployment
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.masking import mask_id_number
from kiosk.domain.records import CardStatus
from kiosk.services.centre import (
    CentreApi,
    CentreReissue,
    CentreRejected,
    CentreUnreachable,
    KioskPaused,
)
from kiosk.services.proof import Holder, ProofService, load_holder
from kiosk.services.refusals import reading, refused
from kiosk.store import replica
from kiosk.store.central.client import IdentifyResult
from kiosk.store.db import read_session
from kiosk.store.repositories import CardholderRepository, CardRepository, JournalRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

# How long a card proven by the centre after its PIN counts as proven for the business that
# follows (identify_card right after verify_pin asks the centre once, not twice).
CARD_PROOF_FRESH = dt.timedelta(minutes=5)


class CardNotAtCentre(Exception):
    """The centre does not know this card for this SSN (holder_by_card answered null)."""


@dataclass(frozen=True)
class CardProof:
    """What proving a card found: `by_centre` False when the centre could not be asked (R7:
    the businesses are recorded locally; the records cannot be shown)."""

    by_centre: bool
    status: CardStatus | None  # the card's status now known here (None: unknown here)


class Registry(Protocol):
    @property
    def deployment(self) -> Deployment: ...

    def identify(self, ssn: str, mobile: str, *, purpose: str) -> Holder:
        """The cardholder of this ID number and registered mobile number, written here;
        NotEligible as kiosk.services.proof.ProofService.identify."""
        ...

    def prove_card(self, ssn: str, card_number: str, chip: ChipData | None) -> CardProof:
        """After the PIN: the card's holder written here. Raises CardNotAtCentre, or
        NotEligible(BACKEND_OFFLINE) when neither the centre nor this kiosk knows it."""
        ...

    def records_available(self, ssn: str) -> bool: ...

    def holder_reissues(self, ssn: str) -> tuple[CentreReissue, ...]:
        """The reissues of the cardholder last proven with this SSN, as the centre knows them
        (every kiosk's); empty in standalone mode."""
        ...

    def reissues(self, vouchers: Sequence[str]) -> dict[str, CentreReissue]:
        """The centre's word on these vouchers (empty in standalone mode, or unreachable)."""
        ...

    def refresh_outlets(self) -> None: ...

    def end_session(self) -> None:
        """The session is over: its records are deleted (fleet)."""
        ...


class LocalRegistry:
    """Standalone: everything is in the kiosk's own database."""

    deployment = Deployment.STANDALONE

    def __init__(self, proofs: ProofService) -> None:
        self.proofs = proofs

    def identify(self, ssn: str, mobile: str, *, purpose: str) -> Holder:
        return self.proofs.identify(ssn, mobile, purpose=purpose)

    def prove_card(self, ssn: str, card_number: str, chip: ChipData | None) -> CardProof:
        return CardProof(by_centre=False, status=None)

    def records_available(self, ssn: str) -> bool:
        return True

    def holder_reissues(self, ssn: str) -> tuple[CentreReissue, ...]:
        return ()

    def reissues(self, vouchers: Sequence[str]) -> dict[str, CentreReissue]:
        return {}

    def refresh_outlets(self) -> None:
        return None

    def end_session(self) -> None:
        return None


class FleetRegistry:
    """Fleet: the centre proves, the local database keeps a replica for the session."""

    deployment = Deployment.FLEET

    def __init__(
        self,
        centre: CentreApi,
        engine: Engine,
        kiosk_id: str,
        *,
        audit_seal: AuditSeal | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.centre = centre
        self.engine = engine
        self.kiosk_id = kiosk_id
        self._seal = audit_seal
        self._clock = clock
        self._lock = threading.Lock()
        self._session_holders: set[int] = set()  # local ids whose records are written
        self._with_records: set[str] = set()  # SSNs whose records the centre sent
        self._proven_cards: dict[tuple[str, str], dt.datetime] = {}
        self._reissues: dict[str, tuple[CentreReissue, ...]] = {}
        self._outlets_written: object = None  # the centre's outlets as last written here

    # Without the card --------------------------------------------------------------------------

    def identify(self, ssn: str, mobile: str, *, purpose: str) -> Holder:
        masked = mask_id_number(ssn)
        try:
            answer = self.centre.holder_by_id(ssn, mobile)
        except KioskPaused as paused:
            raise refused("identify", Refusal.KIOSK_PAUSED, until=_aware(paused.until)) from None
        except (CentreUnreachable, CentreRejected) as exc:
            log.warning("fleet.identify.centre_away error=%s", type(exc).__name__)
            raise refused("identify", Refusal.BACKEND_OFFLINE) from None
        if answer.result != "ok" or not answer.holder:
            self._audit("identify.failed", masked, Outcome.REFUSED, purpose, answer.result)
            raise _refusal(answer)
        with reading("identify"):
            self._write(answer.holder)
            self._audit("identify.ok", masked, Outcome.OK, purpose, "ok", ActorKind.CITIZEN)
            found = self._local_holder(ssn)
        log.info("fleet.identify.ok")
        return found

    # With the card, after its PIN --------------------------------------------------------------

    def prove_card(self, ssn: str, card_number: str, chip: ChipData | None) -> CardProof:
        key = (ssn, card_number)
        now = self._clock()
        with self._lock:
            proven = self._proven_cards.get(key)
        if proven is not None and now - proven < CARD_PROOF_FRESH:
            return CardProof(by_centre=True, status=self._local_status(card_number))
        try:
            holder = self.centre.holder_by_card(card_number, ssn)
        except KioskPaused as paused:
            until = _aware(paused.until)
            raise refused("identify_card", Refusal.KIOSK_PAUSED, until=until) from None
        except (CentreUnreachable, CentreRejected) as exc:
            log.warning("fleet.card.centre_away error=%s", type(exc).__name__)
            return self._card_locally(ssn, card_number, chip)
        if holder is None:
            log.info("fleet.card.unknown_at_centre")
            raise CardNotAtCentre()
        with reading("identify_card"):
            self._write(holder)
        with self._lock:
            self._proven_cards[key] = now
        log.info("fleet.card.proven")
        return CardProof(by_centre=True, status=self._local_status(card_number))

    def _card_locally(self, ssn: str, card_number: str, chip: ChipData | None) -> CardProof:
        """R7: the centre away, the card and its verified PIN prove who this is. What this
        kiosk knew of the card stands; a card never seen here is written from the chip."""
        with reading("identify_card"):
            status = self._local_status(card_number)
            if status is None and chip is not None:
                if chip.holder.ssn != ssn or chip.issuer.card_number != card_number:
                    raise ValueError("the chip is not this card")
                with UnitOfWork(self.engine, self._seal) as uow:
                    replica.write_from_chip(uow.session, chip)
                    uow.commit()
                status = CardStatus.NORMAL
        if status is None:
            raise refused("identify_card", Refusal.BACKEND_OFFLINE)
        log.info("fleet.card.local")
        return CardProof(by_centre=False, status=status)

    def records_available(self, ssn: str) -> bool:
        with self._lock:
            return ssn in self._with_records

    def holder_reissues(self, ssn: str) -> tuple[CentreReissue, ...]:
        with self._lock:
            return self._reissues.get(ssn, ())

    # Progress ----------------------------------------------------------------------------------

    def reissues(self, vouchers: Sequence[str]) -> dict[str, CentreReissue]:
        if not vouchers:
            return {}
        try:
            answer = self.centre.reissues(list(vouchers))
        except (CentreUnreachable, CentreRejected) as exc:
            log.warning("fleet.reissues.centre_away error=%s", type(exc).__name__)
            return {}
        return {number: CentreReissue.of(row) for number, row in answer.items()}

    def refresh_outlets(self) -> None:
        """The centre's outlets into the local database (at start and at each health check),
        written only when they changed: the check runs every 15 s, and a commit each time
        would sync the kiosk's disk for nothing. The centre away leaves the last ones."""
        try:
            outlets = self.centre.outlets()
        except (CentreUnreachable, CentreRejected) as exc:
            log.warning("fleet.outlets.centre_away error=%s", type(exc).__name__)
            return
        if outlets == self._outlets_written:
            return
        try:
            with UnitOfWork(self.engine, self._seal) as uow:
                replica.write_outlets(uow.session, outlets)
                uow.commit()
        except SQLAlchemyError as exc:
            log.warning("fleet.outlets.not_written error=%s", type(exc).__name__)
            return
        self._outlets_written = outlets

    # The end of a session ----------------------------------------------------------------------

    def end_session(self) -> None:
        with self._lock:
            holders = sorted(self._session_holders)
            self._session_holders.clear()
            self._with_records.clear()
            self._proven_cards.clear()
            self._reissues.clear()
        if holders:
            purge(self.engine, holders)

    # ----------------------------------------------------------------------------------------

    def _write(self, holder: Mapping[str, object]) -> None:
        with UnitOfWork(self.engine, self._seal) as uow:
            holder_id = replica.write_holder(uow.session, holder)
            uow.commit()
        rows = holder.get("cardholders")
        ssn = str(rows[0]["ssn"]) if isinstance(rows, list) and rows else ""
        reissues = holder.get("reissues")
        with self._lock:
            self._session_holders.add(holder_id)
            self._with_records.add(ssn)
            self._reissues[ssn] = tuple(
                CentreReissue.from_json(row)
                for row in (reissues if isinstance(reissues, list) else ())
            )

    def _local_holder(self, ssn: str) -> Holder:
        with read_session(self.engine) as session:
            return load_holder(
                ssn,
                cardholders=CardholderRepository(session),
                cards=CardRepository(session),
                journal=JournalRepository(session),
            )

    def _local_status(self, card_number: str) -> CardStatus | None:
        with read_session(self.engine) as session:
            card = CardRepository(session).get(card_number)
        return None if card is None else card.status

    def _audit(
        self,
        action: str,
        actor: str,
        outcome: Outcome,
        purpose: str,
        result: str,
        actor_kind: ActorKind = ActorKind.ANONYMOUS,
    ) -> None:
        """The centre counts and decides (S8); this kiosk's chain says that it asked."""
        try:
            with UnitOfWork(self.engine, self._seal) as uow:
                uow.audit.append(
                    chain=self.kiosk_id,
                    actor_kind=actor_kind,
                    actor=actor,
                    action=action,
                    outcome=outcome,
                    at=self._clock(),
                    detail={"purpose": purpose, "centre": result},
                )
                uow.commit()
        except SQLAlchemyError as exc:
            log.warning("fleet.audit_failed error=%s", type(exc).__name__)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.UTC) if moment and moment.tzinfo is None else moment


def _refusal(answer: IdentifyResult) -> NotEligible:
    """The centre's no in the kiosk's refusals (unknown SSN and wrong mobile alike)."""
    until = _aware(answer.until)
    if answer.result == "id_locked":
        return refused("identify", Refusal.ID_LOCKED, until=until)
    if answer.result == "kiosk_paused":
        return refused("identify", Refusal.KIOSK_PAUSED, until=until)
    return refused("identify", Refusal.NO_MATCH, attempts_left=answer.attempts_left)


def purge(engine: Engine, holder_ids: Sequence[int] | None = None) -> int:
    """Delete the replicated records of these cardholders (None: everyone's, at start-up)."""
    try:
        with UnitOfWork(engine) as uow:
            deleted = replica.purge_records(uow.session, holder_ids)
            uow.commit()
    except SQLAlchemyError as exc:
        log.warning("fleet.purge_failed error=%s", type(exc).__name__)
        return 0
    log.info("fleet.records_purged rows=%d", deleted)
    return deleted


__all__ = [
    "CardNotAtCentre",
    "CardProof",
    "FleetRegistry",
    "LocalRegistry",
    "Registry",
    "purge",
]

"""One citizen's card session: read the card, check it against the back end, verify the PIN,
load the records, and forget it all at the end (S3). No Qt: the controller calls these methods
on its worker thread; card I/O itself runs on the reader's own thread. What the card or the
reader does wrong leaves here as a domain error only (kiosk.domain.session: `SessionProblem`,
`PinWrong`, `PinBlocked`, `CardPulled`), translated once in `_card_job`.

The chip's full ID and card numbers stay inside this object for the length of the session; what
leaves it before the PIN is the masked `CardSummary`, after it the citizen's own `Records`.

A card's problem screen promises only what can be done for that card, so the summary says what
decides it: a card under temporary loss report is asked its PIN tries (the query spends none)
because only a PIN that is not blocked can cancel the report here, and a card reported lost
comes with the new card under way, if any, to say when and where to collect it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from drivers.readers.base import CardChannel, CardReaderBackend
from drivers.readers.errors import CardMute, CardRemoved, ReaderError
from kiosk.card import errors as card_errors
from kiosk.card import pin as card_pin
from kiosk.card.read import read_card
from kiosk.domain import card_rules
from kiosk.domain.business import NotEligible
from kiosk.domain.calendar import local_date
from kiosk.domain.chip import ChipData
from kiosk.domain.fleet import Deployment
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import CardStatus, Contribution
from kiosk.domain.session import (
    CardProblem,
    CardPulled,
    CardSummary,
    PinBlocked,
    PinWrong,
    Records,
    ReissueUnderWay,
    SessionProblem,
    YearOfContributions,
)
from kiosk.services.card_reading import run_card_job
from kiosk.services.registry import CardNotAtCentre, Registry
from kiosk.store.db import read_session
from kiosk.store.repositories import CardRepository, JournalRepository, RecordsRepository

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["CardSessionService", "SessionProblem"]  # SessionProblem: its old home, kept


class CardSessionService:
    def __init__(
        self,
        backend: CardReaderBackend,
        engine: Engine,
        today: Callable[[], dt.date] = lambda: local_date(dt.datetime.now(dt.UTC)),
        registry: Registry | None = None,
    ) -> None:
        """`registry`: where cardholders come from (kiosk.services.registry); None: this
        database alone (standalone)."""
        self._backend = backend
        self._engine = engine
        self._today = today
        self._registry = registry
        self._records_here = True  # the records of the verified card can be shown
        self._reader: str | None = None
        self._chip: ChipData | None = None
        self._verified = False
        self.last_read_seconds = 0.0  # the card read alone, for P4 (insert → summary beyond it)

    # Before the PIN ---------------------------------------------------------------------------

    def read_summary(self, reader: str) -> CardSummary:
        """Read the card and check it with the back end. Raises `SessionProblem` for a card
        that cannot be read, `CardPulled` for one taken out during the read."""
        self.end()
        read = self._card_job(reader, read_card)
        self._reader, self._chip = reader, read.chip
        self.last_read_seconds = read.seconds
        log.info("card.read apdus=%d ms=%.1f", read.apdus, read.seconds * 1000)
        issuer, holder = read.chip.issuer, read.chip.holder
        status, reissue = self._backend_card(holder.ssn, issuer.card_number)
        if status is None and self._fleet:
            # Before the PIN the centre is not asked (docs/fleet.md): the card as last known
            # here, a card never seen as normal; the centre decides after the PIN.
            status = CardStatus.NORMAL
        expired = read.chip.is_expired(self._today())
        problem = card_rules.problem_for(status, expired=expired)
        if problem is CardProblem.TEMPORARY_LOSS and self._pin_blocked(reader):
            problem = CardProblem.TEMPORARY_LOSS_PIN_BLOCKED
        return CardSummary(
            masked_name=mask_name(holder.name),
            masked_ssn=mask_id_number(holder.ssn),
            masked_card_number=mask_card_number(issuer.card_number),
            issue_date=issuer.issue_date,
            expiry_date=issuer.expiry_date,
            status=status,
            expired=expired,
            problem=problem,
            reissue=reissue,
        )

    def tries_left(self) -> int:
        return self._card_job(self._session_reader(), card_pin.tries_left)

    def verify_pin(self, pin: bytearray) -> None:
        """VERIFY; wipes `pin` whatever happens. Raises `PinWrong` or `PinBlocked`."""
        try:
            self._card_job(self._session_reader(), lambda ch: card_pin.verify(ch, pin))
        finally:
            pin[:] = bytes(len(pin))
        self._verified = True
        log.info("pin.verified")
        self._prove()

    def _prove(self) -> None:
        """Fleet: the centre proves the card whose PIN was just verified and its holder is
        written here; the centre away, the chip and the PIN prove who this is (R7) and the
        records cannot be shown. A card the centre does not know, or knows as lost or
        cancelled, ends here as that card's problem."""
        chip = self._verified_chip()
        if self._registry is None or not self._fleet:
            return
        ssn, number = chip.holder.ssn, chip.issuer.card_number
        try:
            proof = self._registry.prove_card(ssn, number, chip)
        except CardNotAtCentre:
            raise SessionProblem(CardProblem.UNKNOWN) from None
        except NotEligible:
            raise SessionProblem(CardProblem.BACKEND_OFFLINE) from None
        self._records_here = proof.by_centre
        problem = card_rules.problem_for(proof.status, expired=False)
        if problem is not None and problem is not CardProblem.TEMPORARY_LOSS:
            raise SessionProblem(problem)

    # After the PIN ----------------------------------------------------------------------------

    def load_records(self) -> Records:
        chip = self._verified_chip()
        ssn = chip.holder.ssn
        if not self._records_here:
            log.warning("records.centre_unreachable")
            raise SessionProblem(CardProblem.BACKEND_OFFLINE)
        try:
            with read_session(self._engine) as session:
                repo = RecordsRepository(session)
                years = tuple(sorted(repo.contribution_years(ssn), reverse=True))
                newest = {}
                if years:
                    newest[years[0]] = _year(years[0], repo.contributions(ssn, years[0]))
                return Records(
                    name=chip.holder.name,
                    ssn=ssn,
                    enrolments=tuple(repo.enrolments(ssn)),
                    accounts=tuple(repo.accounts(ssn)),
                    years=years,
                    contributions=newest,
                    work_history=tuple(repo.work_history(ssn)),
                    qualifications=tuple(repo.qualifications(ssn)),
                    injuries=tuple(repo.injury_assessments(ssn)),
                )
        except SQLAlchemyError:
            log.warning("records.backend_unavailable")
            raise SessionProblem(CardProblem.BACKEND_OFFLINE) from None

    def load_year(self, year: int) -> YearOfContributions:
        ssn = self._verified_chip().holder.ssn
        if not self._records_here:
            raise SessionProblem(CardProblem.BACKEND_OFFLINE)
        try:
            with read_session(self._engine) as session:
                return _year(year, RecordsRepository(session).contributions(ssn, year))
        except SQLAlchemyError:
            raise SessionProblem(CardProblem.BACKEND_OFFLINE) from None

    def identity(self) -> tuple[str, str]:
        """(ID number, card number) of the card whose PIN was verified, for a business done
        with the card (flows 6 and 7). Raises RuntimeError before the PIN."""
        chip = self._verified_chip()
        return chip.holder.ssn, chip.issuer.card_number

    def end(self) -> None:
        """Forget the session and power the card down so its PIN state is gone too."""
        reader, self._reader = self._reader, None
        had_session = self._chip is not None
        self._chip = None
        self._verified = False
        self._records_here = True
        if reader is not None:
            self._backend.power_down(reader)
        if had_session and self._registry is not None:
            self._registry.end_session()  # fleet: the records written for it are deleted

    @property
    def _fleet(self) -> bool:
        return self._registry is not None and self._registry.deployment is Deployment.FLEET

    @property
    def active(self) -> bool:
        return self._chip is not None

    # ----------------------------------------------------------------------------------------

    def _card_job(self, reader: str, job: Callable[[CardChannel], T]) -> T:
        """`job` on the reader's thread; whatever the card or the reader does wrong leaves as
        a domain error (kiosk.domain.session), the one place they are translated."""
        try:
            return run_card_job(self._backend, reader, job)
        except card_errors.PinBlocked:
            raise PinBlocked() from None
        except card_errors.PinWrong as exc:
            raise PinWrong(exc.tries_left) from None
        except card_errors.NotSocialSecurityCard:
            raise SessionProblem(CardProblem.NOT_SOCIAL_SECURITY) from None
        except card_errors.SecureAccessRequired:
            raise SessionProblem(CardProblem.NEEDS_SAM) from None
        except card_errors.CardUnreadable as exc:
            log.info("card.unreadable reason=%s", exc.reason)
            raise SessionProblem(CardProblem.UNREADABLE) from None
        except CardRemoved:
            raise CardPulled() from None
        except CardMute:
            raise SessionProblem(CardProblem.UNREADABLE) from None
        except ReaderError as exc:
            log.warning("session.reader_error kind=%s", type(exc).__name__)
            raise SessionProblem(CardProblem.UNREADABLE) from None

    def _backend_card(
        self, ssn: str, card_number: str
    ) -> tuple[CardStatus | None, ReissueUnderWay | None]:
        """The card's status in the back end (None: unknown to it) and, for a card reported
        lost, its replacement not collected yet."""
        try:
            with read_session(self._engine) as session:
                card = CardRepository(session).get(card_number)
                if card is None or card.ssn != ssn:
                    return None, None
                reissue = None
                if card.status is CardStatus.LOST:
                    reissue = JournalRepository(session).open_reissue_of_card(card_number)
        except SQLAlchemyError:
            log.warning("card.backend_unavailable")
            raise SessionProblem(CardProblem.BACKEND_OFFLINE) from None
        return card.status, reissue

    def _pin_blocked(self, reader: str) -> bool:
        """Whether the card's PIN is blocked, asked without spending a try."""
        return self._card_job(reader, card_pin.tries_left) == 0

    def _session_reader(self) -> str:
        if self._reader is None:
            raise RuntimeError("no card session")
        return self._reader

    def _verified_chip(self) -> ChipData:
        if self._chip is None or not self._verified:
            raise RuntimeError("this needs a verified PIN")
        return self._chip


def _year(year: int, months: list[Contribution]) -> YearOfContributions:
    return YearOfContributions(year, tuple(sorted(months, key=lambda c: (c.month, c.employer))))

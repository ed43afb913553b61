"""Who is at the kiosk, and may their card do business here (PRODUCT.md flows 5-7): by ID number
and registered mobile number, or by the inserted card whose PIN was verified.

Whether a card's status allows anything is kiosk.domain.card_rules' to say; the limits on
failed attempts (S8) are kiosk.services.proof's.
"""

from __future__ import annotations

import logging

from kiosk.domain import card_rules
from kiosk.domain.business import Identified, Refusal
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import Card, Cardholder
from kiosk.services.context import KioskContext
from kiosk.services.proof import ProofService, load_holder
from kiosk.services.refusals import reading, refused
from kiosk.services.registry import CardNotAtCentre, LocalRegistry, Registry
from kiosk.store.db import read_session
from kiosk.store.repositories import CardholderRepository, CardRepository, JournalRepository

log = logging.getLogger(__name__)


class Identification:
    def __init__(
        self, context: KioskContext, proofs: ProofService, registry: Registry | None = None
    ) -> None:
        self.context = context
        self.proofs = proofs
        self.registry = registry or LocalRegistry(proofs)

    def identify(self, ssn: str, mobile: str) -> Identified:
        """A cardholder by ID number and registered mobile number.

        Raises NotEligible(NO_MATCH) for an unknown ID number and for a wrong mobile number
        alike, with the attempts the ID number has left; ID_LOCKED or KIOSK_PAUSED when the
        limits of S8 are reached (kiosk.services.proof counts and audits every failure);
        CARD_LOST / CARD_CANCELLED / REISSUE_UNDER_WAY when nothing can be reported;
        BACKEND_OFFLINE when the database cannot be reached.

        The card concerned is the cardholder's current one: the newest card not replaced. A
        cardholder without a mobile number on file cannot be identified this way (NO_MATCH:
        the counter can).
        """
        found = self.registry.identify(ssn, mobile, purpose="loss_report")
        assert found.holder is not None  # a proof that holds names a cardholder
        current = next((c for c in found.cards if not card_rules.is_superseded(c.status)), None)
        if current is None:
            raise refused("identify", Refusal.CARD_LOST if found.cards else Refusal.CARD_UNKNOWN)
        identified = _eligible(found.holder, current, found.reissue_under_way, by_card=False)
        log.info("business.identify.ok status=%s", current.status.value)
        return identified

    def identify_card(self, ssn: str, card_number: str) -> Identified:
        """The cardholder of an inserted card whose PIN was verified (flows 6 and 7).

        NotEligible(CARD_UNKNOWN) when the back end does not know this card for this ID
        number; CARD_LOST, CARD_CANCELLED as for identify(). A card under temporary loss report
        passes (cancelling it is flow 6), and so does one whose replacement is under way:
        `Identified.reissue_under_way` tells the flow that no second reissue is possible.

        In a fleet the centre proves the card first (its rows are written here); with the
        centre away, what this kiosk knows of the card stands (R7), and BACKEND_OFFLINE when
        it knows nothing.
        """
        try:
            self.registry.prove_card(ssn, card_number, None)
        except CardNotAtCentre:
            raise refused("identify_card", Refusal.CARD_UNKNOWN) from None
        with reading("identify_card"), read_session(self.context.engine) as session:
            found = load_holder(
                ssn,
                cardholders=CardholderRepository(session),
                cards=CardRepository(session),
                journal=JournalRepository(session),
            )
        card = next((c for c in found.cards if c.card_number == card_number), None)
        if found.holder is None or card is None:
            raise refused("identify_card", Refusal.CARD_UNKNOWN)
        identified = _eligible(found.holder, card, found.reissue_under_way, by_card=True)
        log.info("business.identify_card.ok status=%s", card.status.value)
        return identified


def _eligible(
    holder: Cardholder, card: Card, reissue_under_way: bool, *, by_card: bool
) -> Identified:
    refusal = card_rules.may_start(
        card.status, reissue_under_way=reissue_under_way, by_card=by_card
    )
    if refusal is not None:
        raise refused("identify_card" if by_card else "identify", refusal)
    return Identified(
        ssn=holder.ssn,
        card_number=card.card_number,
        masked_name=mask_name(holder.name),
        masked_ssn=mask_id_number(holder.ssn),
        masked_card_number=mask_card_number(card.card_number),
        card_status=card.status,
        photo_on_file=holder.photo_on_file,
        by_card=by_card,
        reissue_under_way=reissue_under_way,
    )

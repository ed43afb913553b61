"""Domain errors the store and services raise; screens word them, nobody shows them raw.

Messages never carry personal data (S1): no ID number, card number or name goes into `str(exc)`.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a citizen-facing flow can meet and explain."""


class CardholderUnknown(DomainError):
    def __init__(self) -> None:
        super().__init__("no cardholder with this social security number")


class CardUnknown(DomainError):
    def __init__(self) -> None:
        super().__init__("no such card for this cardholder")


class CardNotReportable(DomainError):
    """The card's status does not allow this loss report (already lost, cancelled...)."""

    def __init__(self, status: str) -> None:
        super().__init__(f"card status {status} does not allow a loss report")
        self.status = status


class IdempotencyKeyReused(DomainError):
    """The key was recorded before for a different request: a client bug, never a retry."""

    def __init__(self) -> None:
        super().__init__("idempotency key already used for a different request")


class CardNotReplaceable(CardNotReportable):
    """A damaged card can be replaced only while it is in force (status normal)."""

    def __init__(self, status: str) -> None:
        DomainError.__init__(self, f"card status {status} does not allow a replacement")
        self.status = status


class NotUnderTemporaryLoss(DomainError):
    """A cancellation asked for a card that is not under temporary loss report."""

    def __init__(self) -> None:
        super().__init__("the card is not under temporary loss report")


class ReissueUnderWay(DomainError):
    """The cardholder already has a reissue application that is not collected yet."""

    def __init__(self) -> None:
        super().__init__("a reissue application is already under way for this cardholder")


class OutletNotIssuing(DomainError):
    """The pickup outlet is unknown or does not hand out cards."""

    def __init__(self) -> None:
        super().__init__("the chosen outlet does not hand out cards")


class ReprintUsed(DomainError):
    """The citizen's one self-service reprint of this voucher was already printed."""

    def __init__(self) -> None:
        super().__init__("the self-service reprint of this voucher was already used")

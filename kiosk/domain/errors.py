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

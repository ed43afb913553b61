"""What can go wrong with a card, in the card layer's own words.

Transport failures stay the drivers' typed errors (`CardRemoved`, `CardMute`, ...); a card that
answers but out of profile is `CardUnreadable`, with a reason code for diagnostics. No message
here ever carries a value read from the card.
"""

from __future__ import annotations


class CardError(Exception):
    """Base of the card layer's errors."""


class CardUnreadable(CardError):
    """The card answered, but not as CARD_PROFILE.md says a social security card does."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class NotSocialSecurityCard(CardUnreadable):
    """The card has no social security application (SELECT SSSE answered 6A82)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("not_social_security_card", detail)


class SecureAccessRequired(CardUnreadable):
    """The card wants a secure access module (PSAM) before it shows these records (6982)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("secure_access_required", detail)


class PinError(CardError):
    """Base of the PIN outcomes other than success."""


class PinWrong(PinError):
    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinBlocked(PinError):
    def __init__(self) -> None:
        super().__init__("PIN blocked")
        self.tries_left = 0

"""Typed errors of every reader backend, mapped once from each backend's own failures."""


class ReaderError(Exception):
    """Base of every error a reader backend raises."""


class CardRemoved(ReaderError):
    """The card left the reader (or was never there) before the exchange finished."""


class CardMute(ReaderError):
    """The card is present but does not answer, or answers outside the transport rules."""


class ReaderUnavailable(ReaderError):
    """The named reader is not there (unplugged, or never existed)."""


class ServiceUnavailable(ReaderError):
    """The smart card service (pcscd) is not running or stopped answering."""


class SharingViolation(ReaderError):
    """Another program holds the card exclusively."""


class ReaderTimeout(ReaderError):
    """The reader did not finish the exchange in time."""

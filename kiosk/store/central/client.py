"""Placeholder for the `centre` branch's client: only its two errors, so the sender can be
written against docs/fleet.md before that branch is merged (the merge takes the real file)."""


class CentreUnreachable(Exception):
    """No connection, a timeout, the server going away: retry later."""


class CentreRejected(Exception):
    """The centre answered with an error."""

"""Placeholder for the `centre` branch's client: only its two errors, so the sender can be
written against docs/fleet.md before that branch is merged (the merge takes the real file)."""


class CentreUnreachable(Exception):
    """No connection, a timeout, the server going away: retry later."""


class CentreRejected(Exception):
    """The centre answered with an error."""


# The shapes the centre branch's client takes (copied from its interface, replaced at merge).
import datetime as dt  # noqa: E402
from collections.abc import Mapping  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402


@dataclass(frozen=True)
class ChainHead:
    chain: str
    seq: int
    hash: str


@dataclass(frozen=True)
class CentreMessage:
    seq: int
    key: str
    topic: str
    payload: Mapping[str, Any]
    created_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "key": self.key,
            "topic": self.topic,
            "payload": dict(self.payload),
            "created_at": self.created_at.isoformat(),
        }

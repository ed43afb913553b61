"""An in-process centre that honours fleet.submit's contract (docs/fleet.md) for one kiosk:
duplicates by seq and by key dropped, last_seq moves, the chain head kept. For fast tests of the
sender's batching, order and backoff; the real centre is tested on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.store.central.client import CentreRejected, CentreUnreachable


class FakeCentre:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_seq = 0
        self.keys: set[str] = set()
        self.applied: list[dict[str, Any]] = []
        self.duplicates = 0
        self.heads: list[Mapping[str, Any] | None] = []
        self.calls = 0
        self.down = False  # raise CentreUnreachable
        self.refuse = False  # raise CentreRejected
        self.fail_next = 0  # the next n calls raise CentreUnreachable

    def submit(
        self, messages: Sequence[Mapping[str, Any]], chain_head: Mapping[str, Any] | None
    ) -> dict[str, int]:
        with self.lock:
            self.calls += 1
            if self.fail_next > 0:
                self.fail_next -= 1
                raise CentreUnreachable("connection refused")
            if self.down:
                raise CentreUnreachable("connection refused")
            if self.refuse:
                raise CentreRejected("permission denied for function submit")
            applied = duplicates = 0
            for message in messages:
                if message["seq"] <= self.last_seq or message["key"] in self.keys:
                    duplicates += 1
                    continue
                self.keys.add(message["key"])
                self.applied.append(dict(message))
                self.last_seq = message["seq"]
                applied += 1
            self.duplicates += duplicates
            self.heads.append(chain_head)
            return {"last_seq": self.last_seq, "applied": applied, "duplicates": duplicates}

"""Running a flow's commands without Qt: one pattern for every flow (citizen session, business
wizard, and the staff and diagnostics modes to come).

A flow's input returns commands; a runner turns each command into an action a controller carries
out: a `Job` (work for the worker thread, and what its result or its error means to the flow,
as the flow's next commands), a `Later` (a flow input after a short pause) or a `Now` (a flow
input at once). Which command becomes which action is a `CommandTable` keyed by the command's
type. The controller owns only what needs Qt: the worker, the session generation that drops
stale results, the timers and the screens; so the glue between flows and services is tested
with no Qt at all (tests/flows/test_runners.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
C = TypeVar("C")

# A flow input's answer: its next commands, of whichever flow (a citizen command may start a
# business wizard, a business command may hand the session back to the citizen flow).
Commands = list[Any]


@dataclass(frozen=True, slots=True)
class Job(Generic[T]):
    """`work` runs on the worker thread; on the GUI thread, its result goes to `done` or its
    exception to `failed`, each giving the flow's next commands. `new_session`: results of the
    jobs before this one no longer count (a card read starts a session, its end ends one)."""

    work: Callable[[], T]
    done: Callable[[T], Commands]
    failed: Callable[[BaseException], Commands]
    new_session: bool = False


@dataclass(frozen=True, slots=True)
class Later:
    """`then` after the controller's short pause (a few seconds), unless the session has
    changed by then."""

    then: Callable[[], Commands]


@dataclass(frozen=True, slots=True)
class Now:
    """Nothing to wait for: `then` at once, on the GUI thread."""

    then: Callable[[], Commands]


Action = Job[Any] | Later | Now


class CommandTable:
    """Which action each command type becomes. A command with no entry is a programming error,
    said at once rather than ignored."""

    def __init__(self) -> None:
        self._plans: dict[type, Callable[[Any], Action | None]] = {}

    def add(self, kind: type[C], plan: Callable[[C], Action | None]) -> None:
        """`plan(command)` for commands of `kind`; it returns None when there is nothing to
        do (the flow the command was for has ended)."""
        if kind in self._plans:
            raise ValueError(f"{kind.__name__} already has a plan")
        self._plans[kind] = plan

    def include(self, other: CommandTable) -> None:
        """Every plan of `other` too (a flow that hands over to another runs its commands)."""
        for kind, plan in other._plans.items():
            self.add(kind, plan)

    def plan(self, command: object) -> Action | None:
        try:
            plan = self._plans[type(command)]
        except KeyError:
            raise LookupError(f"no plan for the command {type(command).__name__}") from None
        return plan(command)

    @property
    def kinds(self) -> frozenset[type]:
        return frozenset(self._plans)

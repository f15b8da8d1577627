"""One shape for every state a row moves through: a table of (state, event) → next state.

Submissions (``domain.workflow``), a group's hand-over (``group_workflow``), uploads
(``uploads``), point selections (``school_setup``), reference photos (``references``) and
processing jobs (``stages``) each declare such a table. The database side applies a move with
``db.state.apply``, the only code that assigns a row's state, so a move the table lacks can
never be written, whichever route or task asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

S = TypeVar("S", bound=Enum)
E = TypeVar("E", bound=Enum)


class IllegalMove(ValueError):
    """The table has no move for this event from this state (a bug or a lost race upstream)."""

    def __init__(self, machine: str, state: Enum, event: Enum):
        super().__init__(f"{machine}: no move for {event.value!r} from {state.value!r}")
        self.machine, self.state, self.event = machine, state, event


@dataclass(frozen=True)
class StateMachine(Generic[S, E]):
    name: str
    states: type[S]
    initial: S
    moves: Mapping[tuple[S, E], S]

    def next(self, state: S, event: E) -> S:
        """The state ``event`` leads to from ``state``; :class:`IllegalMove` when there is none."""
        try:
            return self.moves[(state, event)]
        except KeyError:
            raise IllegalMove(self.name, state, event) from None

    def allows(self, state: S, event: E) -> bool:
        return (state, event) in self.moves

    def parse(self, value: str) -> S:
        """A stored value as this machine's state."""
        return self.states(value)

    def values(self) -> tuple[str, ...]:
        """Every state's stored value, for the table's CHECK constraint."""
        return tuple(s.value for s in self.states)

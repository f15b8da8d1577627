"""The only code that writes a row's state: a move the domain's table allows, or nothing.

Every stateful row (submission, group hand-over, upload, point selection, reference photo,
processing job) declares its moves as a ``domain.state_machine.StateMachine`` and keeps its
state in ``state`` (a point selection's column is ``status``, with ``state`` as its synonym). Services ask
for an event; this applies the table's answer to the row's column, so no route or task can
write a state the table lacks (``IllegalMove`` otherwise). Guards that need more than the
state (who acts, a quota, a reason) run before, in the service that asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from domain.state_machine import StateMachine


@dataclass(frozen=True)
class Move:
    from_state: Enum
    to_state: Enum


def current(row: Any, machine: StateMachine) -> Enum:
    """The row's state as the machine's enum."""
    return machine.parse(row.state)


def apply(row: Any, machine: StateMachine, event: Enum) -> Move:
    """Move ``row`` by ``event`` along ``machine``; raises ``IllegalMove`` when the table has no such move."""
    old = current(row, machine)
    new = machine.next(old, event)
    row.state = new.value
    return Move(old, new)

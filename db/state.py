"""The only code that writes a row's state: a move the domain's table allows, or nothing.

Every stateful row (submission, group hand-over, upload, point selection, reference photo,
processing job) declares its moves as a ``domain.state_machine.StateMachine``. Services ask
for an event; this applies the table's answer to the row's column, so no route or task can
write a state the table lacks (``IllegalMove`` otherwise). Guards that need more than the
state (who acts, a quota, a reason) run before, in the service that asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from domain.state_machine import StateMachine

# The column each machine's rows keep their state in (a selection's is called ``status``).
_COLUMNS = {"selection": "status"}


@dataclass(frozen=True)
class Move:
    from_state: Enum
    to_state: Enum


def current(row: Any, machine: StateMachine) -> Enum:
    """The row's state as the machine's enum."""
    return machine.parse(getattr(row, _COLUMNS.get(machine.name, "state")))


def apply(row: Any, machine: StateMachine, event: Enum) -> Move:
    """Move ``row`` by ``event`` along ``machine``; raises ``IllegalMove`` when the table has no such move."""
    old = current(row, machine)
    new = machine.next(old, event)
    setattr(row, _COLUMNS.get(machine.name, "state"), new.value)
    return Move(old, new)

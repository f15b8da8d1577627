"""The only code that writes a row's state: a move the domain's table allows, or nothing.

Every stateful row (submission, group hand-over, upload, point selection, reference photo,
processing job) declares its moves as a ``domain.state_machine.StateMachine`` and keeps its
state in ``state`` (a point selection's column is ``status``, with ``state`` as its synonym). Services ask
for an event; this applies the table's answer to the row's column, so no route or task can
write a state the table lacks (``IllegalMove`` otherwise). Guards that need more than the
state (who acts, a quota, a reason) run before, in the service that asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

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


def apply_all(session: Session, rows: Sequence[Any], machine: StateMachine, event: Enum, **also: Any) -> list[Move]:
    """:func:`apply` to many rows of one table at once, with ``also`` (attribute values) set on each.

    The ORM writes a versioned row with one UPDATE each, a round trip per row: a sampling round's
    10,000 works took seconds. This sends one executemany UPDATE, each row still matched on its
    key and version, so a row another transaction moved in between fails the whole batch with
    ``StaleDataError``, as a flush would. The rows' attributes are then set as already written.
    Every row must move (``IllegalMove`` otherwise, before anything is written).
    """
    if not rows:
        return []
    mapper = inspect(type(rows[0]))
    moves = [Move(old, machine.next(old, event)) for old in (current(row, machine) for row in rows)]
    (key,) = mapper.primary_key
    key_attr = mapper.get_property_by_column(key).key
    assigned = {"state": "_state", **{name: f"_{name}" for name in also}}
    match = key == bindparam("_key")
    version = mapper.version_id_col
    version_attr = mapper.get_property_by_column(version).key if version is not None else None
    if version_attr is not None:
        match &= version == bindparam("_version")
        assigned[version_attr] = "_next_version"
    values = {mapper.columns[attr].name: bindparam(param) for attr, param in assigned.items()}
    params = []
    for row, move in zip(rows, moves):
        param = {"_key": getattr(row, key_attr), "_state": move.to_state.value}
        param.update({f"_{name}": value for name, value in also.items()})
        if version_attr is not None:
            param["_version"] = getattr(row, version_attr)
            param["_next_version"] = param["_version"] + 1
        params.append(param)
    session.flush()  # what is pending on these rows goes first: the UPDATE starts from what they hold
    update = mapper.local_table.update().where(match).values(values)
    written = session.connection().execute(update, params).rowcount
    if written != len(rows):
        raise StaleDataError(f"{mapper.local_table.name}: {len(rows)} rows to move, {written} still as read")
    for row, param in zip(rows, params):
        for attr, name in assigned.items():
            set_committed_value(row, attr, param[name])
    return moves

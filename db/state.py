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

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from db import bulk
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


def apply_all(
    session: Session, rows: Sequence[Any], machine: StateMachine, event: Enum, *, model: type | None = None, **also: Any
) -> list[Move]:
    """:func:`apply` to many rows of one table at once, with ``also`` (attribute values) set on each.

    The ORM writes a versioned row with one UPDATE each, a round trip per row: a sampling round's
    10,000 works took seconds. This sends one statement (``db.bulk.update_matched``), each row
    still matched on its key and version, so a row another transaction moved in between fails the
    whole batch with ``StaleDataError``, as a flush would. The rows' attributes are then set as
    already written. Every row must move (``IllegalMove`` otherwise, before anything is written).

    ``rows`` may also be plain rows of the mapped class ``model`` (named tuples with its key, version
    and state): they are written the same way, and only mapped objects are set afterwards.
    """
    if not rows:
        return []
    mapper = inspect(model or type(rows[0]))
    moves = [Move(old, machine.next(old, event)) for old in (current(row, machine) for row in rows)]
    (key,) = mapper.primary_key
    key_attr = mapper.get_property_by_column(key).key
    state_column = mapper.columns["state"].name
    match = {key.name: [getattr(row, key_attr) for row in rows]}
    assign = {state_column: [move.to_state.value for move in moves]}
    written_values: dict[str, list[Any]] = {"state": assign[state_column]}
    version = mapper.version_id_col
    if version is not None:
        version_attr = mapper.get_property_by_column(version).key
        match[version.name] = [getattr(row, version_attr) for row in rows]
        assign[version.name] = written_values[version_attr] = [v + 1 for v in match[version.name]]
    constant = {mapper.columns[name].name: value for name, value in also.items()}
    session.flush()  # what is pending on these rows goes first: the UPDATE starts from what they hold
    written = bulk.update_matched(session, mapper.local_table, match, assign, constant)
    if written != len(rows):
        raise StaleDataError(f"{mapper.local_table.name}: {len(rows)} rows to move, {written} still as read")
    for i, row in enumerate(rows):
        if not isinstance(row, mapper.class_):
            continue  # a plain row: nothing in the session holds it
        for attr, values in written_values.items():
            set_committed_value(row, attr, values[i])
        for attr, value in also.items():
            set_committed_value(row, attr, value)
    return moves

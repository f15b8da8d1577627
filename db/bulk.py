"""Statements over thousands of rows that cost one parameter per column, not one per value.

A sampling round moves 13,000 works at once. Written the ordinary way, each of its statements
carried a placeholder per value (an ``IN`` list of 2,000 ids, a multi-row ``VALUES`` of 8,000
parameters), and psycopg parsed every such statement afresh: a third of the round's time went to
splitting query strings. On PostgreSQL these send each column as one array instead (``= ANY``,
``unnest``) and insert by ``COPY``; SQLite, in process and without that cost, keeps the plain forms.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, Table, any_, bindparam, func, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def ids_in(session: Session, column, ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids``: one array parameter on PostgreSQL, however many ids."""
    if _postgresql(session):
        return column == any_(bindparam(None, sorted(ids), type_=ARRAY(Integer)))
    return column.in_(sorted(ids))


def insert_all(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) in the session's transaction: ``COPY`` on PostgreSQL.

    Values go through each column's own bind processing first (a naive datetime is refused, JSON is
    serialised), exactly as an INSERT would send them.
    """
    if not rows:
        return
    if not _postgresql(session):
        session.execute(table.insert(), list(rows))
        return
    names = list(rows[0])
    dialect = session.get_bind().dialect
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    session.flush()  # what the session holds goes first, as it would before an INSERT
    connection = session.connection().connection.driver_connection
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    target = dialect.identifier_preparer.format_table(table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([value if p is None else p(value) for p, value in zip(processors, (row[n] for n in names))])


def update_matched(
    session: Session,
    table: Table,
    match: Mapping[str, Sequence[Any]],
    assign: Mapping[str, Sequence[Any]],
    constant: Mapping[str, Any],
) -> int:
    """Update many rows, each found by its values in ``match`` and given its values in ``assign``
    (both by column, one list per column, a row per position), all given ``constant``. Returns how
    many rows matched. One ``UPDATE … FROM unnest(…)`` on PostgreSQL, an executemany elsewhere."""
    arrays = {f"m_{name}": (name, values) for name, values in match.items()}
    arrays.update({f"a_{name}": (name, values) for name, values in assign.items()})
    count = len(next(iter(arrays.values()))[1])
    if not count:
        return 0
    if _postgresql(session):
        given = (
            func.unnest(
                *(bindparam(f"_{key}", list(v), type_=ARRAY(table.c[name].type)) for key, (name, v) in arrays.items())
            )
            .table_valued(*arrays)
            .render_derived(name="given")
        )
        statement = (
            update(table)
            .where(*(table.c[name] == given.c[f"m_{name}"] for name in match))
            .values({**{name: given.c[f"a_{name}"] for name in assign}, **constant})
        )
        return session.connection().execute(statement).rowcount
    statement = (
        update(table)
        .where(*(table.c[name] == bindparam(f"_m_{name}") for name in match))
        .values({**{name: bindparam(f"_a_{name}") for name in assign}, **constant})
    )
    params = [
        {**{f"_m_{n}": match[n][i] for n in match}, **{f"_a_{n}": assign[n][i] for n in assign}} for i in range(count)
    ]
    return session.connection().execute(statement, params).rowcount

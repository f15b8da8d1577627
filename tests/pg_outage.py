"""Drop a test's own PostgreSQL connections, as a server restart or a cut network would.

Other tests (and CI) share the server, so nothing here touches a connection it cannot
prove is the test's own: each app or worker under test connects with an
``application_name`` made up for the test (:func:`own_url`), and only backends carrying
that name, or the one backend a hooked statement runs on, are terminated.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, text

from tests.plugins.db import POSTGRES_ADMIN_URL, _truncate_postgres

_TERMINATE_WAIT_MS = 5000  # pg_terminate_backend(pid, timeout) returns once the backend is gone


def emptied_database(request) -> str:
    """The session's migrated PostgreSQL test database, emptied (skips when the server is down)."""
    url = request.getfixturevalue("_postgres_database")
    _truncate_postgres(url)
    return url


def own_url(url: str, role: str) -> tuple[str, str]:
    """``url`` with an ``application_name`` no other session uses, and that name."""
    name = f"kejian-test-{role}-{uuid.uuid4().hex[:8]}"
    return f"{url}{'&' if '?' in url else '?'}application_name={name}", name


@contextmanager
def _admin() -> Iterator:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def backends(name: str, *, waiting_on_lock: bool = False) -> list[int]:
    """Process ids of the server backends serving connections named ``name``."""
    query = "SELECT pid FROM pg_stat_activity WHERE application_name = :name AND pid <> pg_backend_pid()"
    if waiting_on_lock:
        query += " AND wait_event_type = 'Lock'"
    with _admin() as conn:
        return list(conn.scalars(text(query), {"name": name}))


def terminate(pids: list[int]) -> None:
    with _admin() as conn:
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid, :wait)"), {"pid": pid, "wait": _TERMINATE_WAIT_MS})


def terminate_all(name: str) -> int:
    """Drop every connection named ``name`` (the pool's idle ones included); how many there were."""
    pids = backends(name)
    terminate(pids)
    return len(pids)


def wait_for_backend(name: str, *, waiting_on_lock: bool, timeout_s: float) -> list[int]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = backends(name, waiting_on_lock=waiting_on_lock)
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no backend of {name} {'waiting on a lock ' if waiting_on_lock else ''}within {timeout_s} s")


@contextmanager
def dropped_at(engine: Engine, matches: Callable[[str], bool]) -> Iterator[list[str]]:
    """Kill the connection under the first statement ``matches`` picks, just before it is sent.

    The statement then meets a dead connection, as it would after a server restart in the
    middle of the request. Yields the statements that were hit (one at most).
    """
    hit: list[str] = []

    def before(conn, _cursor, statement, _params, _context, _many) -> None:
        if not hit and matches(statement):
            hit.append(statement)
            terminate([conn.connection.dbapi_connection.info.backend_pid])

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield hit
    finally:
        event.remove(engine, "before_cursor_execute", before)


@contextmanager
def dropped_at_commit(engine: Engine) -> Iterator[list[str]]:
    """Kill the connection just before its first COMMIT goes out."""
    hit: list[str] = []

    def before_commit(conn) -> None:
        if not hit:
            hit.append("COMMIT")
            terminate([conn.connection.dbapi_connection.info.backend_pid])

    event.listen(engine, "commit", before_commit)
    try:
        yield hit
    finally:
        event.remove(engine, "commit", before_commit)


@contextmanager
def row_locked(url: str, table: str, key: str) -> Iterator[None]:
    """Hold ``table``'s row ``key`` as a concurrent UPDATE would, until the block ends.

    FOR NO KEY UPDATE, not FOR UPDATE: writes to rows that refer to it (a job of the recording)
    need a key-share lock on it, and must not wait on the test.
    """
    engine = create_engine(url.split("?", 1)[0])
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text(f'SELECT 1 FROM "{table}" WHERE id = :key FOR NO KEY UPDATE'), {"key": key})
            yield
    finally:
        engine.dispose()

"""Row locks for SQLite, which has none: one lock file per row, held until the transaction ends.

PostgreSQL's SELECT … FOR UPDATE makes a second request for the same row wait until the
first one commits, then read its result. SQLite ignores FOR UPDATE and lets only one writer
in at a time, but that writer lock is taken late (at the first write) and is database-wide,
so long work done under it would stall every other writer. Instead, a caller that needs the
row to itself takes an exclusive ``flock`` on a file named after the row, next to the
database file (every process that opens that database shares the disk, so the lock holds
across processes too), and the lock is released when the session's transaction commits or
rolls back — the same span a PostgreSQL row lock has. A process that dies drops its locks.
Rows share a bounded set of lock files (a hash picks one), so the folder never grows; a
transaction that already holds a file takes no second lock on it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

POLL_S = 0.02
STRIPES = 4096
_HELD = "sqlite_row_locks"


class RowLockTimeout(Exception):
    """Another transaction held the row longer than the caller was willing to wait."""


def _lock_path(database: str, table: str, key: str) -> Path:
    stripe = int(hashlib.sha256(f"{table}:{key}".encode()).hexdigest(), 16) % STRIPES
    return Path(f"{database}.locks") / f"{stripe:04d}.lock"


def hold_row(session: Session, table: str, key: str, *, timeout_s: float) -> None:
    """On SQLite, wait for (at most ``timeout_s``) and hold the row's lock until the transaction ends.

    Call it before reading the row, so the read sees what the previous holder committed.
    Other databases lock rows themselves: this does nothing there.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or not bind.url.database or bind.url.database == ":memory:":
        return
    path = _lock_path(bind.url.database, table, key)
    held: dict[Path, int] | None = session.info.get(_HELD)
    if held is None:
        held = session.info[_HELD] = {}
        event.listen(session, "after_transaction_end", _release_at_root_end)
    if path in held:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise RowLockTimeout(f"{table} {key}") from None
            time.sleep(POLL_S)
    if session.get_transaction() is None:
        session.begin()
    held[path] = fd


def _release_at_root_end(session: Session, transaction: SessionTransaction) -> None:
    """Commit or rollback of the outermost transaction: close the descriptors, which drops the locks."""
    if transaction.parent is not None:
        return
    held: dict[Path, int] = session.info.get(_HELD, {})
    while held:
        _path, fd = held.popitem()
        os.close(fd)

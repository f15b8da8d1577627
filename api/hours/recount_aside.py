"""Counting schools' completion beside the API's request process, not inside it.

A recount of the province's 2,000 schools takes about two minutes of CPU (``bench/province_hours.py``).
Run in a request process's thread, as it was, it held that process's interpreter against every
request the process served: under ``bench/load.py`` the slowest requests waited behind it. It now
runs in a process of its own, spawned for the recount (forking a threaded server is unsafe), at a
lower CPU priority (``nice`` ``NICENESS``) so that requests come first, and gone when done. The
caller, a background task after the answer, waits for it without holding the interpreter. One
recount at a time per API process (a lock here), and one across processes and hosts (the advisory
lock in ``completion.refresh``). Each school is still counted in its own transaction, so a child
stopped half-way keeps the schools it finished.

Moving the recount onto the workers' beat is the lasting answer; the ledger code it needs lives in
``api/`` for now, which the workers do not import.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import structlog

from api.hours import completion
from config import Settings
from config.logging import configure_logging
from db.session import session_factory

NICENESS = 10

log = structlog.get_logger(__name__)

_spawn = multiprocessing.get_context("spawn")
_one_here = threading.Lock()


@dataclass(frozen=True)
class Recount:
    """What a child did: the schools it counted (0 when another recount held the lock), its pid and
    niceness (the tests read them), and its exit code (not 0: it failed, and the counts stay as they were)."""

    counted: int
    pid: int | None
    niceness: int | None
    exitcode: int | None


def _count_in_child(settings: Settings, school_ids: list[int], report) -> None:
    niceness = os.nice(NICENESS)
    configure_logging(settings)
    counted = completion.refresh(session_factory(settings.database_url), settings, school_ids)
    report.send((counted, os.getpid(), niceness))
    report.close()


def recount(settings: Settings, school_ids: Sequence[int]) -> Recount:
    """Count these schools again in a child process and wait for it; nothing when one runs here already."""
    if not school_ids or not _one_here.acquire(blocking=False):
        return Recount(0, None, None, None)
    try:
        receive, report = _spawn.Pipe(duplex=False)
        child = _spawn.Process(
            target=_count_in_child, args=(settings, list(school_ids), report), name="kejian-recount", daemon=True
        )
        child.start()
        report.close()  # the child holds the other end: a child that dies closes it, and recv() ends
        try:
            counted, pid, niceness = receive.recv()
        except EOFError:
            counted, pid, niceness = 0, child.pid, None
        child.join()
        if child.exitcode != 0:
            log.warning("hours.recount_failed", exitcode=child.exitcode, schools=len(school_ids))
        return Recount(counted, pid, niceness, child.exitcode)
    finally:
        _one_here.release()

"""Remove scratch left behind by attempts whose process died (kill -9, OOM, a lost machine).

A live attempt removes its own scratch when it ends; only a dead one leaves any. An entry
goes when the process its name names (``storage.scratch``) no longer runs on this host and
the entry is older than ``scratch_grace_s``; an entry made on another host (a shared
volume), or with no owner in its name, only once older than ``scratch_foreign_after_s``,
which is longer than any task may run. Workers sweep at start and now and then before a stage.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import structlog

from storage import scratch

log = structlog.get_logger(__name__)

_last_sweep = 0.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def is_dead_leftover(name: str, age_s: float, *, grace_s: float, foreign_after_s: float) -> bool:
    owner = scratch.owner_of(name)
    if owner is None or owner.host != scratch.host_tag():
        return age_s > foreign_after_s
    return age_s > grace_s and not _alive(owner.pid)


def sweep(scratch_dir: Path, *, grace_s: float, foreign_after_s: float) -> int:
    """Remove dead attempts' entries from ``scratch_dir``; return how many went."""
    try:
        entries = list(os.scandir(scratch_dir))
    except FileNotFoundError:
        return 0
    removed, now = 0, time.time()
    for entry in entries:
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except FileNotFoundError:
            continue  # its owner removed it meanwhile
        if not is_dead_leftover(entry.name, age, grace_s=grace_s, foreign_after_s=foreign_after_s):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            Path(entry.path).unlink(missing_ok=True)
        removed += 1
        log.info("scratch.swept", entry=entry.name, age_s=round(age))
    return removed


def sweep_for(settings) -> int:
    return sweep(
        settings.scratch_dir, grace_s=settings.scratch_grace_s, foreign_after_s=settings.scratch_foreign_after_s
    )


def sweep_now_and_then(settings) -> None:
    """Sweep if this process has not for ``scratch_sweep_interval_s``; never fails the caller."""
    global _last_sweep
    if time.monotonic() - _last_sweep < settings.scratch_sweep_interval_s and _last_sweep:
        return
    _last_sweep = time.monotonic()
    try:
        sweep_for(settings)
    except OSError:
        log.warning("scratch.sweep_failed", exc_info=True)

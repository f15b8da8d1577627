"""Keep a running job's heartbeat fresh, and publish its progress while it works.

The watchdog judges a worker alive by ``heartbeat_at``; the status stream shows ``percent``.
One thread does both: progress is written as it changes (at most every
``progress_interval_s``), the heartbeat at least every ``heartbeat_interval_s``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import structlog

from pipeline import jobs

log = structlog.get_logger(__name__)


class Progress:
    """Latest percent reported by the stage; the heartbeat thread writes it out."""

    def __init__(self) -> None:
        self.percent: float | None = None

    def report(self, percent: float) -> None:
        self.percent = percent


@contextmanager
def heartbeat(runtime, job_id: int) -> Iterator[Progress]:
    settings = runtime.settings
    tick = min(settings.progress_interval_s, settings.heartbeat_interval_s)
    progress = Progress()
    stop = threading.Event()

    def loop() -> None:
        written, last_beat = None, time.monotonic()
        while not stop.wait(tick):
            changed = progress.percent is not None and progress.percent != written
            if not changed and time.monotonic() - last_beat < settings.heartbeat_interval_s:
                continue
            try:
                with runtime.transaction() as session:
                    jobs.beat(session, job_id, percent=progress.percent if changed else None)
                written, last_beat = progress.percent, time.monotonic()
            except Exception:  # a missed beat is survivable; the next one may land
                log.warning("job.heartbeat_failed", job_id=job_id, exc_info=True)

    thread = threading.Thread(target=loop, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield progress
    finally:
        stop.set()
        thread.join(timeout=5)

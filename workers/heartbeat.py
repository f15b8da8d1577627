"""Keep a running job's heartbeat fresh so the watchdog knows its worker is alive."""

from __future__ import annotations

import threading
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
    progress = Progress()
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(runtime.settings.heartbeat_interval_s):
            try:
                with runtime.transaction() as session:
                    jobs.beat(session, job_id, percent=progress.percent)
            except Exception:  # a missed beat is survivable; the next one may land
                log.warning("job.heartbeat_failed", job_id=job_id, exc_info=True)

    thread = threading.Thread(target=loop, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield progress
    finally:
        stop.set()
        thread.join(timeout=5)

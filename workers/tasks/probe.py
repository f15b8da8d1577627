"""``recordings.probe``: quick, on the probe queue."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from config import get_settings
from domain import reasons
from pipeline import task_names
from workers import runtime as runtime_mod
from workers.stages import probe_stage
from workers.stages.outcome import TransientFailure
from workers.tasks.retry_policy import backoff_seconds

_settings = get_settings()


@shared_task(
    name=task_names.PROBE,
    bind=True,
    acks_late=True,
    max_retries=_settings.task_max_retries,
    soft_time_limit=_settings.probe_soft_time_limit_s,
    time_limit=_settings.probe_hard_time_limit_s,
)
def probe_recording(self, recording_id: str) -> str:
    rt = runtime_mod.current()
    try:
        return probe_stage.run(rt, recording_id, worker=self.request.hostname or "worker").value
    except TransientFailure as exc:
        if self.request.retries >= self.max_retries:
            probe_stage.give_up(rt, recording_id)
            return "failed"
        countdown = backoff_seconds(
            self.request.retries, base_s=rt.settings.task_retry_backoff_s, max_s=rt.settings.task_retry_backoff_max_s
        )
        raise self.retry(exc=exc, countdown=countdown)
    except SoftTimeLimitExceeded:
        probe_stage.fail(rt, recording_id, reasons.PROBE_TIMEOUT)
        return "failed"

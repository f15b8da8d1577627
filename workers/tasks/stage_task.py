"""Run a stage inside a Celery task: bounded exponential backoff for transient failures."""

from __future__ import annotations

from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded

from domain.reasons import Reason
from domain.stages import Stage
from workers import runtime as runtime_mod
from workers.stages import runner
from workers.stages.outcome import Outcome, TransientFailure
from workers.tasks.retry_policy import backoff_seconds


def run_stage_task(task, stage: Stage, run: Callable[..., Outcome], subject_id: str, *, on_time_limit: Reason) -> str:
    rt = runtime_mod.current()
    try:
        return run(rt, subject_id, worker=task.request.hostname or "worker").value
    except TransientFailure as exc:
        if task.request.retries >= task.max_retries:
            runner.give_up(rt, subject_id, stage)
            return Outcome.FAILED.value
        countdown = backoff_seconds(
            task.request.retries, base_s=rt.settings.task_retry_backoff_s, max_s=rt.settings.task_retry_backoff_max_s
        )
        raise task.retry(exc=exc, countdown=countdown)
    except SoftTimeLimitExceeded:
        runner.fail(rt, subject_id, stage, on_time_limit)
        return Outcome.FAILED.value

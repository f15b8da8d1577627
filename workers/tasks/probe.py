"""``recordings.probe`` and ``recordings.identify``: quick, on the probe queue."""

from __future__ import annotations

from celery import shared_task

from config import get_settings
from domain import reasons
from domain.stages import Stage
from pipeline import task_names
from workers.stages import identify_stage, probe_stage
from workers.tasks.stage_task import run_stage_task

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
    return run_stage_task(self, Stage.PROBE, probe_stage.run, recording_id, on_time_limit=reasons.PROBE_TIMEOUT)


@shared_task(
    name=task_names.IDENTIFY,
    bind=True,
    acks_late=True,
    max_retries=_settings.task_max_retries,
    soft_time_limit=_settings.probe_soft_time_limit_s,  # stored faces only: as quick as a probe
    time_limit=_settings.probe_hard_time_limit_s,
)
def identify_recording(self, recording_id: str) -> str:
    return run_stage_task(
        self, Stage.IDENTIFY, identify_stage.run, recording_id, on_time_limit=reasons.IDENTIFY_TIMEOUT
    )

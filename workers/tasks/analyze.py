"""``recordings.analyze`` and ``references.enrol``: face work, on the analyze queue."""

from __future__ import annotations

from celery import shared_task

from config import get_settings
from domain import reasons
from domain.stages import Stage
from pipeline import task_names
from workers.stages import analyze_stage, enrol_stage
from workers.tasks.stage_task import run_stage_task

_settings = get_settings()


@shared_task(
    name=task_names.ANALYZE,
    bind=True,
    acks_late=True,
    max_retries=_settings.task_max_retries,
    soft_time_limit=_settings.analyze_soft_time_limit_s,
    time_limit=_settings.analyze_hard_time_limit_s,
)
def analyze_recording(self, recording_id: str) -> str:
    return run_stage_task(self, Stage.ANALYZE, analyze_stage.run, recording_id, on_time_limit=reasons.ANALYSIS_TIMEOUT)


@shared_task(
    name=task_names.ENROL_REFERENCE,
    bind=True,
    acks_late=True,
    max_retries=_settings.task_max_retries,
    soft_time_limit=_settings.probe_soft_time_limit_s,  # one photo: as quick as a probe
    time_limit=_settings.probe_hard_time_limit_s,
)
def enrol_reference(self, reference_id: str) -> str:
    return run_stage_task(self, Stage.ENROL, enrol_stage.run, reference_id, on_time_limit=reasons.ENROL_TIMEOUT)

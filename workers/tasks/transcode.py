"""``recordings.transcode``: long ffmpeg work, on its own queue."""

from __future__ import annotations

from celery import shared_task

from config import get_settings
from domain import reasons
from domain.stages import Stage
from pipeline import task_names
from workers.stages import transcode_stage
from workers.tasks.stage_task import run_stage_task

_settings = get_settings()


@shared_task(
    name=task_names.TRANSCODE,
    bind=True,
    acks_late=True,
    max_retries=_settings.task_max_retries,
    soft_time_limit=_settings.task_soft_time_limit_s,
    time_limit=_settings.task_hard_time_limit_s,
)
def transcode_recording(self, recording_id: str) -> str:
    return run_stage_task(
        self, Stage.TRANSCODE, transcode_stage.run, recording_id, on_time_limit=reasons.TRANSCODE_TIMEOUT
    )

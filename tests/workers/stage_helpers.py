"""Helpers for stage tests: get a recording into the database through the real API."""

from __future__ import annotations

from pathlib import Path

from db.models import ProcessingJob
from domain.stages import Stage
from pipeline import jobs
from tests.api.uploading import lesson_body, upload_whole
from tests.harness import Harness


def uploaded_recording(h: Harness, clip: Path) -> str:
    """Upload ``clip`` as the demo teacher's lesson; its probe task is queued, not run."""
    return upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"]


def probe_job(h: Harness, recording_id: str) -> ProcessingJob:
    with h.transaction() as session:
        job = jobs.get(session, recording_id, Stage.PROBE)
        session.expunge(job)
        return job

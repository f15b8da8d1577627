"""Helpers for stage tests: get a recording into the database through the real API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.models import ProcessingJob
from domain.stages import Stage
from pipeline import jobs
from tests.api.uploading import lesson_body, upload_whole
from tests.harness import Harness
from workers import runtime as runtime_mod


def uploaded_recording(h: Harness, clip: Path) -> str:
    """Upload ``clip`` as the demo teacher's lesson; its probe task is queued, not run."""
    return upload_whole(h, "teacher", clip, lesson_body(clip))["recording_id"]


def stage_shown(h: Harness, recording_id: str, stage: str) -> dict:
    """The stage as the recording's status shows it to its teacher (state, reason, percent)."""
    response = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("teacher"))
    assert response.status_code == 200, response.text
    return next(s for s in response.json()["stages"] if s["stage"] == stage)


def probe_job(h: Harness, recording_id: str) -> ProcessingJob:
    with h.transaction() as session:
        job = jobs.get(session, recording_id, Stage.PROBE)
        session.expunge(job)
        return job


@contextmanager
def eager_celery() -> Iterator[None]:
    """Real Celery tasks run in-process; the worker runtime is reset afterwards (tests configure it)."""
    from workers.celery_app import app

    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = False
        runtime_mod.configure(None)

"""Processing-job state: the only code that moves a stage's job, along ``domain.stages.JOBS``.

A job is one stage of one subject (a recording's probe, analyze or transcode; a reference
photo's enrol). Moves go through ``db.state.apply`` and stamp ``updated_at`` so the status
stream sees them; claiming a job is a conditional UPDATE (``job_repository.claim``), so two
deliveries of the same task cannot both run it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import ProcessingJob
from db.state import apply
from domain.reasons import Reason
from domain.stages import JOBS, Stage, StageState, clamp_percent
from pipeline import job_repository as repo
from pipeline import task_names
from pipeline.dispatch import queue_after_commit


def _move(job: ProcessingJob, new: StageState, now: datetime | None = None) -> None:
    apply(job, JOBS, new)
    job.updated_at = now or utcnow()


def _send(session: Session, job: ProcessingJob) -> None:
    queue_after_commit(session, task_names.STAGE_TASKS[job.stage], job.subject_id)


def enqueue(session: Session, subject_id: str, stage: Stage) -> ProcessingJob:
    """Create (or reset) the stage's job and send its task once the transaction commits."""
    job = repo.find(session, subject_id, stage)
    now = utcnow()
    if job is None:
        job = repo.new(session, subject_id, stage, now=now)
    elif job.state != StageState.QUEUED.value:
        _move(job, StageState.QUEUED, now)
        job.percent, job.queued_at, job.started_at, job.finished_at = 0.0, now, None, None
        job.reason_code = job.reason_zh = job.reason_en = None
        job.requeues = 0
    session.flush()
    _send(session, job)
    return job


def get(session: Session, subject_id: str, stage: Stage) -> ProcessingJob | None:
    return repo.find(session, subject_id, stage)


def claim(session: Session, subject_id: str, stage: Stage, *, worker: str, lease_s: int) -> ProcessingJob | None:
    """Mark the job running for this worker, or return None when there is nothing to do.

    Nothing to do means: no such job, already done or failed, or running under another
    attempt whose heartbeat is younger than ``lease_s`` (a duplicate delivery). An older
    heartbeat means that attempt died: this one takes over, and its ``attempts`` number
    fences the dead one out (:func:`still_held`).
    """
    now = utcnow()
    if not repo.claim(
        session, subject_id, stage, worker=worker, now=now, stale_before=now - timedelta(seconds=lease_s)
    ):
        return None
    job = repo.find(session, subject_id, stage)
    session.refresh(job)
    return job


def still_held(session: Session, job_id: int, *, attempt: int) -> bool:
    """Whether attempt number ``attempt`` still owns the running job (and holds its row till commit)."""
    return repo.hold(session, job_id, attempt=attempt)


def beat(session: Session, job_id: int, *, percent: float | None = None) -> None:
    """Heartbeat, optionally with progress; touches only a job that is still running."""
    now = utcnow()
    values: dict = {"heartbeat_at": now}
    if percent is not None:
        values.update(percent=clamp_percent(percent), updated_at=now)
    repo.touch_running(session, job_id, values)


def finish(session: Session, job: ProcessingJob) -> None:
    now = utcnow()
    _move(job, StageState.DONE, now)
    job.percent, job.finished_at = 100.0, now


def fail(session: Session, job: ProcessingJob, reason: Reason) -> None:
    now = utcnow()
    _move(job, StageState.FAILED, now)
    job.finished_at = now
    job.reason_code, job.reason_zh, job.reason_en = reason.code, reason.zh, reason.en


def back_to_queue(session: Session, job: ProcessingJob, reason: Reason | None = None) -> None:
    """A transient failure: the task will be retried, and the status says why it waits."""
    _move(job, StageState.QUEUED)
    job.queued_at = job.updated_at
    if reason is not None:
        job.reason_code, job.reason_zh, job.reason_en = reason.code, reason.zh, reason.en


def stale(session: Session, state: StageState, *, older_than: datetime) -> list[ProcessingJob]:
    """Running jobs whose heartbeat stopped, or queued jobs nobody picked up, locked for update."""
    return repo.stale(session, state, older_than=older_than)


def requeue(session: Session, job: ProcessingJob) -> None:
    """Send a stuck job's task again (the claim makes a duplicate delivery harmless)."""
    now = utcnow()
    if job.state == StageState.RUNNING.value:
        _move(job, StageState.QUEUED, now)
        job.requeues += 1
    job.queued_at = now
    job.updated_at = now
    _send(session, job)

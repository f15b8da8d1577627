"""Processing-job state: the only code that changes a stage's state.

Every change goes through :func:`_move`, which checks the edge with
``domain.stages.check_transition`` and stamps ``updated_at`` so the status stream sees it.
Claiming a job is a conditional UPDATE, so two deliveries of the same task cannot both
run it, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import ProcessingJob
from domain.reasons import Reason
from domain.stages import Stage, StageState, check_transition, clamp_percent
from pipeline import task_names
from pipeline.dispatch import queue_after_commit


def _move(job: ProcessingJob, new: StageState, now: datetime | None = None) -> None:
    check_transition(StageState(job.state), new)
    job.state = new.value
    job.updated_at = now or utcnow()


def enqueue(session: Session, recording_id: str, stage: Stage) -> ProcessingJob:
    """Create (or reset) the stage's job and send its task once the transaction commits."""
    job = session.scalar(
        select(ProcessingJob).where(ProcessingJob.recording_id == recording_id, ProcessingJob.stage == stage.value)
    )
    now = utcnow()
    if job is None:
        job = ProcessingJob(recording_id=recording_id, stage=stage.value, state="queued", queued_at=now, updated_at=now)
        session.add(job)
    elif job.state != StageState.QUEUED.value:
        _move(job, StageState.QUEUED, now)
        job.percent, job.queued_at, job.started_at, job.finished_at = 0.0, now, None, None
        job.reason_code = job.reason_zh = job.reason_en = None
        job.requeues = 0
    session.flush()
    queue_after_commit(session, task_names.STAGE_TASKS[stage.value], recording_id)
    return job


def get(session: Session, recording_id: str, stage: Stage) -> ProcessingJob | None:
    return session.scalar(
        select(ProcessingJob).where(ProcessingJob.recording_id == recording_id, ProcessingJob.stage == stage.value)
    )


def claim(
    session: Session, recording_id: str, stage: Stage, *, worker: str, heartbeat_timeout_s: int
) -> ProcessingJob | None:
    """Mark the job running for this worker, or return None when there is nothing to do.

    Nothing to do means: no such job, already done or failed, or running under another
    worker whose heartbeat is still fresh (a duplicate delivery).
    """
    now = utcnow()
    stale_before = now - timedelta(seconds=heartbeat_timeout_s)
    result = session.execute(
        update(ProcessingJob)
        .where(
            ProcessingJob.recording_id == recording_id,
            ProcessingJob.stage == stage.value,
            or_(
                ProcessingJob.state == StageState.QUEUED.value,
                (ProcessingJob.state == StageState.RUNNING.value) & (ProcessingJob.heartbeat_at < stale_before),
            ),
        )
        .values(
            state=StageState.RUNNING.value,
            worker=worker,
            started_at=now,
            heartbeat_at=now,
            updated_at=now,
            attempts=ProcessingJob.attempts + 1,
            percent=0.0,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return None
    job = get(session, recording_id, stage)
    session.refresh(job)
    return job


def beat(session: Session, job_id: int, *, percent: float | None = None) -> None:
    """Heartbeat, optionally with progress; touches only a job that is still running."""
    now = utcnow()
    values: dict = {"heartbeat_at": now}
    if percent is not None:
        values.update(percent=clamp_percent(percent), updated_at=now)
    session.execute(
        update(ProcessingJob)
        .where(ProcessingJob.id == job_id, ProcessingJob.state == StageState.RUNNING.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


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
    column = ProcessingJob.heartbeat_at if state is StageState.RUNNING else ProcessingJob.queued_at
    return list(
        session.scalars(
            select(ProcessingJob)
            .where(ProcessingJob.state == state.value, column < older_than)
            .with_for_update(skip_locked=True)
        )
    )


def requeue(session: Session, job: ProcessingJob) -> None:
    """Send a stuck job's task again (the claim makes a duplicate delivery harmless)."""
    now = utcnow()
    if job.state == StageState.RUNNING.value:
        _move(job, StageState.QUEUED, now)
        job.requeues += 1
    job.queued_at = now
    job.updated_at = now
    queue_after_commit(session, task_names.STAGE_TASKS[job.stage], job.recording_id)

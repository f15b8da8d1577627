"""Every query on processing jobs; ``pipeline.jobs`` decides, this reads and writes rows.

A job belongs to one subject: a recording for the recording stages, a reference photo for
``enrol``; the stage says which column holds the subject's id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from db.models import ProcessingJob
from domain.stages import Stage, StageState


def _subject_column(stage: Stage):
    return ProcessingJob.reference_id if stage is Stage.ENROL else ProcessingJob.recording_id


def _of(subject_id: str, stage: Stage) -> ColumnElement[bool]:
    return (_subject_column(stage) == subject_id) & (ProcessingJob.stage == stage.value)


def find(session: Session, subject_id: str, stage: Stage) -> ProcessingJob | None:
    return session.scalar(select(ProcessingJob).where(_of(subject_id, stage)))


def new(session: Session, subject_id: str, stage: Stage, *, now: datetime) -> ProcessingJob:
    """A queued job for the subject (the row's initial state is ``queued``)."""
    job = ProcessingJob(**{_subject_column(stage).key: subject_id}, stage=stage.value, queued_at=now, updated_at=now)
    session.add(job)
    return job


def claim(
    session: Session, subject_id: str, stage: Stage, *, worker: str, now: datetime, stale_before: datetime
) -> bool:
    """Mark the job running for ``worker`` if it is queued, or running with a stale heartbeat.

    A conditional UPDATE, so of two deliveries of the same task only one gets ``True``, on
    SQLite and PostgreSQL alike.
    """
    result = session.execute(
        update(ProcessingJob)
        .where(
            _of(subject_id, stage),
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
            # Why it last waited (storage down, scratch full) no longer holds once it runs.
            reason_code=None,
            reason_zh=None,
            reason_en=None,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def hold(session: Session, job_id: int, *, attempt: int) -> bool:
    """Whether the job is still running under ``attempt``; if so its row stays locked to this transaction.

    A conditional UPDATE: on PostgreSQL it takes the row lock, on SQLite the write lock, so a
    takeover cannot slip in between this check and the result written after it.
    """
    result = session.execute(
        update(ProcessingJob)
        .where(
            ProcessingJob.id == job_id,
            ProcessingJob.state == StageState.RUNNING.value,
            ProcessingJob.attempts == attempt,
        )
        .values(attempts=ProcessingJob.attempts)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def touch_running(session: Session, job_id: int, values: dict) -> None:
    """Write heartbeat/progress ``values`` on a job only while it is still running."""
    session.execute(
        update(ProcessingJob)
        .where(ProcessingJob.id == job_id, ProcessingJob.state == StageState.RUNNING.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def stale(session: Session, state: StageState, *, older_than: datetime) -> list[ProcessingJob]:
    """Running jobs whose heartbeat stopped, or queued jobs nobody picked up, locked for update."""
    column = ProcessingJob.heartbeat_at if state is StageState.RUNNING else ProcessingJob.queued_at
    query = select(ProcessingJob).where(ProcessingJob.state == state.value, column < older_than)
    return list(session.scalars(query.with_for_update(skip_locked=True)))

"""The skeleton every stage shares: claim, work with a heartbeat, record, and sort failures.

A stage supplies two functions: ``work`` (slow, outside any transaction, may report
progress) and ``record`` (writes the result inside the transaction that marks the job
done). Failures are sorted here once: the input's fault → failed, never retried;
storage or database trouble → back to the queue and TransientFailure for the retry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import structlog
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from db.models import Recording
from domain import reasons
from domain.reasons import Reason
from domain.stages import Stage
from pipeline import jobs
from storage.errors import ObjectNotFound, StorageUnavailable
from workers.heartbeat import Progress, heartbeat
from workers.stages.outcome import Outcome, TransientFailure
from workers.video.errors import MediaError

log = structlog.get_logger(__name__)

TRANSIENT_ERRORS = (StorageUnavailable, OperationalError, DBAPIError)
T = TypeVar("T")


def run_stage(
    runtime,
    recording_id: str,
    stage: Stage,
    *,
    worker: str,
    work: Callable[[Recording, Progress], T],
    record: Callable[[Session, Recording, T], Any],
) -> Outcome:
    settings = runtime.settings
    try:
        with runtime.transaction() as session:
            job = jobs.claim(
                session, recording_id, stage, worker=worker, heartbeat_timeout_s=settings.heartbeat_timeout_s
            )
            if job is None:
                log.info("stage.skipped", stage=stage.value, recording_id=recording_id)
                return Outcome.SKIPPED
            job_id = job.id
            recording = session.get(Recording, recording_id)
            session.expunge(recording)  # a detached snapshot the work may read freely
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc
    try:
        with heartbeat(runtime, job_id) as progress:
            result = work(recording, progress)
        with runtime.transaction() as session:
            record(session, session.get(Recording, recording_id), result)
            jobs.finish(session, jobs.get(session, recording_id, stage))
    except MediaError as exc:
        fail(runtime, recording_id, stage, exc.reason)
        log.info(
            "stage.failed", stage=stage.value, recording_id=recording_id, reason=exc.reason.code, detail=exc.detail
        )
        return Outcome.FAILED
    except ObjectNotFound:
        fail(runtime, recording_id, stage, reasons.CORRUPT_MEDIA)
        log.error("stage.original_missing", stage=stage.value, recording_id=recording_id)
        return Outcome.FAILED
    except TRANSIENT_ERRORS as exc:
        requeue_for_retry(runtime, recording_id, stage)
        raise TransientFailure(str(exc)) from exc
    log.info("stage.done", stage=stage.value, recording_id=recording_id)
    return Outcome.DONE


def fail(runtime, recording_id: str, stage: Stage, reason: Reason) -> None:
    with runtime.transaction() as session:
        job = jobs.get(session, recording_id, stage)
        if job is not None and job.state in ("queued", "running"):
            jobs.fail(session, job, reason)


def requeue_for_retry(runtime, recording_id: str, stage: Stage) -> None:
    try:
        with runtime.transaction() as session:
            jobs.back_to_queue(session, jobs.get(session, recording_id, stage))
    except TRANSIENT_ERRORS:
        # The database itself is down; the watchdog will find the stale heartbeat.
        log.warning("stage.requeue_failed", stage=stage.value, recording_id=recording_id)


def give_up(runtime, recording_id: str, stage: Stage) -> None:
    """Retries ran out on transient errors: fail visibly, leaving the upload to retry later."""
    fail(runtime, recording_id, stage, reasons.TRANSIENT_EXHAUSTED)

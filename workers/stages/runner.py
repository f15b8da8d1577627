"""The skeleton every stage shares: claim, work with a heartbeat, record, and sort failures.

A stage supplies two functions: ``work`` (slow, outside any transaction, may report
progress) and ``record`` (writes the result inside the transaction that marks the job
done). Its subject is a recording, or a reference photo for ``enrol``. Failures are sorted
here once: the input's fault → failed, never retried; storage or database trouble, or a full
scratch disk → back to the queue (saying why) and TransientFailure for the retry; when retries
run out, :func:`give_up`. Every move an attempt makes after its claim is fenced by its attempt
number: an attempt whose lease lapsed and was taken over changes nothing, success or failure.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable
from typing import Any, TypeVar

import structlog
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from db.base import utcnow
from domain import reasons
from domain.reasons import Reason
from domain.stages import Stage, StageState
from pipeline import jobs
from storage.errors import ObjectNotFound, StorageUnavailable
from storage.keys import derived_root
from workers import scratch_sweep
from workers.heartbeat import Progress, heartbeat
from workers.stages import repository
from workers.stages.job_failure import fail_job
from workers.stages.outcome import Outcome, TransientFailure
from workers.video.errors import MediaError

log = structlog.get_logger(__name__)

TRANSIENT_ERRORS = (StorageUnavailable, OperationalError, DBAPIError)
# The worker's own disk, not the upload: ENOSPC from a write, or ffmpeg saying so (ffmpeg_run).
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
T = TypeVar("T")
_OPEN = (StageState.QUEUED.value, StageState.RUNNING.value)


def _subject(session: Session, stage: Stage, subject_id: str):
    return (
        repository.reference(session, subject_id) if stage is Stage.ENROL else repository.recording(session, subject_id)
    )


def run_stage(
    runtime,
    subject_id: str,
    stage: Stage,
    *,
    worker: str,
    work: Callable[[Any, Progress], T],
    record: Callable[[Session, Any, T], Any],
) -> Outcome:
    settings = runtime.settings
    scratch_sweep.sweep_now_and_then(settings)
    try:
        claimed = _claim(runtime, subject_id, stage, worker)
        if isinstance(claimed, float):
            # Another attempt holds the job: a live one renews its lease meanwhile and this
            # delivery is a duplicate; a dead one lets it lapse, and this one takes over.
            time.sleep(claimed)
            claimed = _claim(runtime, subject_id, stage, worker)
        if not isinstance(claimed, tuple):
            log.info("stage.skipped", stage=stage.value, subject_id=subject_id)
            return Outcome.SKIPPED
        job_id, attempt, subject = claimed
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc
    try:
        with heartbeat(runtime, job_id) as progress:
            result = work(subject, progress)
        with runtime.transaction() as session:
            job = jobs.get(session, subject_id, stage)
            if job is not None and not jobs.still_held(session, job_id, attempt=attempt):
                # Our heartbeat lapsed and another attempt took the job over: its result counts.
                log.warning("stage.superseded", stage=stage.value, subject_id=subject_id, attempt=attempt)
                return Outcome.SKIPPED
            subject = _subject(session, stage, subject_id)
            if subject is not None:
                record(session, subject, result)
            if job is not None:  # a subject deleted meanwhile takes its job with it
                jobs.finish(session, job)
        if subject is None:
            _forget_outputs(runtime, subject_id, stage)
    except MediaError as exc:
        fail(runtime, subject_id, stage, exc.reason, attempt=attempt)
        log.info("stage.failed", stage=stage.value, subject_id=subject_id, reason=exc.reason.code, detail=exc.detail)
        return Outcome.FAILED
    except ObjectNotFound:
        # The stored bytes are gone: a photo must be uploaded again, a recording too.
        missing = reasons.PHOTO_UNREADABLE if stage is Stage.ENROL else reasons.CORRUPT_MEDIA
        fail(runtime, subject_id, stage, missing, attempt=attempt)
        log.error("stage.original_missing", stage=stage.value, subject_id=subject_id)
        return Outcome.FAILED
    except StorageUnavailable as exc:
        requeue_for_retry(runtime, subject_id, stage, reasons.STORAGE_UNAVAILABLE, attempt=attempt)
        raise TransientFailure(str(exc)) from exc
    except TRANSIENT_ERRORS as exc:
        requeue_for_retry(runtime, subject_id, stage, reasons.DATABASE_UNAVAILABLE, attempt=attempt)
        raise TransientFailure(str(exc)) from exc
    except OSError as exc:
        if exc.errno not in DISK_FULL_ERRNOS:
            raise
        log.warning("stage.scratch_full", stage=stage.value, subject_id=subject_id, error=str(exc))
        requeue_for_retry(runtime, subject_id, stage, reasons.SCRATCH_FULL, attempt=attempt)
        raise TransientFailure(str(exc)) from exc
    log.info("stage.done", stage=stage.value, subject_id=subject_id)
    return Outcome.DONE


def _claim(runtime, subject_id: str, stage: Stage, worker: str) -> tuple | float | None:
    """(job id, attempt, detached subject) once claimed; else seconds until the holder's lease
    lapses (plus slack) when another attempt runs it, or None when there is nothing to do."""
    lease_s = runtime.settings.job_lease_s
    with runtime.transaction() as session:
        job = jobs.claim(session, subject_id, stage, worker=worker, lease_s=lease_s)
        if job is not None:
            subject = _subject(session, stage, subject_id)
            session.expunge(subject)  # a detached snapshot the work may read freely
            return job.id, job.attempts, subject
        held = jobs.get(session, subject_id, stage)
        if held is None or held.state != StageState.RUNNING.value or held.heartbeat_at is None:
            return None
        silent_s = (utcnow() - held.heartbeat_at).total_seconds()
    return min(float(lease_s), max(0.0, lease_s - silent_s)) + 0.5


def _forget_outputs(runtime, subject_id: str, stage: Stage) -> None:
    """A recording deleted while a stage worked on it (a leader deleting a session): drop what the
    work wrote for it, which nothing refers to any more. A photo's enrolment writes nothing."""
    log.info("stage.subject_gone", stage=stage.value, subject_id=subject_id)
    if stage is not Stage.ENROL:
        runtime.store.delete_prefix(derived_root(subject_id))


def _held_by(session: Session, job, attempt: int | None) -> bool:
    """Whether the caller may move ``job``: no attempt named (a task wrapper, the watchdog),
    or the named attempt still owns it. A taken-over attempt logs and leaves it alone."""
    if attempt is None or jobs.still_held(session, job.id, attempt=attempt):
        return True
    log.warning("stage.superseded", stage=job.stage, subject_id=job.subject_id, attempt=attempt)
    return False


def fail(runtime, subject_id: str, stage: Stage, reason: Reason, *, attempt: int | None = None) -> None:
    with runtime.transaction() as session:
        job = jobs.get(session, subject_id, stage)
        if job is not None and job.state in _OPEN and _held_by(session, job, attempt):
            fail_job(session, job, reason)


def requeue_for_retry(
    runtime, subject_id: str, stage: Stage, reason: Reason | None = None, *, attempt: int | None = None
) -> None:
    try:
        with runtime.transaction() as session:
            job = jobs.get(session, subject_id, stage)
            if job is not None and job.state == StageState.RUNNING.value and _held_by(session, job, attempt):
                jobs.back_to_queue(session, job, reason)
    except TRANSIENT_ERRORS:
        # The database itself is down; the watchdog will find the stale heartbeat.
        log.warning("stage.requeue_failed", stage=stage.value, subject_id=subject_id)


def give_up(runtime, subject_id: str, stage: Stage) -> None:
    """Retries ran out on transient errors: fail visibly, leaving the upload to retry later."""
    fail(runtime, subject_id, stage, reasons.TRANSIENT_EXHAUSTED)

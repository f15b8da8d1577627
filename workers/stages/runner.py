"""The skeleton every stage shares: claim, work with a heartbeat, record, and sort failures.

A stage supplies two functions: ``work`` (slow, outside any transaction, may report
progress) and ``record`` (writes the result inside the transaction that marks the job
done). Its subject is a recording, or a reference photo for ``enrol``. Failures are sorted
here once: the input's fault → failed, never retried; storage or database trouble → back to
the queue and TransientFailure for the retry; when retries run out, :func:`give_up`.
"""

from __future__ import annotations

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
        fail(runtime, subject_id, stage, exc.reason)
        log.info("stage.failed", stage=stage.value, subject_id=subject_id, reason=exc.reason.code, detail=exc.detail)
        return Outcome.FAILED
    except ObjectNotFound:
        # The stored bytes are gone: a photo must be uploaded again, a recording too.
        fail(runtime, subject_id, stage, reasons.PHOTO_UNREADABLE if stage is Stage.ENROL else reasons.CORRUPT_MEDIA)
        log.error("stage.original_missing", stage=stage.value, subject_id=subject_id)
        return Outcome.FAILED
    except TRANSIENT_ERRORS as exc:
        requeue_for_retry(runtime, subject_id, stage)
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


def fail(runtime, subject_id: str, stage: Stage, reason: Reason) -> None:
    with runtime.transaction() as session:
        job = jobs.get(session, subject_id, stage)
        if job is not None and job.state in _OPEN:
            fail_job(session, job, reason)


def requeue_for_retry(runtime, subject_id: str, stage: Stage) -> None:
    try:
        with runtime.transaction() as session:
            jobs.back_to_queue(session, jobs.get(session, subject_id, stage))
    except TRANSIENT_ERRORS:
        # The database itself is down; the watchdog will find the stale heartbeat.
        log.warning("stage.requeue_failed", stage=stage.value, subject_id=subject_id)


def give_up(runtime, subject_id: str, stage: Stage) -> None:
    """Retries ran out on transient errors: fail visibly, leaving the upload to retry later."""
    fail(runtime, subject_id, stage, reasons.TRANSIENT_EXHAUSTED)

"""The probe stage: read the original's metadata with ffprobe and apply the duration rule."""

from __future__ import annotations

import structlog
from sqlalchemy.exc import DBAPIError, OperationalError

from db.models import Recording
from domain import reasons
from domain.duration import check_duration
from domain.stages import Stage
from pipeline import jobs
from storage.errors import ObjectNotFound, StorageUnavailable
from workers.heartbeat import heartbeat
from workers.stages.outcome import Outcome, TransientFailure
from workers.video.errors import MediaError
from workers.video.probe import MediaInfo, probe

log = structlog.get_logger(__name__)

TRANSIENT_ERRORS = (StorageUnavailable, OperationalError, DBAPIError)


def run(runtime, recording_id: str, *, worker: str) -> Outcome:
    """Probe one recording; raises TransientFailure when storage or the database failed."""
    settings = runtime.settings
    try:
        with runtime.transaction() as session:
            job = jobs.claim(
                session, recording_id, Stage.PROBE, worker=worker, heartbeat_timeout_s=settings.heartbeat_timeout_s
            )
            if job is None:
                log.info("probe.skipped", recording_id=recording_id)
                return Outcome.SKIPPED
            job_id = job.id
            key = session.get(Recording, recording_id).original_key
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc
    try:
        with heartbeat(runtime, job_id):
            with runtime.store.local_path(key, settings.scratch_dir) as path:
                info = probe(path, ffprobe_binary=settings.ffprobe_binary, timeout_s=settings.ffprobe_timeout_s)
        _record(runtime, recording_id, info)
    except MediaError as exc:
        fail(runtime, recording_id, exc.reason)
        log.info("probe.failed", recording_id=recording_id, reason=exc.reason.code, detail=exc.detail)
        return Outcome.FAILED
    except ObjectNotFound:
        fail(runtime, recording_id, reasons.CORRUPT_MEDIA)
        log.error("probe.original_missing", recording_id=recording_id, key=key)
        return Outcome.FAILED
    except TRANSIENT_ERRORS as exc:
        _requeue_for_retry(runtime, recording_id)
        raise TransientFailure(str(exc)) from exc
    log.info("probe.done", recording_id=recording_id, duration_s=info.duration_s, container=info.container)
    return Outcome.DONE


def _record(runtime, recording_id: str, info: MediaInfo) -> None:
    settings = runtime.settings
    with runtime.transaction() as session:
        recording = session.get(Recording, recording_id)
        problem = check_duration(
            recording.kind, info.duration_s, group_session_min_s=settings.group_session_min_duration_s
        )
        recording.duration_s = info.duration_s
        recording.media_info = info.as_dict()
        checks = dict(recording.checks or {})
        checks["duration"] = {"ok": problem is None, **(problem.as_dict() if problem else {})}
        recording.checks = checks
        jobs.finish(session, jobs.get(session, recording_id, Stage.PROBE))


def fail(runtime, recording_id: str, reason) -> None:
    with runtime.transaction() as session:
        jobs.fail(session, jobs.get(session, recording_id, Stage.PROBE), reason)


def _requeue_for_retry(runtime, recording_id: str) -> None:
    try:
        with runtime.transaction() as session:
            jobs.back_to_queue(session, jobs.get(session, recording_id, Stage.PROBE))
    except TRANSIENT_ERRORS:
        # The database itself is down; the watchdog will find the stale heartbeat.
        log.warning("probe.requeue_failed", recording_id=recording_id)


def give_up(runtime, recording_id: str) -> None:
    """Retries ran out on transient errors: fail visibly, leaving the upload to retry later."""
    with runtime.transaction() as session:
        job = jobs.get(session, recording_id, Stage.PROBE)
        if job is not None and job.state in ("queued", "running"):
            jobs.fail(session, job, reasons.TRANSIENT_EXHAUSTED)

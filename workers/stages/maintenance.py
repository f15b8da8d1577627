"""Periodic housekeeping: expire abandoned uploads, rescue jobs whose worker died, delete expired biometric data."""

from __future__ import annotations

from datetime import datetime, timedelta

import structlog

from db.base import utcnow
from db.state import apply
from domain import reasons
from domain.stages import StageState
from domain.uploads import UPLOADS, UploadEvent
from pipeline import biometric, jobs
from workers.stages import repository
from workers.stages.job_failure import fail_job

log = structlog.get_logger(__name__)


def expire_uploads(runtime, *, now: datetime | None = None) -> int:
    """Close uploads left open past their deadline and drop their stored parts.

    Also aborts store-side multipart uploads that the database already considers closed
    (a crash between the two writes), so no parts linger in the bucket.
    """
    now = now or utcnow()
    expired = 0
    with runtime.transaction() as session:
        for upload in repository.expired_open_uploads(session, now=now):
            runtime.store.abort_multipart(upload.object_key, upload.multipart_id)
            apply(upload, UPLOADS, UploadEvent.EXPIRE)
            upload.finished_at = now
            expired += 1
            log.info("upload.expired", upload_id=upload.id)
        open_ids, closed_ids = repository.multipart_ids(session)
    for key, upload_id in runtime.store.list_multipart_uploads():
        if upload_id in closed_ids and upload_id not in open_ids:
            runtime.store.abort_multipart(key, upload_id)
            log.info("upload.orphan_aborted", key=key, multipart_id=upload_id)
    return expired


def watchdog(runtime, *, now: datetime | None = None) -> dict[str, int]:
    """Re-queue running jobs whose lease lapsed; re-send queued jobs nobody picked up.

    The lease (``job_lease_s``) is the same one a redelivered task uses to take a job over, so a
    job of a killed worker runs again within seconds whichever comes first; the attempt number
    fences the silent attempt out if it was only slow (``pipeline.jobs.still_held``).
    """
    settings = runtime.settings
    now = now or utcnow()
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    silent_since = now - timedelta(seconds=settings.job_lease_s)
    waiting_since = now - timedelta(seconds=settings.queued_resend_after_s)
    with runtime.transaction() as session:
        for job in jobs.stale(session, StageState.RUNNING, older_than=silent_since):
            if job.requeues >= settings.watchdog_max_requeues:
                fail_job(session, job, reasons.WORKER_LOST)
                counts["failed"] += 1
                log.warning("job.worker_lost_for_good", job_id=job.id, subject_id=job.subject_id)
            else:
                jobs.requeue(session, job)
                counts["requeued"] += 1
                log.warning("job.requeued", job_id=job.id, subject_id=job.subject_id, worker=job.worker)
        for job in jobs.stale(session, StageState.QUEUED, older_than=waiting_since):
            jobs.requeue(session, job)
            counts["resent"] += 1
            log.info("job.resent", job_id=job.id, subject_id=job.subject_id)
    return counts


def sweep_biometric(runtime, *, now: datetime | None = None) -> dict[str, int]:
    """Delete face photos, encodings and crops past ``biometric_retention_days``, audited (``pipeline.biometric``)."""
    with runtime.transaction() as session:
        return biometric.sweep(
            session, runtime.store, retention_days=runtime.settings.biometric_retention_days, now=now
        )

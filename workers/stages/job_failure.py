"""Failing a job, and what its subject makes of it.

A recording reads its stages' states directly; a reference photo has a state of its own, so
when its enrol job fails for reasons of ours (retries ran out, the worker was lost, the time
limit) the photo moves to ``failed`` with the same reason, from where a person retries it.
Every path that fails a job (the runner, the task wrappers, the watchdog) comes through here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import ProcessingJob
from db.state import apply, current
from domain.reasons import Reason
from domain.references import REFERENCES, ReferenceEvent
from domain.stages import Stage
from pipeline import jobs
from workers.stages import repository


def fail_job(session: Session, job: ProcessingJob, reason: Reason) -> None:
    jobs.fail(session, job, reason)
    if Stage(job.stage) is not Stage.ENROL:
        return
    reference = repository.reference(session, job.reference_id)
    if reference is not None and REFERENCES.allows(current(reference, REFERENCES), ReferenceEvent.GIVE_UP):
        apply(reference, REFERENCES, ReferenceEvent.GIVE_UP)
        reference.reason_code, reference.reason_zh, reference.reason_en = reason.code, reason.zh, reason.en

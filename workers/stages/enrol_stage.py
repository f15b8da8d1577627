"""Reference enrolment: turn a teacher's photo into the face encoding identification uses.

An ``enrol`` job like a recording's stages: claimed once, heartbeated, re-sent by the
watchdog when lost, retried on storage or database trouble and given up visibly
(``job_failure``). The photo's own faults (no face, several faces, unreadable) are the job's
result, not its failure: the photo is refused with the reason the teacher sees, and a new
photo is needed; nothing is retried for those.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import TeacherReference
from db.state import apply
from domain.reasons import Reason
from domain.references import REFERENCES, ReferenceEvent
from domain.stages import Stage
from workers.heartbeat import Progress
from workers.stages.outcome import Outcome
from workers.stages.runner import run_stage
from workers.video.errors import MediaError
from workers.video.references import enrol_photo

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Enrolled:
    encoding: list[float] | None
    refusal: Reason | None


def run(runtime, reference_id: str, *, worker: str) -> Outcome:
    def work(reference: TeacherReference, _progress: Progress) -> Enrolled:
        photo = runtime.store.read_bytes(reference.photo_key)
        try:
            return Enrolled(enrol_photo(photo).tolist(), None)
        except MediaError as exc:
            return Enrolled(None, exc.reason)

    def record(session: Session, reference: TeacherReference, result: Enrolled) -> None:
        if reference is None:  # deleted while we worked (its job went with it)
            return
        apply(reference, REFERENCES, ReferenceEvent.ENROL if result.refusal is None else ReferenceEvent.REFUSE)
        reference.encoding = result.encoding
        refusal = result.refusal
        reference.reason_code = refusal.code if refusal else None
        reference.reason_zh = refusal.zh if refusal else None
        reference.reason_en = refusal.en if refusal else None
        reference.enrolled_at = utcnow()
        log.info("reference.enrolled", reference_id=reference.id, state=reference.state)

    return run_stage(runtime, reference_id, Stage.ENROL, worker=worker, work=work, record=record)

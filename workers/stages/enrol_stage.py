"""Reference enrolment: turn a teacher's photo into the face encoding identification uses.

An ``enrol`` job like a recording's stages: claimed once, heartbeated, re-sent by the
watchdog when lost, retried on storage or database trouble and given up visibly
(``job_failure``). The photo's own faults (no face, several faces, too small, too blurred,
unreadable) are the job's result, not its failure: the photo is refused with the reason the
teacher sees, and a new photo is needed; nothing is retried for those.

A photo enrolled ``ok`` changes whom the teacher's group sessions can recognise: a
replacement first deletes the teacher's photos uploaded before it (a refused one deletes
nothing, so nothing is lost; faces a leader assigned from sessions stay), then the sessions
are queued for identification again, in the same transaction (``pipeline.reidentify``).
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import TeacherReference
from db.state import apply
from domain.reasons import Reason
from domain.references import REFERENCES, ReferenceEvent, ReferenceState
from domain.stages import Stage
from pipeline.reidentify import after_reference_change
from workers.heartbeat import Progress
from workers.stages import reference_repository
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
            quality = {
                "min_face_px": runtime.settings.reference_min_face_px,
                "min_sharpness": runtime.settings.reference_min_sharpness,
            }
            return Enrolled(enrol_photo(photo, **quality).tolist(), None)
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
        if reference.state != ReferenceState.OK.value:
            return
        replaced = reference_repository.photos_replaced_by(session, reference) if reference.replaces_others else []
        for older in replaced:
            session.delete(older)  # with its encoding and its enrol job
        session.flush()
        after_reference_change(session, reference.teacher_id)
        for older in replaced:
            runtime.store.delete(older.photo_key)

    return run_stage(runtime, reference_id, Stage.ENROL, worker=worker, work=work, record=record)

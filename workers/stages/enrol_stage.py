"""Reference enrolment: turn a teacher's photo into the face encoding identification uses.

A photo with no face, several faces or unreadable bytes is refused with its reason, which
the teacher sees on the reference photo; nothing is retried for those.
"""

from __future__ import annotations

import structlog

from db.base import utcnow
from db.models import TeacherReference
from workers.stages.outcome import Outcome, TransientFailure
from workers.stages.runner import TRANSIENT_ERRORS
from workers.video.errors import MediaError
from workers.video.references import enrol_photo

log = structlog.get_logger(__name__)


def run(runtime, reference_id: str, *, worker: str) -> Outcome:
    try:
        with runtime.transaction() as session:
            reference = session.get(TeacherReference, reference_id)
            if reference is None or reference.state != "pending":
                return Outcome.SKIPPED
            key = reference.photo_key
        photo = runtime.store.read_bytes(key)
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc
    try:
        encoding, reason = enrol_photo(photo).tolist(), None
    except MediaError as exc:
        encoding, reason = None, exc.reason
    try:
        with runtime.transaction() as session:
            reference = session.get(TeacherReference, reference_id)
            if reference is None:  # deleted while we worked
                return Outcome.SKIPPED
            reference.state = "ok" if reason is None else "refused"
            reference.encoding = encoding
            if reason is not None:
                reference.reason_code, reference.reason_zh, reference.reason_en = reason.code, reason.zh, reason.en
            reference.enrolled_at = utcnow()
    except TRANSIENT_ERRORS as exc:
        raise TransientFailure(str(exc)) from exc
    log.info("reference.enrolled", reference_id=reference_id, state="ok" if reason is None else reason.code)
    return Outcome.DONE if reason is None else Outcome.FAILED

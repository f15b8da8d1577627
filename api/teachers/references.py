"""Reference photos: keep the bytes, enrol them on a worker as an ``enrol`` job, retry, delete.

Enrolment is tracked like a recording's stages (``pipeline.jobs``): a queued job whose task
the watchdog sends again when it is lost, a heartbeat while it runs, and a give-up that marks
the photo ``failed`` with the reason, from where a person retries it.

A replacement (``replace``) keeps the older photos until it is enrolled: the worker deletes
them then, so a refused replacement loses nothing. Removing a photo removes its encoding,
and the teacher's group sessions are identified again without it.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import BadRequest, Conflict, NotFound, PayloadTooLarge, UnsupportedMedia
from api.teachers import biometric, repository, service
from db.models import TeacherReference
from db.state import apply
from domain import reasons
from domain.media_signature import sniff_image
from domain.references import REFERENCES, ReferenceEvent, ReferenceSource, ReferenceState
from domain.roles import Actor
from domain.stages import Stage
from pipeline import jobs
from pipeline.reidentify import after_reference_change
from storage.keys import reference_photo_key

_IMAGE_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}


def add(
    session: Session, ctx: AppContext, actor: Actor, teacher_id: int, photo: bytes, *, replace: bool = False
) -> TeacherReference:
    """Keep the photo and queue its enrolment; the worker accepts or refuses it with a reason."""
    teacher = service.get_manageable(session, actor, teacher_id)
    limit = ctx.settings.max_photo_bytes
    if not photo:
        raise BadRequest(reasons.EMPTY_FILE)
    if len(photo) > limit:
        raise PayloadTooLarge(reasons.PHOTO_TOO_LARGE.format(size=len(photo), limit=limit))
    kind = sniff_image(photo[:16])
    if kind is None:
        raise UnsupportedMedia(reasons.PHOTO_UNREADABLE)
    return store(session, ctx, actor, teacher.id, photo, kind=kind, replace=replace)


def store(
    session: Session, ctx: AppContext, actor: Actor, teacher_id: int, photo: bytes, *, kind: str, replace: bool
) -> TeacherReference:
    """Keep a checked photo (``kind`` as sniffed) of a teacher the actor may manage; queue its enrolment.

    Only with the teacher's consent to face identification in force (409 naming them otherwise).
    """
    biometric.require_consent(session, service.get_visible(session, actor, teacher_id))
    reference_id = str(uuid.uuid4())
    key = reference_photo_key(teacher_id, reference_id, kind)
    ctx.store.put_bytes(key, photo, _IMAGE_TYPES[kind])
    reference = TeacherReference(
        id=reference_id,
        teacher_id=teacher_id,
        photo_key=key,
        content_type=_IMAGE_TYPES[kind],
        source=ReferenceSource.PHOTO.value,
        replaces_others=replace,
        uploaded_by=actor.user_id,
    )
    session.add(reference)
    session.flush()
    jobs.enqueue(session, reference.id, Stage.ENROL)
    return reference


def listing(session: Session, actor: Actor, teacher_id: int) -> list[TeacherReference]:
    service.get_visible(session, actor, teacher_id)
    return repository.references_of(session, teacher_id)


def _of_teacher(session: Session, teacher_id: int, reference_id: str) -> TeacherReference:
    reference = repository.reference(session, reference_id)
    if reference is None or reference.teacher_id != teacher_id:
        raise NotFound("参考照片", "Reference photo")
    return reference


def retry(session: Session, actor: Actor, teacher_id: int, reference_id: str) -> TeacherReference:
    """Enrol a photo again whose worker gave up (storage or database trouble, not the photo's fault)."""
    service.get_manageable(session, actor, teacher_id)
    reference = _of_teacher(session, teacher_id, reference_id)
    state = ReferenceState(reference.state)
    if not REFERENCES.allows(state, ReferenceEvent.RETRY):
        raise Conflict(reasons.REFERENCE_NOT_RETRYABLE.format(state=state.value))
    apply(reference, REFERENCES, ReferenceEvent.RETRY)
    reference.reason_code = reference.reason_zh = reference.reason_en = None
    jobs.enqueue(session, reference.id, Stage.ENROL)
    return reference


def remove(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, reference_id: str) -> None:
    """Delete the photo and, with its row, its encoding and its enrol job; identify the sessions again."""
    service.get_manageable(session, actor, teacher_id)
    reference = _of_teacher(session, teacher_id, reference_id)
    ctx.store.delete(reference.photo_key)
    session.delete(reference)
    session.flush()
    after_reference_change(session, teacher_id)

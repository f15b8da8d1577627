"""Teachers an actor may see, and reference photos: store the bytes, enrol on a worker."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import BadRequest, Forbidden, NotFound, PayloadTooLarge, UnsupportedMedia
from db.models import Teacher, TeacherReference
from domain import reasons
from domain.media_signature import sniff_image
from domain.roles import Actor, Role, can_manage_teacher, can_see_teacher
from pipeline import task_names
from pipeline.dispatch import queue_after_commit

_IMAGE_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}


def visible_teachers(actor: Actor) -> Select:
    query = select(Teacher).order_by(Teacher.id)
    if actor.role in (Role.ADMIN, Role.PROVINCIAL_REVIEWER):
        return query
    if actor.role is Role.SCHOOL_ADMIN:
        return query.where(Teacher.school_id == actor.school_id)
    if actor.role is Role.GROUP_LEADER:
        return query.where(Teacher.group_id == actor.group_id)
    return query.where(Teacher.id == actor.teacher_id)


def _teacher(session: Session, actor: Actor, teacher_id: int, *, manage: bool) -> Teacher:
    teacher = session.get(Teacher, teacher_id)
    facts = {"teacher_id": teacher_id}
    if teacher is not None:
        facts.update(school_id=teacher.school_id, group_id=teacher.group_id)
    if teacher is None or not can_see_teacher(actor, **facts):
        raise NotFound("教师", "Teacher")
    if manage and not can_manage_teacher(actor, **facts):
        raise Forbidden()
    return teacher


def get_visible(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    return _teacher(session, actor, teacher_id, manage=False)


def get_manageable(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    return _teacher(session, actor, teacher_id, manage=True)


def add_reference(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, photo: bytes) -> TeacherReference:
    """Keep the photo and queue its enrolment; the worker accepts or refuses it with a reason."""
    teacher = _teacher(session, actor, teacher_id, manage=True)
    limit = ctx.settings.max_photo_bytes
    if not photo:
        raise BadRequest(reasons.EMPTY_FILE)
    if len(photo) > limit:
        raise PayloadTooLarge(reasons.PHOTO_TOO_LARGE.format(size=len(photo), limit=limit))
    kind = sniff_image(photo[:16])
    if kind is None:
        raise UnsupportedMedia(reasons.PHOTO_UNREADABLE)
    reference_id = str(uuid.uuid4())
    key = f"references/{teacher.id}/{reference_id}.{'jpg' if kind == 'jpeg' else 'png'}"
    ctx.store.put_bytes(key, photo, _IMAGE_TYPES[kind])
    reference = TeacherReference(
        id=reference_id,
        teacher_id=teacher.id,
        photo_key=key,
        content_type=_IMAGE_TYPES[kind],
        state="pending",
        uploaded_by=actor.user_id,
    )
    session.add(reference)
    session.flush()
    queue_after_commit(session, task_names.ENROL_REFERENCE, reference.id)
    return reference


def references_of(session: Session, actor: Actor, teacher_id: int) -> list[TeacherReference]:
    _teacher(session, actor, teacher_id, manage=False)
    return list(
        session.scalars(
            select(TeacherReference)
            .where(TeacherReference.teacher_id == teacher_id)
            .order_by(TeacherReference.created_at)
        )
    )


def remove_reference(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, reference_id: str) -> None:
    _teacher(session, actor, teacher_id, manage=True)
    reference = session.get(TeacherReference, reference_id)
    if reference is None or reference.teacher_id != teacher_id:
        raise NotFound("参考照片", "Reference photo")
    ctx.store.delete(reference.photo_key)
    session.delete(reference)

"""Teachers an actor may see (``domain.visibility.can_see_teacher``) or manage (``can_manage_teacher``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Forbidden, NotFound
from api.shared import repository as shared_rows
from api.shared.visibility import teacher_facts
from api.teachers import repository
from db.models import Teacher
from domain.references import PhotoStatus, photo_status
from domain.roles import Actor, can_manage_teacher
from domain.visibility import can_see_teacher


def listing(session: Session, actor: Actor) -> list[Teacher]:
    return repository.visible(session, actor)


def get_visible(session: Session, actor: Actor, teacher_id: int, *, lock: bool = False) -> Teacher:
    """The teacher (row-locked when ``lock``), or 404 when missing or out of the actor's sight."""
    teacher = shared_rows.lock_teacher(session, teacher_id) if lock else shared_rows.teacher(session, teacher_id)
    if teacher is None or not can_see_teacher(actor, teacher_facts(session, teacher)):
        raise NotFound("教师", "Teacher")
    return teacher


def get_manageable(session: Session, actor: Actor, teacher_id: int, *, lock: bool = False) -> Teacher:
    """The teacher whose own data (photos, selection) the actor may change: 404 out of sight, 403 not theirs."""
    teacher = get_visible(session, actor, teacher_id, lock=lock)
    if not can_manage_teacher(actor, teacher_id=teacher.id, school_id=teacher.school_id, group_id=teacher.group_id):
        raise Forbidden()
    return teacher


def photo_statuses(session: Session, teachers: list[Teacher]) -> dict[int, PhotoStatus]:
    """Each teacher's photo status (``domain.references.photo_status``), one query for the list."""
    states = repository.reference_states(session, [t.id for t in teachers])
    return {t.id: photo_status(states.get(t.id, ())) for t in teachers}

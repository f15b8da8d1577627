"""Whose work a submission is, as ``domain.workflow`` needs it: the actor's own, a group leader's.

A teacher leads their group when an active group-leader account is linked to them and to that
group (the roster import makes exactly that link for a 教研组长 row).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Teacher, User
from domain.roles import Actor, Role
from domain.workflow import Authorship


def leaders_among(session: Session, teacher_ids: Iterable[int]) -> set[int]:
    """The teachers of ``teacher_ids`` who lead the group they belong to (one query for a page)."""
    ids = set(teacher_ids)
    if not ids:
        return set()
    rows = session.scalars(
        select(User.teacher_id)
        .join(Teacher, Teacher.id == User.teacher_id)
        .where(
            User.teacher_id.in_(ids),
            User.role == Role.GROUP_LEADER.value,
            User.is_active.is_(True),
            User.group_id == Teacher.group_id,
        )
    )
    return set(rows)


def authorship(actor: Actor, teacher: Teacher, *, leaders: set[int]) -> Authorship:
    return Authorship(own_work=actor.teacher_id == teacher.id, author_leads_group=teacher.id in leaders)


def of_teacher(session: Session, actor: Actor, teacher: Teacher) -> Authorship:
    return authorship(actor, teacher, leaders=leaders_among(session, [teacher.id]))

"""Every query of the notifications: who stands around a teacher's work, writing a move's notices
in one insert, and each reader's own page, count and read marks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy.orm import Session

from db import bulk
from db.base import utcnow
from db.models import Notification, Teacher, User
from domain.notifications import Audience, Kind
from domain.roles import Role


class Person(NamedTuple):
    """An active account near the work: enough to say which audiences it belongs to."""

    id: int
    role: str
    teacher_id: int | None
    group_id: int | None
    school_id: int | None


def people_around_each(
    session: Session, teachers: Sequence[Teacher], audiences: Collection[Audience] = tuple(Audience)
) -> dict[int, list[Person]]:
    """Around each teacher's work, by teacher id: their own accounts, their group's leaders and their
    school's admins, each list by account id; one query for all the teachers. Leaders and admins are
    read only when ``audiences`` holds them (a sampling round tells only the authors: 13,000 works'
    schools' admins and groups' leaders would be read for nothing)."""
    if not teachers:
        return {}
    groups = {t.group_id for t in teachers if t.group_id is not None}
    with_leaders = bool(groups) and Audience.GROUP_LEADERS in audiences
    with_admins = Audience.SCHOOL_ADMINS in audiences
    leaders = false()
    if with_leaders:
        leaders = and_(User.role == Role.GROUP_LEADER.value, bulk.ids_in(session, User.group_id, groups))
    admins = false()
    if with_admins:
        schools = {t.school_id for t in teachers}
        admins = and_(User.role == Role.SCHOOL_ADMIN.value, bulk.ids_in(session, User.school_id, schools))
    query = select(User.id, User.role, User.teacher_id, User.group_id, User.school_id).where(
        User.is_active.is_(True), or_(bulk.ids_in(session, User.teacher_id, {t.id for t in teachers}), leaders, admins)
    )
    own, led, administered = defaultdict(list), defaultdict(list), defaultdict(list)
    for person in map(Person._make, session.execute(query.order_by(User.id)).tuples()):
        own[person.teacher_id].append(person)
        if with_leaders and person.role == Role.GROUP_LEADER.value:
            led[person.group_id].append(person)
        if with_admins and person.role == Role.SCHOOL_ADMIN.value:
            administered[person.school_id].append(person)
    found = {}
    for t in teachers:
        near = own.get(t.id, [])
        if with_leaders and t.group_id is not None:
            near = near + led.get(t.group_id, [])
        if with_admins:
            near = near + administered.get(t.school_id, [])
        found[t.id] = sorted(set(near)) if len(near) > 1 else near  # by id, each once (a leader may be the author)
    return found


def school_admins(session: Session, school_id: int) -> list[int]:
    """The school's active administrators."""
    query = select(User.id).where(
        User.is_active.is_(True), User.role == Role.SCHOOL_ADMIN.value, User.school_id == school_id
    )
    return list(session.scalars(query.order_by(User.id)))


def add(
    session: Session,
    told: Mapping[int, Kind],
    payload: dict[str, Any],
    *,
    submission_id: int | None,
    group_id: int | None,
    actor_id: int | None,
) -> None:
    """One row per user told, in a single insert (in the move's transaction)."""
    insert_rows(session, rows(told, payload, submission_id=submission_id, group_id=group_id, actor_id=actor_id))


def rows(
    told: Mapping[int, Kind],
    payload: dict[str, Any],
    *,
    submission_id: int | None,
    group_id: int | None,
    actor_id: int | None,
) -> list[dict[str, Any]]:
    """The notices' rows, one per user told, ready for :func:`insert_rows`."""
    now = utcnow()
    return [
        {
            "user_id": user_id,
            "kind": kind.value,
            "submission_id": submission_id,
            "group_id": group_id,
            "actor_id": actor_id,
            "payload": payload,
            "created_at": now,
        }
        for user_id, kind in told.items()
    ]


def insert_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """All the rows in one insert (in the moves' transaction)."""
    bulk.insert_all(session, Notification.__table__, rows)


def page(session: Session, user_id: int, *, unread: bool, limit: int, before: int | None) -> list[Notification]:
    """The user's notifications, newest first, ``limit`` of them below the id ``before``."""
    query = select(Notification).where(Notification.user_id == user_id)
    if unread:
        query = query.where(Notification.read_at.is_(None))
    if before is not None:
        query = query.where(Notification.id < before)
    return list(session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def unread_count(session: Session, user_id: int) -> int:
    query = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return session.scalar(query.select_from(Notification)) or 0


def own(session: Session, user_id: int, notification_id: int) -> Notification | None:
    """The notification if it is the user's (others' are as good as absent)."""
    query = select(Notification).where(Notification.id == notification_id, Notification.user_id == user_id)
    return session.scalar(query)


def mark_all_read(session: Session, user_id: int, at: datetime) -> int:
    """Stamp every unread notification of the user; how many there were."""
    query = (
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=at)
        .execution_options(synchronize_session=False)
    )
    return session.execute(query).rowcount or 0

"""Notifications: who is told of a move (``domain.notifications``), written in the move's own
transaction, and each user's reading of their own.

Writing is called from the two places work changes hands: ``transitions.apply`` (every
submission move) and ``groups.service.submit`` (a group's hand-over), right after the audit
entry. Being in the same transaction, a refused or rolled-back move tells nobody. Finding the
people takes one query, writing their notices one insert, for one move or a batch of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from sqlalchemy.orm import Session

from api.errors import NotFound
from api.notifications import repository
from api.notifications.repository import Person
from api.notifications.schemas import NotificationOut, NotificationPageOut, ReadAllOut, UnreadCountOut
from db.audit import Written
from db.base import utcnow
from db.models import AuditEntry, Notification, ResearchGroup, Submission, Teacher
from domain import notifications as rules
from domain.catalogue import load_seed_catalogue
from domain.notifications import Audience, Kind
from domain.point_names_en import name_en
from domain.roles import Actor, Role
from domain.workflow import Action, State


@cache
def _point_names() -> dict[str, str]:
    """The national points' Chinese names, read once (a notice names its point in its payload)."""
    return {point.code: point.name_zh for point in load_seed_catalogue().points}


def _audiences(people: list[Person], teacher: Teacher) -> tuple[dict[Audience, list[int]], bool]:
    """Who is the author, a leader of the group, an admin of the school; and whether the author leads it."""
    found: dict[Audience, list[int]] = defaultdict(list)
    author_leads = False
    for person in people:
        leads = person.role == Role.GROUP_LEADER.value and person.group_id == teacher.group_id
        if person.teacher_id == teacher.id:
            found[Audience.AUTHOR].append(person.id)
            author_leads = author_leads or leads
        if leads and teacher.group_id is not None:
            found[Audience.GROUP_LEADERS].append(person.id)
        if person.role == Role.SCHOOL_ADMIN.value:
            found[Audience.SCHOOL_ADMINS].append(person.id)
    return found, author_leads


def on_move(
    session: Session, actor: Actor, teacher: Teacher, submission: Submission, moved: AuditEntry | Written
) -> None:
    """Tell the people around ``teacher``'s work of the move just recorded (never the actor)."""
    on_moves(session, actor, [(teacher, submission, moved)])


def on_moves(session: Session, actor: Actor, moves: Sequence[tuple[Teacher, Submission, AuditEntry | Written]]) -> None:
    """:func:`on_move` for a batch of moves (a sampling round's): one query, one insert."""
    kinds_of_move = {(moved.action, moved.from_state) for _, _, moved in moves}
    audiences = {
        notice.audience
        for action, from_state in kinds_of_move
        for leads in (False, True)
        for notice in rules.on_move(Action(action), State(from_state), author_leads_group=leads)
    }
    around = repository.people_around_each(session, [teacher for teacher, _, _ in moves], audiences)
    rows = []
    for teacher, submission, moved in moves:
        people, author_leads = _audiences(around[teacher.id], teacher)
        notices = rules.on_move(Action(moved.action), State(moved.from_state), author_leads_group=author_leads)
        told = rules.addressees(notices, people, actor_id=actor.user_id)
        code = submission.capability_code
        payload = {
            "teacher": teacher.name,
            "code": code,
            "point_zh": _point_names().get(code),
            "point_en": name_en(code),
            "state": moved.to_state,
            "reason": moved.reason,
        }
        ids = {"submission_id": submission.id, "group_id": teacher.group_id, "actor_id": actor.user_id}
        rows.extend(repository.rows(told, payload, **ids))
    repository.insert_rows(session, rows)


def on_group_submit(session: Session, actor: Actor, group: ResearchGroup) -> None:
    """Tell the school's admins that ``group`` handed its work over."""
    people = {Audience.SCHOOL_ADMINS: repository.school_admins(session, group.school_id)}
    told = rules.addressees(rules.on_group_submit(), people, actor_id=actor.user_id)
    payload = {"group": group.name, "subject": group.subject}
    repository.add(session, told, payload, submission_id=None, group_id=group.id, actor_id=actor.user_id)


def _link(row: Notification) -> str:
    """The page the notice is about: the work's review page, else the reader's home (the school desk)."""
    return f"/review/{row.submission_id}" if row.submission_id is not None else "/"


def _out(row: Notification) -> NotificationOut:
    text_zh, text_en = rules.text(Kind(row.kind), row.payload or {})
    return NotificationOut(
        id=row.id,
        kind=row.kind,
        text_zh=text_zh,
        text_en=text_en,
        link=_link(row),
        submission_id=row.submission_id,
        group_id=row.group_id,
        created_at=row.created_at,
        read_at=row.read_at,
    )


def page(session: Session, actor: Actor, *, unread: bool, limit: int, before: int | None) -> NotificationPageOut:
    """A page of the actor's own notifications, newest first, and where the next one starts."""
    rows = repository.page(session, actor.user_id, unread=unread, limit=limit + 1, before=before)
    more = len(rows) > limit
    rows = rows[:limit]
    return NotificationPageOut(items=[_out(r) for r in rows], next_before=rows[-1].id if more else None)


def unread(session: Session, actor: Actor) -> UnreadCountOut:
    return UnreadCountOut(unread=repository.unread_count(session, actor.user_id))


def mark_read(session: Session, actor: Actor, notification_id: int) -> NotificationOut:
    """Mark one of the actor's notifications read (once: a second time keeps the first stamp); 404 for others'."""
    row = repository.own(session, actor.user_id, notification_id)
    if row is None:
        raise NotFound("通知", "Notification")
    if row.read_at is None:
        row.read_at = utcnow()
    return _out(row)


def mark_all_read(session: Session, actor: Actor) -> ReadAllOut:
    return ReadAllOut(marked=repository.mark_all_read(session, actor.user_id, utcnow()))

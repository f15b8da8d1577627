"""Who may see which review rows: a teacher their own, a leader their group, a school admin
their school, provincial reviewers only forwarded work, admins everything.

Rows outside the actor's sight answer 404 (ids cannot be probed); rows the actor may see but
not act on answer 403. The SQL twins (``visible_submissions``) mirror the predicates.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.errors import Forbidden, NotFound
from api.review import locks
from db.models import ResearchGroup, Submission, Teacher
from domain.roles import Actor, Role, can_manage_teacher, can_see_teacher, can_upload_lesson
from domain.workflow import State

# What the province sees: work a school forwarded, and what became of it.
FORWARDED_STATES = frozenset({State.FORWARDED, State.SAMPLED, State.CONFIRMED, State.DOWNGRADED})


def _teacher_facts(teacher: Teacher) -> dict:
    return {"teacher_id": teacher.id, "school_id": teacher.school_id, "group_id": teacher.group_id}


def managed_teacher(session: Session, actor: Actor, teacher_id: int, *, lock: bool = False) -> Teacher:
    """The teacher whose selection the actor may read and (role permitting) change."""
    teacher = locks.lock_teacher(session, teacher_id) if lock else session.get(Teacher, teacher_id)
    if teacher is None or not can_see_teacher(actor, **_teacher_facts(teacher)):
        raise NotFound("教师", "Teacher")
    if not can_manage_teacher(actor, **_teacher_facts(teacher)):
        raise Forbidden()
    return teacher


def require_author(actor: Actor, teacher: Teacher) -> None:
    """Evidence for a teacher comes from the teacher, their leader or their school (as uploads do)."""
    facts = {"teacher_id": teacher.id, "teacher_school_id": teacher.school_id, "teacher_group_id": teacher.group_id}
    if not can_upload_lesson(actor, **facts):
        raise Forbidden()


def authorable_teacher(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    """A teacher the actor may create evidence for: 404 when out of sight, 403 when not theirs to author."""
    teacher = session.get(Teacher, teacher_id)
    if teacher is None or not can_see_teacher(actor, **_teacher_facts(teacher)):
        raise NotFound("教师", "Teacher")
    require_author(actor, teacher)
    return teacher


def can_see_submission(actor: Actor, teacher: Teacher, state: str) -> bool:
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return State(state) in FORWARDED_STATES
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == teacher.school_id
    if actor.role is Role.GROUP_LEADER and actor.group_id is not None and actor.group_id == teacher.group_id:
        return True
    return actor.teacher_id is not None and actor.teacher_id == teacher.id


def visible_submissions(actor: Actor) -> Select:
    """The SQL twin of :func:`can_see_submission`, newest first."""
    query = select(Submission).join(Teacher, Teacher.id == Submission.teacher_id).order_by(Submission.id.desc())
    if actor.role is Role.ADMIN:
        return query
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return query.where(Submission.state.in_([s.value for s in FORWARDED_STATES]))
    if actor.role is Role.SCHOOL_ADMIN:
        return query.where(Teacher.school_id == actor.school_id)
    if actor.role is Role.GROUP_LEADER and actor.group_id is not None:
        # (A leader without a group must not match every group-less teacher: NULL == NULL.)
        return query.where((Teacher.group_id == actor.group_id) | (Teacher.id == actor.teacher_id))
    return query.where(Teacher.id == actor.teacher_id)


def visible_submission(session: Session, actor: Actor, submission_id: int, *, lock: bool = False) -> Submission:
    """The submission (locked with its group when ``lock``), or 404 when the actor may not see it."""
    submission = locks.lock_submission(session, submission_id) if lock else session.get(Submission, submission_id)
    teacher = session.get(Teacher, submission.teacher_id) if submission is not None else None
    if submission is None or teacher is None or not can_see_submission(actor, teacher, submission.state):
        raise NotFound("作品", "Submission")
    return submission


def group_for(session: Session, actor: Actor, group_id: int, *, lock: bool = False) -> ResearchGroup:
    """A group whose submission status the actor may read: its leader, its school, admins."""
    group = locks.lock_group(session, group_id) if lock else session.get(ResearchGroup, group_id)
    if group is None:
        raise NotFound("教研组", "Research group")
    if actor.role in (Role.ADMIN, Role.PROVINCIAL_REVIEWER):
        allowed = actor.role is Role.ADMIN
    elif actor.school_id != group.school_id:
        raise NotFound("教研组", "Research group")
    else:
        allowed = actor.role is Role.SCHOOL_ADMIN or (actor.role is Role.GROUP_LEADER and actor.group_id == group.id)
    if not allowed:
        raise Forbidden()
    return group

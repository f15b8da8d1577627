"""Each rule of ``domain.visibility`` beside its SQL twin and the facts it reads about one row.

For every kind of row there are three things, side by side:

- the rule itself, a pure predicate in ``domain.visibility`` (what detail routes ask of a row);
- ``*_facts``: what the predicate needs to know about one loaded row, read from the database;
- ``*_where``: the same rule as a WHERE clause (what listings select with).

``RULES`` names them together, and ``tests/api/test_visibility_parity.py`` proves, for every
rule over an actor matrix (every role; with and without a group, a teacher row and a school;
two schools; NULLs wherever they occur) on SQLite and PostgreSQL, that the row a listing
returns is exactly the row whose detail answers. Which routes use which rule:

    recordings   list, detail, live events, playback links, evidence crops, stage retry,
                 reading comments (writing them: ``domain.visibility.can_comment_on``)
    submissions  list, detail, documents, history, rubric, the province's list
    teachers     list, detail, reference photos; the rows of an export

A missing id on the actor's side (no group, no teacher row, no school) matches nothing here
exactly as in the predicates: ``_same`` renders ``false`` rather than ``IS NULL``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, literal, or_, select, true
from sqlalchemy.orm import Session

from db.models import PeerAssignment, Recording, RecordingParticipant, Submission, Teacher
from domain.recordings import RecordingKind
from domain.roles import Actor, Role
from domain.visibility import (
    RecordingFacts,
    SubmissionFacts,
    TeacherFacts,
    can_see_recording,
    can_see_submission,
    can_see_teacher,
)
from domain.workflow import REACHED_PROVINCE, State

_REACHED = sorted(s.value for s in REACHED_PROVINCE)


def _same(column, value: int | None) -> ColumnElement[bool]:
    """``column = value`` when the actor has the value; never true when it is missing."""
    return column == value if value is not None else false()


def _holds(session: Session, condition: ColumnElement[bool]) -> bool:
    """Whether an EXISTS condition holds for one row, asked of the database."""
    return bool(session.scalar(select(condition)))


def _by_manager(actor: Actor, *, teacher_id, school_id, group_id) -> ColumnElement[bool]:
    """SQL twin of ``domain.roles.can_manage_teacher`` over a teacher's columns."""
    if actor.role is Role.ADMIN:
        return true()
    if actor.role is Role.SCHOOL_ADMIN:
        return _same(school_id, actor.school_id)
    own = _same(teacher_id, actor.teacher_id)
    if actor.role is Role.GROUP_LEADER:
        return or_(_same(group_id, actor.group_id), own)
    return own


# Recordings ------------------------------------------------------------------------------


def _recording_reached_province(recording_id, kind, group_id) -> ColumnElement[bool]:
    """Work that reached the province uses it, or it is a session of a group whose work reached the province
    (seed 001: the group hands its session recording to the school with its 优秀 work, and the school
    passes both on; provincial reviewers filter the sessions a leader accepted despite the checks)."""
    own = exists().where(Submission.recording_id == recording_id, Submission.state.in_(_REACHED))
    group_work = exists().where(
        Submission.teacher_id == Teacher.id, Teacher.group_id == group_id, Submission.state.in_(_REACHED)
    )
    return or_(own, and_(kind == RecordingKind.GROUP_SESSION.value, group_work))


def recording_facts(session: Session, recording: Recording) -> RecordingFacts:
    return RecordingFacts(
        school_id=recording.school_id,
        group_id=recording.group_id,
        teacher_id=recording.teacher_id,
        uploaded_by=recording.uploaded_by,
        participant_teacher_ids=frozenset(p.teacher_id for p in recording.participants),
        reached_province=_holds(
            session,
            _recording_reached_province(literal(recording.id), literal(recording.kind), literal(recording.group_id)),
        ),
        pushed_to_teacher_ids=frozenset(
            session.scalars(select(PeerAssignment.viewer_teacher_id).where(PeerAssignment.recording_id == recording.id))
        ),
    )


_PEER_VIEWERS = (Role.TEACHER, Role.GROUP_LEADER, Role.SCHOOL_ADMIN)


def _pushed_to_actor(actor: Actor) -> ColumnElement[bool]:
    """SQL twin of ``domain.visibility.pushed_to_actor``: a peer lesson pushed to the actor's teacher row."""
    if actor.role not in _PEER_VIEWERS or actor.teacher_id is None:
        return false()
    return exists().where(
        PeerAssignment.recording_id == Recording.id, PeerAssignment.viewer_teacher_id == actor.teacher_id
    )


def recordings_where(actor: Actor) -> ColumnElement[bool]:
    if actor.role is Role.ADMIN:
        return true()
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return _recording_reached_province(Recording.id, Recording.kind, Recording.group_id)
    pushed = _pushed_to_actor(actor)
    if actor.role is Role.SCHOOL_ADMIN:
        return or_(_same(Recording.school_id, actor.school_id), pushed)
    if actor.role is Role.GROUP_LEADER:
        return or_(_same(Recording.group_id, actor.group_id), pushed)
    if actor.role is Role.TEACHER:
        listed = exists().where(
            RecordingParticipant.recording_id == Recording.id, _same(RecordingParticipant.teacher_id, actor.teacher_id)
        )
        own = or_(_same(Recording.uploaded_by, actor.user_id), _same(Recording.teacher_id, actor.teacher_id), listed)
        return or_(own, pushed)
    return false()


# Teachers --------------------------------------------------------------------------------


def _teacher_reached_province(teacher_id) -> ColumnElement[bool]:
    return exists().where(Submission.teacher_id == teacher_id, Submission.state.in_(_REACHED))


def teacher_facts(session: Session, teacher: Teacher) -> TeacherFacts:
    reached = _holds(session, _teacher_reached_province(teacher.id))
    return TeacherFacts(teacher.id, teacher.school_id, teacher.group_id, reached_province=reached)


def teachers_where(actor: Actor) -> ColumnElement[bool]:
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return _teacher_reached_province(Teacher.id)
    return _by_manager(actor, teacher_id=Teacher.id, school_id=Teacher.school_id, group_id=Teacher.group_id)


# Submissions (selected joined to their teacher) ------------------------------------------


def submission_facts(submission: Submission, teacher: Teacher) -> SubmissionFacts:
    return SubmissionFacts(
        teacher_id=teacher.id, school_id=teacher.school_id, group_id=teacher.group_id, state=State(submission.state)
    )


def submissions_where(actor: Actor) -> ColumnElement[bool]:
    """Over ``Submission`` joined to its ``Teacher`` (a school's by the row's own school, which is indexed)."""
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return Submission.state.in_(_REACHED)
    return _by_manager(actor, teacher_id=Teacher.id, school_id=Submission.school_id, group_id=Teacher.group_id)


def submissions_with_teachers():
    """``Submission`` joined to its teacher, the select ``submissions_where`` filters."""
    return select(Submission).join(Teacher, Teacher.id == Submission.teacher_id)


# The rules side by side, for the parity test and for anyone reading what exists ---------


@dataclass(frozen=True)
class Rule:
    """One visibility rule: the predicate, what it reads of a row, and its WHERE clause."""

    model: type
    predicate: Callable[[Actor, Any], bool]
    facts: Callable[[Session, Any], Any]
    where: Callable[[Actor], ColumnElement[bool]]
    joined: Callable[[], Any] | None = None  # the select the WHERE clause needs, when not the model alone

    def listing(self, actor: Actor):
        base = self.joined() if self.joined else select(self.model)
        return base.where(self.where(actor))


def _submission_facts(session: Session, submission: Submission) -> SubmissionFacts:
    return submission_facts(submission, session.get(Teacher, submission.teacher_id))


RULES = {
    "recordings": Rule(Recording, can_see_recording, recording_facts, recordings_where),
    "teachers": Rule(Teacher, can_see_teacher, teacher_facts, teachers_where),
    "submissions": Rule(
        Submission, can_see_submission, _submission_facts, submissions_where, submissions_with_teachers
    ),
}

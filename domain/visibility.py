"""Who may see which work: one predicate per kind of row, over plain facts.

These are the rules; the API's listings carry their SQL twins (``api.shared.visibility``),
and a parity test runs both over every role, with and without a group, a teacher row and a
school, across two schools, so the list and the detail of a row can never answer differently.

- A teacher sees their own lessons, what they uploaded, and group sessions they are listed in.
- A group leader sees their group's; a school admin their school's; an admin everything.
- Whoever is a teacher (a teacher, a group leader or a school admin with a teacher row) also sees
  the peer lessons pushed to them to watch (issue 20, seed 001 “系统推送的其他学员…研修视频”).
- A provincial reviewer sees the work that reached the province: submissions a school
  forwarded (and what became of them), their recordings, and the teachers who wrote them.
  Seed 001 has the province judge the 优秀 work schools upload to it, nothing else, so that
  one rule applies to listings, details, playback, live status, comments and documents alike.

A fact the actor lacks (no group, no teacher row, no school) matches nothing: a leader whose
group was deleted sees no group's work, rather than the work of every group-less teacher.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.roles import Actor, Role, can_manage_teacher, same_id
from domain.workflow import REACHED_PROVINCE, State


@dataclass(frozen=True)
class RecordingFacts:
    """Where a recording belongs, and whether work that reached the province uses it."""

    school_id: int
    group_id: int | None
    teacher_id: int | None
    uploaded_by: int | None = None
    participant_teacher_ids: frozenset[int] = field(default_factory=frozenset)
    reached_province: bool = False  # work that reached the province uses it (a session: its group's work)
    pushed_to_teacher_ids: frozenset[int] = field(default_factory=frozenset)  # peer viewers it was pushed to


@dataclass(frozen=True)
class TeacherFacts:
    teacher_id: int
    school_id: int
    group_id: int | None
    reached_province: bool = False  # some work of theirs was forwarded to the province


@dataclass(frozen=True)
class SubmissionFacts:
    teacher_id: int
    school_id: int
    group_id: int | None
    state: State


_PEER_VIEWERS = frozenset({Role.TEACHER, Role.GROUP_LEADER, Role.SCHOOL_ADMIN})


def pushed_to_actor(actor: Actor, recording: RecordingFacts) -> bool:
    """The recording is a peer lesson pushed to the actor's teacher row to watch."""
    return (
        actor.role in _PEER_VIEWERS
        and actor.teacher_id is not None
        and actor.teacher_id in recording.pushed_to_teacher_ids
    )


def can_see_recording(actor: Actor, recording: RecordingFacts) -> bool:
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return recording.reached_province
    if pushed_to_actor(actor, recording):
        return True
    if actor.role is Role.SCHOOL_ADMIN:
        return same_id(actor.school_id, recording.school_id)
    if actor.role is Role.GROUP_LEADER:
        return same_id(actor.group_id, recording.group_id)
    if actor.role is Role.TEACHER:
        return (
            same_id(actor.user_id, recording.uploaded_by)
            or same_id(actor.teacher_id, recording.teacher_id)
            or (actor.teacher_id is not None and actor.teacher_id in recording.participant_teacher_ids)
        )
    return False


def can_see_in_own_right(actor: Actor, recording: RecordingFacts) -> bool:
    """May see the recording as its reviewers and people do, not only watch it as a peer lesson
    pushed to them: reviewers' timed remarks, face crops and stage retries stay with those; a
    peer viewer watches the lesson and writes their own 观课议课, nothing more."""
    return can_see_recording(actor, replace(recording, pushed_to_teacher_ids=frozenset()))


def can_see_teacher(actor: Actor, teacher: TeacherFacts) -> bool:
    """The province sees the authors of forwarded work; everyone else whom they may manage."""
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return teacher.reached_province
    return can_manage_teacher(
        actor, teacher_id=teacher.teacher_id, school_id=teacher.school_id, group_id=teacher.group_id
    )


def can_see_submission(actor: Actor, submission: SubmissionFacts) -> bool:
    """The province sees forwarded work; everyone else the work of teachers they may manage."""
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return submission.state in REACHED_PROVINCE
    return can_manage_teacher(
        actor, teacher_id=submission.teacher_id, school_id=submission.school_id, group_id=submission.group_id
    )


def can_see_hours(actor: Actor, teacher: TeacherFacts) -> bool:
    """A teacher's 学时 (issue 20 item 7): the teacher, their leader, their school, and the province.

    The province answers for completion by school and cohort (seed 002), so it reads every
    teacher's hours, not only the authors of forwarded work; hours are no work to judge.
    """
    if actor.role is Role.PROVINCIAL_REVIEWER:
        return True
    return can_manage_teacher(
        actor, teacher_id=teacher.teacher_id, school_id=teacher.school_id, group_id=teacher.group_id
    )


_COMMENTERS = frozenset({Role.GROUP_LEADER, Role.SCHOOL_ADMIN, Role.PROVINCIAL_REVIEWER})


def can_comment_on(actor: Actor, recording: RecordingFacts) -> bool:
    """Reviewers pin remarks to what they may see: the group's leader, the school, the province."""
    return actor.role in _COMMENTERS and can_see_recording(actor, recording)

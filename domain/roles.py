"""Roles and who may see or act on what: plain predicates over plain facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    TEACHER = "teacher"
    GROUP_LEADER = "group_leader"
    SCHOOL_ADMIN = "school_admin"
    PROVINCIAL_REVIEWER = "provincial_reviewer"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """What the access rules need to know about the person making a request."""

    user_id: int
    role: Role
    school_id: int | None = None
    teacher_id: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class RecordingScope:
    """Where a recording belongs: its school, its group and (for lessons) its teacher."""

    school_id: int
    group_id: int | None
    teacher_id: int | None
    uploaded_by: int | None = None
    participant_teacher_ids: frozenset[int] = field(default_factory=frozenset)


def can_view_recording(actor: Actor, scope: RecordingScope) -> bool:
    """A teacher sees own work, a leader the group's, a school admin the school's."""
    if actor.role in (Role.ADMIN, Role.PROVINCIAL_REVIEWER):
        return True
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == scope.school_id
    if actor.role is Role.GROUP_LEADER:
        return actor.group_id is not None and actor.group_id == scope.group_id
    if actor.role is Role.TEACHER:
        if actor.user_id == scope.uploaded_by:
            return True
        return actor.teacher_id is not None and (
            actor.teacher_id == scope.teacher_id or actor.teacher_id in scope.participant_teacher_ids
        )
    return False


UPLOADING_ROLES = frozenset({Role.TEACHER, Role.GROUP_LEADER, Role.SCHOOL_ADMIN, Role.ADMIN})


def can_upload_lesson(actor: Actor, *, teacher_id: int, teacher_school_id: int, teacher_group_id: int | None) -> bool:
    """Teachers upload their own lessons; leaders and school admins may upload on their behalf."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.TEACHER:
        return actor.teacher_id == teacher_id
    if actor.role is Role.GROUP_LEADER:
        return actor.teacher_id == teacher_id or (actor.group_id is not None and actor.group_id == teacher_group_id)
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == teacher_school_id
    return False


def can_upload_group_session(actor: Actor, *, group_id: int, group_school_id: int) -> bool:
    """Group-session recordings come from the group's leader (or a school admin for the school)."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.GROUP_LEADER:
        return actor.group_id == group_id
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == group_school_id
    return False


def can_manage_teacher(actor: Actor, *, teacher_id: int, school_id: int, group_id: int | None) -> bool:
    """Who may change a teacher's own data (reference photos): self, their leader, their school."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.SCHOOL_ADMIN:
        return actor.school_id == school_id
    if actor.role is Role.GROUP_LEADER and group_id is not None and actor.group_id == group_id:
        return True
    return actor.teacher_id == teacher_id


def can_see_teacher(actor: Actor, *, teacher_id: int, school_id: int, group_id: int | None) -> bool:
    """Reviewers see every teacher (they judge evidence); others as for managing."""
    return actor.role is Role.PROVINCIAL_REVIEWER or can_manage_teacher(
        actor, teacher_id=teacher_id, school_id=school_id, group_id=group_id
    )

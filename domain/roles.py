"""Roles, and who may act on what: plain predicates over plain facts (seeing is ``visibility``)."""

from __future__ import annotations

from dataclasses import dataclass
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


def same_id(mine: int | None, theirs: int | None) -> bool:
    """Equal and known: a missing id on either side never matches."""
    return mine is not None and mine == theirs


UPLOADING_ROLES = frozenset({Role.TEACHER, Role.GROUP_LEADER, Role.SCHOOL_ADMIN, Role.ADMIN})


def can_upload_lesson(actor: Actor, *, teacher_id: int, teacher_school_id: int, teacher_group_id: int | None) -> bool:
    """Teachers upload their own lessons; leaders and school admins may upload on their behalf."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.TEACHER:
        return same_id(actor.teacher_id, teacher_id)
    if actor.role is Role.GROUP_LEADER:
        return same_id(actor.teacher_id, teacher_id) or same_id(actor.group_id, teacher_group_id)
    if actor.role is Role.SCHOOL_ADMIN:
        return same_id(actor.school_id, teacher_school_id)
    return False


def can_upload_group_session(actor: Actor, *, group_id: int, group_school_id: int) -> bool:
    """Group-session recordings come from the group's leader (or a school admin for the school)."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.GROUP_LEADER:
        return same_id(actor.group_id, group_id)
    if actor.role is Role.SCHOOL_ADMIN:
        return same_id(actor.school_id, group_school_id)
    return False


def can_manage_teacher(actor: Actor, *, teacher_id: int, school_id: int, group_id: int | None) -> bool:
    """Who may change a teacher's own data (reference photos): self, their leader, their school."""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.SCHOOL_ADMIN:
        return same_id(actor.school_id, school_id)
    if actor.role is Role.GROUP_LEADER and same_id(actor.group_id, group_id):
        return True
    return same_id(actor.teacher_id, teacher_id)

"""A school administrator resets a teacher's password: a new one-time password for a new slip.

For the teacher who lost their slip or forgot the password they chose. The new password is shown
once, in this response (never stored in plain text, never logged or audited); the account must
change it at its next sign-in, and every session the account had is ended, so whoever was
signed in as the teacher is signed out. The audit log says who reset whose account.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import structlog
from sqlalchemy.orm import Session

from api.auth import repository as auth_rows
from api.auth.passwords import one_time_password
from api.errors import Conflict, Forbidden
from api.shared import audit
from api.shared import repository as shared_rows
from api.shared.access import ADMINS, require_role
from api.teachers import repository
from api.teachers.service import get_visible
from db.models import School, Teacher, User
from domain import account_reset_reasons as rr
from domain.roles import Actor, Role

log = structlog.get_logger(__name__)

RESETTABLE_ROLES = frozenset({Role.TEACHER.value, Role.GROUP_LEADER.value})  # the roster's accounts


@dataclass(frozen=True)
class Reset:
    teacher: Teacher
    school: School
    user: User
    password: str
    sessions_ended: int


def reset_password(session: Session, actor: Actor, teacher_id: int) -> Reset:
    """403 unless an administrator; 404 for a teacher out of sight; 409 without a teacher's account."""
    require_role(actor, ADMINS)
    teacher = get_visible(session, actor, teacher_id)
    user = repository.lock_account_of(session, teacher.id)
    if user is None:
        raise Conflict(rr.NO_ACCOUNT)
    if user.role not in RESETTABLE_ROLES:
        raise Forbidden(rr.NOT_A_TEACHER_ACCOUNT.format(role=user.role))
    password, password_hash = one_time_password()
    user.password_hash, user.must_change_password = password_hash, True
    ended = auth_rows.revoke_sessions(session, user.id)
    summary = {"teacher_id": teacher.id, "username": user.username, "sessions_ended": ended}
    audit.record(
        session,
        entity_type="user",
        entity_id=user.id,
        actor=actor,
        action="password_reset",
        reason=json.dumps(summary, ensure_ascii=False, sort_keys=True),
    )
    log.info("auth.password_reset", user_id=user.id, by=actor.user_id, sessions_ended=ended)
    return Reset(teacher, shared_rows.school(session, teacher.school_id), user, password, ended)

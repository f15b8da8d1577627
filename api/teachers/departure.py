"""A school records that a teacher left (离校), or undoes it when recorded by mistake.

The school admin of the teacher's school (or an admin) does it, audited with the note. Leaving
closes the teacher's accounts (sign-in refused, every session ended), ends their consent to face
identification and deletes their photos, encodings and session faces with the crops
(``pipeline.biometric.erase_teacher``), in the same transaction: a failure leaves everything as it
was. Counting them out of headcounts is each count's own ``Teacher.left_at IS NULL``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import structlog
from sqlalchemy.orm import Session

from api.auth import repository as auth_rows
from api.context import AppContext
from api.errors import Conflict, Forbidden
from api.shared import audit
from api.shared.access import ADMINS, require_role
from api.teachers import repository
from api.teachers.service import get_visible
from db.base import utcnow
from db.models import Teacher
from domain import departure
from domain.roles import Actor, Role, same_id
from domain.school_time import local_day
from pipeline import biometric, biometric_repository

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Departure:
    teacher: Teacher
    accounts_closed: int
    sessions_ended: int
    erased: biometric.Erased | None


def _school_teacher(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    """404 out of sight; 403 unless the teacher's own school admin or an admin."""
    require_role(actor, ADMINS)
    teacher = get_visible(session, actor, teacher_id, lock=True)
    if actor.role is not Role.ADMIN and not same_id(actor.school_id, teacher.school_id):
        raise Forbidden()
    return teacher


def record(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, *, note: str | None) -> Departure:
    """Record the departure: close accounts, end consent, delete biometric data; 409 when already recorded."""
    teacher = _school_teacher(session, actor, teacher_id)
    if teacher.left_at is not None:
        day = local_day(teacher.left_at, ctx.settings.zone).isoformat()
        raise Conflict(departure.ALREADY_LEFT.format(name=teacher.name, day=day))
    now = utcnow()
    teacher.left_at, teacher.left_note = now, note
    closed = ended = 0
    for user in repository.accounts_of(session, teacher.id):
        closed += user.is_active
        user.is_active = False
        ended += auth_rows.revoke_sessions(session, user.id)
    consent = biometric_repository.active_consent(session, teacher.id)
    if consent is not None:
        consent.withdrawn_at, consent.withdrawn_by = now, actor.user_id
    session.flush()
    summary = {"note": note, "accounts_closed": closed, "sessions_ended": ended, "consent_ended": consent is not None}
    audit.record(
        session,
        entity_type="teacher",
        entity_id=teacher.id,
        actor=actor,
        action="teacher_left",
        reason=json.dumps(summary, ensure_ascii=False, sort_keys=True),
    )
    erased = biometric.erase_teacher(session, ctx.store, teacher.id, actor_id=actor.user_id, why=departure.ERASE_WHY)
    log.info("teacher.left", teacher_id=teacher.id, by=actor.user_id, accounts_closed=closed, sessions_ended=ended)
    return Departure(teacher, closed, ended, erased)


def undo(session: Session, actor: Actor, teacher_id: int) -> Departure:
    """Undo a departure recorded by mistake: the teacher counts again and their accounts open."""
    teacher = _school_teacher(session, actor, teacher_id)
    if teacher.left_at is None:
        raise Conflict(departure.NOT_LEFT.format(name=teacher.name))
    teacher.left_at, teacher.left_note = None, None
    opened = 0
    for user in repository.accounts_of(session, teacher.id):
        opened += not user.is_active
        user.is_active = True
    session.flush()
    audit.record(
        session,
        entity_type="teacher",
        entity_id=teacher.id,
        actor=actor,
        action="teacher_left_undone",
        reason=json.dumps({"accounts_opened": opened}, sort_keys=True),
    )
    log.info("teacher.left_undone", teacher_id=teacher.id, by=actor.user_id, accounts_opened=opened)
    return Departure(teacher, opened, 0, None)

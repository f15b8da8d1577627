"""A teacher's consent to face identification: read, give, withdraw; and deletion on request.

The consent is the teacher's own, separate act (PIPL art. 29): only the signed-in user who *is*
that teacher gives or withdraws it, never their leader or school admin, and never as part of
signing in. Withdrawing deletes their photos, encodings and session faces at once
(``pipeline.biometric.erase_teacher``); so does a deletion request, which the teacher makes
themself or a school admin makes for them (a teacher leaving, a request on paper).
Each act is audited without any face data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, Unprocessable
from api.shared import audit
from api.teachers import service
from db.base import utcnow
from db.models import BiometricConsent, Teacher
from domain import biometric_consent as bc
from domain.roles import Actor, Role, same_id
from pipeline import biometric, biometric_repository

ERASE_ROLES = frozenset({Role.SCHOOL_ADMIN, Role.ADMIN})


@dataclass(frozen=True)
class ConsentView:
    teacher: Teacher
    consent: BiometricConsent | None
    text: bc.ConsentText
    retention_days: int
    can_decide: bool


def require_consent(session: Session, teacher: Teacher) -> BiometricConsent:
    """The teacher's consent in force, or 409 saying who must give it (enrolment needs it)."""
    consent = biometric_repository.active_consent(session, teacher.id)
    if consent is None:
        raise Conflict(bc.CONSENT_REQUIRED.format(name=teacher.name))
    return consent


def view(session: Session, ctx: AppContext, actor: Actor, teacher_id: int) -> ConsentView:
    teacher = service.get_visible(session, actor, teacher_id)
    days = ctx.settings.biometric_retention_days
    return ConsentView(
        teacher=teacher,
        consent=biometric_repository.active_consent(session, teacher.id),
        text=bc.consent_text(days),
        retention_days=days,
        can_decide=same_id(actor.teacher_id, teacher.id),
    )


def _own(session: Session, actor: Actor, teacher_id: int) -> Teacher:
    teacher = service.get_visible(session, actor, teacher_id, lock=True)
    if not same_id(actor.teacher_id, teacher.id):
        raise Forbidden(bc.ONLY_THE_TEACHER)
    return teacher


def give(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, *, version: str, agree: bool) -> ConsentView:
    """Record the teacher's consent to the version of the text they read."""
    teacher = _own(session, actor, teacher_id)
    if not agree:
        raise Unprocessable(bc.MUST_AGREE)
    if version != bc.CONSENT_VERSION:
        raise Unprocessable(bc.WRONG_VERSION.format(given=version, current=bc.CONSENT_VERSION))
    current = biometric_repository.active_consent(session, teacher.id)
    if current is not None:
        raise Conflict(bc.ALREADY_CONSENTED.format(version=current.version))
    days = ctx.settings.biometric_retention_days
    session.add(
        BiometricConsent(
            teacher_id=teacher.id,
            version=version,
            purpose=bc.PURPOSE,
            retention_days=days,
            given_at=utcnow(),
            given_by=actor.user_id,
        )
    )
    session.flush()
    audit.record(
        session,
        entity_type="teacher",
        entity_id=teacher.id,
        actor=actor,
        action="biometric_consent",
        reason=f"version {version}, purpose {bc.PURPOSE}, retention {days} days",
    )
    return view(session, ctx, actor, teacher.id)


def withdraw(session: Session, ctx: AppContext, actor: Actor, teacher_id: int) -> ConsentView:
    """End the consent and delete the teacher's biometric data with it."""
    teacher = _own(session, actor, teacher_id)
    current = biometric_repository.active_consent(session, teacher.id)
    if current is None:
        raise Conflict(bc.NOT_CONSENTED)
    current.withdrawn_at, current.withdrawn_by = utcnow(), actor.user_id
    session.flush()
    audit.record(
        session, entity_type="teacher", entity_id=teacher.id, actor=actor, action="biometric_withdraw", reason=None
    )
    biometric.erase_teacher(session, ctx.store, teacher.id, actor_id=actor.user_id, why="consent withdrawn")
    return view(session, ctx, actor, teacher.id)


def erase(session: Session, ctx: AppContext, actor: Actor, teacher_id: int) -> biometric.Erased:
    """Delete the teacher's biometric data on request: their own, or a school admin's for them."""
    teacher = service.get_visible(session, actor, teacher_id, lock=True)
    own = same_id(actor.teacher_id, teacher.id)
    if not own:
        if actor.role not in ERASE_ROLES or not (
            actor.role is Role.ADMIN or same_id(actor.school_id, teacher.school_id)
        ):
            raise Forbidden()
    why = "deletion requested by the teacher" if own else "deletion requested through the school"
    return biometric.erase_teacher(session, ctx.store, teacher.id, actor_id=actor.user_id, why=why)

"""Consent to face identification for tests: given as the teacher would, straight into the table.

Enrolment and identification need it (``domain.biometric_consent``); tests about photos and
sessions give it first, the way a teacher ticks 同意 before anyone adds their photo.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import BiometricConsent, Teacher
from domain.biometric_consent import CONSENT_VERSION, PURPOSE


def consent(session: Session, teacher_id: int, *, given_at: datetime | None = None) -> BiometricConsent:
    """The teacher's consent in force, as if they had ticked 同意 themself (kept if already given)."""
    if given_at is None:
        current = session.scalars(
            select(BiometricConsent).where(
                BiometricConsent.teacher_id == teacher_id, BiometricConsent.withdrawn_at.is_(None)
            )
        ).first()
        if current is not None:
            return current
    row = BiometricConsent(
        teacher_id=teacher_id,
        version=CONSENT_VERSION,
        purpose=PURPOSE,
        retention_days=365,
        given_at=given_at or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def consent_all(session: Session, *, school_id: int | None = None) -> list[int]:
    """Every teacher (of one school, if given) consents; their ids."""
    query = select(Teacher.id).order_by(Teacher.id)
    if school_id is not None:
        query = query.where(Teacher.school_id == school_id)
    ids = list(session.scalars(query))
    for teacher_id in ids:
        consent(session, teacher_id)
    return ids

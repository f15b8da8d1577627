"""The enrol stage's own query: the photos a replacement supersedes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import TeacherReference
from domain.references import ReferenceSource


def photos_replaced_by(session: Session, reference: TeacherReference) -> list[TeacherReference]:
    """The teacher's photos uploaded before ``reference``: faces assigned from sessions stay, and so
    does a photo uploaded later (when two replacements race, the last one uploaded wins)."""
    query = select(TeacherReference).where(
        TeacherReference.teacher_id == reference.teacher_id,
        TeacherReference.source == ReferenceSource.PHOTO.value,
        TeacherReference.id != reference.id,
        TeacherReference.created_at <= reference.created_at,
    )
    return list(session.scalars(query.order_by(TeacherReference.id)))

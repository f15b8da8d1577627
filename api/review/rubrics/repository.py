"""The rows of rubric versions: a school's latest, one version, all of them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import RubricVersion, User


def latest(session: Session, school_id: int, code: str) -> RubricVersion | None:
    statement = (
        select(RubricVersion)
        .where(RubricVersion.school_id == school_id, RubricVersion.capability_code == code)
        .order_by(RubricVersion.version.desc())
        .limit(1)
    )
    return session.scalars(statement).first()


def at_version(session: Session, school_id: int, code: str, version: int) -> RubricVersion | None:
    statement = select(RubricVersion).where(
        RubricVersion.school_id == school_id,
        RubricVersion.capability_code == code,
        RubricVersion.version == version,
    )
    return session.scalars(statement).one_or_none()


def all_versions(session: Session, school_id: int, code: str) -> list[tuple[RubricVersion, str | None]]:
    """Newest first, with the name of whoever saved each."""
    statement = (
        select(RubricVersion, User.display_name)
        .outerjoin(User, User.id == RubricVersion.created_by)
        .where(RubricVersion.school_id == school_id, RubricVersion.capability_code == code)
        .order_by(RubricVersion.version.desc())
    )
    return [(row, name) for row, name in session.execute(statement).all()]


def latest_versions(session: Session, school_id: int) -> dict[str, int]:
    """Each point's newest stored version at the school (points never stored are absent)."""
    rows = session.execute(
        select(RubricVersion.capability_code, RubricVersion.version).where(RubricVersion.school_id == school_id)
    ).all()
    out: dict[str, int] = {}
    for code, version in rows:
        out[code] = max(version, out.get(code, -1))
    return out

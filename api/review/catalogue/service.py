"""A province's catalogue of 微能力点: read it (the national seed until edited) and replace it.

What is stored is the normalised form (``catalogue_to_dict(catalogue_from_dict(data))``), so
aliases an admin typed (“多媒体”, “学情分析”) come back as the values every reader expects.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from api.review.catalogue.schemas import CatalogueOut
from api.shared import audit, refusals
from api.shared.refusals import refuse_all
from api.shared.repository import catalogue_row, school_province
from api.shared.review_inputs import seed_catalogue
from db.base import utcnow
from db.models import CatalogueVersion
from domain import review_admin_reasons as ar
from domain.catalogue import catalogue_from_dict, catalogue_to_dict, validate_catalogue_dict
from domain.roles import Actor, Role

DEFAULT_PROVINCE = "default"


def province_for(session: Session, actor: Actor, province: str | None) -> str:
    """The province asked for; a school admin's own school's province when none is named."""
    if province:
        return province
    if actor.role is Role.SCHOOL_ADMIN and actor.school_id is not None:
        return school_province(session, actor.school_id) or DEFAULT_PROVINCE
    return DEFAULT_PROVINCE


def read(session: Session, province: str) -> CatalogueOut:
    row = catalogue_row(session, province)
    if row is None:
        return CatalogueOut(
            province=province,
            source="seed",
            updated_at=None,
            updated_by=None,
            data=catalogue_to_dict(seed_catalogue()),
        )
    return CatalogueOut(
        province=province, source="province", updated_at=row.updated_at, updated_by=row.updated_by, data=row.data
    )


def replace(session: Session, actor: Actor, province: str, data: Any) -> CatalogueOut:
    """Store ``data`` as the province's catalogue, or 422 listing every violation."""
    violations = validate_catalogue_dict(data)
    if violations:
        raise refuse_all(ar.CATALOGUE_INVALID, violations)
    normalised = catalogue_to_dict(catalogue_from_dict(data))
    row = catalogue_row(session, province)
    action = "catalogue_update"
    if row is None:
        row = CatalogueVersion(province=province)
        session.add(row)
        action = "catalogue_create"
    row.data, row.updated_at, row.updated_by = normalised, utcnow(), actor.user_id
    refusals.flush(session)  # two admins creating the province's copy at once: one gets a 409
    codes = [p["code"] for p in normalised["points"]]
    summary = {"points": len(codes), "codes": codes}
    audit.record(
        session,
        entity_type="catalogue",
        entity_id=province,
        actor=actor,
        action=action,
        reason=json.dumps(summary, ensure_ascii=False),
    )
    return read(session, province)

"""Point names for screens: every point of the actor's school catalogue, whether the school
offers it, and the documents it asks for. Accounts without a school (reviewers, admins) read
the national seed list."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.review.catalogue.schemas import CataloguePointOut, DocumentItemOut
from api.review.submissions.requirement_schemas import RequirementsOut
from api.shared import repository
from api.shared import review_inputs as inputs
from domain.catalogue import CapabilityPoint, load_seed_catalogue
from domain.evidence_requirements import requirements_for
from domain.point_names_en import name_en
from domain.roles import Actor


def _point_out(point: CapabilityPoint, offered: frozenset[str] | None) -> CataloguePointOut:
    return CataloguePointOut(
        code=point.code,
        name_zh=point.name_zh,
        name_en=name_en(point.code),
        environment=point.environment.value,
        environment_zh=point.environment.zh,
        dimension=point.dimension.value,
        dimension_zh=point.dimension.zh,
        dimension_en=point.dimension.en,
        offered=None if offered is None else point.code in offered,
        document_items=[
            DocumentItemOut(
                key=item.key,
                description_zh=item.description_zh,
                accepted_formats=list(item.accepted_formats) if item.accepted_formats is not None else None,
            )
            for item in point.items
            if not item.is_video
        ],
        requirements=RequirementsOut.of(requirements_for(point)),
    )


def points_for(session: Session, actor: Actor) -> list[CataloguePointOut]:
    """Names and dimensions of every point, marked with what the actor's school offers."""
    if actor.school_id is None:
        return [_point_out(p, None) for p in load_seed_catalogue().points]
    setup = repository.school_setup(session, actor.school_id)
    offered = frozenset(setup.offered_codes) if setup is not None else frozenset()
    return [_point_out(p, offered) for p in inputs.catalogue_for(session, actor.school_id).points]

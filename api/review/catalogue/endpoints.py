"""Catalogue routes: a province's catalogue (read: admins, school admins, the province;
replace: admins), and the point names every signed-in user's screens show."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from api.deps import CurrentActor, DbSession
from api.review.catalogue import points, service
from api.review.catalogue.schemas import CatalogueOut, CataloguePointOut
from api.shared.access import ADMIN, EVERYWHERE, require_role
from domain.roles import Role

router = APIRouter(tags=["review-admin"])
_PROVINCE = Annotated[str | None, Query(min_length=1, max_length=64)]


@router.get("/api/admin/catalogue", response_model=CatalogueOut)
def get_catalogue(session: DbSession, actor: CurrentActor, province: _PROVINCE = None) -> CatalogueOut:
    """A province's catalogue; the national seed until an admin edits it."""
    require_role(actor, EVERYWHERE | {Role.SCHOOL_ADMIN})
    return service.read(session, service.province_for(session, actor, province))


@router.put("/api/admin/catalogue", response_model=CatalogueOut)
def put_catalogue(
    session: DbSession,
    actor: CurrentActor,
    province: Annotated[str, Query(min_length=1, max_length=64)],
    data: Annotated[dict[str, Any], Body(description='{"points": [...]}, as GET returns it in "data"')],
) -> CatalogueOut:
    """Replace a province's catalogue; 422 lists every violation."""
    require_role(actor, ADMIN)
    return service.replace(session, actor, province, data)


@router.get("/api/catalogue/points", response_model=list[CataloguePointOut], tags=["review"])
def catalogue_point_names(session: DbSession, actor: CurrentActor) -> list[CataloguePointOut]:
    """Every point's name, environment and dimension, and whether the actor's school offers it."""
    return points.points_for(session, actor)

"""Rubric routes: a school's rubric of each point it offers.

Who may call what (403 for a role never allowed, 404 for another school's ids):

    read (list, current, versions)   every role, own school (teachers see what they are graded by)
    save a new version               school_admin (own school)
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.rubrics import service
from api.review.rubrics.schemas import PointRubricOut, RubricIn, RubricOut, RubricVersionOut
from api.shared.access import ANYONE, school_for
from domain.roles import Role

router = APIRouter(prefix="/api/schools/{school_id}/rubrics", tags=["review-admin"])


@router.get("", response_model=list[PointRubricOut])
def offered(school_id: int, session: DbSession, actor: CurrentActor) -> list[PointRubricOut]:
    """The points the school offers, each with its rubric's current version (0: the seed)."""
    return service.offered_rubrics(session, school_for(session, actor, school_id, allowed=ANYONE))


@router.get("/{code}", response_model=RubricOut)
def get_rubric(school_id: int, code: str, session: DbSession, actor: CurrentActor) -> RubricOut:
    school = school_for(session, actor, school_id, allowed=ANYONE)
    point = service.offered_point(session, school, code)
    return service.out(service.current(session, school.id, point), point)


@router.put("/{code}", response_model=RubricOut)
def put_rubric(
    school_id: int, code: str, body: RubricIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> RubricOut:
    """Save the criteria as the point's next version; 422 lists every problem, 409 if edited meanwhile."""
    school = school_for(session, actor, school_id, allowed=frozenset({Role.SCHOOL_ADMIN}))
    return service.save(session, ctx.settings, actor, school, code, body)


@router.get("/{code}/versions", response_model=list[RubricVersionOut])
def list_versions(school_id: int, code: str, session: DbSession, actor: CurrentActor) -> list[RubricVersionOut]:
    """Newest first; an unedited point has none stored until its seed is first used."""
    return service.versions(session, school_for(session, actor, school_id, allowed=ANYONE), code)


@router.get("/{code}/versions/{version}", response_model=RubricOut)
def get_version(school_id: int, code: str, version: int, session: DbSession, actor: CurrentActor) -> RubricOut:
    return service.one_version(session, school_for(session, actor, school_id, allowed=ANYONE), code, version)

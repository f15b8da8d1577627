"""Quota routes: a group's and a school's standing, and every group of a school (the dashboard).

group quota        admin, provincial_reviewer, school_admin (own school), group members
school quota       admin, provincial_reviewer, school_admin (own)
a school's groups  admin, provincial_reviewer, school_admin (own)
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.quotas import service
from api.review.quotas.schemas import GroupQuotaOut, SchoolQuotaOut
from api.shared.access import ANYONE, EVERYWHERE, group_for, school_for
from domain.roles import Role

router = APIRouter(tags=["review-admin"])
_SCHOOL_READERS = EVERYWHERE | {Role.SCHOOL_ADMIN}


@router.get("/api/groups/{group_id}/quota", response_model=GroupQuotaOut)
def get_group_quota(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> GroupQuotaOut:
    group = group_for(session, actor, group_id, allowed=ANYONE)
    return service.group_status(session, ctx.settings, group)


@router.get("/api/schools/{school_id}/quota", response_model=SchoolQuotaOut)
def get_school_quota(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SchoolQuotaOut:
    school = school_for(session, actor, school_id, allowed=_SCHOOL_READERS)
    return service.school_status(session, ctx.settings, school)


@router.get("/api/schools/{school_id}/groups", response_model=list[GroupQuotaOut])
def school_groups(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> list[GroupQuotaOut]:
    """Every research group of the school with its quota (the school dashboard)."""
    school = school_for(session, actor, school_id, allowed=_SCHOOL_READERS)
    return service.school_groups(session, ctx.settings, school)

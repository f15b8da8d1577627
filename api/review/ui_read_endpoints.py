"""Reads the web UI needs that no other route gives: a submission's rubric and history, a
school's groups and its teachers' point selections, the names of the points in the actor's
catalogue.

All only read, and check access the way their neighbours do: the rubric and the history like
the submission itself (404 when it is not the actor's to see), the groups like the school's
quota, the selections like the school's setup replace (its school admin and admins only).
Point names are for every signed-in user, from their own school's catalogue.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review import catalogue_points, quota_status, rubric_service, school_selections, submission_history
from api.review.admin_access import ADMINS, EVERYWHERE, school_for
from api.review.schemas_admin import GroupQuotaOut
from api.review.schemas_selection import SchoolSelectionsOut
from api.review.schemas_ui_reads import CataloguePointOut, HistoryEntryOut, RubricOut
from domain.roles import Role

router = APIRouter(tags=["review"])


@router.get("/api/submissions/{submission_id}/rubric", response_model=RubricOut)
def submission_rubric(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> RubricOut:
    """The point's evidence items and the teacher's pass line, as the score will be checked."""
    return rubric_service.rubric(session, ctx, actor, submission_id)


@router.get("/api/submissions/{submission_id}/history", response_model=list[HistoryEntryOut])
def submission_history_route(submission_id: int, session: DbSession, actor: CurrentActor) -> list[HistoryEntryOut]:
    """Every move of the submission, oldest first, with its reason (why it was returned…)."""
    return submission_history.history(session, actor, submission_id)


@router.get("/api/schools/{school_id}/groups", response_model=list[GroupQuotaOut])
def school_groups(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> list[GroupQuotaOut]:
    """Every research group of the school with its quota (the school dashboard)."""
    school = school_for(session, actor, school_id, allowed=EVERYWHERE | {Role.SCHOOL_ADMIN})
    return quota_status.group_quotas(session, ctx.settings, school)


@router.get("/api/schools/{school_id}/selections", response_model=SchoolSelectionsOut)
def school_selection_list(school_id: int, session: DbSession, actor: CurrentActor) -> SchoolSelectionsOut:
    """Every teacher's selection state and the window's, so the admin sees who has not confirmed."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return school_selections.school_selections(session, school)


@router.get("/api/catalogue/points", response_model=list[CataloguePointOut])
def catalogue_point_names(session: DbSession, actor: CurrentActor) -> list[CataloguePointOut]:
    """Every point's name, environment and dimension, and whether the actor's school offers it."""
    return catalogue_points.points_for(session, actor)

"""Result routes: a teacher's overall result, a group's members', a school's (with counts and the pass rate).

one teacher      whoever may see the teacher (``domain.visibility.can_see_teacher``)
a group          admin, school_admin (own school), group_leader (own group)
a school         admin, school_admin (own); its teachers a page at a time, a large school's counts as counted
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response

from api.deps import Context, CurrentActor, DbSession
from api.hours import recount_aside
from api.review.results import school_page, service
from api.review.results.schemas import ResultsOut, TeacherResultOut
from api.shared import keyset
from api.shared.access import ADMINS, group_for, school_for
from api.teachers.service import get_visible
from domain.roles import Role

router = APIRouter(tags=["review"])
_GROUP_READERS = ADMINS | {Role.GROUP_LEADER}
SCHOOL_RESULTS = keyset.Keyset("school_results", str, int)  # 工号, teacher id


@router.get("/api/teachers/{teacher_id}/result", response_model=TeacherResultOut)
def teacher_result(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> TeacherResultOut:
    teacher = get_visible(session, actor, teacher_id)
    return service.of_teacher(session, ctx.settings, teacher)


@router.get("/api/groups/{group_id}/results", response_model=ResultsOut)
def group_results(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ResultsOut:
    group = group_for(session, actor, group_id, allowed=_GROUP_READERS)
    return service.of_group(session, ctx.settings, school_id=group.school_id, group_id=group.id)


@router.get("/api/schools/{school_id}/results", response_model=ResultsOut)
def school_results(
    school_id: int,
    request: Request,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    background: BackgroundTasks,
    after: Annotated[tuple | None, Depends(SCHOOL_RESULTS.after)],
    limit: Annotated[int, Query(ge=1, le=school_page.MAX_PAGE)] = school_page.DEFAULT_PAGE,
) -> ResultsOut:
    """Counts and pass rate, and the teachers by 工号 a page at a time (``X-Next-After``); a large school's
    counts are as counted (``counted_at``), counted again after answering when stale."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    listed = school_page.page(session, ctx.settings, school_id=school.id, after=after, limit=limit)
    if listed.counted.recount:
        background.add_task(recount_aside.recount, ctx.settings, [school.id])
    SCHOOL_RESULTS.send_next(request, response, listed.next_key)
    return service.results_out(ctx.settings, listed.rows, school_id=school.id, group_id=None, counted=listed.counted)

"""Result routes: a teacher's overall result, a group's members', a school's (with counts and the pass rate).

one teacher      whoever may see the teacher (``domain.visibility.can_see_teacher``)
a group          admin, school_admin (own school), group_leader (own group)
a school         admin, school_admin (own)
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor, DbSession
from api.review.results import service
from api.review.results.schemas import ResultsOut, TeacherResultOut
from api.shared.access import ADMINS, group_for, school_for
from api.teachers.service import get_visible
from domain.roles import Role

router = APIRouter(tags=["review"])
_GROUP_READERS = ADMINS | {Role.GROUP_LEADER}


@router.get("/api/teachers/{teacher_id}/result", response_model=TeacherResultOut)
def teacher_result(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> TeacherResultOut:
    teacher = get_visible(session, actor, teacher_id)
    return service.of_teacher(session, ctx.settings, teacher)


@router.get("/api/groups/{group_id}/results", response_model=ResultsOut)
def group_results(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ResultsOut:
    group = group_for(session, actor, group_id, allowed=_GROUP_READERS)
    return service.of_group(session, ctx.settings, school_id=group.school_id, group_id=group.id)


@router.get("/api/schools/{school_id}/results", response_model=ResultsOut)
def school_results(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ResultsOut:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return service.of_school(session, ctx.settings, school_id=school.id)

"""学时 routes.

GET  /api/teachers/{id}/hours           the platforms' shape (issue 20 item 7): the teacher, their leader,
                                        their school admin, the province, the admin
GET  /api/teachers/{id}/hours/ledger    the same with how it was earned (the ledger card)
GET  /api/schools/{id}/hours            the teachers' ledgers, behind first, a page at a time (admin, own school admin)
GET  /api/groups/{id}/hours             the same for a group (admin, its school admin, its leader)
POST /api/schools/{id}/hours/reminders  a notification to each teacher behind, saying what they lack
POST /api/schools/{id}/online-hours     a platform export (XLSX or CSV) as the body (admin, own school admin)
GET  /api/schools/{id}/online-hours     the school's recent imports
GET  /api/province/hours                completion by school and cohort year (province, admin), live or counted
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.hours import importer, province, recount_aside, reminders, school_list, service
from api.hours.schemas import HoursOut, ImportOut, LedgerOut, ProvinceHoursOut, RemindersOut, SchoolHoursOut
from api.shared import keyset
from api.shared.access import ADMINS, EVERYWHERE, group_for, require_role, school_for
from api.shared.bodies import read_body
from domain import training_hours_reasons as hr
from domain.roles import Role

router = APIRouter(tags=["hours"])
_GROUP_READERS = ADMINS | {Role.GROUP_LEADER}
SCHOOL_HOURS = keyset.Keyset("school_hours", int, str, int)  # part (behind, complete), 工号, teacher id
GROUP_HOURS = keyset.Keyset("group_hours", int, str, int)


@router.get("/api/teachers/{teacher_id}/hours", response_model=HoursOut)
def teacher_hours(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> HoursOut:
    """A teacher's 学时: counted online, practice and assessment hours, the requirement, what is held, complete."""
    teacher = service.visible_teacher(session, actor, teacher_id)
    return service.hours_out(service.of_teacher(session, ctx.settings, teacher).ledger)


@router.get("/api/teachers/{teacher_id}/hours/ledger", response_model=LedgerOut)
def teacher_ledger(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> LedgerOut:
    teacher = service.visible_teacher(session, actor, teacher_id)
    return service.ledger_out(ctx.settings, service.of_teacher(session, ctx.settings, teacher))


@router.get("/api/schools/{school_id}/hours", response_model=SchoolHoursOut)
def school_hours(
    school_id: int,
    request: Request,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    background: BackgroundTasks,
    after: Annotated[tuple | None, Depends(SCHOOL_HOURS.after)],
    limit: Annotated[int, Query(ge=1, le=school_list.MAX_PAGE)] = school_list.DEFAULT_PAGE,
) -> SchoolHoursOut:
    """Behind first, then complete, each by 工号; the next page's cursor in ``X-Next-After``. A large
    school's totals are counted (``counted_at``), counted again after answering when stale."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    listed = school_list.page(session, ctx.settings, school_id=school.id, after=after, limit=limit)
    if listed.recount:
        background.add_task(recount_aside.recount, ctx.settings, [school.id])
    SCHOOL_HOURS.send_next(request, response, listed.next_key)
    return school_list.out(ctx.settings, school.id, listed)


@router.get("/api/groups/{group_id}/hours", response_model=SchoolHoursOut)
def group_hours(
    group_id: int,
    request: Request,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(GROUP_HOURS.after)],
    limit: Annotated[int, Query(ge=1, le=school_list.MAX_PAGE)] = school_list.DEFAULT_PAGE,
) -> SchoolHoursOut:
    group = group_for(session, actor, group_id, allowed=_GROUP_READERS)
    listed = school_list.page(
        session, ctx.settings, school_id=group.school_id, group_id=group.id, after=after, limit=limit
    )
    GROUP_HOURS.send_next(request, response, listed.next_key)
    return school_list.out(ctx.settings, group.school_id, listed, group_id=group.id)


@router.post("/api/schools/{school_id}/hours/reminders", response_model=RemindersOut)
def remind_behind(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> RemindersOut:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return reminders.remind_behind(session, ctx.settings, actor, school_id=school.id)


@router.post("/api/schools/{school_id}/online-hours", response_model=ImportOut, status_code=201)
async def import_online_hours(
    school_id: int,
    request: Request,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    background: BackgroundTasks,
    filename: Annotated[str, Query(max_length=255)] = "",
) -> ImportOut:
    """Body: the XLSX or CSV file. 201: counts and each refused row (zh + en); the same file again changes nothing."""
    school = await run_in_threadpool(school_for, session, actor, school_id, allowed=ADMINS)  # before the body
    limit = ctx.settings.hours_import_max_bytes
    data = await read_body(request, limit=limit, too_large=hr.IMPORT_TOO_LARGE.format(limit=limit))
    done = await run_in_threadpool(
        importer.import_hours, session, ctx.settings, actor, school, data=data, filename=filename
    )
    if await run_in_threadpool(school_list.totals_are_counted, session, ctx.settings, school.id):
        background.add_task(recount_aside.recount, ctx.settings, [school.id])  # its totals moved
    return done


@router.get("/api/schools/{school_id}/online-hours", response_model=list[ImportOut])
def online_hour_imports(school_id: int, session: DbSession, actor: CurrentActor) -> list[ImportOut]:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return importer.recent(session, school.id)


@router.get("/api/province/hours", response_model=ProvinceHoursOut)
def province_hours(
    session: DbSession, ctx: Context, actor: CurrentActor, background: BackgroundTasks
) -> ProvinceHoursOut:
    """Live for a small province; above ``KEJIAN_HOURS_LIVE_TEACHERS`` from each school's count, as of
    ``as_of``, counting stale schools again once answered (``recounting``)."""
    require_role(actor, EVERYWHERE)
    view = province.completion_view(session, ctx.settings)
    if view.to_refresh:
        background.add_task(recount_aside.recount, ctx.settings, view.to_refresh)
    return view.out

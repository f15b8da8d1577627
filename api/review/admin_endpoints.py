"""Programme administration routes: roster import, exports, quotas, catalogue, school setup, audit log.

Who may call what (403 for a role never allowed, 404 for another school's or group's ids):

    roster import             admin (any school), school_admin (own school)
    exports: school           admin, school_admin (own)
    exports: group            admin, school_admin (own school), group_leader (own group)
    quota: group              admin, provincial_reviewer, school_admin (own school), group members
    quota: school             admin, provincial_reviewer, school_admin (own)
    catalogue: read / replace admin, school_admin, provincial_reviewer / admin
    school setup: read        admin, provincial_reviewer, school_admin (own)
    school setup: replace     admin, school_admin (own)
    audit log (read only)     admin (all), school_admin (their school's)
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.errors import PayloadTooLarge
from api.review import audit_reader, catalogue_admin, exports, quota_status, roster_import, school_setup_admin
from api.review.admin_access import ADMIN, ADMINS, EVERYWHERE, group_for, require_role, school_for
from api.review.schemas_admin import (
    AuditEntryOut,
    CatalogueOut,
    GroupQuotaOut,
    ImportReport,
    SchoolQuotaOut,
    SetupIn,
    SetupOut,
)
from db.base import utcnow
from domain import review_admin_reasons as ar
from domain.roles import Role

router = APIRouter(tags=["review-admin"])

_ANYONE = frozenset(Role)
_PROVINCE = Annotated[str | None, Query(min_length=1, max_length=64)]


def _xlsx(data: bytes, filename: str, fallback: str) -> Response:
    headers = {"Content-Disposition": exports.content_disposition(filename, fallback), "Cache-Control": "no-store"}
    return Response(data, media_type=exports.XLSX_TYPE, headers=headers)


@router.post("/api/admin/roster/import", response_model=ImportReport, status_code=201)
async def import_roster(
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    fmt: Annotated[str, Query(alias="format", pattern="^(xlsx|csv)$")],
    dry_run: bool = False,
) -> ImportReport:
    """Body: the XLSX or CSV file itself. 201 with counts and new accounts; 422 lists every row's errors."""
    roster_import.require_importer(actor)  # before reading the body
    limit = roster_import.MAX_ROSTER_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(ar.ROSTER_TOO_LARGE.format(limit=limit))
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise PayloadTooLarge(ar.ROSTER_TOO_LARGE.format(limit=limit))
    report = await run_in_threadpool(
        roster_import.import_roster, session, actor, data=bytes(data), fmt=fmt, dry_run=dry_run
    )
    response.status_code = 200 if dry_run else 201
    response.headers["Cache-Control"] = "no-store"  # the report holds initial passwords
    return report


@router.get("/api/admin/exports/school/{school_id}.xlsx")
def export_school(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> Response:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    now = utcnow()
    data = exports.school_workbook(session, ctx.settings, school, now=now)
    stamp = now.strftime("%Y%m%d")
    return _xlsx(data, f"{school.name}-汇总-{stamp}.xlsx", f"school-{school.id}-{stamp}.xlsx")


@router.get("/api/admin/exports/group/{group_id}.xlsx")
def export_group(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> Response:
    group = group_for(session, actor, group_id, allowed=ADMINS | {Role.GROUP_LEADER})
    now = utcnow()
    data = exports.group_workbook(session, ctx.settings, group, now=now)
    stamp = now.strftime("%Y%m%d")
    return _xlsx(data, f"{group.name}-汇总-{stamp}.xlsx", f"group-{group.id}-{stamp}.xlsx")


@router.get("/api/groups/{group_id}/quota", response_model=GroupQuotaOut)
def get_group_quota(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> GroupQuotaOut:
    group = group_for(session, actor, group_id, allowed=_ANYONE)
    return quota_status.group_quota(session, ctx.settings, group)


@router.get("/api/schools/{school_id}/quota", response_model=SchoolQuotaOut)
def get_school_quota(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SchoolQuotaOut:
    school = school_for(session, actor, school_id, allowed=EVERYWHERE | {Role.SCHOOL_ADMIN})
    return quota_status.school_quota(session, ctx.settings, school)


@router.get("/api/admin/catalogue", response_model=CatalogueOut)
def get_catalogue(session: DbSession, actor: CurrentActor, province: _PROVINCE = None) -> CatalogueOut:
    """A province's catalogue; the national seed until an admin edits it."""
    require_role(actor, EVERYWHERE | {Role.SCHOOL_ADMIN})
    return catalogue_admin.read(session, catalogue_admin.province_for(session, actor, province))


@router.put("/api/admin/catalogue", response_model=CatalogueOut)
def put_catalogue(
    session: DbSession,
    actor: CurrentActor,
    province: Annotated[str, Query(min_length=1, max_length=64)],
    data: Annotated[dict[str, Any], Body(description='{"points": [...]}, as GET returns it in "data"')],
) -> CatalogueOut:
    """Replace a province's catalogue; 422 lists every violation."""
    require_role(actor, ADMIN)
    return catalogue_admin.replace(session, actor, province, data)


@router.get("/api/schools/{school_id}/setup", response_model=SetupOut)
def get_setup(school_id: int, session: DbSession, actor: CurrentActor) -> SetupOut:
    school = school_for(session, actor, school_id, allowed=EVERYWHERE | {Role.SCHOOL_ADMIN})
    return school_setup_admin.read_setup(session, school)


@router.put("/api/schools/{school_id}/setup", response_model=SetupOut)
def put_setup(school_id: int, body: SetupIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SetupOut:
    """Replace the school's setup; 422 lists every problem."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return school_setup_admin.save_setup(session, ctx.settings, actor, school, body)


@router.get("/api/admin/audit", response_model=list[AuditEntryOut])
def read_audit(
    session: DbSession,
    actor: CurrentActor,
    entity_type: Annotated[str | None, Query(max_length=32)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=audit_reader.MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[AuditEntryOut]:
    """Newest first. The log is append-only: no route edits or deletes an entry."""
    return audit_reader.entries(
        session, actor, entity_type=entity_type, entity_id=entity_id, limit=limit, offset=offset
    )

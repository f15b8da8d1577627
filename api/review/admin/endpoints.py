"""School administration routes: programme setup, the audit log, progress workbooks.

Who may call what (403 for a role never allowed, 404 for another school's or group's ids):

    school setup: read        admin, provincial_reviewer, school_admin (own)
    school setup: replace     admin, school_admin (own)
    audit log (read only)     admin (all), school_admin (their school's)
    exports: school           admin, school_admin (own)
    exports: group            admin, school_admin (own school), group_leader (own group)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, BinaryIO

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from api.deps import Context, CurrentActor, DbSession
from api.review.admin import audit_log, exports, setup, sheet_rows
from api.review.admin.export_time import export_filenames
from api.review.admin.schemas import AuditEntryOut, SetupIn, SetupOut
from api.shared import keyset
from api.shared.access import ADMINS, EVERYWHERE, group_for, school_for
from db.base import utcnow
from domain.roles import Role

router = APIRouter(tags=["review-admin"])
AUDIT = keyset.Keyset("audit", int)  # entry id, newest first


def _xlsx(write: Callable[[BinaryIO], None], filename: str, fallback: str) -> StreamingResponse:
    """The workbook ``write`` makes, streamed from a temporary file (``sheet_rows.spooled``)."""
    headers = {"Content-Disposition": exports.content_disposition(filename, fallback), "Cache-Control": "no-store"}
    return StreamingResponse(sheet_rows.spooled(write), media_type=exports.XLSX_TYPE, headers=headers)


@router.get("/api/schools/{school_id}/setup", response_model=SetupOut)
def get_setup(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SetupOut:
    school = school_for(session, actor, school_id, allowed=EVERYWHERE | {Role.SCHOOL_ADMIN})
    return setup.read_setup(session, ctx.settings, school)


@router.put("/api/schools/{school_id}/setup", response_model=SetupOut)
def put_setup(school_id: int, body: SetupIn, session: DbSession, ctx: Context, actor: CurrentActor) -> SetupOut:
    """Replace the school's setup; 422 lists every problem."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return setup.save_setup(session, ctx.settings, actor, school, body)


@router.get("/api/admin/audit", response_model=list[AuditEntryOut])
def read_audit(
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(AUDIT.after)],
    entity_type: Annotated[str | None, Query(max_length=32)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=audit_log.MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, deprecated=True, description=keyset.OFFSET_DOC)] = 0,
) -> list[AuditEntryOut]:
    """Newest first; the next page's cursor in ``X-Next-After``. The log is append-only: no route edits
    or deletes an entry."""
    page = audit_log.entries(
        session,
        actor,
        entity_type=entity_type,
        entity_id=entity_id,
        after=after[0] if after else None,
        limit=limit,
        offset=offset,
    )
    AUDIT.send_next(request, response, page.next_key)
    return page.items


@router.get("/api/admin/exports/school/{school_id}.xlsx")
def export_school(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> StreamingResponse:
    school = school_for(session, actor, school_id, allowed=ADMINS)
    now = utcnow()
    names = export_filenames("school", school.id, school.name, now, ctx.settings.zone)
    return _xlsx(lambda out: exports.school_workbook(session, ctx.settings, actor, school, out, now=now), *names)


@router.get("/api/admin/exports/group/{group_id}.xlsx")
def export_group(group_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> StreamingResponse:
    group = group_for(session, actor, group_id, allowed=ADMINS | {Role.GROUP_LEADER})
    now = utcnow()
    names = export_filenames("group", group.id, group.name, now, ctx.settings.zone)
    return _xlsx(lambda out: exports.group_workbook(session, ctx.settings, actor, group, out, now=now), *names)

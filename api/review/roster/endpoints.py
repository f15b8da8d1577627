"""The roster import route: admins for any school, school admins for their own (403 otherwise)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.review.roster import importer
from api.review.roster.schemas import ImportReport
from api.shared.bodies import read_body
from api.shared.review_inputs import today
from domain import review_admin_reasons as ar

router = APIRouter(tags=["review-admin"])


@router.post("/api/admin/roster/import", response_model=ImportReport, status_code=201)
async def import_roster(
    request: Request,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    fmt: Annotated[str, Query(alias="format", pattern="^(xlsx|csv)$")],
    dry_run: bool = False,
) -> ImportReport:
    """Body: the XLSX or CSV file itself. 201 with counts and new accounts; 422 lists every row's errors."""
    importer.require_importer(actor)  # before reading the body
    limit = importer.MAX_ROSTER_BYTES
    data = await read_body(request, limit=limit, too_large=ar.ROSTER_TOO_LARGE.format(limit=limit))
    report = await run_in_threadpool(
        importer.import_roster, session, actor, data=data, fmt=fmt, dry_run=dry_run, today=today(ctx.settings)
    )
    response.status_code = 200 if dry_run else 201
    response.headers["Cache-Control"] = "no-store"  # the report holds initial passwords
    return report

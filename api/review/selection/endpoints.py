"""Point-selection routes: read, options for the chooser, save (If-Match / version), confirm; and
a school's list of every teacher's selection (its school admin and admins only)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from api.deps import Context, CurrentActor, DbSession
from api.review.selection import school_list, service
from api.review.selection.schemas import ConfirmIn, OptionsOut, SchoolSelectionsOut, SelectionIn, SelectionOut
from api.shared.access import ADMINS, school_for

router = APIRouter(prefix="/api/teachers/{teacher_id}/selection", tags=["review"])

IfMatch = Annotated[str | None, Header(alias="If-Match")]


def _version(body_version: int | None, if_match: str | None) -> int | None:
    """The version the client read: the body's, else the If-Match header's (``"3"``, ``W/"3"``, ``3``)."""
    if body_version is not None:
        return body_version
    found = re.fullmatch(r'\s*(?:W/)?"?(\d+)"?\s*', if_match or "")
    return int(found.group(1)) if found else None


def _with_etag(response: Response, out: SelectionOut) -> SelectionOut:
    response.headers["ETag"] = f'"{out.version}"'
    return out


@router.get("", response_model=SelectionOut)
def get_selection(
    teacher_id: int, response: Response, session: DbSession, ctx: Context, actor: CurrentActor
) -> SelectionOut:
    return _with_etag(response, service.get(session, ctx, actor, teacher_id))


@router.get("/options", response_model=OptionsOut)
def selection_options(
    teacher_id: int,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    codes: Annotated[list[str] | None, Query(max_length=50)] = None,
) -> OptionsOut:
    """``codes`` previews a choice in progress; without it, the stored codes are used."""
    return service.options(session, ctx, actor, teacher_id, codes)


@router.put("", response_model=SelectionOut)
def put_selection(
    teacher_id: int,
    body: SelectionIn,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    if_match: IfMatch = None,
) -> SelectionOut:
    out = service.save(
        session,
        ctx,
        actor,
        teacher_id,
        codes=body.codes,
        version=_version(body.version, if_match),
        approval_reason=body.approval_reason,
    )
    return _with_etag(response, out)


@router.post("/confirm", response_model=SelectionOut)
def confirm_selection(
    teacher_id: int,
    response: Response,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    body: ConfirmIn | None = None,
    if_match: IfMatch = None,
) -> SelectionOut:
    version = _version(body.version if body else None, if_match)
    return _with_etag(response, service.confirm(session, ctx, actor, teacher_id, version=version))


school_router = APIRouter(tags=["review"])


@school_router.get("/api/schools/{school_id}/selections", response_model=SchoolSelectionsOut)
def school_selection_list(school_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SchoolSelectionsOut:
    """Every teacher's selection state and the window's, so the admin sees who has not confirmed."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    return school_list.school_selections(session, ctx.settings, school)

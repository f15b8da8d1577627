"""Routes of a group session's training record (``api.session_records.service``).

read the record        GET    /api/recordings/{id}/record                         whoever sees the recording
sign in by hand        POST   /api/recordings/{id}/record/sign-ins {teacher_id, note}     the group's leader
undo that              DELETE /api/recordings/{id}/record/sign-ins/{teacher_id}           the group's leader
write the report       PUT    /api/recordings/{id}/record/report {text}                   the group's leader
write a reflection     PUT    /api/recordings/{id}/record/reflections/{teacher_id} {text} that teacher only
the package (ZIP)      GET    /api/recordings/{id}/record/package                         the school's admin
records in sight       GET    /api/session-records?group_id=&recording_id=…      (the school's list: 完整 or not)
my sessions            GET    /api/session-records/mine                           (a teacher's: write my 心得)
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response

from api.deps import Context, CurrentActor, DbSession
from api.playback import repository as playback_rows
from api.playback import service as playback
from api.session_records import package, service
from api.session_records.schemas import SessionRecordOut, SignInIn, TextIn
from db.base import utcnow
from domain.school_time import day_stamp

router = APIRouter(tags=["session records"])
TeacherId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RECORD = "/api/recordings/{recording_id}/record"
ZIP_TYPE = "application/zip"
MAX_RECORDINGS = 200
RECORDINGS_DOC = "Only these sessions' records (repeat the parameter; at most 200): a page of a sessions list."


@router.get(RECORD, response_model=SessionRecordOut)
def read_record(recording_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> SessionRecordOut:
    """The session's sign-in sheet, report and reflections, whether it is 完整 and what it lacks."""
    return service.detail(session, ctx.settings, actor, recording_id)


@router.post(f"{RECORD}/sign-ins", response_model=SessionRecordOut, status_code=201)
def add_sign_in(
    recording_id: str, body: SignInIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SessionRecordOut:
    """The leader signs in a listed participant the recording did not identify; the note is required."""
    service.add_sign_in(session, actor, recording_id, body.teacher_id, body.note)
    session.flush()
    return service.detail(session, ctx.settings, actor, recording_id)


@router.delete(f"{RECORD}/sign-ins/{{teacher_id}}", response_model=SessionRecordOut)
def remove_sign_in(
    recording_id: str, teacher_id: TeacherId, session: DbSession, ctx: Context, actor: CurrentActor
) -> SessionRecordOut:
    service.remove_sign_in(session, actor, recording_id, teacher_id)
    session.flush()
    return service.detail(session, ctx.settings, actor, recording_id)


@router.put(f"{RECORD}/report", response_model=SessionRecordOut)
def write_report(recording_id: str, body: TextIn, session: DbSession, ctx: Context, actor: CurrentActor):
    """The leader's report (报道) of the session; writing again replaces it."""
    service.write_report(session, ctx.settings, actor, recording_id, body.text)
    session.flush()
    return service.detail(session, ctx.settings, actor, recording_id)


@router.put(f"{RECORD}/reflections/{{teacher_id}}", response_model=SessionRecordOut)
def write_reflection(
    recording_id: str, teacher_id: TeacherId, body: TextIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SessionRecordOut:
    """A participant's own reflection (学习心得); only that teacher may write it."""
    service.write_reflection(session, ctx.settings, actor, recording_id, teacher_id, body.text)
    session.flush()
    return service.detail(session, ctx.settings, actor, recording_id)


@router.get(f"{RECORD}/package", response_class=Response)
def download_package(recording_id: str, request: Request, session: DbSession, ctx: Context, actor: CurrentActor):
    """The session's materials as one ZIP, for the school's administrator (complete or not: its README says)."""
    recording, record = service.for_package(session, ctx.settings, actor, recording_id)
    output = playback_rows.published(session, recording.id)
    links = playback.links(ctx, output) if output is not None else None
    base = str(request.base_url).rstrip("/")
    if links is not None:
        links = {k: f"{base}{v}" if isinstance(v, str) and v.startswith("/") else v for k, v in links.items()}
    now, zone = utcnow(), ctx.settings.zone
    data = package.build(
        recording, record, links=links, app_link=f"{base}/api/recordings/{recording.id}/playback", zone=zone, now=now
    )
    stamp = day_stamp(recording.created_at, zone)
    name = f"{record.group_name or '教研组'}-教研活动-{stamp}.zip"
    fallback = f"session-{recording.id[:8]}-{stamp}.zip"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(
        data, media_type=ZIP_TYPE, headers={"Content-Disposition": disposition, "Cache-Control": "no-store"}
    )


@router.get("/api/session-records", response_model=list[SessionRecordOut])
def list_records(
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    group_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    recording_id: Annotated[list[str] | None, Query(max_length=MAX_RECORDINGS, description=RECORDINGS_DOC)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[SessionRecordOut]:
    """The records of the group sessions in the actor's sight, newest first (only those named, if any)."""
    return service.listing(session, ctx.settings, actor, group_id=group_id, recording_ids=recording_id, limit=limit)


@router.get("/api/session-records/mine", response_model=list[SessionRecordOut])
def my_records(
    session: DbSession, ctx: Context, actor: CurrentActor, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[SessionRecordOut]:
    """The sessions the signed-in teacher is listed in, newest first: each asks for their 心得."""
    return service.mine(session, ctx.settings, actor, limit=limit)

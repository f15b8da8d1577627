"""Teacher routes: list, detail, reference photos (upload raw JPEG/PNG bytes, list, retry, delete),
and a school's photos in bulk (a ZIP named by 工号)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.shared.bodies import read_body
from api.teachers import biometric_endpoints, bulk_photos, departure_endpoints, references, service
from api.teachers.schemas import PhotoImportOut, ReferenceOut, TeacherOut
from db.models import Teacher
from domain import photo_reasons, reasons

router = APIRouter(prefix="/api/teachers", tags=["teachers"])
school_router = APIRouter(prefix="/api/schools", tags=["teachers"])


def _out(session, teachers: list[Teacher]) -> list[TeacherOut]:
    photos = service.photo_statuses(session, teachers)
    return [TeacherOut.of(t, photos[t.id]) for t in teachers]


@router.get("", response_model=list[TeacherOut])
def list_teachers(session: DbSession, actor: CurrentActor) -> list[TeacherOut]:
    return _out(session, service.listing(session, actor))


@router.get("/{teacher_id}", response_model=TeacherOut)
def get_teacher(teacher_id: int, session: DbSession, actor: CurrentActor) -> TeacherOut:
    (teacher,) = _out(session, [service.get_visible(session, actor, teacher_id)])
    return teacher


@router.post("/{teacher_id}/references", response_model=ReferenceOut, status_code=202)
async def add_reference(
    teacher_id: int, request: Request, session: DbSession, ctx: Context, actor: CurrentActor, replace: bool = False
) -> ReferenceOut:
    """Body: the photo's bytes (image/jpeg or image/png). Enrolment finishes on a worker.

    ``replace=true``: once this photo is enrolled, the teacher's earlier photos are deleted
    (if it is refused, they stay).
    """
    await run_in_threadpool(service.get_manageable, session, actor, teacher_id)  # before reading the body
    limit = ctx.settings.max_photo_bytes
    too_large = reasons.PHOTO_TOO_LARGE.format(size=f">{limit}", limit=limit)
    photo = await read_body(request, limit=limit, too_large=too_large)
    reference = await run_in_threadpool(references.add, session, ctx, actor, teacher_id, photo, replace=replace)
    return ReferenceOut.model_validate(reference, from_attributes=True)


@router.get("/{teacher_id}/references", response_model=list[ReferenceOut])
def list_references(teacher_id: int, session: DbSession, actor: CurrentActor) -> list[ReferenceOut]:
    return [
        ReferenceOut.model_validate(r, from_attributes=True) for r in references.listing(session, actor, teacher_id)
    ]


@router.post("/{teacher_id}/references/{reference_id}/retry", response_model=ReferenceOut, status_code=202)
def retry_reference(teacher_id: int, reference_id: str, session: DbSession, actor: CurrentActor) -> ReferenceOut:
    """Enrol again a photo whose enrolment failed for reasons of our own (``failed``)."""
    reference = references.retry(session, actor, teacher_id, reference_id)
    return ReferenceOut.model_validate(reference, from_attributes=True)


@router.delete("/{teacher_id}/references/{reference_id}", status_code=204)
def delete_reference(
    teacher_id: int, reference_id: str, session: DbSession, ctx: Context, actor: CurrentActor
) -> Response:
    references.remove(session, ctx, actor, teacher_id, reference_id)
    return Response(status_code=204)


@school_router.post("/{school_id}/reference-photos", response_model=PhotoImportOut)
async def import_reference_photos(
    school_id: int, request: Request, session: DbSession, ctx: Context, actor: CurrentActor
) -> PhotoImportOut:
    """Body: a ZIP (application/zip) of ``<工号>.jpg|jpeg|png``; each becomes that teacher's replacement photo."""
    await run_in_threadpool(bulk_photos.require_importer, session, actor, school_id)  # before reading the body
    limit = ctx.settings.max_photo_zip_bytes
    data = await read_body(request, limit=limit, too_large=photo_reasons.ZIP_TOO_LARGE.format(limit=limit))
    return await run_in_threadpool(bulk_photos.import_photos, session, ctx, actor, school_id, data)


# The consent and deletion routes (``api.teachers.biometric_endpoints``) and the departure routes
# (``api.teachers.departure_endpoints``), under this router's prefix.
router.include_router(biometric_endpoints.router)
router.include_router(departure_endpoints.router)

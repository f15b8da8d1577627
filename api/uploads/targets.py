"""Check what an upload claims to be evidence of, and that the actor may upload it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.errors import BadRequest, Forbidden, NotFound, Unprocessable
from api.shared import repository as shared_rows
from api.shared import review_inputs as inputs
from api.uploads import repository
from api.uploads.schemas import UploadTarget
from domain import departure, reasons
from domain.capability_codes import normalise_code
from domain.evidence_requirements import no_video_refusal, requirements_for
from domain.recordings import RecordingKind
from domain.roles import UPLOADING_ROLES, Actor, can_upload_group_session, can_upload_lesson


@dataclass(frozen=True)
class ResolvedTarget:
    kind: RecordingKind
    school_id: int
    group_id: int | None
    teacher_id: int | None
    capability_code: str | None
    participant_ids: tuple[int, ...]


def _lesson(session: Session, actor: Actor, target: UploadTarget) -> ResolvedTarget:
    teacher_id = target.teacher_id or actor.teacher_id
    if teacher_id is None:
        raise BadRequest(reasons.MISSING_FIELD.format(field="teacher_id"))
    if not target.capability_code:
        raise BadRequest(reasons.MISSING_FIELD.format(field="capability_code"))
    code = normalise_code(target.capability_code)
    if code is None:
        raise BadRequest(reasons.UNKNOWN_CAPABILITY.format(code=target.capability_code))
    teacher = shared_rows.teacher(session, teacher_id)
    if teacher is None:
        raise NotFound("教师", "Teacher")
    if not can_upload_lesson(
        actor, teacher_id=teacher.id, teacher_school_id=teacher.school_id, teacher_group_id=teacher.group_id
    ):
        raise Forbidden()
    if teacher.left_at is not None:
        raise Unprocessable(departure.TEACHER_LEFT.format(name=teacher.name))
    point = inputs.catalogue_for(session, teacher.school_id).get(code)
    refused = no_video_refusal(requirements_for(point)) if point is not None else None
    if refused is not None:  # a document-only point: refused before any byte is sent
        raise Unprocessable(refused)
    return ResolvedTarget(RecordingKind.LESSON, teacher.school_id, teacher.group_id, teacher.id, code, ())


def _group_session(session: Session, actor: Actor, target: UploadTarget) -> ResolvedTarget:
    group_id = target.group_id or actor.group_id
    if group_id is None:
        raise BadRequest(reasons.MISSING_FIELD.format(field="group_id"))
    group = shared_rows.group(session, group_id)
    if group is None:
        raise NotFound("教研组", "Group")
    if not can_upload_group_session(actor, group_id=group.id, group_school_id=group.school_id):
        raise Forbidden()
    wanted = tuple(dict.fromkeys(target.participant_ids))
    if not wanted:
        raise BadRequest(reasons.NO_PARTICIPANTS)
    found = repository.teachers_of_school(session, wanted, group.school_id)
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise BadRequest(reasons.PARTICIPANT_NOT_IN_SCHOOL.format(ids=", ".join(map(str, unknown))))
    left = [found[i].name for i in wanted if found[i].left_at is not None]
    if left:
        raise Unprocessable(departure.PARTICIPANT_LEFT.format(names="、".join(left)))
    return ResolvedTarget(RecordingKind.GROUP_SESSION, group.school_id, group.id, None, None, wanted)


def resolve_target(session: Session, actor: Actor, target: UploadTarget) -> ResolvedTarget:
    if actor.role not in UPLOADING_ROLES:  # reviewers judge evidence; they never supply it
        raise Forbidden()
    if target.kind is RecordingKind.LESSON:
        return _lesson(session, actor, target)
    return _group_session(session, actor, target)

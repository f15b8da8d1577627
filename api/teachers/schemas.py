"""Response bodies of the teacher and reference-photo routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from db.models import Teacher
from domain.references import PhotoStatus


class TeacherOut(BaseModel):
    id: int
    name: str
    staff_id: str
    subject: str
    birth_year: int
    school_id: int
    group_id: int | None
    left_at: datetime | None = Field(default=None, description="when the school recorded the teacher left (离校)")
    photo: str = Field(
        description="none | pending | ok (a usable face encoding) | refused (a new photo is needed) | failed (retry it)"
    )

    @classmethod
    def of(cls, teacher: Teacher, photo: PhotoStatus) -> "TeacherOut":
        fields = {name: getattr(teacher, name) for name in cls.model_fields if name != "photo"}
        return cls(**fields, photo=photo.value)


class ReferenceOut(BaseModel):
    id: str
    teacher_id: int
    state: str  # pending | ok | refused (a new photo is needed) | failed (retry it)
    source: str  # photo (uploaded) | session_face (a face a leader assigned from a session)
    from_recording_id: str | None
    replaces_others: bool  # once enrolled, the teacher's earlier photos are deleted
    reason_code: str | None
    reason_zh: str | None
    reason_en: str | None
    created_at: datetime
    enrolled_at: datetime | None


class CreatedPhoto(BaseModel):
    file: str
    staff_id: str
    teacher_id: int
    reference_id: str


class RefusedPhoto(BaseModel):
    file: str
    code: str
    message_zh: str
    message_en: str


class PhotoImportOut(BaseModel):
    """A bulk ZIP's result, entry by entry: photos queued for enrolment (as replacements) and refusals."""

    created: list[CreatedPhoto]
    refused: list[RefusedPhoto]

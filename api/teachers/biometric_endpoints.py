"""Routes of a teacher's consent to face identification and of deleting their biometric data."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Context, CurrentActor, DbSession
from api.teachers import biometric

# Included by the teachers router (``api.teachers.endpoints``), under its ``/api/teachers`` prefix.
router = APIRouter(tags=["biometric consent"])


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(max_length=16, description="the version of the consent text the teacher read")
    agree: bool = Field(description="the teacher ticked 同意 (I agree)")


class ConsentSection(BaseModel):
    key: str
    zh: str
    en: str


class ConsentOut(BaseModel):
    teacher_id: int
    consented: bool
    version: str | None = Field(description="the version agreed to, while the consent is in force")
    given_at: datetime | None
    retention_days: int
    can_decide: bool = Field(description="whether the caller is this teacher (only they give or withdraw it)")
    text_version: str
    text: list[ConsentSection]

    @classmethod
    def of(cls, view: biometric.ConsentView) -> "ConsentOut":
        consent = view.consent
        return cls(
            teacher_id=view.teacher.id,
            consented=consent is not None,
            version=consent.version if consent else None,
            given_at=consent.given_at if consent else None,
            retention_days=view.retention_days,
            can_decide=view.can_decide,
            text_version=view.text.version,
            text=view.text.as_dict()["sections"],
        )


class ErasedOut(BaseModel):
    photos: int
    encodings: int
    session_faces: int
    crops: int


@router.get("/{teacher_id}/biometric-consent", response_model=ConsentOut)
def get_consent(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ConsentOut:
    """The consent text (zh + en: purpose, necessity, retention, who sees it) and whether it is given."""
    return ConsentOut.of(biometric.view(session, ctx, actor, teacher_id))


@router.post("/{teacher_id}/biometric-consent", response_model=ConsentOut, status_code=201)
def give_consent(teacher_id: int, body: ConsentIn, session: DbSession, ctx: Context, actor: CurrentActor) -> ConsentOut:
    """The teacher themself agrees to the text of ``version``; 403 for anyone else."""
    return ConsentOut.of(biometric.give(session, ctx, actor, teacher_id, version=body.version, agree=body.agree))


@router.delete("/{teacher_id}/biometric-consent", response_model=ConsentOut)
def withdraw_consent(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ConsentOut:
    """The teacher withdraws; their photos, encodings and session faces are deleted at once."""
    return ConsentOut.of(biometric.withdraw(session, ctx, actor, teacher_id))


@router.delete("/{teacher_id}/biometric-data", response_model=ErasedOut)
def erase_biometric_data(teacher_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> ErasedOut:
    """Delete the teacher's photos, encodings and session faces on request (theirs, or a school admin's)."""
    erased = biometric.erase(session, ctx, actor, teacher_id)
    return ErasedOut(
        photos=erased.photos, encodings=erased.encodings, session_faces=erased.session_faces, crops=erased.crops
    )

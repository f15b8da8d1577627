"""Request and response bodies of the submission, scoring and transition routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from db.models import Submission, SubmissionDocument, Teacher
from domain.roles import Actor
from domain.workflow import Authorship, State, allowed_actions

LevelName = Literal["excellent", "pass", "fail"]


class SubmissionIn(BaseModel):
    teacher_id: int
    capability_code: str = Field(min_length=1, max_length=8)
    recording_id: str | None = Field(default=None, max_length=36)


class RecordingIn(BaseModel):
    recording_id: str = Field(min_length=1, max_length=36)


class ReasonIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class ItemGradeIn(BaseModel):
    item_key: str = Field(min_length=1, max_length=64)
    level: LevelName | None = None
    # Ticked checklist criteria; the level follows from them where the checklist is known.
    met_criteria: list[str] | None = Field(default=None, max_length=50)


class ScoreIn(BaseModel):
    verdict: LevelName
    items: list[ItemGradeIn] = Field(default_factory=list, max_length=50)
    # Only where the school scores in numbers (0–max); judged by the teacher's age-band pass line.
    score: float | None = Field(default=None, allow_inf_nan=False)
    # Required for a fail verdict: it tells the teacher why.
    comment: str | None = Field(default=None, max_length=4000)


class DocumentOut(BaseModel):
    id: str
    item_key: str | None
    filename: str
    content_type: str
    size_bytes: int
    uploaded_by: int | None
    created_at: datetime

    @classmethod
    def of(cls, document: SubmissionDocument) -> "DocumentOut":
        return cls.model_validate(document, from_attributes=True)


class SubmissionOut(BaseModel):
    id: int
    teacher_id: int
    teacher_name: str
    school_id: int
    group_id: int | None
    subject: str
    capability_code: str
    state: str
    recording_id: str | None
    item_grades: dict[str, Any]
    score: float | None
    comment: str | None
    scored_by: int | None
    created_at: datetime
    updated_at: datetime
    version: int
    # What this actor may do next (buttons): by role, and by whose work it is (nobody reviews
    # their own; the school grades a leader's own work).
    allowed_actions: list[str]
    documents: list[DocumentOut] | None = None

    @classmethod
    def of(
        cls,
        submission: Submission,
        teacher: Teacher,
        actor: Actor,
        documents: list[SubmissionDocument] | None = None,
        authorship: Authorship = Authorship(),
    ) -> "SubmissionOut":
        return cls(
            id=submission.id,
            teacher_id=teacher.id,
            teacher_name=teacher.name,
            school_id=teacher.school_id,
            group_id=teacher.group_id,
            subject=teacher.subject,
            capability_code=submission.capability_code,
            state=submission.state,
            recording_id=submission.recording_id,
            item_grades=submission.item_grades or {},
            score=submission.score,
            comment=submission.comment,
            scored_by=submission.scored_by,
            created_at=submission.created_at,
            updated_at=submission.updated_at,
            version=submission.version,
            allowed_actions=[a.value for a in allowed_actions(State(submission.state), actor.role, authorship)],
            documents=None if documents is None else [DocumentOut.of(d) for d in documents],
        )


class SampleIn(BaseModel):
    seed: str = Field(min_length=1, max_length=200)
    # Defaults to the setting review_sampling_percent.
    percent: float | None = Field(default=None, ge=0, le=100)


class SampleOut(BaseModel):
    seed: str
    percent: float
    candidates: int
    sampled: list[int]

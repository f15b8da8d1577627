"""Request and response bodies of the submission routes: drafts, documents, moves, history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.review.submissions.requirement_schemas import RequirementsOut
from db.models import Submission, SubmissionDocument, Teacher
from domain.roles import Actor, Role
from domain.workflow import Authorship, State, allowed_actions, grader_of


class SubmissionIn(BaseModel):
    teacher_id: int
    capability_code: str = Field(min_length=1, max_length=8)
    recording_id: str | None = Field(default=None, max_length=36)


class RecordingIn(BaseModel):
    recording_id: str = Field(min_length=1, max_length=36)


class ReasonIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class OptionalReasonIn(BaseModel):
    """A move whose reason depends on the state: undoing a downgrade says why, a first confirmation need not."""

    reason: str | None = Field(default=None, max_length=2000)


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
    # Who grades this work: the group leader, or the school admin when its author leads a group
    # (the leader's queue leaves it out; the author's card says whom 提交 sends it to).
    grader_role: str = Role.GROUP_LEADER.value
    documents: list[DocumentOut] | None = None
    # The point's evidence items and each one's state: what the card lists and what blocks 提交.
    requirements: RequirementsOut | None = None

    @classmethod
    def of(
        cls,
        submission: Submission,
        teacher: Teacher,
        actor: Actor,
        documents: list[SubmissionDocument] | None = None,
        authorship: Authorship = Authorship(),
        requirements: RequirementsOut | None = None,
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
            grader_role=grader_of(authorship).value,
            documents=None if documents is None else [DocumentOut.of(d) for d in documents],
            requirements=requirements,
        )


class HistoryEntryOut(BaseModel):
    """One move of a submission, as its audit entry records it (the reason says why)."""

    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    by_role: str | None = None
    at: datetime

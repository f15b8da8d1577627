"""Response bodies for recordings and their processing stages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.shared.schemas import ReasonOut


class StageOut(BaseModel):
    stage: str
    state: str
    percent: float
    attempts: int
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime
    reason: ReasonOut | None = None

    @classmethod
    def of(cls, job) -> "StageOut":
        reason = None
        if job.reason_code:
            reason = ReasonOut(code=job.reason_code, message_zh=job.reason_zh or "", message_en=job.reason_en or "")
        return cls(
            stage=job.stage,
            state=job.state,
            percent=job.percent,
            attempts=job.attempts,
            queued_at=job.queued_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            updated_at=job.updated_at,
            reason=reason,
        )


class StandingOut(BaseModel):
    """Whether a group session counts toward its group, and why (not)."""

    state: str  # counts | counts_accepted | processing | failed | checks_failed
    counts: bool
    code: str
    message_zh: str
    message_en: str


class AcceptanceOut(BaseModel):
    """A group leader's acceptance of a session despite failed checks: who, when, why."""

    by: int | None
    by_name: str | None
    at: datetime
    reason: str


class RecordingOut(BaseModel):
    id: str
    kind: str
    status: str
    school_id: int
    school_name: str | None = None
    group_id: int | None
    group_name: str | None = None
    teacher_id: int | None
    capability_code: str | None
    participant_ids: list[int]
    original_filename: str
    size_bytes: int
    sha256: str | None
    container: str
    created_at: datetime
    duration_s: float | None
    media: dict[str, Any] | None
    checks: dict[str, Any]
    analysis: dict[str, Any] | None
    stages: list[StageOut]
    standing: StandingOut | None = Field(None, description="group sessions: whether it counts toward the group")
    acceptance: AcceptanceOut | None = None
    can_comment: bool | None = Field(
        None, description="whether the signed-in user may pin comments to it (in the detail; null in lists)"
    )

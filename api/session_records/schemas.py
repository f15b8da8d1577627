"""Bodies of a session's training record (``api.session_records.service``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.shared.schemas import ReasonOut

TEXT_MAX = 100_000  # the request's hard bound; the setting ``session_text_max_chars`` is the rule


class SignInIn(BaseModel):
    teacher_id: int = Field(ge=1, le=2**31 - 1)
    note: str = Field(max_length=2000, description="why the leader signs them in by hand")


class TextIn(BaseModel):
    text: str = Field(max_length=TEXT_MAX)


class ParticipantOut(BaseModel):
    teacher_id: int
    name: str
    staff_id: str
    signed_in: bool
    source: str | None = Field(None, description="seen | manual | accepted; null when not signed in")
    source_zh: str | None = None
    source_en: str | None = None
    note: str | None = Field(None, description="the leader's note of a manual sign-in")
    note_by_name: str | None = None
    noted_at: datetime | None = None
    reflection_written: bool
    reflection_chars: int
    reflection_text: str | None = Field(None, description="for its author, the leader, the school and the province")
    reflection_updated_at: datetime | None = None


class ReportOut(BaseModel):
    text: str
    chars: int
    written_by_name: str | None
    updated_at: datetime


class SessionRecordOut(BaseModel):
    """A group session as a training record: complete (完整) or what it lacks, and its parts."""

    recording_id: str
    original_filename: str
    group_id: int | None
    group_name: str | None
    created_at: datetime
    counts: bool
    complete: bool
    missing: list[ReasonOut]
    participants: list[ParticipantOut]
    report: ReportOut | None
    reflection_min_chars: int
    report_min_chars: int
    can_lead: bool = Field(description="whether the signed-in user is the group's leader (signs in, reports)")
    can_download: bool = Field(description="whether the signed-in user may download the package")

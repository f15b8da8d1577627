"""Bodies of the peer-learning routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class SegmentIn(BaseModel):
    """A stretch the player played without a seek: positions (s) and the wall-clock seconds it took."""

    start: float = Field(ge=0, le=86_400, allow_inf_nan=False)
    end: float = Field(ge=0, le=86_400, allow_inf_nan=False)
    wall_s: float = Field(ge=0, le=86_400, allow_inf_nan=False)


class ProgressIn(BaseModel):
    segments: list[SegmentIn] = Field(max_length=500)


class CommentIn(BaseModel):
    rating: str = Field(min_length=1, max_length=16)
    text: str = Field(max_length=20_000)


class PeerCommentOut(BaseModel):
    rating: str
    text: str
    created_at: datetime
    updated_at: datetime


class AssignmentOut(BaseModel):
    id: int
    submission_id: int
    recording_id: str
    capability_code: str
    point_name: str | None
    author_name: str
    school_name: str
    pool: str
    assigned_at: datetime
    due_at: datetime | None
    overdue: bool = Field(description="past due and not yet done")
    duration_s: float | None
    played: list[list[float]] = Field(description="merged [start, end] seconds played, as the server holds them")
    played_share: float
    needed_share: float = Field(description="the share that makes the view count (peer_count_fraction)")
    counted: bool
    comment: PeerCommentOut | None
    done: bool = Field(description="the view counted and the comment is written")


class ProgressOut(BaseModel):
    played: list[list[float]]
    played_share: float
    needed_share: float
    counted: bool


class PeerRulesOut(BaseModel):
    per_teacher: int
    pool: str
    due_days: int
    rating_levels: list[str]
    comment_min_chars: int
    comment_max_chars: int
    count_fraction: float
    max_rate: float


class FeedbackOut(BaseModel):
    submission_id: int
    capability_code: str
    point_name: str | None
    viewer_name: str
    rating: str
    text: str
    updated_at: datetime


class MemberParticipationOut(BaseModel):
    teacher_id: int
    name: str
    staff_id: str
    assigned: int
    counted_views: int
    comments: int
    pending: int
    overdue: int


class PushOut(BaseModel):
    school_id: int
    pool: str
    per_teacher: int
    teachers: int
    videos: int
    created: int = Field(description="new pushes made by this run (0 when everyone already has theirs)")
    due_at: datetime

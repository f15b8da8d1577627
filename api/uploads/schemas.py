"""Request and response bodies of the upload API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from domain.recordings import RecordingKind


class UploadTarget(BaseModel):
    """What the recording will be evidence of."""

    kind: RecordingKind
    teacher_id: int | None = Field(None, description="lesson: whose lesson (defaults to the signed-in teacher)")
    capability_code: str | None = Field(None, description="lesson: the 微能力点 code, e.g. A1")
    group_id: int | None = Field(None, description="group_session: the group (defaults to the leader's group)")
    participant_ids: list[int] = Field(default_factory=list, description="group_session: teachers taking part")


class CreateUploadIn(UploadTarget):
    filename: str = Field(min_length=1, max_length=255)
    size: int = Field(description="total size in bytes")
    content_type: str = Field("application/octet-stream", max_length=100)
    sha256: str | None = Field(None, description="optional hex SHA-256 of the whole file, verified on completion")


class PartUrl(BaseModel):
    number: int
    size: int
    method: Literal["PUT"] = "PUT"
    url: str
    expires_at: datetime | None = None


class StoredPart(BaseModel):
    number: int
    size: int
    etag: str


class UploadOut(BaseModel):
    upload_id: str
    recording_id: str
    state: str
    filename: str
    size: int
    part_size: int
    part_count: int
    expires_at: datetime
    storage: str
    parts: list[PartUrl] = Field(default_factory=list, description="URLs for the first parts; ask part-urls for more")
    stored_parts: list[StoredPart] | None = None
    missing_parts: list[int] | None = None
    bytes_stored: int | None = None


class PartUrlsOut(BaseModel):
    upload_id: str
    parts: list[PartUrl]


class CompleteOut(BaseModel):
    upload_id: str
    recording_id: str
    state: str
    recording_url: str

"""Bodies of the catalogue routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.review.submissions.requirement_schemas import RequirementsOut


class CatalogueOut(BaseModel):
    province: str
    source: str = Field(description="province: an edited copy; seed: the national list")
    updated_at: datetime | None
    updated_by: int | None
    data: dict[str, Any]


class DocumentItemOut(BaseModel):
    """An evidence item handed in as a document rather than the recording (the teacher's checklist)."""

    key: str
    description_zh: str
    # None: any document the upload accepts (PDF, DOCX, PPTX).
    accepted_formats: list[str] | None


class CataloguePointOut(BaseModel):
    code: str
    name_zh: str
    name_en: str | None = None  # our translation; None for points a province added
    environment: str
    environment_zh: str
    dimension: str
    dimension_zh: str
    dimension_en: str
    # Whether the actor's school offers it (None when no school is in view).
    offered: bool | None
    document_items: list[DocumentItemOut] = Field(default_factory=list)
    # Every evidence item (video and documents) with its limits, shown on the card before uploading.
    requirements: RequirementsOut | None = None

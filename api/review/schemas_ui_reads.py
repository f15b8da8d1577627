"""Response bodies of the reads the web UI needs: rubric, catalogue points, submission history."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.review.schemas_selection import BandOut


class RubricItemOut(BaseModel):
    key: str
    description_zh: str
    is_video: bool
    # None: the checklist is not known, the grader gives the level directly.
    excellent_criteria: list[str] | None
    pass_criteria: list[str] | None


class RubricOut(BaseModel):
    submission_id: int
    capability_code: str
    name_zh: str
    environment: str
    environment_zh: str
    dimension: str
    dimension_zh: str
    # False: the verdict is taken directly (scoring_service records basis "direct").
    items_complete: bool
    items: list[RubricItemOut]
    band: BandOut
    pass_line: float = Field(description="the teacher's age-band pass line (seed 004)")
    excellent_line: float
    max_score: float


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


class HistoryEntryOut(BaseModel):
    """One move of a submission, as its audit entry records it (the reason says why)."""

    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    by_role: str | None
    at: datetime

"""Bodies of the rubric routes: a point's criteria as the editor and the grading form read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from domain.rubrics import Criterion, Rubric


class CriterionOut(BaseModel):
    key: str
    item_key: str | None = Field(description="the evidence item it belongs to; null: the whole point")
    title_zh: str
    title_en: str
    excellent_zh: str
    excellent_en: str
    pass_zh: str
    pass_en: str
    fail_zh: str | None = Field(description="null for an excellent-only criterion (it cannot fail an item)")
    fail_en: str
    excellent_only: bool
    levels: list[str] = Field(description="the levels a grader may give it")

    @classmethod
    def of(cls, c: Criterion) -> "CriterionOut":
        values = {k: getattr(c, k) for k in cls.model_fields if k != "levels"}
        return cls(**values, levels=[lv.value for lv in c.levels])


class RubricOut(BaseModel):
    capability_code: str
    name_zh: str
    version: int = Field(description="0: the seed rubric the school has not edited")
    is_seed: bool
    criteria: list[CriterionOut]
    item_keys: list[str] = Field(description="the evidence items the catalogue knows for the point")
    items_complete: bool

    @classmethod
    def of(cls, rubric: Rubric, *, name_zh: str, item_keys: list[str], items_complete: bool) -> "RubricOut":
        return cls(
            capability_code=rubric.capability_code,
            name_zh=name_zh,
            version=rubric.version,
            is_seed=rubric.version == 0,
            criteria=[CriterionOut.of(c) for c in rubric.criteria],
            item_keys=item_keys,
            items_complete=items_complete,
        )


class RubricIn(BaseModel):
    # The version the editor started from; a save over a newer one is a 409, not a silent loss.
    base_version: int | None = Field(default=None, ge=0)
    # Validated by domain.rubrics.validate_criteria, which lists every problem in zh + en.
    criteria: list[Any] = Field(max_length=200)


class RubricVersionOut(BaseModel):
    version: int
    criteria_count: int
    created_at: datetime
    created_by_name: str | None = Field(description="null for the seed (version 0)")


class PointRubricOut(BaseModel):
    capability_code: str
    name_zh: str
    version: int

"""How a point's evidence requirements travel: on the catalogue (before any upload) and on each
submission with every item's state, so the teacher's card lists them and says what blocks 提交."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from domain.evidence_requirements import ItemCheck, ItemState, Requirements, limits_text
from domain.reasons import Reason


class NoteOut(BaseModel):
    code: str
    message_zh: str
    message_en: str

    @classmethod
    def of(cls, reason: Reason | None) -> "NoteOut | None":
        return None if reason is None else cls(**reason.as_dict())


class RequirementItemOut(BaseModel):
    key: str
    kind: Literal["video", "document"]
    description_zh: str
    accepted_formats: list[str] | None = Field(description="None: any format the upload accepts")
    max_bytes: int | None
    min_duration_s: float | None
    max_duration_s: float | None
    limits_zh: str = Field(description="the duration limits in words, e.g. （不超过 5 分钟）; empty when none")
    limits_en: str
    # On a submission: satisfied | missing | pending (still processing) | violating; None on the catalogue.
    state: str | None = None
    reason: NoteOut | None = None


class RequirementsOut(BaseModel):
    known: bool = Field(description="False: the catalogue lists no items, the default lesson recording applies")
    asks_video: bool
    note: NoteOut | None = Field(description="said to the teacher when the default applies")
    items: list[RequirementItemOut]
    # On a submission: whether every item is satisfied (提交 is possible as far as the evidence goes).
    met: bool | None = None

    @classmethod
    def of(cls, requirements: Requirements, checks: tuple[ItemCheck, ...] | None = None) -> "RequirementsOut":
        states = {id(c.item): c for c in checks or ()}
        items = []
        for item in requirements.items:
            check = states.get(id(item))
            limits_zh, limits_en = limits_text(item)
            items.append(
                RequirementItemOut(
                    key=item.key,
                    kind="video" if item.is_video and item is requirements.video else "document",
                    description_zh=item.description_zh or item.key,
                    accepted_formats=None if item.accepted_formats is None else list(item.accepted_formats),
                    max_bytes=item.max_bytes,
                    min_duration_s=item.min_duration_s,
                    max_duration_s=item.max_duration_s,
                    limits_zh=limits_zh,
                    limits_en=limits_en,
                    state=check.state.value if check else None,
                    reason=NoteOut.of(check.reason) if check else None,
                )
            )
        met = None if checks is None else all(c.state is ItemState.SATISFIED for c in checks)
        return cls(
            known=requirements.known,
            asks_video=requirements.video is not None,
            note=NoteOut.of(requirements.note),
            items=items,
            met=met,
        )

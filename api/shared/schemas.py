"""Response pieces every feature uses: a bilingual reason, an age band."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from domain.age_bands import AgeBand
from domain.reasons import Reason


class ReasonOut(BaseModel):
    code: str
    message_zh: str
    message_en: str

    @classmethod
    def of(cls, reason: Reason) -> "ReasonOut":
        return cls(**reason.as_dict())


def reasons_out(found: Iterable[Reason]) -> list[ReasonOut]:
    return [ReasonOut.of(r) for r in found]


class BandOut(BaseModel):
    kind: str
    label_zh: str
    label_en: str

    @classmethod
    def of(cls, band: AgeBand) -> "BandOut":
        return cls(kind=band.kind.value, label_zh=band.zh, label_en=band.en)

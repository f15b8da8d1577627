"""Response pieces every feature uses: a bilingual reason, an age band."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from domain.age_bands import AgeBand, BandEnvironments
from domain.catalogue import in_order
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
    # Where the band may choose (a rule) and is recommended to (advice); empty where not relevant.
    allowed_environments: list[str] = []
    recommended_environments: list[str] = []

    @classmethod
    def of(cls, band: AgeBand, environments: BandEnvironments | None = None) -> "BandOut":
        def ordered(envs: frozenset) -> list[str]:
            return [e.value for e in in_order(envs)]

        return cls(
            kind=band.kind.value,
            label_zh=band.zh,
            label_en=band.en,
            allowed_environments=ordered(environments.allowed) if environments else [],
            recommended_environments=ordered(environments.recommended) if environments else [],
        )

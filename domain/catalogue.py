"""The catalogue of micro-capability points (微能力点): data an admin edits per province.

Seeded from ``domain/data/capability_points.json`` (research notes in ../shared/domain: only
A1 is fully known, C4 partly). Evidence lists, formats, size caps and video limits differ
between provinces (CATALOG.md §5), so they are data, never constants: edited copies travel
as plain dicts (``catalogue_to_dict`` / ``catalogue_from_dict``) and are validated on the way
in, with every problem reported at once in both languages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from domain import requirement_reasons as qr
from domain import review_reasons as rr
from domain.reasons import Reason

SEED_PATH = Path(__file__).resolve().parent / "data" / "capability_points.json"


class Environment(str, Enum):
    """Ordered: a hybrid classroom includes multimedia equipment (seed 002 附录:术语表 2)."""

    MULTIMEDIA = "multimedia"
    HYBRID = "hybrid"
    SMART = "smart"

    @property
    def zh(self) -> str:
        return {"multimedia": "多媒体教学环境", "hybrid": "混合学习环境", "smart": "智慧学习环境"}[self.value]

    @property
    def rank(self) -> int:
        return ("multimedia", "hybrid", "smart").index(self.value)

    @property
    def prefix(self) -> str:
        return "ABC"[self.rank]


class Dimension(str, Enum):
    LEARNER_ANALYSIS = "learner_analysis"
    INSTRUCTIONAL_DESIGN = "instructional_design"
    LEARNING_GUIDANCE = "learning_guidance"
    ASSESSMENT = "assessment"

    @property
    def zh(self) -> str:
        return {
            "learner_analysis": "学情分析",
            "instructional_design": "教学设计",
            "learning_guidance": "学法指导",
            "assessment": "学业评价",
        }[self.value]

    @property
    def en(self) -> str:
        return self.value.replace("_", " ")


# Accepted spellings: the value, the full Chinese name, or its short form (多媒体 / 混合 / 智慧).
_ENV_ALIASES = {alias: env for env in Environment for alias in (env.value, env.zh, env.zh[:-4])}
_DIM_ALIASES = {alias: dim for dim in Dimension for alias in (dim.value, dim.zh)}


def in_order(environments: Iterable[Environment]) -> list[Environment]:
    """The environments in the catalogue's order (multimedia, hybrid, smart), for lists people read."""
    wanted = set(environments)
    return [e for e in Environment if e in wanted]


def parse_environment(text: str) -> Environment | None:
    """The value, the Chinese name or its short form (多媒体 / 混合 / 智慧); ``None`` otherwise."""
    cleaned = text.strip()
    return _ENV_ALIASES.get(cleaned.lower()) or _ENV_ALIASES.get(cleaned)


@dataclass(frozen=True)
class EvidenceItem:
    """One required piece of evidence; ``None`` limits mean "no limit of its own"."""

    key: str
    description_zh: str = ""
    is_video: bool = False
    accepted_formats: tuple[str, ...] | None = None  # None: any format the upload rules accept
    max_bytes: int | None = None
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    excellent_criteria: tuple[str, ...] | None = None  # None: checklist unknown, graders give the level
    pass_criteria: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CapabilityPoint:
    code: str
    name_zh: str
    environment: Environment
    dimension: Dimension
    items: tuple[EvidenceItem, ...] = ()
    items_complete: bool = False  # False until an admin confirms the evidence list

    def item(self, key: str) -> EvidenceItem | None:
        return next((i for i in self.items if i.key == key), None)


@dataclass(frozen=True)
class Catalogue:
    points: tuple[CapabilityPoint, ...]

    def get(self, code: str) -> CapabilityPoint | None:
        return next((p for p in self.points if p.code == code), None)

    def __contains__(self, code: object) -> bool:
        return any(p.code == code for p in self.points)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.points)


class CatalogueInvalid(ValueError):
    """Edited catalogue data was refused; ``violations`` says every reason."""

    def __init__(self, violations: tuple[Reason, ...]):
        super().__init__("; ".join(v.en for v in violations))
        self.violations = violations


def validate_catalogue_dict(data: Any) -> tuple[Reason, ...]:
    """Every reason why ``data`` is not a usable catalogue; empty when it is."""
    points = data.get("points") if isinstance(data, dict) else None
    if not isinstance(points, list):
        return (rr.CATALOGUE_NOT_A_LIST,)
    found: list[Reason] = []
    seen: set[str] = set()
    for n, raw in enumerate(points, start=1):
        raw = raw if isinstance(raw, dict) else {}
        text = {
            k: raw[k].strip() for k in ("code", "name_zh", "environment", "dimension") if isinstance(raw.get(k), str)
        }
        code = text.get("code", "")
        label = code or f"#{n}"
        for name in ("code", "name_zh", "environment", "dimension"):
            if raw.get(name) is not None and name not in text:
                found.append(rr.CATALOGUE_BAD_FIELD.format(point=label, field=name, value=raw[name]))
            elif not text.get(name):
                found.append(rr.CATALOGUE_MISSING_FIELD.format(point=label, field=name))
        if code and code in seen:
            found.append(rr.CATALOGUE_DUPLICATE_CODE.format(code=code))
        seen.add(code)
        env = _ENV_ALIASES.get(text.get("environment", ""))
        if text.get("environment") and env is None:
            found.append(rr.CATALOGUE_UNKNOWN_ENVIRONMENT.format(point=label, value=text["environment"]))
        if text.get("dimension") and text["dimension"] not in _DIM_ALIASES:
            found.append(rr.CATALOGUE_UNKNOWN_DIMENSION.format(point=label, value=text["dimension"]))
        if env is not None and re.fullmatch(r"[ABC]\d+", code) and code[0] != env.prefix:
            found.append(rr.CATALOGUE_ENVIRONMENT_MISMATCH.format(point=label, env_zh=env.zh, env_en=env.value))
        if not isinstance(raw.get("items_complete", False), bool):
            found.append(
                rr.CATALOGUE_BAD_FIELD.format(point=label, field="items_complete", value=raw["items_complete"])
            )
        found.extend(_validate_items(label, raw.get("items", []), raw.get("items_complete") is True))
    return tuple(found)


def _validate_items(point: str, items: Any, complete: bool) -> list[Reason]:
    if not isinstance(items, list):
        return [rr.CATALOGUE_BAD_FIELD.format(point=point, field="items", value=type(items).__name__)]
    found: list[Reason] = []
    if complete and not items:
        found.append(rr.CATALOGUE_EMPTY_COMPLETE_LIST.format(point=point))
    videos = [i.get("key") for i in items if isinstance(i, dict) and i.get("is_video") is True]
    if len(videos) > 1:  # a submission carries one recording (domain.evidence_requirements)
        found.append(qr.CATALOGUE_SEVERAL_VIDEOS.format(point=point, items="、".join(map(str, videos))))
    keys: set[str] = set()
    for raw in items:
        raw = raw if isinstance(raw, dict) else {}
        key = raw["key"].strip() if isinstance(raw.get("key"), str) else ""
        if not key:
            found.append(rr.CATALOGUE_MISSING_FIELD.format(point=point, field="items[].key"))
            continue
        if key in keys:
            found.append(rr.CATALOGUE_DUPLICATE_ITEM.format(point=point, item=key))
        keys.add(key)
        for name, kind in (("is_video", bool), ("description_zh", str)):
            if raw.get(name) is not None and not isinstance(raw[name], kind):
                found.append(rr.CATALOGUE_BAD_FIELD.format(point=point, field=f"{key}.{name}", value=raw[name]))
        for name in ("max_bytes", "min_duration_s", "max_duration_s"):
            value = raw.get(name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                found.append(rr.CATALOGUE_BAD_FIELD.format(point=point, field=f"{key}.{name}", value=value))
            elif value < 0:
                found.append(rr.CATALOGUE_NEGATIVE_LIMIT.format(point=point, item=key, field=name, value=value))
        lo, hi = raw.get("min_duration_s"), raw.get("max_duration_s")
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and 0 <= hi < lo:
            found.append(rr.CATALOGUE_LIMITS_INVERTED.format(point=point, item=key, min_s=lo, max_s=hi))
        for name in ("accepted_formats", "excellent_criteria", "pass_criteria"):
            value = raw.get(name)
            if value is not None and not (isinstance(value, list) and all(isinstance(v, str) and v for v in value)):
                found.append(rr.CATALOGUE_BAD_FIELD.format(point=point, field=f"{key}.{name}", value=value))
    return found


def catalogue_from_dict(data: Any) -> Catalogue:
    """Build a catalogue from an (edited) dict; raises ``CatalogueInvalid`` with every reason."""
    violations = validate_catalogue_dict(data)
    if violations:
        raise CatalogueInvalid(violations)
    return Catalogue(tuple(_point_from_dict(p) for p in data["points"]))


def _point_from_dict(raw: dict[str, Any]) -> CapabilityPoint:
    def opt_tuple(value: list[str] | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(value)

    items = tuple(
        EvidenceItem(
            key=i["key"].strip(),
            description_zh=i.get("description_zh") or "",
            is_video=bool(i.get("is_video")),
            accepted_formats=opt_tuple(i.get("accepted_formats")),
            max_bytes=i.get("max_bytes"),
            min_duration_s=i.get("min_duration_s"),
            max_duration_s=i.get("max_duration_s"),
            excellent_criteria=opt_tuple(i.get("excellent_criteria")),
            pass_criteria=opt_tuple(i.get("pass_criteria")),
        )
        for i in raw.get("items", [])
    )
    return CapabilityPoint(
        code=raw["code"].strip(),
        name_zh=raw["name_zh"].strip(),
        environment=_ENV_ALIASES[raw["environment"].strip()],
        dimension=_DIM_ALIASES[raw["dimension"].strip()],
        items=items,
        items_complete=bool(raw.get("items_complete")),
    )


def catalogue_to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The editable JSON form (enums as their values, tuples as lists); it round-trips."""
    return json.loads(json.dumps({"points": [asdict(p) for p in catalogue.points]}, ensure_ascii=False))


def seed_to_dict(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Translate the research-notes format (capability_points.json) into the editable form.

    ``null`` evidence (or a ``null`` entry, as C4's unread tasks) leaves the list incomplete;
    a checklist marked "truncated in source" (C4 合格) is treated as unknown.
    """
    points = []
    for rec in records:
        video = rec.get("video") or {}
        rubric = {r["item"]: r.get("levels") for r in rec.get("rubric") or []}
        evidence = rec.get("evidence")
        items = []
        for text in [t for t in evidence or [] if t]:
            key = re.split(r"[（(：:]", text, maxsplit=1)[0].strip()
            is_video = "视频" in text or bool(video.get("required") and str(video.get("kind") or "").startswith(key))
            levels = rubric.get(key) or {}
            minutes = video.get("max_minutes") if is_video else None
            items.append(
                {
                    "key": key,
                    "description_zh": text,
                    "is_video": is_video,
                    "max_duration_s": None if minutes is None else minutes * 60,
                    "excellent_criteria": _known_checklist(levels.get("优秀")),
                    "pass_criteria": _known_checklist(levels.get("合格")),
                }
            )
        basics = {k: rec[k] for k in ("code", "name_zh", "environment", "dimension")}
        points.append({**basics, "items": items, "items_complete": evidence is not None and all(evidence)})
    return {"points": points}


def _known_checklist(criteria: Any) -> list[str] | None:
    if not isinstance(criteria, list) or any("truncated" in c for c in criteria):
        return None
    return list(criteria)


def load_seed_catalogue(path: Path = SEED_PATH) -> Catalogue:
    """The catalogue as seeded from ../shared/domain/capability_points.json."""
    return catalogue_from_dict(seed_to_dict(json.loads(path.read_text(encoding="utf-8"))))

"""The rubric every point starts with (version 0), before a school edits its own.

Where the catalogue knows an item's checklists (A1 学情分析方案: 优秀 4 lines, 合格 3; C4 设计方案:
优秀 5 lines) they become criteria, paired line by line as the spec's table reads them: the
n-th 合格 line is the weaker wording of the n-th 优秀 line, and 优秀 lines beyond the 合格 list
are 优秀-only (A1's “技术支持方式富有创新性，有学习与借鉴价值”). Every other known item, and
the whole point where its item list is unknown, gets the spec's general criteria
(``data/rubric_seed.json``, CATALOG.md §1). 不合格 follows the spec's wording: not meeting the
task requirements or the 合格 criteria.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from domain.catalogue import CapabilityPoint, EvidenceItem
from domain.rubrics import Criterion, Rubric

SEED_PATH = Path(__file__).resolve().parent / "data" / "rubric_seed.json"
SEED_VERSION = 0


@cache
def _seed_data() -> dict[str, Any]:
    return json.loads(SEED_PATH.read_text(encoding="utf-8"))


def seed_rubric(point: CapabilityPoint) -> Rubric:
    """Version 0 of ``point``'s rubric: the catalogue's checklists, else the general criteria."""
    criteria: list[Criterion] = []
    for item in point.items:
        if item.excellent_criteria:
            criteria.extend(_from_checklist(point.code, item))
        else:
            criteria.extend(_general(point, item.key))
    if not point.items_complete:
        # Items nobody has read yet: the general criteria judge the rest of the work as a whole.
        criteria.extend(_general(point, None))
    keyed = [replace(c, key=f"c{n}") for n, c in enumerate(criteria, start=1)]
    return Rubric(point.code, SEED_VERSION, tuple(keyed))


def _general(point: CapabilityPoint, item_key: str | None) -> list[Criterion]:
    names = {"dimension_zh": point.dimension.zh, "dimension_en": point.dimension.en}
    out = []
    for raw in _seed_data()["general"]:
        text = {k: v.format(**names) for k, v in raw.items() if isinstance(v, str)}
        out.append(
            Criterion(
                key="",
                item_key=item_key,
                title_zh=text["title_zh"],
                title_en=text["title_en"],
                excellent_zh=text["excellent_zh"],
                excellent_en=text["excellent_en"],
                pass_zh=text["pass_zh"],
                pass_en=text["pass_en"],
                fail_zh=text.get("fail_zh"),
                fail_en=text.get("fail_en", ""),
                excellent_only=bool(raw.get("excellent_only")),
            )
        )
    return out


def _from_checklist(code: str, item: EvidenceItem) -> list[Criterion]:
    notes = _seed_data()["checklists"].get(f"{code}/{item.key}", {})
    excellent = list(item.excellent_criteria or ())
    passing = list(item.pass_criteria or notes.get("pass_zh") or ())
    titles = notes.get("titles", [])
    excellent_en = notes.get("excellent_en", [])
    pass_en = notes.get("pass_en", [])
    out = []
    for n, line in enumerate(excellent):
        title_zh, title_en = titles[n] if n < len(titles) else (line.split("，")[0], "")
        only = n >= len(passing)
        out.append(
            Criterion(
                key="",
                item_key=item.key,
                title_zh=title_zh,
                title_en=title_en,
                excellent_zh=line,
                excellent_en=_at(excellent_en, n),
                pass_zh="合格不要求此项" if only else passing[n],
                pass_en="Not required for a pass" if only else _at(pass_en, n),
                fail_zh=None if only else f"不符合任务要求或未达到合格要求（{passing[n]}）",
                fail_en="" if only else f"Misses the task or the pass criterion ({_at(pass_en, n) or passing[n]})",
                excellent_only=only,
            )
        )
    return out


def _at(values: list[str], n: int) -> str:
    return values[n] if n < len(values) else ""

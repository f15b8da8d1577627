"""A point's rubric: ordered criteria, each with its 优秀 / 合格 / 不合格 description.

The 考核规范 grades each core evidence item by checklists (CATALOG.md §1); a criterion here is
one line of such a checklist with what 优秀, 合格 and 不合格 look like for it. A criterion
belongs to an evidence item (``item_key``) or, where the catalogue does not know the point's
item list, to the whole point (``None``). An 优秀-only criterion (the spec's “富有创新性，有学习
与借鉴价值”) cannot fail an item: missing it only keeps the item from 优秀.

Rubrics are data a school admin edits, so they travel as plain dicts and are validated on the
way in with every problem reported at once (``validate_criteria``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from domain import rubric_reasons as rb
from domain.grading import Level
from domain.reasons import Reason

TEXT_FIELDS = ("title_zh", "excellent_zh", "pass_zh", "fail_zh")
GLOSS_FIELDS = ("title_en", "excellent_en", "pass_en", "fail_en")


@dataclass(frozen=True)
class Criterion:
    key: str
    item_key: str | None  # None: the whole point (its evidence items are not known)
    title_zh: str
    excellent_zh: str
    pass_zh: str
    fail_zh: str | None  # None only for an 优秀-only criterion
    title_en: str = ""
    excellent_en: str = ""
    pass_en: str = ""
    fail_en: str = ""
    excellent_only: bool = False

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels a grader may give: an 优秀-only criterion is 优秀 or 合格, never 不合格."""
        if self.excellent_only:
            return (Level.EXCELLENT, Level.PASS)
        return (Level.EXCELLENT, Level.PASS, Level.FAIL)


@dataclass(frozen=True)
class Rubric:
    """The criteria of one point at one version (0: the seed, never edited by the school)."""

    capability_code: str
    version: int
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)

    @property
    def groups(self) -> tuple[str | None, ...]:
        """The evidence items the criteria belong to, in the order they first appear."""
        return tuple(dict.fromkeys(c.item_key for c in self.criteria))


def criteria_to_dicts(criteria: tuple[Criterion, ...]) -> list[dict[str, Any]]:
    return [asdict(c) for c in criteria]


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The stored and shown form; a grade keeps this snapshot of the rubric it was given under."""
    return {
        "capability_code": rubric.capability_code,
        "version": rubric.version,
        "criteria": criteria_to_dicts(rubric.criteria),
    }


def rubric_from_dict(data: dict[str, Any]) -> Rubric:
    return Rubric(data["capability_code"], int(data["version"]), criteria_from_dicts(data["criteria"]))


def criteria_from_dicts(raw: list[dict[str, Any]]) -> tuple[Criterion, ...]:
    """Build criteria from validated dicts (``validate_criteria`` found nothing)."""

    def text(c: dict[str, Any], name: str) -> str:
        return (c.get(name) or "").strip()

    return tuple(
        Criterion(
            key=text(c, "key"),
            item_key=text(c, "item_key") or None,
            title_zh=text(c, "title_zh"),
            excellent_zh=text(c, "excellent_zh"),
            pass_zh=text(c, "pass_zh"),
            fail_zh=None if c.get("excellent_only") else text(c, "fail_zh"),
            title_en=text(c, "title_en"),
            excellent_en=text(c, "excellent_en"),
            pass_en=text(c, "pass_en"),
            fail_en="" if c.get("excellent_only") else text(c, "fail_en"),
            excellent_only=bool(c.get("excellent_only")),
        )
        for c in raw
    )


def validate_criteria(
    raw: Any, *, item_keys: tuple[str, ...], items_complete: bool, max_criteria: int, max_text: int
) -> tuple[Reason, ...]:
    """Every reason why ``raw`` is not a usable list of criteria; empty when it is.

    ``item_keys``: the evidence items the catalogue knows for the point; a criterion names one
    of them or none (the whole point). Where the list is complete every item needs a criterion,
    or the item could never be graded.
    """
    if not isinstance(raw, list):
        return (rb.RUBRIC_NOT_A_LIST,)
    found: list[Reason] = []
    if not raw:
        found.append(rb.RUBRIC_EMPTY)
    if len(raw) > max_criteria:
        found.append(rb.RUBRIC_TOO_MANY.format(count=len(raw), limit=max_criteria))
    seen: set[str] = set()
    for n, c in enumerate(raw, start=1):
        if not isinstance(c, dict):
            found.append(rb.RUBRIC_NOT_AN_OBJECT.format(n=n))
            continue
        key = c.get("key").strip() if isinstance(c.get("key"), str) else ""
        if not key:
            found.append(rb.RUBRIC_MISSING_TEXT.format(n=n, **rb.field_names("key")))
        elif key in seen:
            found.append(rb.RUBRIC_DUPLICATE_KEY.format(n=n, key=key))
        seen.add(key)
        excellent_only = c.get("excellent_only", False)
        if not isinstance(excellent_only, bool):
            found.append(rb.RUBRIC_BAD_FIELD.format(n=n, **rb.field_names("excellent_only")))
        required = [f for f in TEXT_FIELDS if not (f == "fail_zh" and excellent_only is True)]
        for field in (*TEXT_FIELDS, *GLOSS_FIELDS, "key", "item_key"):
            value = c.get(field)
            if value is not None and not isinstance(value, str):
                found.append(rb.RUBRIC_BAD_FIELD.format(n=n, **rb.field_names(field)))
            elif isinstance(value, str) and len(value.strip()) > max_text:
                length = len(value.strip())
                names = rb.field_names(field)
                found.append(rb.RUBRIC_TEXT_TOO_LONG.format(n=n, **names, length=length, limit=max_text))
            elif field in required and not (value or "").strip():
                found.append(rb.RUBRIC_MISSING_TEXT.format(n=n, **rb.field_names(field)))
        item = c.get("item_key").strip() if isinstance(c.get("item_key"), str) else ""
        if item and item not in item_keys:
            found.append(rb.RUBRIC_UNKNOWN_ITEM.format(n=n, item=item, items="、".join(item_keys) or "—"))
    if items_complete:
        named = {c.get("item_key").strip() for c in raw if isinstance(c, dict) and isinstance(c.get("item_key"), str)}
        found.extend(rb.RUBRIC_ITEM_UNCOVERED.format(item=k) for k in item_keys if k not in named)
    return tuple(found)


def with_keys(raw: Any) -> Any:
    """Give criteria an editor added without a key the next free ``c<n>``; others stay as sent.

    Keys only tie a grade's levels to criteria within one version, so a new one just has to be
    unused; the editor need not invent them.
    """
    if not isinstance(raw, list):
        return raw
    taken = {c["key"].strip() for c in raw if isinstance(c, dict) and isinstance(c.get("key"), str)}
    numbers = [int(k[1:]) for k in taken if k[:1] == "c" and k[1:].isdigit()]
    n = max(numbers, default=0)
    out = []
    for c in raw:
        if isinstance(c, dict) and not (isinstance(c.get("key"), str) and c["key"].strip()):
            n += 1
            c = {**c, "key": f"c{n}"}
        out.append(c)
    return out

"""Grading a point's evidence the way the national spec does, plus a school's numeric score.

《校本应用考核规范》 使用说明 (../shared/domain/CATALOG.md §1): each core evidence item is
优秀 / 合格 / 不合格 by checklists, a work must meet *all* criteria of a level to get it; the
point is 优秀 only if every item is 优秀 and 不合格 if any item is below 合格 (else 合格).
Seed 004 §五.5 adds numbers where a school uses them: “考核要在60分以上即合格” (50岁以上),
“60-80分” (50-40岁), “80分以上” (40岁以下). No seed states an 优秀 score; the line is a setting.
A verdict that contradicts the score's band is a violation, never silently overridden.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from domain import review_reasons as rr
from domain.catalogue import CapabilityPoint, EvidenceItem
from domain.reasons import Reason


class Level(str, Enum):
    EXCELLENT = "excellent"  # 优秀
    PASS = "pass"  # 合格
    FAIL = "fail"  # 不合格

    @property
    def zh(self) -> str:
        return {"excellent": "优秀", "pass": "合格", "fail": "不合格"}[self.value]


@dataclass(frozen=True)
class ItemGrade:
    """A grader's verdict on one evidence item: a level, ticked criteria, or both."""

    item_key: str
    level: Level | None = None
    met_criteria: frozenset[str] | None = None


@dataclass(frozen=True)
class PointGrade:
    level: Level | None  # None while violations prevent a verdict
    item_levels: tuple[tuple[str, Level], ...]
    score_level: Level | None
    violations: tuple[Reason, ...]


def combine_item_levels(levels: Iterable[Level]) -> Level:
    """优秀 only if every item is 优秀; 不合格 if any item is 不合格; otherwise 合格."""
    levels = list(levels)
    if not levels:
        raise ValueError("a point needs at least one graded item")
    if any(level is Level.FAIL for level in levels):
        return Level.FAIL
    if all(level is Level.EXCELLENT for level in levels):
        return Level.EXCELLENT
    return Level.PASS


def consistent_levels(item: EvidenceItem, met: frozenset[str]) -> frozenset[Level]:
    """The levels the ticked criteria allow; one level when the known checklists decide it."""
    if item.excellent_criteria is not None and set(item.excellent_criteria) <= met:
        return frozenset({Level.EXCELLENT})
    if item.pass_criteria is not None and not set(item.pass_criteria) <= met:
        return frozenset({Level.FAIL})
    levels = set(Level)
    if item.pass_criteria is not None:
        levels.discard(Level.FAIL)  # every 合格 criterion is met
    if item.excellent_criteria is not None:
        levels.discard(Level.EXCELLENT)  # some 优秀 criterion is not met
    return frozenset(levels)


def checklist_level(item: EvidenceItem, met: frozenset[str]) -> Level | None:
    """The level the ticked criteria prove, or ``None`` when the known checklists cannot tell."""
    levels = consistent_levels(item, met)
    return next(iter(levels)) if len(levels) == 1 else None


def score_level(score: float, *, pass_line: float, excellent_line: float) -> Level:
    """Seed 004 “60分以上即合格”: a score equal to a line reaches it (以上 includes the number)."""
    if score >= excellent_line:
        return Level.EXCELLENT
    return Level.PASS if score >= pass_line else Level.FAIL


def check_score_lines(*, pass_lines: Iterable[float], excellent_line: float, max_score: float) -> None:
    """Refuse a configuration where a band could never be 合格 or no score could be 优秀."""
    for line in pass_lines:
        if not 0 <= line < excellent_line <= max_score:
            raise ValueError(f"need 0 <= pass line ({line}) < excellent line ({excellent_line}) <= max ({max_score})")


def grade_point(
    point: CapabilityPoint,
    grades: Sequence[ItemGrade],
    *,
    score: float | None = None,
    pass_line: float | None = None,
    excellent_line: float,
    max_score: float,
) -> PointGrade:
    """Grade ``point`` from its item grades (and the school's score, if it uses one)."""
    found: list[Reason] = []
    if not point.items_complete:
        found.append(rr.GRADING_EVIDENCE_INCOMPLETE.format(point=point.code))
    item_levels: dict[str, Level] = {}
    seen: set[str] = set()
    for grade in grades:
        item = point.item(grade.item_key)
        if item is None:
            found.append(rr.GRADING_UNKNOWN_ITEM.format(point=point.code, item=grade.item_key))
        elif grade.item_key in seen:
            found.append(rr.GRADING_DUPLICATE_ITEM.format(item=grade.item_key))
        else:
            seen.add(grade.item_key)
            level, problems = _grade_item(item, grade)
            found.extend(problems)
            if level is not None:
                item_levels[grade.item_key] = level
    ungraded = [i.key for i in point.items if i.key not in seen]
    if ungraded:
        found.append(rr.GRADING_ITEM_NOT_GRADED.format(items="、".join(ungraded)))
    level = combine_item_levels(item_levels.values()) if item_levels else None
    by_score = None
    if score is not None and pass_line is not None:
        if not 0 <= score <= max_score:
            found.append(rr.GRADING_SCORE_OUT_OF_RANGE.format(score=score, max=max_score))
        else:
            by_score = score_level(score, pass_line=pass_line, excellent_line=excellent_line)
            if level is not None and level is not by_score:
                found.append(
                    rr.GRADING_VERDICT_CONTRADICTS_SCORE.format(
                        level_zh=level.zh,
                        level_en=level.value,
                        score=score,
                        score_zh=by_score.zh,
                        score_en=by_score.value,
                        pass_line=pass_line,
                        excellent_line=excellent_line,
                    )
                )
    elif score is not None:
        raise ValueError("a score needs the teacher's pass line (pass_line_for the age band)")
    return PointGrade(
        level=None if found else level,
        item_levels=tuple(item_levels.items()),
        score_level=by_score,
        violations=tuple(found),
    )


def _grade_item(item: EvidenceItem, grade: ItemGrade) -> tuple[Level | None, list[Reason]]:
    """The item's level and what is wrong with its grade (the spec: all criteria of a level)."""
    if grade.met_criteria is None:
        if grade.level is None:
            return None, [rr.GRADING_ITEM_LEVEL_MISSING.format(item=item.key)]
        return grade.level, []
    known = set(item.excellent_criteria or ()) | set(item.pass_criteria or ())
    unknown = sorted(grade.met_criteria - known)
    if unknown:
        return grade.level, [rr.GRADING_UNKNOWN_CRITERION.format(item=item.key, criteria="；".join(unknown))]
    allowed = consistent_levels(item, grade.met_criteria)
    level = grade.level or (next(iter(allowed)) if len(allowed) == 1 else None)
    if level is None:
        return None, [rr.GRADING_ITEM_LEVEL_MISSING.format(item=item.key)]
    if level not in allowed:
        ordered = [lv for lv in Level if lv in allowed]
        reason = rr.GRADING_LEVEL_CONTRADICTS_CHECKLIST.format(
            item=item.key,
            level_zh=level.zh,
            level_en=level.value,
            checklist_zh="或".join(lv.zh for lv in ordered),
            checklist_en=" or ".join(lv.value for lv in ordered),
        )
        return level, [reason]
    return level, []

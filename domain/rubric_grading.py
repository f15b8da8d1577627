"""Grading a point criterion by criterion, the verdict that follows, and why.

The 考核规范 (CATALOG.md §1): an evidence item gets a level only if it meets *all* criteria of
that level, so an item is the combination of its criteria; the point is 优秀 only if every item
is 优秀 and 不合格 if any item is below 合格, else 合格 (``grading.combine_item_levels`` for
both steps). Criteria of the whole point (items unknown) are combined as one item. Where the
school also scores in numbers, the score must fall in the verdict's band by the teacher's
age-band pass line (seed 004 §五.5, ``grading.score_level``). Nothing is overridden: a verdict
that disagrees is a violation naming why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from domain import review_reasons as rr
from domain import rubric_reasons as rb
from domain.grading import Level, combine_item_levels, score_level
from domain.reasons import Reason
from domain.rubrics import Rubric


@dataclass(frozen=True)
class RubricGrade:
    """What the criterion levels give: per item, for the point, and what is wrong with them."""

    item_levels: tuple[tuple[str | None, Level], ...]
    level: Level | None  # None while a criterion is ungraded or misgraded
    problems: tuple[Reason, ...]


@dataclass(frozen=True)
class Lines:
    """The pass line in force for the teacher: their age band and the settings' lines."""

    band_zh: str
    band_en: str
    pass_line: float
    excellent_line: float
    max_score: float


def grade_criteria(rubric: Rubric, levels: Mapping[str, Level]) -> RubricGrade:
    """Combine criterion levels into item levels and the point's level (the spec's rule)."""
    problems: list[Reason] = []
    unknown = [k for k in levels if rubric.criterion(k) is None]
    problems.extend(rb.GRADING_UNKNOWN_CRITERION_KEY.format(key=k, version=rubric.version) for k in unknown)
    missing = [c for c in rubric.criteria if c.key not in levels]
    if missing:
        problems.append(rb.GRADING_CRITERION_NOT_GRADED.format(criteria="；".join(c.title_zh for c in missing)))
    for c in rubric.criteria:
        if c.key in levels and levels[c.key] not in c.levels:
            problems.append(rb.GRADING_EXCELLENT_ONLY_FAILED.format(title=c.title_zh))
    if problems:
        return RubricGrade((), None, tuple(problems))
    item_levels = tuple(
        (item, combine_item_levels(levels[c.key] for c in rubric.criteria if c.item_key == item))
        for item in rubric.groups
    )
    return RubricGrade(item_levels, combine_item_levels(lv for _, lv in item_levels), ())


def check_verdict(
    rubric: Rubric, levels: Mapping[str, Level], verdict: Level, *, score: float | None, lines: Lines
) -> tuple[RubricGrade, tuple[Reason, ...]]:
    """The derived grade and every reason the leader's verdict (and score) cannot stand."""
    grade = grade_criteria(rubric, levels)
    found = list(grade.problems)
    if grade.level is not None and grade.level is not verdict:
        why = explain(rubric, levels, grade)[-1]
        found.append(
            rb.GRADING_VERDICT_CONTRADICTS_CRITERIA.format(
                verdict_zh=verdict.zh,
                verdict_en=verdict.value,
                level_zh=grade.level.zh,
                level_en=grade.level.value,
                why_zh=why.zh,
                why_en=why.en,
            )
        )
    if score is not None:
        if not 0 <= score <= lines.max_score:
            found.append(rr.GRADING_SCORE_OUT_OF_RANGE.format(score=score, max=lines.max_score))
        else:
            by_score = score_level(score, pass_line=lines.pass_line, excellent_line=lines.excellent_line)
            if by_score is not verdict:
                found.append(
                    rr.GRADING_VERDICT_CONTRADICTS_SCORE.format(
                        level_zh=verdict.zh,
                        level_en=verdict.value,
                        score=score,
                        score_zh=by_score.zh,
                        score_en=by_score.value,
                        pass_line=lines.pass_line,
                        excellent_line=lines.excellent_line,
                    )
                )
    return grade, tuple(found)


def explain(rubric: Rubric, levels: Mapping[str, Level], grade: RubricGrade) -> tuple[Reason, ...]:
    """Why the criteria give the point's level: one line per item (when there are several), then
    the point, e.g. “能力点：4 项标准中 3 项优秀、1 项合格 → 合格：优秀需每项均为优秀”."""
    if grade.level is None:
        return ()
    out: list[Reason] = []
    if len(grade.item_levels) > 1:
        for item, level in grade.item_levels:
            own = [levels[c.key] for c in rubric.criteria if c.item_key == item]
            label_zh, label_en = (item, item) if item else (rb.WHOLE_POINT.zh, rb.WHOLE_POINT.en)
            zh, en = _counts(own)
            out.append(
                rb.EXPLAIN_GROUP.format(
                    label_zh=label_zh,
                    label_en=label_en,
                    total=len(own),
                    counts_zh=zh,
                    counts_en=en,
                    level_zh=level.zh,
                    level_en=level.value,
                )
            )
        parts, template = [lv for _, lv in grade.item_levels], rb.EXPLAIN_POINT_ITEMS
    else:
        parts, template = [levels[c.key] for c in rubric.criteria], rb.EXPLAIN_POINT_CRITERIA
    rule = {Level.EXCELLENT: rb.RULE_EXCELLENT, Level.PASS: rb.RULE_PASS, Level.FAIL: rb.RULE_FAIL}[grade.level]
    zh, en = _counts(parts)
    out.append(
        template.format(
            total=len(parts),
            counts_zh=zh,
            counts_en=en,
            level_zh=grade.level.zh,
            level_en=grade.level.value,
            rule_zh=rule.zh,
            rule_en=rule.en,
        )
    )
    return tuple(out)


def explain_lines(lines: Lines, score: float | None) -> tuple[Reason, ...]:
    """The teacher's pass line (and where a given score falls), shown beside the derived verdict."""
    out = [
        rb.EXPLAIN_PASS_LINE.format(
            band_zh=lines.band_zh,
            band_en=lines.band_en,
            pass_line=_num(lines.pass_line),
            excellent_line=_num(lines.excellent_line),
        )
    ]
    if score is not None and 0 <= score <= lines.max_score:
        level = score_level(score, pass_line=lines.pass_line, excellent_line=lines.excellent_line)
        out.append(rb.EXPLAIN_SCORE.format(score=_num(score), level_zh=level.zh, level_en=level.value))
    return tuple(out)


def _counts(levels: list[Level]) -> tuple[str, str]:
    """“3 项优秀、1 项合格” / “3 excellent, 1 pass”, best level first."""
    counted = Counter(levels)
    present = [lv for lv in Level if counted[lv]]
    zh = "、".join(f"{counted[lv]} 项{lv.zh}" for lv in present)
    en = ", ".join(f"{counted[lv]} {lv.value}" for lv in present)
    return zh, en


def _num(value: float) -> str:
    return f"{value:g}"

"""Reasons of rubrics: editing one, grading criterion by criterion, and the verdict's explanation."""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Editing (school admin)
RUBRIC_INVALID = _r(
    "rubric.invalid",
    "评价标准未保存，有 {count} 处问题。",
    "The rubric was not saved: {count} problem(s).",
)
RUBRIC_NOT_A_LIST = _r("rubric.not_a_list", "评价标准应为标准条目的列表。", "The criteria must be a list.")
RUBRIC_EMPTY = _r("rubric.empty", "评价标准至少要有 1 条。", "A rubric needs at least 1 criterion.")
RUBRIC_TOO_MANY = _r(
    "rubric.too_many",
    "评价标准有 {count} 条，上限为 {limit} 条。",
    "The rubric has {count} criteria; the limit is {limit}.",
)
RUBRIC_NOT_AN_OBJECT = _r("rubric.not_an_object", "第 {n} 条标准格式错误。", "Criterion {n} is malformed.")
RUBRIC_MISSING_TEXT = _r(
    "rubric.missing_text",
    "第 {n} 条标准缺少{field_zh}（标题及优秀、合格、不合格的描述必填；仅优秀项无需不合格描述）。",
    "Criterion {n} lacks its {field_en} (the title and the 优秀, 合格 and 不合格 descriptions are required; "
    "an excellent-only criterion has no 不合格 description).",
)
RUBRIC_BAD_FIELD = _r(
    "rubric.bad_field", "第 {n} 条标准的{field_zh}格式错误。", "Criterion {n}: its {field_en} is malformed."
)
RUBRIC_TEXT_TOO_LONG = _r(
    "rubric.text_too_long",
    "第 {n} 条标准的{field_zh}有 {length} 个字，上限为 {limit} 个字。",
    "Criterion {n}: its {field_en} has {length} characters; the limit is {limit}.",
)
RUBRIC_DUPLICATE_KEY = _r(
    "rubric.duplicate_key",
    "第 {n} 条标准的编号 {key} 与前面的重复。",
    "Criterion {n} repeats the key {key}.",
)
RUBRIC_UNKNOWN_ITEM = _r(
    "rubric.unknown_item",
    "第 {n} 条标准所属的证据“{item}”不在该能力点的证据清单中（{items}）。",
    "Criterion {n} names the evidence item “{item}”, which the point does not have ({items}).",
)
RUBRIC_ITEM_UNCOVERED = _r(
    "rubric.item_uncovered",
    "证据“{item}”没有任何评价标准，无法评分。",
    "The evidence item “{item}” has no criterion, so it could not be graded.",
)
RUBRIC_POINT_NOT_OFFERED = _r(
    "rubric.point_not_offered",
    "本校未开设能力点 {code}，不能编辑其评价标准。",
    "The school does not offer point {code}, so its rubric cannot be edited.",
)
RUBRIC_VERSION_NOT_FOUND = _r(
    "rubric.version_not_found",
    "能力点 {code} 没有第 {version} 版评价标准。",
    "Point {code} has no rubric version {version}.",
)
RUBRIC_STALE_BASE = _r(
    "rubric.stale_base",
    "评价标准已被他人更新为第 {current} 版（您编辑的是第 {given} 版），请刷新后再修改。",
    "The rubric was updated to version {current} meanwhile (you edited version {given}); reload and edit again.",
)

# How the editor names a criterion's fields in the reasons above.
FIELD_NAMES = {
    "key": ("编号", "key"),
    "item_key": ("所属证据", "evidence item"),
    "excellent_only": ("“仅用于评优秀”标记", "excellent-only flag"),
    "title_zh": ("标题", "title"),
    "excellent_zh": ("优秀描述", "excellent description"),
    "pass_zh": ("合格描述", "pass description"),
    "fail_zh": ("不合格描述", "fail description"),
    "title_en": ("英文标题", "English title"),
    "excellent_en": ("优秀描述（英文）", "English excellent description"),
    "pass_en": ("合格描述（英文）", "English pass description"),
    "fail_en": ("不合格描述（英文）", "English fail description"),
}


def field_names(field: str) -> dict[str, str]:
    """``field_zh`` / ``field_en`` for ``Reason.format``."""
    zh, en = FIELD_NAMES[field]
    return {"field_zh": zh, "field_en": en}


# Grading criterion by criterion (group leader)
GRADING_RUBRIC_CHANGED = _r(
    "grading.rubric_changed",
    "评价标准已更新为第 {current} 版（您打开的是第 {given} 版），请刷新后按新标准评分。",
    "The rubric is now version {current} (you opened version {given}); reload and grade by the new one.",
)
GRADING_CRITERION_NOT_GRADED = _r(
    "grading.criterion_not_graded",
    "以下标准尚未评定等级：{criteria}。每条标准都须评为优秀、合格或不合格。",
    "These criteria have no level yet: {criteria}. Every criterion needs 优秀, 合格 or 不合格.",
)
GRADING_UNKNOWN_CRITERION_KEY = _r(
    "grading.unknown_criterion_key",
    "评价标准（第 {version} 版）中没有编号为 {key} 的标准。",
    "The rubric (version {version}) has no criterion {key}.",
)
GRADING_EXCELLENT_ONLY_FAILED = _r(
    "grading.excellent_only_failed",
    "“{title}”是仅用于评优秀的标准，只能评为优秀或合格。",
    "“{title}” only decides 优秀 (excellent): it is excellent or pass, never fail.",
)
GRADING_VERDICT_CONTRADICTS_CRITERIA = _r(
    "grading.verdict_contradicts_criteria",
    "结论“{verdict_zh}”与各项标准推出的“{level_zh}”不一致：{why_zh}",
    "The verdict {verdict_en} contradicts the {level_en} the criteria give: {why_en}",
)

# The derived verdict, explained (shown to the leader and kept with the grade)
EXPLAIN_GROUP = _r(
    "rubric.explain.group",
    "{label_zh}：{total} 项标准中 {counts_zh} → {level_zh}",
    "{label_en}: of {total} criteria {counts_en} → {level_en}",
)
EXPLAIN_POINT_ITEMS = _r(
    "rubric.explain.point",
    "能力点：{total} 项证据中 {counts_zh} → {level_zh}：{rule_zh}",
    "Point: of {total} evidence items {counts_en} → {level_en}: {rule_en}",
)
EXPLAIN_POINT_CRITERIA = _r(
    "rubric.explain.point_criteria",
    "能力点：{total} 项标准中 {counts_zh} → {level_zh}：{rule_zh}",
    "Point: of {total} criteria {counts_en} → {level_en}: {rule_en}",
)
RULE_EXCELLENT = _r("rubric.rule.excellent", "每项均为优秀", "every one is excellent")
RULE_PASS = _r("rubric.rule.pass", "优秀需每项均为优秀", "excellent needs every one excellent")
RULE_FAIL = _r("rubric.rule.fail", "任何一项不合格即为不合格", "any one failing fails the point")
EXPLAIN_PASS_LINE = _r(
    "rubric.explain.pass_line",
    "教师年龄段 {band_zh}：合格线 {pass_line} 分，优秀线 {excellent_line} 分（如打分，分数须与结论一致）",
    "The teacher is {band_en}: pass line {pass_line}, excellent line {excellent_line} "
    "(a score, if given, must agree with the verdict)",
)
EXPLAIN_SCORE = _r(
    "rubric.explain.score",
    "分数 {score} → {level_zh}",
    "Score {score} → {level_en}",
)
WHOLE_POINT = _r("rubric.whole_point", "整体", "Whole point")

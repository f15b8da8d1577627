"""Why a teacher's 学时 are held or short, and why an imported row of online hours was refused (zh + en).

The ledger's reasons are explanations shown beside the hours (the teacher's card, the school's
dashboard, ``GET /api/teachers/{id}/hours`` → ``held``); the import's are per-row refusals.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Held practice hours (seed 001: “线下实践应用成果提交与学习点评都完成后方可获取线下实践应用学时”)
HELD_PEER_REVIEWS = _r(
    "hours.held_peer_reviews",
    "线下实践应用{hours_zh}学时暂不计入：还有 {pending} 个系统推送的同伴视频未完成观看与点评。",
    "{held_en} held: {pending} pushed peer video(s) still need watching and a comment.",
)
HELD_WORK_NOT_SUBMITTED = _r(
    "hours.held_work_not_submitted",
    "线下实践应用{hours_zh}学时暂不计入：能力点实践成果尚未全部提交。",
    "{held_en} held: the work for the chosen points is not all handed in yet.",
)

# What is still short (the school's dashboard: who is behind, and on what)
SHORT_ONLINE = _r(
    "hours.short_online",
    "线上学习 {have}/{need} 学时，还差 {missing} 学时。",
    "Online learning {have}/{need} hours, {missing} short.",
)
SHORT_PRACTICE = _r(
    "hours.short_practice",
    "线下实践应用 {have}/{need} 学时，还差 {missing} 学时。",
    "Practice {have}/{need} hours, {missing} short.",
)
SHORT_ASSESSMENT = _r(
    "hours.short_assessment",
    "校本应用考核 {have}/{need} 学时：能力点考核通过后计入。",
    "School-based assessment {have}/{need} hours: counted once the points pass.",
)
POINTS_NOT_PASSED = _r(
    "hours.points_not_passed",
    "能力点考核尚未通过（总体结果：{result}）。",
    "The capability points have not passed yet (overall result: {result_en}).",
)

# The roster's optional cohort column (seed 002's 2020/2021/2022 cohorts)
ROSTER_BAD_COHORT_YEAR = _r(
    "roster.bad_cohort_year",
    "第 {row} 行批次年度“{value}”无效（应为四位年份，如 2021）。",
    "Row {row}: the cohort year '{value}' is invalid (use a four-digit year such as 2021).",
)

# The online-hours import: the whole file
IMPORT_EMPTY = _r("hours.import_empty", "文件为空。", "The file is empty.")
IMPORT_TOO_LARGE = _r(
    "hours.import_too_large",
    "文件过大：上限为 {limit} 字节。",
    "The file is too large: the limit is {limit} bytes.",
)
IMPORT_UNREADABLE = _r(
    "hours.import_unreadable",
    "无法读取文件：请上传 XLSX 或 CSV（UTF-8 或 GB18030 编码）。",
    "The file cannot be read: upload XLSX or CSV (UTF-8 or GB18030).",
)
IMPORT_COLUMNS = _r(
    "hours.import_columns",
    "缺少必需的列：{missing}。需要的列：工号、课程名称、学时（可选：类型、姓名）。",
    "Required columns are missing: {missing}. Needed: 工号 (staff ID), 课程名称 (course), 学时 (hours);"
    " optional: 类型 (kind), 姓名 (name).",
)
IMPORT_TOO_MANY_ROWS = _r(
    "hours.import_too_many_rows",
    "行数过多：{rows} 行，上限为 {limit} 行。",
    "Too many rows: {rows}, the limit is {limit}.",
)

# The online-hours import: one row
ROW_NO_STAFF_ID = _r("hours.row_no_staff_id", "第 {row} 行：工号为空。", "Row {row}: the staff ID is empty.")
ROW_UNKNOWN_STAFF_ID = _r(
    "hours.row_unknown_staff_id",
    "第 {row} 行：本校没有工号为 {staff_id} 的教师。",
    "Row {row}: no teacher of this school has staff ID {staff_id}.",
)
ROW_NO_COURSE = _r("hours.row_no_course", "第 {row} 行：课程名称为空。", "Row {row}: the course name is empty.")
ROW_COURSE_TOO_LONG = _r(
    "hours.row_course_too_long",
    "第 {row} 行：课程名称超过 {limit} 个字符。",
    "Row {row}: the course name is longer than {limit} characters.",
)
ROW_BAD_HOURS = _r(
    "hours.row_bad_hours",
    "第 {row} 行：学时“{value}”不是数字。",
    "Row {row}: the hours “{value}” are not a number.",
)
ROW_NEGATIVE_HOURS = _r(
    "hours.row_negative_hours",
    "第 {row} 行：学时不能为负数（{value}）。",
    "Row {row}: hours cannot be negative ({value}).",
)
ROW_ABSURD_HOURS = _r(
    "hours.row_absurd_hours",
    "第 {row} 行：学时 {value} 超过单门课程上限 {limit}，请核对。",
    "Row {row}: {value} hours exceed the per-course limit of {limit}; check the file.",
)
ROW_BAD_KIND = _r(
    "hours.row_bad_kind",
    "第 {row} 行：类型“{value}”无法识别（可填：网络研修/线上课程，或 在线教学）。",
    "Row {row}: the kind “{value}” is unknown (use 网络研修/online, or 在线教学/online_teaching).",
)
ROW_DUPLICATE = _r(
    "hours.row_duplicate",
    "第 {row} 行：与第 {first} 行重复（同一工号、课程和类型），已忽略。",
    "Row {row}: repeats row {first} (same staff ID, course and kind); ignored.",
)
ROW_NAME_MISMATCH = _r(
    "hours.row_name_mismatch",
    "第 {row} 行：工号 {staff_id} 在本校是 {name}，文件中为 {given}。",
    "Row {row}: staff ID {staff_id} is {name} in this school, but the file says {given}.",
)

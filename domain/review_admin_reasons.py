"""Reason codes of the programme's administration: roster import, catalogue and setup editing.

Kept apart from ``domain/review_reasons.py`` (the review rules' own vocabulary). A roster
row error carries its row number and column beside the reason, and the messages repeat
them so a list of errors reads well on its own. A lost race (two admins saving at once, an
import meeting a concurrent edit) is ``review_api_reasons.CONCURRENT_CHANGE``, as everywhere.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# The roster file as a whole
ROSTER_EMPTY = _r("roster.empty", "名册文件为空。", "The roster file is empty.")
ROSTER_TOO_LARGE = _r(
    "roster.too_large",
    "名册文件过大：上限为 {limit} 字节。",
    "The roster file is too large: the limit is {limit} bytes.",
)
ROSTER_TOO_MANY_ROWS = _r(
    "roster.too_many_rows",
    "名册超过 {limit} 行，请分批导入。",
    "The roster has more than {limit} rows; import it in batches.",
)
ROSTER_UNREADABLE = _r(
    "roster.unreadable",
    "无法读取名册文件：内容不是有效的 {format} 文件。",
    "The roster file cannot be read: its content is not a valid {format} file.",
)
ROSTER_INVALID = _r(
    "roster.invalid",
    "名册中有 {count} 处错误，未导入任何数据，请修改后重新导入。",
    "The roster has {count} errors; nothing was imported. Fix them and import again.",
)
ROSTER_NO_ROWS = _r("roster.no_rows", "名册中没有数据行。", "The roster has no data rows.")
ROSTER_MISSING_COLUMN = _r(
    "roster.missing_column",
    "名册缺少必需的列“{column}”。",
    "The roster lacks the required column '{column}'.",
)
ROSTER_DUPLICATE_COLUMN = _r(
    "roster.duplicate_column",
    "列“{column}”出现了不止一次。",
    "The column '{column}' appears more than once.",
)

# One row
ROSTER_MISSING_VALUE = _r("roster.missing_value", "第 {row} 行缺少“{column}”。", "Row {row}: '{column}' is missing.")
ROSTER_TOO_LONG = _r(
    "roster.too_long",
    "第 {row} 行“{column}”过长（最多 {limit} 个字符）。",
    "Row {row}: '{column}' is too long (at most {limit} characters).",
)
ROSTER_BAD_STAFF_ID = _r(
    "roster.bad_staff_id",
    "第 {row} 行工号“{value}”无效：工号用于登录账号，不能含空格。",
    "Row {row}: the staff id '{value}' is invalid: it makes the sign-in name, so it cannot contain spaces.",
)
ROSTER_BAD_BIRTH_YEAR = _r(
    "roster.bad_birth_year",
    "第 {row} 行出生年份“{value}”无效（应为 {min}–{max} 之间的四位年份）。",
    "Row {row}: the birth year '{value}' is invalid (use a four-digit year from {min} to {max}).",
)
ROSTER_UNKNOWN_ROLE = _r(
    "roster.unknown_role",
    "第 {row} 行角色“{value}”无效（应为“教师”或“教研组长”）。",
    "Row {row}: unknown role '{value}' (use teacher or group_leader).",
)
ROSTER_BAD_FLAG = _r(
    "roster.bad_flag",
    "第 {row} 行“{column}”的取值“{value}”无效（应为“是”或“否”）。",
    "Row {row}: '{column}' has the invalid value '{value}' (use yes or no).",
)
ROSTER_BAD_PHOTO_NAME = _r(
    "roster.bad_photo_name",
    "第 {row} 行参考照片文件名“{value}”无效（应为不含路径的 .jpg、.jpeg 或 .png 文件名）。",
    "Row {row}: the reference photo name '{value}' is invalid (use a bare .jpg, .jpeg or .png file name).",
)
ROSTER_DUPLICATE_STAFF_ID = _r(
    "roster.duplicate_staff_id",
    "第 {row} 行工号 {staff_id} 与第 {first_row} 行重复。",
    "Row {row}: the staff id {staff_id} repeats row {first_row}.",
)
ROSTER_GROUP_SUBJECT_MISMATCH = _r(
    "roster.group_subject_mismatch",
    "第 {row} 行：教研组“{group}”的学科是“{existing}”，本行为“{value}”。",
    "Row {row}: the group '{group}' teaches '{existing}', but this row says '{value}'.",
)
ROSTER_OTHER_SCHOOL = _r(
    "roster.other_school",
    "第 {row} 行属于其他学校（{school}）；学校管理员只能导入本校名册。",
    "Row {row} belongs to another school ({school}); a school administrator imports only their own school.",
)
ROSTER_UNKNOWN_SCHOOL = _r(
    "roster.unknown_school",
    "第 {row} 行：学校编码 {code} 不存在；新建学校须填写学校名称。",
    "Row {row}: there is no school with code {code}; a new school needs its name.",
)
ROSTER_SCHOOL_CONFLICT = _r(
    "roster.school_conflict",
    "第 {row} 行：学校编码 {code} 在第 {first_row} 行对应“{first}”，本行为“{value}”。",
    "Row {row}: the school code {code} means '{first}' on row {first_row}, but '{value}' here.",
)
ROSTER_LEADER_WITHOUT_GROUP = _r(
    "roster.leader_without_group",
    "第 {row} 行：教研组长须填写所在教研组。",
    "Row {row}: a group leader needs a group.",
)

# Catalogue and school setup editing
CATALOGUE_INVALID = _r(
    "catalogue.invalid",
    "目录中有 {count} 处问题，未保存。",
    "The catalogue has {count} problems; it was not saved.",
)
SETUP_INVALID = _r(
    "setup.invalid",
    "学校设置中有 {count} 处问题，未保存。",
    "The school setup has {count} problems; it was not saved.",
)
SETUP_UNKNOWN_ENVIRONMENT = _r(
    "setup.unknown_environment",
    "学校环境“{value}”无效（应为多媒体、混合或智慧学习环境）。",
    "Unknown environment '{value}' (use multimedia, hybrid or smart).",
)

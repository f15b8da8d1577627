"""Reason codes the review API adds on top of the rules' own (``domain.review_reasons``).

These explain refusals that come from the request rather than from a rule: a stale copy, a
submission that does not match the teacher's selection, a document that is not a document,
a comment outside the recording, a group that has not earned its submission yet.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Concurrency: someone else changed the row first
STALE_VERSION = _r(
    "concurrency.stale_version",
    "数据已被他人修改（当前版本 {current}，您提交的版本 {given}），请刷新后重试。",
    "Someone else changed this first (current version {current}, yours {given}); reload and try again.",
)
# The one code for every lost race (row version, unique insert, import) across the review API.
CONCURRENT_CHANGE = _r(
    "concurrency.conflict",
    "数据正被他人同时修改，未保存任何更改，请刷新后重试。",
    "Someone else changed this at the same time; nothing was saved. Reload and try again.",
)

# Point selection over HTTP
SELECTION_INVALID = _r(
    "selection.invalid",
    "所选能力点不符合要求，共 {count} 处问题，逐条列于下方。",
    "The chosen points break {count} rule(s), each listed below.",
)
SELECTION_NOT_ALLOWED_NOW = _r(
    "selection.not_allowed_now",
    "现在不能修改该教师的选点，原因列于下方。",
    "This teacher's selection cannot be changed now; the reasons are listed below.",
)
SELECTION_NOTHING_TO_CONFIRM = _r(
    "selection.nothing_to_confirm", "尚未选择任何能力点，无法确认。", "Nothing has been chosen yet to confirm."
)
SELECTION_ALREADY_CONFIRMED = _r("selection.already_confirmed", "选点已确认。", "The selection is already confirmed.")
SELECTION_POINT_IN_USE = _r(
    "selection.point_in_use",
    "以下能力点已有提交的作品，不能从选点中移除：{codes}。",
    "These points already have submitted work and cannot be dropped from the selection: {codes}.",
)
SETUP_MISSING = _r(
    "setup.missing",
    "学校尚未完成信息化环境与能力点设置，暂不能选点。",
    "The school has not declared its environment and offered points yet, so points cannot be chosen.",
)
CATALOGUE_UNUSABLE = _r(
    "catalogue.unusable",
    "本省能力点目录数据无效，请管理员修正。",
    "This province's capability-point catalogue is invalid; an administrator must fix it.",
)

# Submissions and their documents
SUBMISSION_SELECTION_NOT_CONFIRMED = _r(
    "submission.selection_not_confirmed",
    "教师尚未确认选点，不能提交作品。",
    "The teacher has not confirmed a point selection yet, so no work can be submitted.",
)
SUBMISSION_POINT_NOT_SELECTED = _r(
    "submission.point_not_selected",
    "能力点 {code} 不在该教师已确认的选点中（{codes}）。",
    "Point {code} is not in the teacher's confirmed selection ({codes}).",
)
SUBMISSION_EXISTS = _r(
    "submission.exists",
    "该教师的能力点 {code} 已有作品（编号 {id}）。",
    "The teacher already has a submission for point {code} (id {id}).",
)
SUBMISSION_RECORDING_MISMATCH = _r(
    "submission.recording_mismatch",
    "该录像不是此教师能力点 {code} 的课堂实录。",
    "This recording is not a lesson of this teacher for point {code}.",
)
SUBMISSION_NOT_EDITABLE = _r(
    "submission.not_editable",
    "作品处于“{state_zh}”状态，不能修改材料。",
    "The submission is {state_en}; its evidence cannot change now.",
)
DOCUMENT_NOT_ALLOWED = _r(
    "document.not_allowed",
    "文件内容不是受支持的文档格式（支持 PDF、DOCX、PPTX）。",
    "The file content is not a supported document format (PDF, DOCX, PPTX).",
)
DOCUMENT_EMPTY = _r("document.empty", "文件为空，请选择有效的文档。", "The file is empty; choose a valid document.")
DOCUMENT_FORMAT_NOT_FOR_ITEM = _r(
    "document.format_not_for_item",
    "材料“{item}”只接受 {formats} 格式，此文件为 {kind}。",
    "The item '{item}' accepts only {formats}; this file is {kind}.",
)
DOCUMENT_TOO_LARGE = _r(
    "document.too_large",
    "文档过大：{size} 字节，上限为 {limit} 字节。",
    "The document is too large: {size} bytes, the limit is {limit} bytes.",
)
DOCUMENT_UNKNOWN_ITEM = _r(
    "document.unknown_item", "能力点 {point} 没有材料“{item}”。", "Point {point} has no evidence item '{item}'."
)

# Scoring
GRADING_INVALID = _r(
    "grading.invalid",
    "评分不一致，共 {count} 处问题，逐条列于下方。",
    "The grading is inconsistent in {count} way(s), each listed below.",
)
GRADING_UNKNOWN_POINT = _r(
    "grading.unknown_point",
    "目录中没有能力点 {code}，无法评分。",
    "Point {code} is not in the catalogue, so it cannot be graded.",
)

# Time-coded comments
COMMENT_OUT_OF_RANGE = _r(
    "comment.out_of_range",
    "时间点 {at_s} 秒不在录像范围内（0–{duration_s} 秒）。",
    "The time {at_s} s is outside the recording (0–{duration_s} s).",
)
COMMENT_DURATION_UNKNOWN = _r(
    "comment.duration_unknown",
    "录像时长尚未读出，暂不能按时间点评论。",
    "The recording's duration is not known yet, so time-coded comments must wait.",
)
COMMENT_NOT_AUTHOR = _r(
    "comment.not_author", "只能修改或删除自己的评论。", "You can edit or delete only your own comments."
)

# Group submission
GROUP_QUOTA_UNMET = _r(
    "group.quota_unmet",
    "本组尚不能提交：{details}",
    "The group cannot submit yet: {details_en}",
)
GROUP_ALREADY_SUBMITTED = _r("group.already_submitted", "本组已于 {at} 提交。", "The group already submitted on {at}.")
GROUP_NONE = _r(
    "group.none",
    "该教师不属于任何教研组，无法核对小组优秀比例。",
    "The teacher belongs to no research group, so the group quota cannot be checked.",
)

# Provincial sampling
SAMPLE_NOTHING_FORWARDED = _r(
    "sample.nothing_forwarded", "目前没有待抽检的推送作品。", "No forwarded work is waiting to be sampled."
)

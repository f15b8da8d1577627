"""Reasons of a group session's training record (issue 20, item 5): what it still lacks, and refusals.

Seed 001 §三.3: “培训前进行点名签到,录好视频,做好报道和提交学习心得…否则不认定为完整培训”. The
``MISSING_*`` reasons are explanations shown beside 不完整 (each says whose move it is); the rest
refuse an act, with the HTTP status the API gives them.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# What an incomplete record lacks -----------------------------------------------------------------
MISSING_VIDEO = _r(
    "record.video_not_counting",
    "录像尚未计入本组教研活动视频（须处理完成且检查通过，或经组长认定）。",
    "The recording does not count yet (it must be processed and pass its checks, or be accepted by the leader).",
)
MISSING_SIGN_INS = _r(
    "record.not_signed_in",
    "未签到：{names}。组长可为确实参加的教师补签并注明情况。",
    "Not signed in: {names}. The leader may sign in a teacher who did take part, with a note.",
)
MISSING_REPORT = _r(
    "record.no_report",
    "组长尚未填写活动报道（至少 {min} 字）。",
    "The leader has not written the session's report yet (at least {min} characters).",
)
MISSING_REFLECTIONS = _r(
    "record.reflections_missing",
    "尚未提交学习心得（至少 {min} 字）：{names}。",
    "Reflections not written yet (at least {min} characters): {names}.",
)

# Refusals ------------------------------------------------------------------------------------
NOT_YOUR_REFLECTION = _r(  # 403
    "record.not_your_reflection",
    "学习心得只能由教师本人填写。",
    "Only the teacher themself may write their reflection.",
)
NOT_LISTED = _r(  # 403
    "record.not_listed",
    "你不在本次教研活动的参与名单中，无需提交学习心得。",
    "You are not on this session's participant list, so there is no reflection to write.",
)
REFLECTION_TOO_SHORT = _r(  # 422
    "record.reflection_too_short",
    "学习心得至少 {min} 字（不计空格），现为 {n} 字。",
    "A reflection needs at least {min} characters (spaces not counted); this has {n}.",
)
REPORT_TOO_SHORT = _r(  # 422
    "record.report_too_short",
    "活动报道至少 {min} 字（不计空格），现为 {n} 字。",
    "The report needs at least {min} characters (spaces not counted); this has {n}.",
)
TEXT_TOO_LONG = _r(  # 422
    "record.text_too_long",
    "内容过长：最多 {max} 字，现为 {n} 字。",
    "The text is too long: at most {max} characters, this has {n}.",
)
NOTE_REQUIRED = _r(  # 422
    "record.note_required",
    "补签须注明情况（至少 {min} 字），例如为何录像中未识别到该教师。",
    "A manual sign-in needs a note (at least {min} characters), e.g. why the recording did not identify them.",
)
ALREADY_SIGNED_IN = _r(  # 409
    "record.already_signed_in",
    "{name} 已签到（{how_zh}），无需补签。",
    "{name} is already signed in ({how_en}); there is nothing to add.",
)
NO_MANUAL_SIGN_IN = _r(  # 404
    "record.no_manual_sign_in",
    "该教师没有组长补签记录。",
    "This teacher has no manual sign-in to remove.",
)
PACKAGE_SCHOOL_ONLY = _r(  # 403
    "record.package_school_only",
    "活动材料包只能由本校的学校管理员下载。",
    "Only the school's administrator may download a session's package.",
)

"""What a teacher's overall result is still waiting for, one reason per missing piece (zh + en).

These are explanations, not refusals: the teacher's page, the leader's list and the school's
table show them beside an "in progress" (进行中) or 不合格 result, so each says whose move it is.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


NO_SELECTION = _r("result.no_selection", "尚未选择能力点。", "No capability points have been chosen yet.")
SELECTION_NOT_CONFIRMED = _r(
    "result.selection_not_confirmed",
    "能力点选择尚未确认。",
    "The choice of capability points is not confirmed yet.",
)
NO_WORK = _r("result.no_work", "{code}：尚未开始提交作品。", "{code}: no work has been started.")
DRAFT = _r("result.draft", "{code}：作品尚未提交（草稿）。", "{code}: the work is a draft, not submitted yet.")
AWAITING_GRADE = _r(
    "result.awaiting_grade",
    "{code}：已提交，等待教研组长评定。",
    "{code}: submitted, awaiting the group leader's grade.",
)
RETURNED = _r(
    "result.returned", "{code}：作品已退回，请修改后重新提交。", "{code}: the work was returned; fix it and resubmit."
)
FAILED_REVISABLE = _r(
    "result.failed_revisable",
    "{code}：评为不合格，可修改后重新提交。",
    "{code}: graded fail; it may still be revised and resubmitted.",
)
# After the assessment closed (KEJIAN_REVIEW_ASSESSMENT_CLOSES_ON): what stands as 不合格.
FAILED_FINAL = _r(
    "result.failed_final",
    "{code}：评为不合格，考核已于 {closed} 结束。",
    "{code}: graded fail; the assessment closed on {closed}.",
)
NOT_DONE_BY_CLOSE = _r(
    "result.not_done_by_close",
    "{code}：考核已于 {closed} 结束，作品未获合格。",
    "{code}: the assessment closed on {closed} without passing work.",
)
NO_POINTS_BY_CLOSE = _r(
    "result.no_points_by_close",
    "考核已于 {closed} 结束，未确认能力点选择。",
    "The assessment closed on {closed} without a confirmed choice of points.",
)

# A refusal, not an explanation: after the close a 不合格 stands (see ``domain.teacher_result``),
# so the work can no longer be handed in again.
SUBMIT_AFTER_CLOSE = _r(
    "result.submit_after_close",
    "考核已于 {closed} 结束，作品不能再提交。",
    "The assessment closed on {closed}; work can no longer be submitted.",
)

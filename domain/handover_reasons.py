"""Why a school's hand-over to the province (学校提交) is refused, in both languages.

The quota's own reasons (``domain.review_reasons`` SCHOOL_*) say what the school is short of;
these add what the school admin can do about it and the refusals of the hand-over itself.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


AWAITING_FORWARD = _r(
    "handover.awaiting_forward",
    "另有 {count} 个校级优秀作品尚未推送至省平台，推送后才计入。",
    "{count} more works graded excellent at school have not been forwarded to the province yet; "
    "they count once forwarded.",
)
NOT_READY = _r(
    "handover.not_ready",
    "学校尚不能提交至省平台：{details}",
    "The school cannot hand over to the province yet: {details_en}",
)
ALREADY_HANDED_OVER = _r(
    "handover.already_handed_over",
    "学校已于 {at} 提交至省平台。",
    "The school already handed over to the province on {at}.",
)

"""Reasons of the provincial reviewer's desk: sampling rounds and the province's review.

``sample.nothing_forwarded`` (``domain.review_api_reasons``) still says that nothing at all was
forwarded; these add why a round may still have no candidates, and what a review may not carry.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


SAMPLE_NO_HANDED_OVER_SCHOOL = _r(
    "sample.no_handed_over_school",
    "有 {forwarded} 件推送作品，但其学校尚未完成学校提交（移交省级），未完成提交的学校不参与抽检。",
    "{forwarded} forwarded work(s) are waiting, but their schools have not handed over yet; "
    "schools that have not handed over are not sampled.",
)
SAMPLE_MODE_NEEDS_VALUE = _r(
    "sample.mode_needs_value",
    "按比例抽检需填写比例（0–100），按数量抽检需填写数量（≥ 0），二者只填其一。",
    "A rate round needs a percent (0–100) and a count round a count (≥ 0), and only that one.",
)
SAMPLE_SEED_REQUIRED = _r(
    "sample.seed_required",
    "预览需要填写种子，同一种子才能抽出同一样本。",
    "A preview needs a seed: only the same seed draws the same sample.",
)
PROVINCE_REVIEW_INVALID = _r(
    "province_review.invalid",
    "评审标准填写有误，共 {count} 处问题，逐条列于下方。",
    "The criterion levels are wrong in {count} way(s), each listed below.",
)
PROVINCE_REVIEW_NO_RUBRIC = _r(
    "province_review.no_rubric",
    "找不到组长评分时所用的评价标准（第 {version} 版），无法按标准评审；可不填标准，只填结论和原因。",
    "The rubric the leader graded with (version {version}) is missing, so criteria cannot be given; "
    "confirm or downgrade with a reason alone.",
)
PROVINCE_REVIEW_CRITERION_TWICE = _r(
    "province_review.criterion_twice",
    "同一评价标准填写了不止一次：{keys}。",
    "A criterion is given more than once: {keys}.",
)

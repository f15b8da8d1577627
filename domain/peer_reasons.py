"""Reason codes of peer learning (issue 20: pushed peer videos, watching that counts, 观课议课)."""

from __future__ import annotations

from domain.reasons import Reason

NOT_A_TEACHER = Reason(
    "peer.not_a_teacher",
    "只有教师本人才有待观看的观摩视频（此账号未关联教师）。",
    "Only a teacher has peer videos to watch (this account is not linked to a teacher).",
)
DURATION_UNKNOWN = Reason(
    "peer.duration_unknown",
    "该视频时长尚未确定（仍在处理），暂时无法记录观看进度。",
    "The video's length is not known yet (still processing), so viewing cannot be recorded yet.",
)
NOT_WATCHED = Reason(
    "peer.not_watched",
    "请先观看视频再点评：已观看 {share}%，需达到 {need}%。",
    "Watch the video before commenting: {share}% watched, {need}% needed.",
)
RATING_UNKNOWN = Reason(
    "peer.rating_unknown",
    "评价等级“{rating}”无效，应为：{levels}。",
    "The rating '{rating}' is not one of the levels: {levels}.",
)
COMMENT_TOO_SHORT = Reason(
    "peer.comment_too_short",
    "点评至少需要 {min} 个字（现有 {got} 个字）。",
    "A comment needs at least {min} characters ({got} given).",
)
TOO_FRAGMENTED = Reason(
    "peer.too_fragmented",
    "观看记录过于零碎（超过 {max} 段不连续的片段），本次未记录。请连续播放观看。",
    "The viewing record is too fragmented (more than {max} separate stretches); this report was not kept. "
    "Play the video continuously.",
)
COMMENT_TOO_LONG = Reason(
    "peer.comment_too_long",
    "点评最多 {max} 个字（现有 {got} 个字）。",
    "A comment may have at most {max} characters ({got} given).",
)

"""Reasons of a point's evidence requirements (issue 17): what is missing or over a limit.

Each names the item and the limit, so the teacher reads on the card, before uploading and at
the gate, the same words: "学情分析报告视频时长 12:00 超过上限 5 分钟".
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


VIDEO_TOO_LONG = _r(
    "requirements.video_too_long",
    "{item}视频时长 {actual} 超过上限 {limit_zh}。",
    "The {item} video lasts {actual}, over its {limit_en} limit.",
)
VIDEO_TOO_SHORT = _r(
    "requirements.video_too_short",
    "{item}视频时长 {actual} 不足下限 {limit_zh}。",
    "The {item} video lasts {actual}, under its {limit_en} minimum.",
)
VIDEO_TOO_LARGE = _r(
    "requirements.video_too_large",
    "{item}视频大小 {size} 超过上限 {limit}。",
    "The {item} video is {size}, over its {limit} limit.",
)
VIDEO_FORMAT = _r(
    "requirements.video_format",
    "{item}视频只接受 {formats} 格式，此录像为 {kind}。",
    "The {item} video must be {formats}; this recording is {kind}.",
)
VIDEO_NOT_ASKED = _r(
    "requirements.video_not_asked",
    "能力点 {code} 的证据清单不含视频（需提交：{items}），不能关联录像。",
    "Point {code} asks for no video (its evidence: {items}), so no recording can be attached.",
)
VIDEO_MISSING = _r(
    "requirements.video_missing",
    "缺少{item}视频{limits_zh}。",
    "The {item} video is missing{limits_en}.",
)
VIDEO_PROCESSING = _r(
    "requirements.video_processing",
    "{item}视频仍在处理中（检查与转码），完成后即可提交。",
    "The {item} video is still being processed (checks and transcoding); submit once it is ready.",
)
VIDEO_UNUSABLE = _r(
    "requirements.video_unusable",
    "{item}视频未通过检查（状态：{status}），请更换录像后再提交。",
    "The {item} video did not pass its checks (status: {status}); attach another recording first.",
)
DOCUMENT_MISSING = _r(
    "requirements.document_missing",
    "缺少文档：{description}。",
    "The document {item} is missing.",
)
UNMET = _r(
    "requirements.unmet",
    "作品有 {count} 项材料不符合本能力点的要求，不能提交（逐条列于下方）。",
    "{count} of this point's evidence requirements are not met, so the work cannot be submitted (listed below).",
)
DEFAULT_EVIDENCE = _r(
    "requirements.default_evidence",
    "该能力点的证据清单尚待省里确认，默认提交课堂实录（时长不限），文档可选。",
    "This point's evidence list awaits the province's confirmation: a lesson recording (课堂实录, any length) "
    "is asked by default and documents are optional.",
)
CATALOGUE_SEVERAL_VIDEOS = _r(
    "catalogue.several_videos",
    "能力点 {point} 列了多个视频项（{items}）；每份作品只能关联一个录像，请合并为一项。",
    "Point {point} lists several video items ({items}); a submission carries one recording, so merge them into one.",
)

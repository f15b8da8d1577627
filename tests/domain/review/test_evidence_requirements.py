"""Each point's evidence requirements (issue 17), as tables naming their source.

A1: CATALOG.md §3 (S1, the Shandong 2.0 platform): 学情分析方案 (any format) and 学情分析报告
as a video of at most 5 minutes, 缺一不可. C4: CATALOG.md §3 (S6): its 设计方案 is the only item
known. Every other seed point: no items known, so the programme default (a lesson recording).
"""

from __future__ import annotations

import pytest

from domain.catalogue import (
    CapabilityPoint,
    Dimension,
    Environment,
    EvidenceItem,
    catalogue_from_dict,
    load_seed_catalogue,
)
from domain.evidence_requirements import (
    ItemState,
    RecordingFacts,
    attach_refusal,
    check_work,
    clock,
    limits_text,
    problems,
    requirements_for,
)
from domain.recordings import RecordingStatus

SEED = load_seed_catalogue()
A1 = requirements_for(SEED.get("A1"))
C4 = requirements_for(SEED.get("C4"))
A5 = requirements_for(SEED.get("A5"))
READY, PROCESSING, REJECTED = RecordingStatus.READY, RecordingStatus.PROCESSING, RecordingStatus.REJECTED


def _recording(duration_s=240.0, status=READY, **facts) -> RecordingFacts:
    return RecordingFacts(status=status, duration_s=duration_s, **facts)


def test_a1_asks_for_its_plan_document_and_a_report_video_of_five_minutes():
    """CATALOG.md §3, S1: two items, the video ≤ 5 min."""
    assert A1.known and A1.note is None
    assert [(i.key, i.is_video) for i in A1.items] == [("学情分析方案", False), ("学情分析报告", True)]
    assert A1.video.max_duration_s == 300
    assert limits_text(A1.video) == ("（不超过 5 分钟）", " (at most 5 minutes)")


def test_c4_asks_for_its_design_document_only():
    """CATALOG.md §3, S6: the 设计方案 is the one item read; no video is asked for."""
    assert C4.known and C4.video is None
    assert [i.key for i in C4.documents] == ["设计方案"]


def test_a_point_with_no_known_items_keeps_the_default_lesson_recording():
    """CATALOG.md §2: A5's evidence is unknown (❌), so one 课堂实录 with no limit, documents optional."""
    assert not A5.known and A5.documents == ()
    assert A5.video.key == "课堂实录" and A5.video.max_duration_s is None
    assert "尚待省里确认" in A5.note.zh and "awaits the province" in A5.note.en


@pytest.mark.parametrize(
    "requirements, facts, code, words_zh, words_en",
    [
        # CATALOG.md §3 S1: A1's report video ≤ 5 min.
        (
            A1,
            _recording(720.0),
            "requirements.video_too_long",
            "学情分析报告视频时长 12:00 超过上限 5 分钟",
            "12:00, over its 5-minute limit",
        ),
        (A1, _recording(300.4), "requirements.video_too_long", "5:00.4 超过上限 5 分钟", "5:00.4"),
        (A1, _recording(300.0), None, "", ""),
        (A1, _recording(None, PROCESSING), None, "", ""),  # not probed yet: judged later
        # CATALOG.md §3 S6: C4 lists no video, so none is attached.
        (
            C4,
            _recording(60.0),
            "requirements.video_not_asked",
            "C4 的证据清单不含视频（需提交：设计方案）",
            "asks for no video",
        ),
        # Default evidence: any length.
        (A5, _recording(3 * 3600.0), None, "", ""),
    ],
)
def test_attaching_a_recording(requirements, facts, code, words_zh, words_en):
    reason = attach_refusal(requirements, facts)
    if code is None:
        assert reason is None
        return
    assert reason.code == code and words_zh in reason.zh and words_en in reason.en


def _edited(**video) -> CapabilityPoint:
    item = EvidenceItem(key="报告", is_video=True, **video)
    return CapabilityPoint(
        "A2", "数字教育资源获取与评价", Environment.MULTIMEDIA, Dimension.INSTRUCTIONAL_DESIGN, (item,)
    )


@pytest.mark.parametrize(
    "video, facts, code, words",
    [
        ({"min_duration_s": 60.0}, _recording(59.6), "requirements.video_too_short", "0:59.6 不足下限 1 分钟"),
        ({"max_duration_s": 5.0}, _recording(12.0), "requirements.video_too_long", "0:12 超过上限 5 秒"),
        (
            {"max_bytes": 100 * 1024 * 1024},
            _recording(size_bytes=150 * 1024 * 1024),
            "requirements.video_too_large",
            "150.0 MB 超过上限 100.0 MB",
        ),
        (
            {"accepted_formats": ("flv",)},
            _recording(container="mp4"),
            "requirements.video_format",
            "只接受 flv 格式，此录像为 mp4",
        ),
        ({"accepted_formats": ("MOV", "flv")}, _recording(container="mp4"), None, ""),
        ({"accepted_formats": ("mkv",)}, _recording(container="matroska"), None, ""),
    ],
)
def test_a_provinces_own_limits(video, facts, code, words):
    """CATALOG.md §5: sizes, formats and durations differ by province, so they are the catalogue's."""
    reason = attach_refusal(requirements_for(_edited(**video)), facts)
    assert (reason.code if reason else None) == code
    if reason:
        assert words in reason.zh and reason.en


@pytest.mark.parametrize(
    "requirements, facts, documents, states, codes",
    [
        # S1 缺一不可: both A1 items, the video within 5 minutes and ready.
        (A1, _recording(240.0), {"学情分析方案"}, ["satisfied", "satisfied"], []),
        (A1, _recording(240.0), set(), ["missing", "satisfied"], ["requirements.document_missing"]),
        (
            A1,
            None,
            set(),
            ["missing", "missing"],
            ["requirements.document_missing", "requirements.video_missing"],
        ),
        (A1, _recording(720.0), {"学情分析方案"}, ["satisfied", "violating"], ["requirements.video_too_long"]),
        # Known too long while the rest is still processing: shown at once.
        (
            A1,
            _recording(720.0, PROCESSING),
            {"学情分析方案"},
            ["satisfied", "violating"],
            ["requirements.video_too_long"],
        ),
        (
            A1,
            _recording(None, PROCESSING),
            {"学情分析方案"},
            ["satisfied", "pending"],
            ["requirements.video_processing"],
        ),
        (
            A1,
            _recording(240.0, REJECTED),
            {"学情分析方案"},
            ["satisfied", "violating"],
            ["requirements.video_unusable"],
        ),
        # C4 (S6): the document is the whole work.
        (C4, None, {"设计方案"}, ["satisfied"], []),
        (C4, None, set(), ["missing"], ["requirements.document_missing"]),
        # Default evidence: the lesson recording only; documents optional.
        (A5, _recording(2400.0), set(), ["satisfied"], []),
        (A5, None, {"其他"}, ["missing"], ["requirements.video_missing"]),
    ],
)
def test_the_whole_work_at_submit(requirements, facts, documents, states, codes):
    checks = check_work(requirements, recording=facts, document_keys=frozenset(documents))
    assert [c.state.value for c in checks] == states
    assert [r.code for r in problems(checks)] == codes
    assert all(r.zh and r.en for r in problems(checks))


def test_a_missing_item_is_named_with_its_limit():
    checks = check_work(A1, recording=None, document_keys=frozenset())
    document, video = (c.reason for c in checks)
    assert "学情分析方案" in document.zh and "表格式" in document.zh and "学情分析方案" in document.en
    assert video.zh == "缺少学情分析报告视频（不超过 5 分钟）。"
    assert video.en == "The 学情分析报告 video is missing (at most 5 minutes)."
    assert checks[1].state is ItemState.MISSING


@pytest.mark.parametrize(
    "seconds, precise, text",
    [(720, False, "12:00"), (3725, False, "1:02:05"), (300.44, True, "5:00.4"), (12, True, "0:12")],
)
def test_clock(seconds, precise, text):
    assert clock(seconds, precise=precise) == text


def test_a_catalogue_with_two_video_items_for_one_point_is_refused():
    """A submission carries one recording, so a point may list one video item."""
    point = {
        "code": "A2",
        "name_zh": "数字教育资源获取与评价",
        "environment": "multimedia",
        "dimension": "instructional_design",
        "items": [{"key": "视频一", "is_video": True}, {"key": "视频二", "is_video": True}],
    }
    with pytest.raises(ValueError) as refused:
        catalogue_from_dict({"points": [point]})
    codes = [v.code for v in refused.value.violations]
    assert codes == ["catalogue.several_videos"]
    assert "视频一、视频二" in refused.value.violations[0].zh

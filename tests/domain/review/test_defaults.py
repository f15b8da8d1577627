"""Each review-workflow setting defaults to the value its seed states (or says that none does)."""

from __future__ import annotations

import pytest

from config import Settings
from domain.age_bands import BandKind, band_for_age, pass_line_for
from domain.grading import check_score_lines


@pytest.mark.parametrize(
    "field, value, source",
    [
        ("review_points_per_teacher", 3, "seed 001 “全体教师选择3个能力点”; seed 004 “每名教师再选择3个微能力点”"),
        ("review_min_dimensions", 3, "seed 004 “要涵盖学情分析、教学设计、学法指导和学业评价中的三个方面”"),
        ("review_selection_window_days", 7, "seed 001 “在2022. 4.7-4.13日7天中”"),
        ("review_age_band_middle_from", 40, "seed 004 “50-40岁及40岁以下”"),
        ("review_age_band_senior_from", 50, "seed 004 “50岁以上”"),
        ("review_pass_score_senior", 60, "seed 004 “50岁以上…考核要在60分以上即合格”"),
        ("review_pass_score_middle", 60, "seed 004 “50-40岁…考核要在60-80分”"),
        ("review_pass_score_junior", 80, "seed 004 “40岁以下…考核要在80分以上”"),
        ("review_excellent_score", 90, "no seed states an 优秀 score: our choice, above every pass line"),
        ("review_max_score", 100, "seed 004 scores out of 100 (百分制)"),
        ("review_group_excellent_percent", 30, "seed 001 “优秀视频数不少于本组总人数的30%”"),
        ("review_group_sessions_required", 1, "seed 001 “提交其中1 份10分钟以上视频资料给校级管理员”"),
        ("review_school_excellent_percent", 30, "seed 001 “视频总数为该校专任教师数 30%以上”"),
        ("review_sampling_percent", 10, "no seed states a sampling rate: our choice"),
    ],
)
def test_default_comes_from_its_seed(field, value, source):
    assert getattr(Settings(), field) == value, source


def test_defaults_fit_together():
    s = Settings()
    check_score_lines(
        pass_lines=[s.review_pass_score_senior, s.review_pass_score_middle, s.review_pass_score_junior],
        excellent_line=s.review_excellent_score,
        max_score=s.review_max_score,
    )
    bounds = {"middle_from": s.review_age_band_middle_from, "senior_from": s.review_age_band_senior_from}
    assert band_for_age(40, **bounds).kind is BandKind.MIDDLE and band_for_age(50, **bounds).kind is BandKind.SENIOR
    lines = {"senior": s.review_pass_score_senior, "middle": s.review_pass_score_middle}
    assert pass_line_for(BandKind.JUNIOR, **lines, junior=s.review_pass_score_junior) == 80


def test_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("KEJIAN_REVIEW_SAMPLING_PERCENT", "5")
    monkeypatch.setenv("KEJIAN_REVIEW_EXCELLENT_SCORE", "85")
    s = Settings()
    assert s.review_sampling_percent == 5 and s.review_excellent_score == 85

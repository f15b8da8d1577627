"""Group and school quotas, with their rounding at the boundaries.

Seed 001 §四.6: “要求本组提交的优秀视频数不少于本组总人数的30%,否则小组考核不合格,需要重新提交”;
“经组长审核后提交其中1 份10分钟以上视频资料给校级管理员”. Seed 001 §六.1: “每所学校上传的校级
优秀视频资源需普及到每门学科,视频总数为该校专任教师数 30%以上”.
"""

from __future__ import annotations

import pytest

from domain.quotas import check_group_quota, check_school_quota, required_excellent


@pytest.mark.parametrize(
    "headcount, required",
    [
        (10, 3),  # exactly 30%: 3.0, not 3.0000000000000004 → 4
        (9, 3),  # 2.7 → “不少于” → 3
        (7, 3),  # 2.1 → 3
        (4, 2),  # 1.2 → 2
        (3, 1),  # 0.9 → 1
        (1, 1),  # 0.3 → 1
        (0, 0),
        (20, 6),
        (49, 15),  # seed 001's school: “专任教师…共计49人”
    ],
)
def test_required_excellent_rounds_up(headcount, required):
    assert required_excellent(headcount, percent=30) == required


def test_other_percentages_are_exact_too():
    assert required_excellent(100, percent=33.3) == 34 and required_excellent(3, percent=100) == 3
    with pytest.raises(ValueError):
        required_excellent(-1, percent=30)


def group(headcount, excellent, sessions):
    return check_group_quota(
        headcount=headcount,
        excellent_count=excellent,
        accepted_sessions=sessions,
        excellent_percent=30,
        required_sessions=1,
    )


@pytest.mark.parametrize(
    "headcount, excellent, sessions, codes",
    [
        (10, 3, 1, []),
        (10, 2, 1, ["quota.group_excellent_short"]),
        (9, 3, 1, []),
        (7, 2, 1, ["quota.group_excellent_short"]),
        (1, 1, 1, []),
        (1, 0, 1, ["quota.group_excellent_short"]),
        (10, 3, 0, ["quota.group_session_missing"]),
        (10, 1, 0, ["quota.group_excellent_short", "quota.group_session_missing"]),
    ],
)
def test_group_quota(headcount, excellent, sessions, codes):
    result = group(headcount, excellent, sessions)
    assert [v.code for v in result.violations] == codes and result.ok is (not codes)


def test_group_explains_exactly_what_is_missing():
    result = group(10, 1, 0)
    assert result.required_excellent == 3 and result.missing_excellent == 2
    short, session = result.violations
    assert "10 members and 1 excellent" in short.en and "at least 3 (30%), 2 more" in short.en
    assert "还差 2 个" in short.zh and "补足后小组方可提交（或重新提交）" in short.zh
    assert "0 accepted group-session recordings" in session.en


def school(teachers, by_subject, taught):
    return check_school_quota(
        full_time_teachers=teachers, excellent_by_subject=by_subject, subjects_taught=taught, excellent_percent=30
    )


def test_school_quota_met():
    result = school(49, {"语文": 5, "数学": 5, "英语": 5}, ["语文", "数学", "英语"])
    assert result.ok and result.required_excellent == 15


def test_school_lists_uncovered_subjects_and_the_shortfall():
    result = school(49, {"语文": 10, "数学": 4, "美术": 0}, ["语文", "数学", "英语", "美术", "数学"])
    assert [v.code for v in result.violations] == ["quota.school_excellent_short", "quota.school_subjects_uncovered"]
    assert result.uncovered_subjects == ("英语", "美术") and result.missing_excellent == 1
    assert (
        "英语、美术" in result.violations[1].zh and "49 full-time teachers and 14 excellent" in result.violations[0].en
    )


def test_school_with_every_subject_but_too_few():
    result = school(20, {"语文": 1, "数学": 1}, ["语文", "数学"])
    assert [v.code for v in result.violations] == ["quota.school_excellent_short"] and result.required_excellent == 6

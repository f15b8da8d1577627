"""The 学时 ledger's rules, one table per rule, each row naming the seed it comes from."""

from __future__ import annotations

import pytest

from domain.training_hours import (
    PROFILES,
    Activities,
    HourKind,
    OnlineHours,
    PeerWork,
    PracticeRates,
    Requirement,
    cohort_lines,
    ledger,
    online_hours,
    parse_plan,
    session_attended,
    work_handed_in,
)
from domain.workflow import State

ON, TEACH = HourKind.ONLINE, HourKind.ONLINE_TEACHING
RATES = PracticeRates(session=2, peer_view=1, peer_comment=1, point_passed=5)
DONE_PEERS = PeerWork(assigned=3, counted_views=3, comments=3, pending=0)


@pytest.mark.parametrize(
    ("seed", "profile", "online", "practice", "assessment", "total"),
    [
        ("001 “不少于50学时…线上…25学时…线下实践应用不少于25学时”", "seed001", 25, 25, 0, 50),
        ("000 “不少于 60 学时…网络课程研究 30 学时、校本实践 25学时、校本应用考核 5 学时”", "seed000", 30, 25, 5, 60),
    ],
)
def test_requirement_profiles(seed, profile, online, practice, assessment, total):
    required = PROFILES[profile]
    assert (required.online, required.practice, required.assessment, required.total) == (
        online,
        practice,
        assessment,
        total,
    ), seed


@pytest.mark.parametrize(
    ("seed", "entries", "counted", "teaching_counted"),
    [
        ("002 在线教学 “10学时以内”: under the cap counts whole", [(ON, 20), (TEACH, 6)], 26, 6),
        ("002 “10学时以内”: exactly 10 counts", [(ON, 15), (TEACH, 10)], 25, 10),
        ("002 “10学时以内”: 14 recorded, 10 counted", [(ON, 15), (TEACH, 8), (TEACH, 6)], 25, 10),
        ("002: only 在线教学 cannot reach 25 on its own", [(TEACH, 30)], 10, 10),
        ("001 线上课程: online courses are not capped", [(ON, 12.5), (ON, 12.5), (ON, 3)], 28, 0),
        ("no import yet", [], 0, 0),
    ],
)
def test_online_hours_with_seed_002s_cap(seed, entries, counted, teaching_counted):
    found = online_hours(entries, online_teaching_cap=10)
    assert (found.counted, found.teaching_counted) == (counted, teaching_counted), seed


def _ledger(*, online=25.0, profile="seed001", **activity):
    activity.setdefault("peer", DONE_PEERS)
    activity.setdefault("work_all_submitted", True)
    activity.setdefault("points_pass", True)
    return ledger(
        online=OnlineHours(online, 0, 0),
        activities=Activities(**activity),
        required=PROFILES[profile],
        rates=RATES,
    )


@pytest.mark.parametrize(
    ("seed", "activity", "earned"),
    [
        ("001 集中教研 (sessions attended) 2 × 2 h", {"sessions_attended": 2}, 4 + 6),
        ("004 “听课…作为线下研究学时”: 3 peer views 1 h each, 3 comments", {}, 6),
        ("001 实践应用成果: 3 points passed × 5 h", {"points_passed": 3}, 15 + 6),
        ("all together", {"sessions_attended": 2, "points_passed": 3}, 4 + 6 + 15),
    ],
)
def test_practice_hours_per_activity(seed, activity, earned):
    found = _ledger(**activity)
    assert found.practice_earned.total == earned, seed
    assert found.practice == earned and not found.held


@pytest.mark.parametrize(
    ("seed", "peer", "submitted", "held_codes"),
    [
        (
            "001 “学习点评都完成后方可获取线下实践应用学时”: 2 pushed videos pending",
            PeerWork(assigned=3, counted_views=1, comments=1, pending=2),
            True,
            ["hours.held_peer_reviews"],
        ),
        (
            "001 “线下实践应用成果提交…都完成后”: work not all handed in",
            DONE_PEERS,
            False,
            ["hours.held_work_not_submitted"],
        ),
        (
            "001: both missing, both said",
            PeerWork(assigned=3, counted_views=3, comments=0, pending=3),
            False,
            ["hours.held_peer_reviews", "hours.held_work_not_submitted"],
        ),
        ("001: nothing pushed is nothing pending", PeerWork(), True, []),
        ("001: everything done", DONE_PEERS, True, []),
    ],
)
def test_practice_hours_are_held_until_peer_reviews_and_work_are_done(seed, peer, submitted, held_codes):
    found = _ledger(peer=peer, work_all_submitted=submitted, sessions_attended=5, points_passed=3)
    assert [r.code for r in found.held] == held_codes, seed
    earned = found.practice_earned.total
    if held_codes:
        assert (found.practice, found.practice_held) == (0, earned)
        assert f"{earned:g}" in found.held[0].zh and "held" in found.held[0].en
        assert not found.complete
    else:
        assert (found.practice, found.practice_held) == (earned, 0)


def test_the_held_reason_says_how_many_reviews_are_pending():
    found = _ledger(peer=PeerWork(assigned=3, counted_views=1, comments=1, pending=2), points_passed=3)
    assert "2 个" in found.held[0].zh and "2 pushed" in found.held[0].en


@pytest.mark.parametrize(
    ("seed", "profile", "online", "activity", "complete", "missing"),
    [
        ("001: 25 + 25 and the points pass", "seed001", 25, {"sessions_attended": 2, "points_passed": 3}, True, []),
        (
            "001: online 24.5 of 25",
            "seed001",
            24.5,
            {"sessions_attended": 2, "points_passed": 3},
            False,
            ["hours.short_online"],
        ),
        ("001: practice 21 of 25", "seed001", 25, {"points_passed": 3}, False, ["hours.short_practice"]),
        (
            "issue 10: hours reached, the points not passed",
            "seed001",
            30,
            {"sessions_attended": 10, "points_passed": 2, "points_pass": False},
            False,
            ["hours.points_not_passed"],
        ),
        (
            "000: 30 + 25 + 5, assessment earned by passing points",
            "seed000",
            30,
            {"sessions_attended": 2, "points_passed": 3},
            True,
            [],
        ),
        (
            "000: online 25 is short of 30",
            "seed000",
            25,
            {"sessions_attended": 2, "points_passed": 3},
            False,
            ["hours.short_online"],
        ),
        (
            "000: no assessment hours before the points pass",
            "seed000",
            30,
            {"sessions_attended": 5, "points_passed": 2, "points_pass": False},
            False,
            ["hours.short_assessment", "hours.points_not_passed"],
        ),
    ],
)
def test_completion_is_hours_reached_and_points_passed(seed, profile, online, activity, complete, missing):
    found = _ledger(profile=profile, online=online, **activity)
    assert found.complete is complete, seed
    assert [r.code for r in found.missing] == missing, seed


def test_the_assessment_part_is_the_profiles_when_points_pass():
    assert _ledger(profile="seed000", points_passed=3).assessment == 5
    assert _ledger(profile="seed000", points_passed=3, points_pass=False).assessment == 0
    assert _ledger(profile="seed001", points_passed=3).assessment == 0


def test_shortfalls_read_as_hours_not_floats():
    found = ledger(
        online=OnlineHours(24.9, 0, 0),
        activities=Activities(peer=DONE_PEERS, work_all_submitted=True, points_pass=True, sessions_attended=10),
        required=Requirement(25, 25),
        rates=RATES,
    )
    (short,) = found.missing
    assert "24.9/25" in short.zh and "0.1" in short.zh


@pytest.mark.parametrize(
    ("counts", "listed", "seen", "signed_in", "accepted", "attended"),
    [
        (True, True, True, False, False, True),  # counts, seen on camera
        (True, True, False, True, False, True),  # 001 “点名签到”: signed in by the leader with a note
        (True, True, False, False, True, True),  # the leader accepted the session as it is (issue 16)
        (True, True, False, False, False, False),  # counted on others' faces; this one not on the sheet
        (False, True, True, True, False, False),  # the session does not count (processing, checks failed)
        (True, False, True, True, True, False),  # not listed
    ],
)
def test_a_session_is_attended_when_it_counts_and_the_participant_is_on_its_sign_in_sheet(
    counts, listed, seen, signed_in, accepted, attended
):
    found = session_attended(counts=counts, listed=listed, seen=seen, signed_in=signed_in, accepted=accepted)
    assert found is attended


def test_seed_002s_cohort_plan_30_50_20():
    plan = parse_plan("2020:30,2021:50,2022:20")
    assert plan == {2020: 30, 2021: 50, 2022: 20}
    lines = cohort_lines(plan, total_teachers=10, cohorts={2020: (3, 3), 2021: (4, 1), None: (3, 0)})
    assert [(c.year, c.planned, c.assigned, c.completed) for c in lines] == [
        (2020, 3, 3, 3),
        (2021, 5, 4, 1),
        (2022, 2, 0, 0),
    ]


@pytest.mark.parametrize("text", ["2020:30,2021:50", "2020-30", "x:100", ""])
def test_a_cohort_plan_that_is_not_100_percent_is_refused(text):
    with pytest.raises(ValueError):
        parse_plan(text)


@pytest.mark.parametrize(
    ("states", "handed_in"),
    [
        ([State.SUBMITTED, State.SCORED_PASS, State.SCORED_FAIL], True),  # 不合格 work was handed in
        ([State.SUBMITTED, None], False),  # a point with no work
        ([State.SUBMITTED, State.DRAFT], False),
        ([State.RETURNED], False),  # returned: to hand in again
        ([], False),  # nothing chosen
    ],
)
def test_seed_001s_work_handed_in(states, handed_in):
    assert work_handed_in(states) is handed_in


def test_a_held_reason_names_the_hours_only_once_some_are_earned():
    """Nothing earned yet: the reason still says what will hold practice hours back, without "0 学时"."""
    from domain import training_hours_reasons as hr
    from domain.training_hours import _held_amount

    assert hr.HELD_PEER_REVIEWS.format(**_held_amount(21), pending=3).zh.startswith("线下实践应用 21 学时暂不计入")
    nothing = hr.HELD_PEER_REVIEWS.format(**_held_amount(0), pending=3)
    assert nothing.zh.startswith("线下实践应用学时暂不计入：还有 3 个")
    assert nothing.en.startswith("Practice hours are held: 3 pushed")

"""Watching that counts (issue 20 item 2; seed 001 “对系统推送的…视频进行观看与点评”): table tests."""

from __future__ import annotations

import pytest

from domain.watch_coverage import Segment, add_report, credited, merge, share, within_wall_budget

D = 100.0  # a 100-second video


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        (Segment(0, 10, 10), (0, 10)),  # played at 1×: all of it
        (Segment(0, 20, 10), (0, 20)),  # at 2× (the cap): all of it
        (Segment(0, 40, 10), (0, 20)),  # at 4×: only cap × wall seconds from its start
        (Segment(90, 130, 40), (90, 100)),  # past the end: clipped to the video
        (Segment(-5, 5, 10), (0, 5)),  # before the start: clipped
        (Segment(10, 10, 5), None),  # nothing played
        (Segment(50, 40, 5), None),  # backwards
        (Segment(0, 99, 0), None),  # no wall time: a seek reported as a segment counts nothing
    ],
)
def test_a_segment_is_credited_within_the_video_and_the_rate_cap(segment, expected):
    assert credited(segment, duration_s=D, max_rate=2.0) == expected


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        ([], []),
        ([(0, 10), (5, 20)], [(0, 20)]),  # overlapping: joined
        ([(10, 20), (0, 10)], [(0, 20)]),  # touching, out of order: joined
        ([(0, 10), (30, 40), (5, 8)], [(0, 10), (30, 40)]),  # contained: absorbed
        ([(0, 10), (0, 10)], [(0, 10)]),  # the same stretch twice (two tabs): once
        ([(5, 5)], []),  # empty
    ],
)
def test_merge(intervals, expected):
    assert merge(intervals) == expected


def test_share_counts_each_second_once():
    assert share([(0, 50), (25, 75)], D) == 0.75
    assert share([(0, 200)], D) == 1.0
    assert share([(0, 10)], 0) == 0.0


def test_skipping_to_the_end_does_not_count():
    # Play 5 s, seek to 95 s, play to the end: 10 % watched, however the playhead ended.
    got = add_report([], [Segment(0, 5, 5), Segment(95, 100, 5)], duration_s=D, max_rate=2.0, fraction=0.8)
    assert got.played == [(0, 5), (95, 100)] and got.share == 0.1 and not got.counts


def test_playing_at_eight_times_counts_only_the_capped_part():
    got = add_report([], [Segment(0, 100, 12.5)], duration_s=D, max_rate=2.0, fraction=0.8)
    assert got.played == [(0, 25)] and not got.counts


def test_reports_from_reloads_and_tabs_add_up_and_count_at_the_fraction():
    first = add_report([], [Segment(0, 40, 40)], duration_s=D, max_rate=2.0, fraction=0.8)
    # A second tab replays 30-50 and plays on to 60; a reload later plays 60-80.
    second = add_report(first.played, [Segment(30, 60, 30)], duration_s=D, max_rate=2.0, fraction=0.8)
    assert second.played == [(0, 60)] and not second.counts
    third = add_report(second.played, [Segment(60, 80, 20)], duration_s=D, max_rate=2.0, fraction=0.8)
    assert third.played == [(0, 80)] and third.share == 0.8 and third.counts


@pytest.mark.parametrize(
    ("walls", "available_s", "spent", "scaled"),
    [
        ((5.0, 5.0), 30.0, 10.0, (5.0, 5.0)),  # within the server's clock: unchanged
        ((240.0,), 10.0, 10.0, (10.0,)),  # a whole lesson claimed at once: only what passed
        ((30.0, 10.0), 20.0, 20.0, (15.0, 5.0)),  # two tabs at once: shared out evenly
        ((10.0,), -3.0, 0.0, (0.0,)),  # clocks apart: never a negative budget
    ],
)
def test_claimed_wall_time_is_cut_to_the_servers_clock(walls, available_s, spent, scaled):
    segments = [Segment(0.0, 100.0, w) for w in walls]
    kept, used = within_wall_budget(segments, available_s)
    assert used == pytest.approx(spent)
    assert [s.wall_s for s in kept] == pytest.approx(list(scaled))

"""Pushed peer videos (issue 20 item 1; seed 001 “对系统推送的其他学员能力点研修视频进行观看与点评”).

Table tests of ``domain.peer_push.assign``: every video gets viewers, nobody is pushed their own
work, nor their own group's unless the pool is too small, N per teacher, balanced, deterministic.
"""

from __future__ import annotations

from collections import Counter

import pytest

from domain.peer_push import Push, Video, Viewer, assign


def _world(groups: dict[int, int], videos_per_teacher: int = 1):
    """Teachers 1..k in the given groups (teacher → group), each with ``videos_per_teacher`` videos."""
    viewers = [Viewer(t, g) for t, g in groups.items()]
    videos = [Video(t * 10 + i, t, g) for t, g in groups.items() for i in range(videos_per_teacher)]
    return viewers, videos


def _check(viewers, videos, pushes, n):
    by_id = {v.submission_id: v for v in videos}
    per_viewer = Counter(p.viewer_teacher_id for p in pushes)
    load = Counter(p.submission_id for p in pushes)
    assert len(set(pushes)) == len(pushes)  # no video twice to one viewer
    assert all(by_id[p.submission_id].author_teacher_id != p.viewer_teacher_id for p in pushes)  # never own work
    return per_viewer, load, by_id


CASES = [
    # (name, groups teacher→group, videos per teacher, n)
    ("two groups of five, 3 each (seed 001's school)", {t: 1 if t <= 5 else 2 for t in range(1, 11)}, 1, 3),
    ("three groups, uneven", {1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: 3}, 1, 2),
    ("three points each (seed 004's three 微能力点)", {t: 1 if t <= 4 else 2 for t in range(1, 9)}, 3, 3),
    ("more videos than picks", {t: t % 3 for t in range(1, 7)}, 3, 1),
]


@pytest.mark.parametrize(("name", "groups", "per_teacher", "n"), CASES, ids=[c[0] for c in CASES])
def test_balanced_n_each_and_never_own_group_when_the_pool_allows(name, groups, per_teacher, n):
    viewers, videos = _world(groups, per_teacher)
    pushes = assign(viewers, videos, n=n, seed="2026-term-1")
    per_viewer, load, by_id = _check(viewers, videos, pushes, n)
    assert all(per_viewer[v.teacher_id] == n for v in viewers), name
    for p in pushes:
        viewer_group = groups[p.viewer_teacher_id]
        others = [v for v in videos if v.group_id != viewer_group]
        if len(others) >= n:
            assert by_id[p.submission_id].group_id != viewer_group, (name, p)
    picks = len(viewers) * n
    if picks >= len(videos):
        assert set(load) == {v.submission_id for v in videos}, "every video gets viewers"
    # Balanced: no video has two viewers more than another that could have taken it.
    assert max(load.values()) - min(load.get(v.submission_id, 0) for v in videos) <= 2, name


def test_own_group_only_when_the_pool_is_too_small():
    # One other-group video; n = 3: the rest come from the viewer's own group, never their own work.
    viewers = [Viewer(1, 1), Viewer(2, 1), Viewer(3, 1), Viewer(4, 1), Viewer(9, 2)]
    videos = [Video(10, 1, 1), Video(20, 2, 1), Video(30, 3, 1), Video(40, 4, 1), Video(90, 9, 2)]
    pushes = assign(viewers, videos, n=3, seed="s")
    for viewer in (1, 2, 3, 4):
        mine = {p.submission_id for p in pushes if p.viewer_teacher_id == viewer}
        assert 90 in mine and len(mine) == 3 and viewer * 10 not in mine
    assert {p.submission_id for p in pushes if p.viewer_teacher_id == 9} <= {10, 20, 30, 40}


def test_fewer_than_n_when_the_pool_holds_fewer():
    pushes = assign([Viewer(1, 1), Viewer(2, 2)], [Video(10, 1, 1), Video(20, 2, 2)], n=3, seed="s")
    assert sorted(pushes, key=lambda p: p.viewer_teacher_id) == [Push(1, 20), Push(2, 10)]


def test_distinct_authors_first():
    # Viewer 1 (group 1) and two authors in group 2 with two videos each: one of each author.
    pushes = assign([Viewer(1, 1)], [Video(20, 2, 2), Video(21, 2, 2), Video(30, 3, 2), Video(31, 3, 2)], n=2, seed="s")
    assert {p.submission_id // 10 for p in pushes} == {2, 3}


def test_deterministic_for_a_seed_and_different_for_another():
    viewers, videos = _world({t: t % 4 for t in range(1, 21)}, 2)
    once = assign(viewers, videos, n=3, seed="a")
    assert assign(list(reversed(viewers)), list(reversed(videos)), n=3, seed="a") == once
    assert any(assign(viewers, videos, n=3, seed=s) != once for s in ("b", "c", "d"))


def test_running_again_adds_only_what_is_missing():
    viewers, videos = _world({t: 1 if t <= 5 else 2 for t in range(1, 11)})
    first = assign(viewers, videos, n=2, seed="s")
    assert assign(viewers, videos, n=2, seed="s", existing=first) == []
    more = assign(viewers, videos, n=3, seed="s", existing=first)
    assert len(more) == len(viewers) and not set(more) & set(first)
    # A teacher added later gets their n; the others are left alone.
    late = Viewer(11, 1)
    added = assign([*viewers, late], videos, n=2, seed="s", existing=first)
    assert {p.viewer_teacher_id for p in added} == {11} and len(added) == 2


def test_no_viewers_or_no_videos():
    assert assign([], [Video(1, 1, 1)], n=3, seed="s") == []
    assert assign([Viewer(1, 1)], [], n=3, seed="s") == []
    assert assign([Viewer(1, 1)], [Video(10, 1, 1)], n=3, seed="s") == []  # only their own work

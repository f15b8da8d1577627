"""Which peer videos each teacher is pushed (issue 20, item 1; seed 001 “系统推送的其他学员…研修视频”).

A pure, deterministic (seeded) balanced assignment:

- each viewer gets ``n`` videos (fewer only if the pool holds fewer they may watch);
- nobody is pushed their own work, and never their own group's work unless the pool has too few
  videos from other groups to fill their ``n``;
- videos are balanced: each pick takes the video with the fewest viewers so far, so every video
  gets viewers as soon as there are at least as many picks as videos;
- a viewer's picks come from different authors where the pool allows it;
- existing assignments are kept and counted (running it again adds only what is missing, and
  nothing once everyone has ``n``).

Ties are broken by a rank drawn from ``random.Random(seed)`` over the sorted inputs, so the same
inputs and seed give the same assignment on every server.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Pool(str, Enum):
    """Where pushed videos come from (``peer_pool``)."""

    SCHOOL = "school"  # the viewer's school, other groups first
    DISTRICT = "district"  # the schools of the viewer's district
    PROVINCE = "province"  # the province's 优秀 library


@dataclass(frozen=True)
class Viewer:
    teacher_id: int
    group_id: int | None


@dataclass(frozen=True)
class Video:
    submission_id: int
    author_teacher_id: int
    group_id: int | None


@dataclass(frozen=True)
class Push:
    viewer_teacher_id: int
    submission_id: int


def _same_group(viewer: Viewer, video: Video) -> bool:
    return viewer.group_id is not None and viewer.group_id == video.group_id


def assign(
    viewers: Iterable[Viewer],
    videos: Iterable[Video],
    *,
    n: int,
    seed: str,
    existing: Iterable[Push] = (),
) -> list[Push]:
    """The new pushes (existing ones are not repeated), in a stable order."""
    viewer_list = sorted(set(viewers), key=lambda v: v.teacher_id)
    video_list = sorted(set(videos), key=lambda v: v.submission_id)
    rng = random.Random(seed)
    rank = {v.submission_id: rng.random() for v in video_list}
    order = list(viewer_list)
    rng.shuffle(order)

    by_id = {v.submission_id: v for v in video_list}
    held: dict[int, set[int]] = defaultdict(set)
    authors: dict[int, set[int]] = defaultdict(set)
    load: Counter[int] = Counter()
    for push in existing:
        held[push.viewer_teacher_id].add(push.submission_id)
        load[push.submission_id] += 1
        if push.submission_id in by_id:
            authors[push.viewer_teacher_id].add(by_id[push.submission_id].author_teacher_id)

    new: list[Push] = []
    # One pick per viewer per round, so early viewers do not take every unwatched video at once.
    for _round in range(n):
        for viewer in order:
            if len(held[viewer.teacher_id]) >= n:
                continue
            choices = [
                v
                for v in video_list
                if v.author_teacher_id != viewer.teacher_id and v.submission_id not in held[viewer.teacher_id]
            ]
            if not choices:
                continue
            pick = min(
                choices,
                key=lambda v: (
                    _same_group(viewer, v),
                    load[v.submission_id],
                    v.author_teacher_id in authors[viewer.teacher_id],
                    rank[v.submission_id],
                ),
            )
            held[viewer.teacher_id].add(pick.submission_id)
            authors[viewer.teacher_id].add(pick.author_teacher_id)
            load[pick.submission_id] += 1
            new.append(Push(viewer.teacher_id, pick.submission_id))
    return sorted(new, key=lambda p: (p.viewer_teacher_id, p.submission_id))

"""Which parts of a pushed peer video were actually watched, and whether the view counts (issue 20, item 2).

Seed 001 asks teachers to 观看 the videos pushed to them. A view is proved by what the player
played, not by where the playhead ended: the player reports segments it played continuously
(position ``start`` to ``end``) and the wall-clock seconds that took. A seek makes a new segment,
so the skipped stretch is never in one. A segment played faster than the rate cap (e.g. 2×) is
credited only up to cap × wall seconds from its start. The server merges every report (reloads,
several tabs) into one set of disjoint intervals, so the same stretch never counts twice, and the
view counts once the covered share of the video reaches the configured fraction.

Pure: no framework imports; the API stores ``merge``'s output and ``share``'s answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Interval = tuple[float, float]


@dataclass(frozen=True)
class Segment:
    """One stretch the player played without a seek: positions in seconds, and the wall time it took."""

    start: float
    end: float
    wall_s: float


def credited(segment: Segment, *, duration_s: float, max_rate: float) -> Interval | None:
    """The part of ``segment`` that counts: inside the video, no faster than ``max_rate``; None if nothing."""
    start = max(0.0, min(segment.start, duration_s))
    end = max(0.0, min(segment.end, duration_s))
    if end <= start or segment.wall_s <= 0:
        return None
    end = min(end, start + segment.wall_s * max_rate)
    return (start, end) if end > start else None


def merge(intervals: Iterable[Sequence[float]]) -> list[Interval]:
    """Disjoint, sorted intervals covering exactly what the given ones cover (touching ones join)."""
    result: list[list[float]] = []
    for start, end in sorted((float(a), float(b)) for a, b in intervals if b > a):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return [(a, b) for a, b in result]


def covered_s(intervals: Iterable[Sequence[float]]) -> float:
    """Seconds covered by the intervals, each second once."""
    return sum(b - a for a, b in merge(intervals))


def share(intervals: Iterable[Sequence[float]], duration_s: float) -> float:
    """The covered share of a video of ``duration_s`` seconds, 0…1 (0 for an unknown length)."""
    if duration_s <= 0:
        return 0.0
    return min(1.0, covered_s(intervals) / duration_s)


def within_wall_budget(segments: Sequence[Segment], available_s: float) -> tuple[list[Segment], float]:
    """The segments with their claimed wall time cut to what the server's clock allows, and the
    wall seconds they spend.

    A player's own ``wall_s`` cannot be checked one by one, but their sum can: reports on one
    assignment may together claim no more time than has passed on the server since its first
    report. A claim beyond that (a script, or two tabs playing at once) is scaled down evenly, so
    each segment then counts only what cap × its share of the real time allows.
    """
    claimed = sum(max(0.0, s.wall_s) for s in segments)
    budget = max(0.0, available_s)
    if claimed <= budget:
        return list(segments), claimed
    factor = budget / claimed
    return [Segment(s.start, s.end, max(0.0, s.wall_s) * factor) for s in segments], budget


@dataclass(frozen=True)
class Coverage:
    played: list[Interval]
    share: float
    counts: bool


def add_report(
    played: Iterable[Sequence[float]],
    segments: Iterable[Segment],
    *,
    duration_s: float,
    max_rate: float,
    fraction: float,
) -> Coverage:
    """What was played before, plus a report's segments (capped), merged; counts once share ≥ fraction."""
    new = [c for s in segments if (c := credited(s, duration_s=duration_s, max_rate=max_rate)) is not None]
    merged = merge([*played, *new])
    got = share(merged, duration_s)
    # A tiny tolerance: a 0.8 share reached as 0.79999999 by float sums still counts.
    return Coverage(merged, round(got, 6), got + 1e-9 >= fraction)

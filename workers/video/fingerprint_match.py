"""Do two fingerprints share a sequence, and how long is it?

A re-used recording shows the same pictures in the same order, shifted by one time offset (the copy
may be trimmed, so the offset is anything), while the sampled times themselves differ between
encodings: pictures are taken at keyframes, and every encoder places them differently. So:

1. every pair of samples whose hashes are within :data:`MATCH_DISTANCE` bits votes for its offset
   ``b_t − a_t`` (0.5-s bins, summed over ±:data:`TIME_TOLERANCE_S`); the best few offsets are tried;
2. at one offset, a sample of ``a`` matches when a sample of ``b`` within ±:data:`TIME_TOLERANCE_S` of
   ``a_t + offset`` is within :data:`MATCH_DISTANCE` bits;
3. at that offset, the longest stretch of ``a``'s timeline from a match to a match where no two
   consecutive matches are over :data:`MAX_GAP_S` apart and at least :data:`MIN_DENSITY` of ``a``'s
   samples match: motion blur, a cut between two keyframes or a noisy encoder may spoil some samples,
   but a long shared sequence keeps matching;
4. of the offsets tried, the one whose stretch matches most samples most closely wins (in a scene
   that hardly changes, a wrong offset can give a stretch about as long: the answer's length is
   then right, its start less so).

A stretch counts only if its matched pictures are at least :data:`MIN_DISTINCT` different pictures:
a still picture (a title card, a paused screen) that both recordings show matches at *every*
offset, and says nothing about re-use. Still stretches long enough for ``freezedetect`` are already
left out of the fingerprints (:class:`workers.video.fingerprint.Collector`); this catches the rest.
The numbers are calibrated in :mod:`workers.video.fingerprint`'s docstring.

Index keys, for a database lookup that finds candidates to check with :func:`overlap`: the 64 bits
are cut into :data:`BANDS` (3 bands of 21/21/22 bits: the top, middle and bottom thirds of the cell
grid, so motion in one part of the picture leaves the other parts' bands intact), and a key is
(version, band number, band value) packed into a non-negative int below 2**41 (a BIGINT).
:func:`index_keys` stores one sample about every 10 s (:data:`INDEX_EVERY_S`): at most 18 keys a
minute, ~800 for a 45-minute lesson, fewer where pictures repeat (one-by-one: 5.2 a minute), so
100,000 recordings make ≤ ~80 M rows. :func:`lookup_keys` looks up every sample of the new recording.
A stored sample finds an equal band in the copy's samples within 1.25 s 62–96 % of the time on the
one-by-one copies (the corner crop is the 62), 67 % on the crowd, 33–39 % on Hamilton: a copy
sharing 60 s (6 stored samples) shares a few keys; the copies in the calibration shared 4–12 of
their 12–15 stored keys (Hamilton's 10-s loop: 0–5 of 4–13). A random band value collides
with probability 2**-21 per key; real pictures are not random (a plain or dark third of a picture
gives the same band), so the lookup should count *distinct* shared keys per recording, skip keys
with very many postings, and verify the best candidates with :func:`overlap`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from domain.evidence_checks import DUPLICATE_MIN_S

if TYPE_CHECKING:
    from workers.video.fingerprint import Fingerprint

MIN_DUPLICATE_S = DUPLICATE_MIN_S  # a shared sequence this long makes a re-used recording (a domain rule)
MATCH_DISTANCE = 10  # bits: same picture at most this far apart (of 64)
TIME_TOLERANCE_S = 1.25  # pictures ~2 s apart in each copy: the nearest one is ≤ ~1 s off
MAX_GAP_S = 10.0  # longest stretch without a match inside one shared sequence
MIN_DENSITY = 0.5  # share of a's samples that must match inside it
MIN_DISTINCT = 3  # different pictures it must show (a still one matches at any offset)
DISTINCT_DISTANCE = 6  # bits: pictures this far apart are different pictures (re-encoding noise ≤ ~4)
KEY_VERSION = 1  # in every index key: keys of another hash or band layout never meet these
BANDS = ((0, 21), (21, 42), (42, 64))  # bit ranges; bit 63 is the top left cell pair, bit 0 the bottom right
INDEX_EVERY_S = 10.0
_BIN_S = 0.5
_SUPPRESS_S = 2.0  # offsets this close to a better one are the same offset
_CANDIDATES = 8
_CHUNK = 512  # rows of a compared at once with all of b


@dataclass(frozen=True)
class Overlap:
    # length of the longest sequence the two share, on a's timeline: first to last matched sample plus
    # one sampling interval (n samples stand for n intervals: a shared minute measures ~60 s, not ~58 s)
    seconds: float
    a_start_s: float
    b_start_s: float
    matched: int  # samples of that sequence that matched

    @property
    def similar(self) -> bool:
        """Long enough to call ``b`` a re-use of ``a`` (or the other way round)."""
        return self.seconds >= MIN_DUPLICATE_S


NO_OVERLAP = Overlap(0.0, 0.0, 0.0, 0)


def overlap(a: Fingerprint, b: Fingerprint) -> Overlap:
    """The longest sequence ``a`` and ``b`` share at one time offset (zero seconds when none)."""
    ta, ha = np.asarray(a.times, dtype=np.float64), np.asarray(a.hashes, dtype=np.uint64)
    tb, hb = np.asarray(b.times, dtype=np.float64), np.asarray(b.hashes, dtype=np.uint64)
    best = NO_OVERLAP
    if not len(ta) or not len(tb):
        return best
    best_strength = 0
    for offset in _candidate_offsets(ta, ha, tb, hb):
        strength, found = _overlap_at(ta, ha, tb, hb, offset, a.duration_s)
        if strength > best_strength:
            best, best_strength = found, strength
    return best


def _candidate_offsets(ta: np.ndarray, ha: np.ndarray, tb: np.ndarray, hb: np.ndarray) -> list[float]:
    """The offsets (b_t − a_t) most matching pairs agree on, best first."""
    low = tb[0] - ta[-1] - TIME_TOLERANCE_S
    votes = np.zeros(int((tb[-1] - ta[0] + TIME_TOLERANCE_S - low) / _BIN_S) + 2)
    for start in range(0, len(ta), _CHUNK):
        rows = slice(start, start + _CHUNK)
        i, j = np.nonzero(np.bitwise_count(ha[rows, None] ^ hb[None, :]) <= MATCH_DISTANCE)
        bins = ((tb[j] - ta[rows][i] - low) / _BIN_S).astype(np.int64)
        votes += np.bincount(bins, minlength=len(votes))[: len(votes)]
    reach = round(TIME_TOLERANCE_S / _BIN_S)
    smoothed = np.convolve(votes, np.ones(2 * reach + 1), mode="same")
    chosen: list[float] = []
    for index in np.argsort(-smoothed, kind="stable"):
        if smoothed[index] <= 0 or len(chosen) == _CANDIDATES:
            break
        offset = low + (index + 0.5) * _BIN_S
        if all(abs(offset - c) > _SUPPRESS_S for c in chosen):
            chosen.append(float(offset))
    return chosen


def _overlap_at(
    ta: np.ndarray, ha: np.ndarray, tb: np.ndarray, hb: np.ndarray, offset: float, duration_s: float
) -> tuple[int, Overlap]:
    """The longest dense run of matches when b is shifted by ``offset``, and how strong it is: the
    sum over its matches of MATCH_DISTANCE + 1 − distance. In a scene that hardly changes, runs
    almost as long match at several offsets; the right one matches more samples, more closely."""
    left = np.searchsorted(tb, ta + offset - TIME_TOLERANCE_S, side="left")
    right = np.searchsorted(tb, ta + offset + TIME_TOLERANCE_S, side="right")
    width = int((right - left).max())
    if width == 0:
        return 0, NO_OVERLAP
    near = left[:, None] + np.arange(width)[None, :]
    valid = near < right[:, None]
    near = np.minimum(near, len(tb) - 1)
    distance = np.where(valid, np.bitwise_count(ha[:, None] ^ hb[near]), 65)
    nearest = np.argmin(distance, axis=1)
    rows = np.arange(len(ta))
    closest = distance[rows, nearest]
    matched = closest <= MATCH_DISTANCE
    run = _longest_run(ta, matched)
    if run is None:
        return 0, NO_OVERLAP
    first, last = run
    inside = np.flatnonzero(matched[first : last + 1]) + first
    if _distinct(ha[inside]) < MIN_DISTINCT:
        return 0, NO_OVERLAP
    span = float(ta[last] - ta[first])
    samples = last - first + 1  # each stands for one sampling interval: n samples cover n intervals
    strength = int((MATCH_DISTANCE + 1 - closest[inside]).sum())
    return strength, Overlap(
        seconds=round(max(span, min(span * samples / max(1, samples - 1), duration_s)), 3),
        a_start_s=round(float(ta[first]), 3),
        b_start_s=round(float(tb[near[first, nearest[first]]]), 3),
        matched=len(inside),
    )


def _longest_run(times: np.ndarray, matched: np.ndarray) -> tuple[int, int] | None:
    """(first, last) indices of the longest run (in seconds) from a match to a match, no gap between
    consecutive matches over MAX_GAP_S, at least MIN_DENSITY of the samples matched."""
    hits = np.flatnonzero(matched)
    if not len(hits):
        return None
    breaks = np.flatnonzero(np.diff(times[hits]) > MAX_GAP_S)
    best: tuple[float, int, int] | None = None
    for piece in np.split(hits, breaks + 1):
        start, stop = int(piece[0]), int(piece[-1]) + 1
        span = _densest_span(times[start:stop], matched[start:stop])
        first, last = start + span[0], start + span[1]
        if best is None or times[last] - times[first] > best[0]:
            best = (float(times[last] - times[first]), first, last)
    assert best is not None
    return best[1], best[2]


def _densest_span(times: np.ndarray, matched: np.ndarray) -> tuple[int, int]:
    """The longest (p, q) in time, both matched, with at least MIN_DENSITY of matched[p..q] matched.

    A sample scores 1 − MIN_DENSITY if matched, −MIN_DENSITY if not: a span is dense enough when its
    score is ≥ 0, i.e. when the prefix sum at its end is ≥ the one before its start. For each start the
    farthest such end is found by binary search in the running maximum (from the right) of the prefix
    sums at matched ends: O(n log n).
    """
    score = np.where(matched, 1.0 - MIN_DENSITY, -MIN_DENSITY)
    before = np.concatenate(([0.0], np.cumsum(score)))  # before[k]: sum of score[:k]
    at_end = np.where(matched, before[1:], -np.inf)
    reach = np.maximum.accumulate(at_end[::-1])[::-1]  # non-increasing
    starts = np.flatnonzero(matched)
    ends = np.searchsorted(-reach, -(before[starts] - 1e-9), side="right") - 1
    widest = int(np.argmax(times[ends] - times[starts]))
    return int(starts[widest]), int(ends[widest])


def _distinct(hashes: np.ndarray) -> int:
    """How many different pictures (over DISTINCT_DISTANCE bits apart), counted greedily up to MIN_DISTINCT."""
    seen: list[np.uint64] = []
    for value in hashes:
        if all(int(np.bitwise_count(value ^ s)) > DISTINCT_DISTANCE for s in seen):
            seen.append(value)
            if len(seen) >= MIN_DISTINCT:
                break
    return len(seen)


def _band_keys(value: int) -> list[int]:
    keys = []
    for number, (low, high) in enumerate(BANDS):
        band = (value >> low) & ((1 << (high - low)) - 1)
        keys.append(KEY_VERSION << 40 | number << 32 | band)
    return keys


def index_keys(fp: Fingerprint) -> list[int]:
    """Keys to store for ``fp``: the band keys of one sample about every INDEX_EVERY_S, deduplicated."""
    keys: list[int] = []
    slot = -1
    for t, value in zip(fp.times, fp.hashes):
        if int(t // INDEX_EVERY_S) != slot:  # the first sample of every INDEX_EVERY_S slot
            slot = int(t // INDEX_EVERY_S)
            keys += _band_keys(value)
    return list(dict.fromkeys(keys))


def lookup_keys(fp: Fingerprint) -> list[int]:
    """Keys to look up for ``fp``: the band keys of all its samples, deduplicated."""
    return list(dict.fromkeys(k for value in fp.hashes for k in _band_keys(value)))

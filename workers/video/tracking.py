"""Follow faces through the sampled frames, searching only where the picture changed, and encode a
person a few times per recording, never every face in every frame.

Why: an encoding costs ~75–95 ms per face and the detector (:mod:`workers.video.face_detector`)
~60–130 ms per 720p frame (searched at 0.73×), while a tripod-filmed meeting barely changes between two
frames 2 s apart. Each frame is compared with what was last searched, block by block (16 px
blocks, mean absolute grey difference measured at quarter resolution, which averages sensor
and encoder noise away); only changed blocks — grown by a margin, plus the whole box of any
face they touch — are searched again. A face outside every searched region is carried over
as it is: its pixels are the same, so the detector would find the same face. Every sampled frame
is searched this way: a face in any sampled frame is not skipped. The searched regions of one
frame are jobs for ``threads`` threads, while the calling thread links the previous frame's faces
(below) to tracks and encodings.

**Identity at bounded cost.** A face found again where one was in the previous frame (IoU ≥ 0.3)
continues its *track* and reuses the track's encoding while it *looks* the same. A track is encoded
when it starts, and again only while it is not yet *settled*: when it grows by a quarter (a better
view), or changed moderately for ``reencode_after_s`` (30 s). A track settles once one of its
encodings lies within ``confident_distance`` (0.40) of a reference photo — well inside the 0.55
match tolerance — or after ``max_encodings_per_track`` (3) encodings; a settled track is never
encoded again unless its look changes grossly (> 2× the threshold: someone else in that seat, or a
cut), which starts a new track. A face that comes back after a gap or a camera cut reuses an
earlier encoding when it looks the same as then. The look
is the face aligned on its 5 landmarks (the first step of an encoding, ~3 ms instead of ~95 ms),
32×32 grey, standardised; mean absolute difference ≤ 0.25 counts as the same. Measured: different
people's looks differ by ≥ 0.512 (the 18 shared single-face photos) and ≥ 0.645 (benchmark faces
in different places); one face re-found 2–40 s later mostly by 0.02–0.25. Thumbnails of the raw
boxes could not be used: box jitter alone moved them by up to 0.69.

Each encoding is an :class:`Observation` that stands for the frames it covers, with the best
evidence crop of those frames (largest, then sharpest face), for :mod:`workers.video.identify`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import cv2
import numpy as np

from workers.video import faces
from workers.video.face_detector import FaceDetector, Hit, distinct
from workers.video.faces import Box, FaceModels
from workers.video.picture import Picture


@dataclass
class Observation:
    """One face encoding and the sampled frames (indices) it stands for."""

    track: int
    encoding: np.ndarray
    first_t_s: float
    frames: list[int] = field(default_factory=list)
    height: int = 0  # of the evidence crop below
    sharpness: float = 0.0
    crop: bytes = b""
    look: np.ndarray | None = field(default=None, repr=False)  # the face when it was encoded
    checked_t_s: float = 0.0  # when the look was last found unchanged (or the encoding made)

    def offer(self, picture: Picture, box: Box) -> None:
        """Keep this face as the evidence crop if it beats the current one."""
        sharp = faces.sharpness(picture.grey, box)
        if better(box.height, sharp, self.height, self.sharpness):
            self.height, self.sharpness, self.crop = box.height, sharp, faces.crop_jpeg(picture.rgb, box)


def better(height: int, sharp: float, than_height: int, than_sharp: float) -> bool:
    """Largest face first (a quarter taller wins outright), then the sharper one."""
    if height >= 1.25 * than_height:
        return True
    if than_height >= 1.25 * height:
        return False
    return sharp > than_sharp


@dataclass(frozen=True)
class TrackerSettings:
    block_px: int = 16
    diff_scale: int = 4  # blocks are compared on a picture shrunk this much (noise averages out)
    change_level: float = 6.0  # mean |Δgrey| (0–255) for a changed block; still noisy video stays ≤ 3
    full_scan_share: float = 0.8  # search the whole frame once regions cover this share of it
    reencode_after_s: float = 30.0
    same_look: float = 0.25  # see the module docstring
    link_iou: float = 0.3
    confident_distance: float = 0.40  # an encoding this close to a reference photo settles its track
    max_encodings_per_track: int = 3
    threads: int = 2


@dataclass
class _Face:
    box: Box
    observation: Observation


@dataclass(frozen=True)
class _Pending:
    """A frame whose faces were found but not yet linked to tracks."""

    index: int
    t_s: float
    picture: Picture
    found: list[Box]
    kept: list[_Face]  # faces carried over from the frame before


@dataclass
class TrackerStats:
    frames: int = 0
    frames_with_faces: int = 0
    searched_share: float = 0.0  # sum over frames of the share of the picture searched
    encodings: int = 0
    detect_cpu_s: float = 0.0  # CPU seconds of the search threads
    encode_s: float = 0.0


class FaceTracker:
    """Feed frames in time order with :meth:`add`; read :attr:`observations` and :attr:`stats` at the end.

    The search of one frame overlaps the linking (looks, encodings) of the frame before: :meth:`add`
    starts its frame's search, links the previous frame on the calling thread meanwhile, then waits.
    The regions a frame needs searched depend only on where the previous frame's faces *are*, which
    is known when its search ends, not on who they are. Reading :attr:`observations` or
    :attr:`stats` links the last frame first.
    """

    def __init__(
        self,
        models: FaceModels,
        detector: FaceDetector,
        settings: TrackerSettings = TrackerSettings(),
        *,
        references: Mapping[str, Sequence[np.ndarray]] | None = None,
        source_scale: float = 1.0,
    ) -> None:
        """``references`` (name → encodings) only decide when a track is identified well enough to stop
        encoding it; ``source_scale`` is how much frames were shrunk from the source."""
        self.models = models
        self.detector = detector
        self.settings = settings
        self.source_scale = source_scale
        known = [np.asarray(r, dtype=np.float64) for refs in (references or {}).values() for r in refs]
        self._references = np.stack(known) if known else np.empty((0, 128))
        self._settled: set[int] = set()  # tracks not to encode again
        self._track_encodings: dict[int, int] = {}
        self._observations: list[Observation] = []
        self._stats = TrackerStats()
        self._faces: list[_Face] = []  # the last linked frame's
        self._pending: _Pending | None = None  # added, not yet linked
        self._reference: np.ndarray | None = None
        self._tracks = 0
        self._pool = ThreadPoolExecutor(max(1, settings.threads), thread_name_prefix="faces")

    @property
    def observations(self) -> list[Observation]:
        self._settle()
        return self._observations

    @property
    def stats(self) -> TrackerStats:
        self._settle()
        return self._stats

    def close(self) -> None:
        """Stop the search threads (the tracker cannot be fed afterwards)."""
        self._pool.shutdown(wait=True)

    def __enter__(self) -> FaceTracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, index: int, t_s: float, picture: Picture | np.ndarray) -> int:
        """Find the faces of one sampled frame (a Picture, or an RGB array); returns how many are visible in it."""
        picture = picture if isinstance(picture, Picture) else Picture.from_rgb(picture)
        grey = picture.grey
        regions = self._regions(grey)
        hits = self._search(picture, regions)
        self._settle()  # the previous frame, while this one is searched
        found = distinct(hits())
        height, width = grey.shape
        self._stats.searched_share += min(1.0, sum(r.area for r in regions) / (width * height))

        kept = [f for f in self._faces if not any(_inside(f.box, r) for r in regions)]
        kept = [f for f in kept if not any(f.box.iou(b) > self.settings.link_iou for b in found)]
        self._pending = _Pending(index, t_s, picture, found, kept)
        self._stats.frames += 1
        self._stats.frames_with_faces += bool(kept or found)
        return len(kept) + len(found)

    def _face_boxes(self) -> list[Box]:
        """Where the last added frame's faces are, whether or not they are linked yet."""
        if self._pending is None:
            return [face.box for face in self._faces]
        return [face.box for face in self._pending.kept] + self._pending.found

    def _settle(self) -> None:
        """Link the pending frame's faces to tracks and encodings."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        current = pending.kept + self._link(pending.found, pending.t_s, pending.picture)
        for face in current:
            face.observation.frames.append(pending.index)
        self._faces = current

    def _search(self, picture: Picture, regions: list[Box]) -> Callable[[], list[Hit]]:
        """Start searching every region on the threads, largest first and each with a face's worth of
        context around it (the network needs to see a face's surroundings); the returned call waits
        for their hits."""
        rgb = picture.rgb if regions else None
        margin = max(16, round(self.detector.min_face_px * self.source_scale))
        height, width = picture.grey.shape

        def run(region: Box) -> tuple[list[Hit], float]:
            start = time.thread_time()
            context = Box(
                max(0, region.top - margin),
                min(width, region.right + margin),
                min(height, region.bottom + margin),
                max(0, region.left - margin),
            )
            found = self.detector.detect(rgb, context, source_scale=self.source_scale)
            return found, time.thread_time() - start

        futures = [self._pool.submit(run, region) for region in sorted(regions, key=lambda r: -r.area)]

        def hits() -> list[Hit]:
            done = [future.result() for future in futures]
            self._stats.detect_cpu_s += sum(cpu for _, cpu in done)
            return [hit for found, _ in done for hit in found]

        return hits

    def _link(self, found: list[Box], t_s: float, picture: Picture) -> list[_Face]:
        """Continue tracks where boxes overlap the previous frame's; encode only what needs it."""
        linked: list[_Face] = []
        to_encode: list[tuple[Box, int, np.ndarray]] = []
        taken: set[int] = set()
        for box in found:
            best = max((f for f in self._faces if id(f) not in taken), key=lambda f: f.box.iou(box), default=None)
            look = None
            if best is not None and best.box.iou(box) >= self.settings.link_iou:
                taken.add(id(best))
                obs, track = best.observation, best.observation.track
                look = self.models.look(picture.grey, box)
                change, stale = _differs(obs.look, look), t_s - obs.checked_t_s >= self.settings.reencode_after_s
                same = change <= self.settings.same_look
                gross = change > 2 * self.settings.same_look
                settled = track in self._settled
                if (settled and not gross) or (box.height < 1.25 * obs.height and (same or (not stale and not gross))):
                    obs.checked_t_s = t_s if same else obs.checked_t_s
                    obs.offer(picture, box)
                    linked.append(_Face(box, obs))
                    continue
                if gross:  # someone else in that seat, or a cut: a new track
                    self._tracks += 1
                    track = self._tracks
            else:
                self._tracks += 1
                track = self._tracks
            look = self.models.look(picture.grey, box) if look is None else look
            if (earlier := self._looks_like(box, look)) is not None:
                earlier.offer(picture, box)
                linked.append(_Face(box, earlier))
                continue
            to_encode.append((box, track, look))
        if to_encode:
            start = time.perf_counter()
            encodings = self.models.encode(picture.rgb, [box for box, _, _ in to_encode])
            self._stats.encode_s += time.perf_counter() - start
            self._stats.encodings += len(encodings)
            for (box, track, look), encoding in zip(to_encode, encodings):
                self._count_encoding(track, encoding)
                obs = Observation(track, encoding, t_s, look=look, checked_t_s=t_s)
                obs.offer(picture, box)
                self._observations.append(obs)
                linked.append(_Face(box, obs))
        return linked

    def _count_encoding(self, track: int, encoding: np.ndarray) -> None:
        """Settle a track identified at high confidence, or encoded often enough."""
        count = self._track_encodings[track] = self._track_encodings.get(track, 0) + 1
        close = bool(
            len(self._references)
            and np.linalg.norm(self._references - encoding, axis=1).min() <= self.settings.confident_distance
        )
        if close or count >= self.settings.max_encodings_per_track:
            self._settled.add(track)

    def _looks_like(self, box: Box, look: np.ndarray) -> Observation | None:
        """The most recent encoding of a face of about this size that looked the same."""
        for obs in reversed(self._observations):
            if 0.7 <= box.height / max(1, obs.height) <= 1.4 and _differs(obs.look, look) <= self.settings.same_look:
                return obs
        return None

    def _regions(self, grey: np.ndarray) -> list[Box]:
        """The parts of this frame to search: changed blocks, grown, with any face they touch."""
        s = self.settings
        height, width = grey.shape
        small = cv2.resize(
            grey, (max(1, width // s.diff_scale), max(1, height // s.diff_scale)), interpolation=cv2.INTER_AREA
        )
        reference, self._reference = self._reference, small
        whole = Box(0, width, height, 0)
        if reference is None or reference.shape != small.shape:
            return [whole]
        rows, cols = -(-height // s.block_px), -(-width // s.block_px)
        diff = cv2.absdiff(small, reference)
        changed = cv2.resize(diff, (cols, rows), interpolation=cv2.INTER_AREA) > s.change_level
        for box in self._face_boxes():
            cells = _cells(box.grown(0.25, width=width, height=height), s.block_px)
            if changed[cells].any():
                changed[cells] = True
        if not changed.any():
            self._reference = reference  # nothing searched: keep comparing with what was
            return []
        grow = max(1, round(self.detector.min_face_px * self.source_scale / 2 / s.block_px))
        mask = cv2.dilate(changed.astype(np.uint8), np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
        count, _, boxes, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        regions = [
            Box(y * s.block_px, min(width, (x + w) * s.block_px), min(height, (y + h) * s.block_px), x * s.block_px)
            for x, y, w, h, _ in boxes[1:count]
        ]
        regions = _merge(regions)
        if sum(r.area for r in regions) >= s.full_scan_share * width * height:
            regions = [whole]
        self._reference = _keep(reference, small, regions, s)
        return regions


def _keep(reference: np.ndarray, small: np.ndarray, regions: list[Box], s: TrackerSettings) -> np.ndarray:
    """The new reference: this frame where it was searched, the old reference everywhere else."""
    kept = reference.copy()
    for r in regions:
        t, b, left, right = (
            r.top // s.diff_scale,
            -(-r.bottom // s.diff_scale),
            r.left // s.diff_scale,
            -(-r.right // s.diff_scale),
        )
        kept[t:b, left:right] = small[t:b, left:right]
    return kept


def _differs(before: np.ndarray | None, after: np.ndarray) -> float:
    return float("inf") if before is None else float(np.abs(before - after).mean())


def _cells(box: Box, block: int) -> tuple[slice, slice]:
    return slice(box.top // block, -(-box.bottom // block)), slice(box.left // block, -(-box.right // block))


def _inside(box: Box, region: Box) -> bool:
    return (
        region.top <= box.top and region.left <= box.left and box.bottom <= region.bottom and box.right <= region.right
    )


def _merge(regions: list[Box]) -> list[Box]:
    """Merge overlapping rectangles where their bounding box adds no area; others may overlap a little.

    Merging an L of changes into its bounding box would search unchanged picture; searching a
    small overlap twice is cheaper, and the duplicates it finds are dropped by :func:`face_detector.distinct`.
    """
    regions = list(regions)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(regions):
            for j in range(i + 1, len(regions)):
                b = regions[j]
                union = Box(min(a.top, b.top), max(a.right, b.right), max(a.bottom, b.bottom), min(a.left, b.left))
                if a.top < b.bottom and b.top < a.bottom and a.left < b.right and b.left < a.right:
                    if union.area <= a.area + b.area or _inside(a, b) or _inside(b, a):
                        regions[i] = union
                        del regions[j]
                        merged = True
                        break
            if merged:
                break
    return regions

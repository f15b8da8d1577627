"""The media half of the "analyze" stage: does a group-session recording have ≥ 10 minutes of real
content, and does every listed teacher show a frontal face?

One call, :func:`analyze`, runs everything on a local file and returns plain data; the stage
(database, storage, reasons) is built on top of it. What runs, and why it is fast enough:

* one keyframe-only ffmpeg decode (plus seek-decoded frames where keyframes are over 2 s
  apart, :mod:`workers.video.sampling`) feeds both face detection *and* the black/freeze/
  silence detectors (:mod:`workers.video.padding`): padding costs no second decode; frames come
  as YUV, whose luma plane is what the search reads (:mod:`workers.video.picture`);
* where keyframes are denser than the 2-s rule asks (a keyframe a second is common), only as many
  are searched as leave no gap over 2 s (:class:`workers.video.sampling.Spacing`): these are the
  *sampled* frames that ``seen_fraction`` counts; the padding detectors still see every keyframe;
* ffmpeg decodes in the background while Python searches faces, so the two cores overlap;
* every sampled frame is searched, but only where it changed, by a CNN face detector (YuNet,
  :mod:`workers.video.face_detector`) on a picture shrunk so the smallest face sought (22 px at the
  source) is 16 px, while the calling thread links the previous frame's faces; a person is encoded a
  few times per recording, not in every frame (:mod:`workers.video.tracking`);
* observations are clustered and matched to the reference photos; clusters matching nobody are kept
  with their best crop as *unknown* people (:mod:`workers.video.identify`);
* the sampled frames' luma also gives the recording's perceptual fingerprint
  (:mod:`workers.video.fingerprint`), black and frozen stretches left out, to find re-used recordings.

``progress(percent)`` is called from the calling thread, at most once per percent point,
monotonically, and 100 at the very end.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np

from workers.video import face_detector, faces, fingerprint, padding, sampling
from workers.video.face_detector import FaceDetector
from workers.video.identify import (
    CLUSTER_TOLERANCE,
    DEFAULT_TOLERANCE,
    Participant,
    Person,
    UnknownPerson,
    match,
    people_of,
)
from workers.video.padding import PaddingSettings, Stretch
from workers.video.probe import MediaInfo, probe
from workers.video.tracking import FaceTracker, TrackerSettings

Progress = Callable[[float], None]


@dataclass(frozen=True)
class AnalysisStats:
    """Where the time went (for logs and the benchmark), not part of the verdict."""

    wall_s: float
    keyframes: int  # decoded (all of them feed the padding detectors)
    filled_frames: int  # decoded by seeking, where keyframes are over 2 s apart
    searched_frames: int  # of those, searched for faces: no more than keep gaps within 2 s
    detect_cpu_s: float  # CPU seconds of the face search threads
    encode_s: float
    encodings: int
    searched_share: float  # mean share of each frame's pixels that was searched for faces
    clusters: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class AnalysisResult:
    duration_s: float
    effective_duration_s: float
    padding: tuple[Stretch, ...]
    sampled_frames: int
    frames_with_faces: int
    participants: tuple[Participant, ...]
    unknown: tuple[UnknownPerson, ...]
    has_audio: bool
    fingerprint: fingerprint.Fingerprint = field(repr=False)
    stats: AnalysisStats = field(repr=False)
    # Everyone on camera, matched or not: what a recording keeps to be identified again later.
    people: tuple[Person, ...] = field(default=(), repr=False)

    @property
    def unknown_faces(self) -> int:
        """How many people matching nobody on the list were seen (clusters of faces)."""
        return len(self.unknown)

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly summary; evidence crops are left out (see :meth:`evidence`)."""
        return {
            "duration_s": self.duration_s,
            "effective_duration_s": self.effective_duration_s,
            "padding": [s.as_dict() for s in self.padding],
            "sampled_frames": self.sampled_frames,
            "frames_with_faces": self.frames_with_faces,
            "participants": [p.as_dict() for p in self.participants],
            "unknown_faces": self.unknown_faces,
            "unknown": [u.as_dict() for u in self.unknown],
        }

    def evidence(self, name: str) -> bytes | None:
        """JPEG bytes of the best face of participant ``name`` (``None`` if never seen)."""
        n = next((p.evidence_n for p in self.participants if p.name == name), None)
        return next((p.crop for p in self.people if p.n == n), None) if n is not None else None


_opencv_lock = threading.Lock()
_opencv_users = 0  # analyses running in this process
_opencv_threads_before = 0


@contextlib.contextmanager
def _opencv_on_one_thread() -> Iterator[None]:
    """OpenCV's own thread pool off while the analysis runs its own threads.

    Why: OpenCV splits every resize, warp and colour conversion across all cores, while the analysis
    already keeps them busy (search threads, ffmpeg, the calling thread); the hand-overs only cost
    (measurably: less wall and CPU time on the benchmark). The setting is process-wide: the previous
    one comes back when the last analysis running in the process ends.
    """
    global _opencv_users, _opencv_threads_before
    with _opencv_lock:
        if _opencv_users == 0:
            _opencv_threads_before = cv2.getNumThreads()
            cv2.setNumThreads(1)
        _opencv_users += 1
    try:
        yield
    finally:
        with _opencv_lock:
            _opencv_users -= 1
            if _opencv_users == 0:
                cv2.setNumThreads(_opencv_threads_before)


class _Throttle:
    """Report whole-percent progress, never backwards, never the same value twice."""

    def __init__(self, report: Progress | None) -> None:
        self.report, self.last = report, -1.0

    def __call__(self, percent: float, *, force: bool = False) -> None:
        percent = round(min(100.0, max(0.0, percent)), 1)
        if self.report is not None and (percent >= self.last + 1 or (force and percent > self.last)):
            self.last = percent
            self.report(percent)


def analyze(
    path: Path,
    *,
    references: Mapping[str, Sequence[np.ndarray]],
    tolerance: float = DEFAULT_TOLERANCE,
    progress: Progress | None = None,
    models: faces.FaceModels | None = None,
    detector: FaceDetector | None = None,
    info: MediaInfo | None = None,
    max_gap_s: float = 2.0,
    padding_settings: PaddingSettings = PaddingSettings(),
    timeout_s: float | None = None,
    threads: int = 2,
    ffmpeg_binary: str | None = None,
    ffprobe_binary: str | None = None,
) -> AnalysisResult:
    """Analyse a local video for the participants in ``references`` (name → reference encodings).

    Raises a :class:`~workers.video.errors.MediaError` for unusable media (permanent),
    ``ModelsUnavailable``/``ToolMissing`` for deployment problems. The binaries default to the
    configured ones.
    """
    started = time.perf_counter()
    path = Path(path)
    report = _Throttle(progress)
    models = models or faces.load_models()  # fail before any ffmpeg starts
    detector = detector or face_detector.load_detector(threads=threads)
    info = info or probe(path, ffprobe_binary=ffprobe_binary)
    plan = sampling.plan(path, info, max_gap_s=max_gap_s, ffprobe_binary=ffprobe_binary)
    duration = plan.duration_s
    budget = timeout_s if timeout_s is not None else 300 + duration
    source_long_side = max(info.width, info.height, 1)
    tracker = FaceTracker(
        models,
        detector,
        TrackerSettings(threads=threads),
        references=references,
        source_scale=min(1.0, max(plan.width, plan.height) / source_long_side),
    )
    prints = fingerprint.Collector()
    times: list[float] = []
    keyframe_times: list[float] = []
    decoded = 0
    report(1, force=True)
    audio_taps = [padding.audio_tap(padding_settings)] if info.has_audio else []
    with (
        _opencv_on_one_thread(),
        tracker,
        sampling.FrameSampler(
            path,
            plan,
            video_taps=[padding.video_tap(padding_settings)],
            audio_taps=audio_taps,
            timeout_s=budget,
            ffmpeg_binary=ffmpeg_binary,
        ) as sampler,
    ):
        spacing = sampling.Spacing(max_gap_s)

        def search(due: list[sampling.Frame]) -> None:
            for frame in due:
                tracker.add(len(times), frame.t_s, frame.picture)
                prints.add(frame.t_s, frame.picture.grey)
                times.append(frame.t_s)

        for frame in sampler:
            decoded += 1
            if frame.keyframe:
                keyframe_times.append(frame.t_s)
            search(spacing.offer(frame.t_s, frame))
            if duration:
                report(2 + 93 * min(1.0, frame.t_s / duration))
        search(spacing.flush())
        log = list(sampler.log_lines)
    stretches = padding.parse_log(log, duration_s=duration, pictures=keyframe_times, start_s=plan.start_s)
    people = people_of(tracker.observations, frame_times=times, cluster_tolerance=min(CLUSTER_TOLERANCE, tolerance))
    found = match(people, references, total_frames=len(times), tolerance=tolerance)
    stats = tracker.stats
    result = AnalysisResult(
        duration_s=round(duration, 3),
        effective_duration_s=padding.effective_duration(duration, stretches),
        padding=tuple(stretches),
        sampled_frames=len(times),  # the share denominators of identification
        frames_with_faces=stats.frames_with_faces,
        participants=found.participants,
        unknown=found.unknown,
        people=people,
        has_audio=info.has_audio,
        fingerprint=prints.finish(duration_s=duration, padding=stretches),
        stats=AnalysisStats(
            wall_s=round(time.perf_counter() - started, 3),
            keyframes=len(keyframe_times),
            filled_frames=decoded - len(keyframe_times),
            searched_frames=stats.frames,
            detect_cpu_s=round(stats.detect_cpu_s, 3),
            encode_s=round(stats.encode_s, 3),
            encodings=stats.encodings,
            searched_share=round(stats.searched_share / stats.frames, 4) if stats.frames else 0.0,
            clusters=found.clusters,
        ),
    )
    report(100, force=True)
    return result

"""Who is on screen: group the face observations into people, then match people to the participant list.

Clustering first, then matching whole clusters, is steadier than matching every frame: a
half-turned frame at distance 0.55 still counts for the teacher whose other frames sit at
0.35, and the cluster centroid is compared with the reference photos. Greedy clustering (best
faces first, join the nearest centroid within ``cluster_tolerance``, then merge centroids that
ended up close) is enough: a recording has a few hundred observations, not millions.

**Tolerance** (Euclidean distance between 128-d dlib encodings), measured on /work/shared/media
with the encodings this package makes (1.6× grey HOG, 5-point landmarks):

    pairs                                            n     distance
    same person, photo vs photo                      23    0.138 – 0.527 (mean 0.374)
    same person, video face vs photo (Miranda)       14    0.426 per face, 0.409 clip centroid
    different people, photo vs photo                 130   0.689 – 1.16  (mean 0.854)
    different people, video face vs photo            336   ≥ 0.619 per face, ≥ 0.596 clip centroid
    different people across the two shared sets      —     ≥ 0.558, and 63 pairs under 0.6
                                                           (labels.json cross_set_overlap_check)

The library default 0.6 lets different people through (63 cross-set pairs, the Hamilton clip's
centroid at 0.596 from Ivan's photo): here that means crediting an absent teacher. 0.55 sits
between the largest same-person distance seen (0.527) and the smallest different-person one
(0.558). A miss costs a reviewer one look at the evidence crop; a false match hides an absent
teacher, so ties go to strictness. ``tests/workers/analysis/test_references.py`` keeps the
photo measurement as a test.

Video faces now come from YuNet's boxes made square (:mod:`workers.video.face_detector`); the table's
video rows were measured with HOG's. On the shared photos, encodings from the two kinds of box lie a
median 0.055 apart (0.16 at most), and faces only 28 px tall in a 720p frame still land 0.41–0.51 from
their person's other photo and ≥ 0.73 from everyone else's, so the tolerance stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from workers.video.tracking import Observation, better

DEFAULT_TOLERANCE = 0.55
CLUSTER_TOLERANCE = 0.45  # tighter than matching: two people must never share one cluster
MIN_UNKNOWN_FRAMES = 2  # a face seen in a single sampled frame is more likely a detector false alarm


@dataclass(frozen=True)
class Participant:
    name: str
    seen: bool
    first_seen_s: float | None
    seen_fraction: float
    match_distance: float | None = None  # centroid-to-photo distance of the best matching person
    has_reference: bool = True
    evidence_n: int | None = None  # the person (``Person.n``) whose crop is the evidence

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "seen": self.seen,
            "first_seen_s": self.first_seen_s,
            "seen_fraction": self.seen_fraction,
            "has_reference": self.has_reference,
            "evidence_n": self.evidence_n,
        }


@dataclass(frozen=True)
class UnknownPerson:
    """A person on camera matching nobody on the list: who the leader may want to look at."""

    first_seen_s: float
    seen_fraction: float
    n: int | None = None  # the person (``Person.n``) it is

    def as_dict(self) -> dict[str, object]:
        return {"first_seen_s": self.first_seen_s, "seen_fraction": self.seen_fraction, "n": self.n}


@dataclass(frozen=True)
class Person:
    """One person on camera: a cluster of face encodings, all identification needs of it.

    This is what a recording keeps of its faces (``db.models.RecordingFace``), so a photo added
    later is matched against these without decoding the video again (:func:`match`).
    """

    n: int
    centroid: np.ndarray
    frames: frozenset[int]  # indices of the sampled frames showing this person
    first_seen_s: float
    crop_height: int = 0
    crop_sharpness: float = 0.0
    crop: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Identification:
    participants: tuple[Participant, ...]
    unknown: tuple[UnknownPerson, ...]
    people: tuple[Person, ...]  # everyone on camera, by number: the crops are theirs

    @property
    def unknown_faces(self) -> int:
        return len(self.unknown)

    @property
    def clusters(self) -> int:
        return len(self.people)

    def crop(self, n: int | None) -> bytes | None:
        """JPEG bytes of person ``n``'s best face (None without a person or a crop)."""
        return next((p.crop for p in self.people if p.n == n), None) if n is not None else None


@dataclass
class Cluster:
    members: list[Observation]
    centroid: np.ndarray

    @property
    def frames(self) -> set[int]:
        return {i for m in self.members for i in m.frames}


def cluster(observations: Sequence[Observation], *, tolerance: float = CLUSTER_TOLERANCE) -> list[Cluster]:
    """Greedy centroid clustering, best-quality faces first, then merge clusters that ended up close."""
    clusters: list[Cluster] = []
    for obs in sorted(observations, key=lambda o: (-o.height, -o.sharpness)):
        nearest = min(clusters, key=lambda c: _distance(c.centroid, obs.encoding), default=None)
        if nearest is not None and _distance(nearest.centroid, obs.encoding) <= tolerance:
            nearest.members.append(obs)
            nearest.centroid = np.mean([m.encoding for m in nearest.members], axis=0)
        else:
            clusters.append(Cluster([obs], obs.encoding.copy()))
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(clusters):
            for b in clusters[i + 1 :]:
                if _distance(a.centroid, b.centroid) <= tolerance:
                    a.members += b.members
                    a.centroid = np.mean([m.encoding for m in a.members], axis=0)
                    clusters.remove(b)
                    merged = True
                    break
            if merged:
                break
    return clusters


def people_of(
    observations: Sequence[Observation],
    *,
    frame_times: Sequence[float],
    cluster_tolerance: float = CLUSTER_TOLERANCE,
) -> tuple[Person, ...]:
    """The people on camera, in order of first appearance, each with their best crop."""
    found = []
    for c in cluster(observations, tolerance=cluster_tolerance):
        frames = frozenset(c.frames)
        best = _best_crop([c])
        found.append(
            Person(
                n=0,
                centroid=c.centroid,
                frames=frames,
                first_seen_s=round(min(frame_times[i] for i in frames), 3),
                crop_height=best.height if best else 0,
                crop_sharpness=round(best.sharpness, 3) if best else 0.0,
                crop=best.crop if best else None,
            )
        )
    found.sort(key=lambda p: (p.first_seen_s, -len(p.frames)))
    return tuple(replace(person, n=n) for n, person in enumerate(found))


def match(
    people: Sequence[Person],
    references: Mapping[str, Sequence[np.ndarray]],
    *,
    total_frames: int,
    tolerance: float = DEFAULT_TOLERANCE,
    min_unknown_frames: int = MIN_UNKNOWN_FRAMES,
    assigned: Mapping[int, str] | None = None,
) -> Identification:
    """Match people to the participants' reference encodings; ``assigned`` (person n → name) outranks them.

    A leader's assignment of a person to a participant is their judgement of the evidence: it
    stands whatever the distance (a profile, a mask), as long as that participant is listed.
    """
    assigned = {n: name for n, name in (assigned or {}).items() if name in references}
    claimed: dict[str, list[tuple[float, Person]]] = {name: [] for name in references}
    unknown: list[UnknownPerson] = []
    for person in people:
        distances = {
            name: min(_distance(person.centroid, np.asarray(r, dtype=np.float64)) for r in refs)
            for name, refs in references.items()
            if len(refs)
        }
        if person.n in assigned:
            name = assigned[person.n]
            claimed[name].append((distances.get(name, 0.0), person))
            continue
        name = min(distances, key=distances.__getitem__, default=None)
        if name is not None and distances[name] <= tolerance:
            claimed[name].append((distances[name], person))
        elif len(person.frames) >= min_unknown_frames:
            unknown.append(
                UnknownPerson(
                    first_seen_s=person.first_seen_s,
                    seen_fraction=_share(person.frames, total_frames),
                    n=person.n,
                )
            )
    listed = tuple(
        _participant(name, claimed[name], references[name], total_frames, name in assigned.values())
        for name in references
    )
    unknown.sort(key=lambda person: (person.first_seen_s, -person.seen_fraction))
    return Identification(participants=listed, unknown=tuple(unknown), people=tuple(people))


def identify(
    observations: Sequence[Observation],
    references: Mapping[str, Sequence[np.ndarray]],
    *,
    frame_times: Sequence[float],
    tolerance: float = DEFAULT_TOLERANCE,
    cluster_tolerance: float = CLUSTER_TOLERANCE,
    min_unknown_frames: int = MIN_UNKNOWN_FRAMES,
) -> Identification:
    """Match clusters of observations to participants' reference encodings (``frame_times[i]`` = time of frame i)."""
    people = people_of(observations, frame_times=frame_times, cluster_tolerance=min(cluster_tolerance, tolerance))
    return match(
        people, references, total_frames=len(frame_times), tolerance=tolerance, min_unknown_frames=min_unknown_frames
    )


def _best_crop(clusters: Sequence[Cluster]) -> Observation | None:
    """The largest, then sharpest, face of these clusters that has a crop."""
    best: Observation | None = None
    for c in clusters:
        for m in c.members:
            if m.crop and (best is None or better(m.height, m.sharpness, best.height, best.sharpness)):
                best = m
    return best


def _share(frames: frozenset[int] | set[int], total: int) -> float:
    return round(len(frames) / total, 4) if total else 0.0


def _participant(
    name: str, matches: list[tuple[float, Person]], refs: Sequence[np.ndarray], total: int, assigned: bool
) -> Participant:
    if not matches:
        return Participant(name, False, None, 0.0, has_reference=bool(len(refs)))
    frames = frozenset().union(*(p.frames for _, p in matches))
    best = None
    for person in (p for _, p in matches if p.crop_height):  # a person without a crop has no height
        if best is None or better(person.crop_height, person.crop_sharpness, best.crop_height, best.crop_sharpness):
            best = person
    return Participant(
        name=name,
        seen=True,
        first_seen_s=min(p.first_seen_s for _, p in matches),
        seen_fraction=_share(frames, total),
        match_distance=round(min(d for d, _ in matches), 4),
        has_reference=bool(len(refs)) or assigned,
        evidence_n=best.n if best else None,
    )


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))

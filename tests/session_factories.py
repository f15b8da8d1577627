"""Group sessions written as rows, for tests of identification, judgement and biometric data.

A session's stored faces (``RecordingFace``) and the participants' reference encodings are small
vectors, so identification runs for real (the identify stage through the harness's task queue)
without a video.
"""

from __future__ import annotations

import numpy as np

from db.base import utcnow
from db.models import ProcessingJob, RecordingFace, ResearchGroup, Teacher
from domain.stages import Stage
from pipeline import jobs as pipeline_jobs
from tests import biometric_factories as bf
from tests import factories

DONE = ("probe", "analyze", "transcode")


def vector(seed: int) -> list[float]:
    """A unit 128-d vector; two seeds are far apart (~1.4), as different people's encodings are."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=128)
    return [float(x) for x in v / np.linalg.norm(v)]


def processed_session(
    h,
    ids,
    staff: list[str],
    faces: list[tuple[list[float], int]],
    *,
    consent: bool = True,
    jobs: tuple[str, ...] = DONE,
    **values,
) -> str:
    """A 12-minute session of the chinese group listing ``staff``, with these people on camera
    (encoding, frames seen), its stages in ``jobs`` done; identified once analysed.

    ``consent``: each participant agreed to face identification first (so they are looked for).
    """
    with h.runtime.transaction() as s:  # queues its identify job on the harness's queue
        group = s.get(ResearchGroup, ids.chinese_group_id)
        listed = [s.get(Teacher, ids.teachers[code]) for code in staff]
        if consent:
            for teacher in listed:
                bf.consent(s, teacher.id)
        recording = factories.make_recording(
            s,
            group=group,
            participants=listed,
            original_filename="教研活动.mp4",
            duration_s=720.0,
            analysis={
                "duration_s": 720.0,
                "effective_duration_s": 720.0,
                "sampled_frames": 10,
                "frames_with_faces": 10,
                "identified_at": utcnow().isoformat(),
            },
            **values,
        )
        recording.jobs += [  # the factory made the probe job
            ProcessingJob(
                stage=stage, state="done" if stage in jobs else "queued", percent=100.0 if stage in jobs else 0.0
            )
            for stage in DONE[1:]
        ]
        for n, (centroid, frames) in enumerate(faces):
            crop_key = f"derived/{recording.id}/analysis/faces/r1/{n}.jpg"
            h.store.put_bytes(crop_key, b"\xff\xd8\xff\xe0 face", "image/jpeg")
            s.add(
                RecordingFace(
                    recording_id=recording.id,
                    n=n,
                    centroid=centroid,
                    frames=list(range(frames)),
                    first_seen_s=2.0 * n,
                    crop_key=crop_key,
                    crop_height=80,
                    crop_sharpness=50.0,
                )
            )
        s.flush()
        if "analyze" in jobs:
            pipeline_jobs.enqueue(s, recording.id, Stage.IDENTIFY)
        recording_id = recording.id
    h.drain()
    return recording_id

"""analyze() end to end on recordings built from the shared real faces."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from tests import analysis_media
from workers.video import faces, references
from workers.video.analysis import AnalysisResult, analyze


@pytest.fixture(scope="module")
def refs(models) -> dict[str, list[np.ndarray]]:
    photos = {"obama": "obama/obama.jpg", "biden": "biden/biden.jpg"}  # not the photos the clips are made of
    return {
        name: [references.enrol_photo(analysis_media.photo(p).read_bytes(), models=models)]
        for name, p in photos.items()
    }


@pytest.fixture(scope="module")
def meeting(models, refs) -> tuple[AnalysisResult, list[float]]:
    reported: list[float] = []
    result = analyze(analysis_media.meeting_clip(16), references=refs, models=models, progress=reported.append)
    return result, reported


def test_the_listed_participant_who_never_appears_is_not_seen(meeting):
    result, _ = meeting
    obama, biden = result.participants

    assert (obama.name, obama.seen, obama.first_seen_s, obama.seen_fraction) == ("obama", True, 0.0, 1.0)
    assert obama.match_distance is not None and obama.match_distance < 0.5
    assert (biden.name, biden.seen, biden.first_seen_s, biden.seen_fraction) == ("biden", False, None, 0.0)
    assert result.unknown_faces == 1  # the signer, who is on nobody's list
    assert result.sampled_frames == 8 and result.frames_with_faces == 8
    assert result.duration_s == pytest.approx(16, abs=0.2) and result.effective_duration_s == result.duration_s
    assert result.padding == ()


def test_the_evidence_crop_shows_the_participant(meeting, models, refs):
    result, _ = meeting
    jpeg = result.evidence("obama")
    assert result.evidence("biden") is None
    crop = cv2.cvtColor(cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    (box,) = faces.detect(models, crop)
    (encoding,) = models.encode(crop, [box])
    assert np.linalg.norm(encoding - refs["obama"][0]) < 0.55


def test_progress_is_monotonic_and_ends_at_100(meeting):
    _, reported = meeting
    assert reported[0] <= 5 and reported[-1] == 100
    assert reported == sorted(reported) and len(set(reported)) == len(reported)
    assert len(reported) >= 5


def test_the_summary_is_json_friendly_without_crops(meeting):
    result, _ = meeting
    data = result.as_dict()
    assert set(data) == {
        "duration_s", "effective_duration_s", "padding", "sampled_frames", "frames_with_faces", "participants",
        "unknown_faces", "unknown",
    }  # fmt: skip
    person = {"name", "seen", "first_seen_s", "seen_fraction", "has_reference", "evidence_n"}
    assert all(set(p) == person for p in data["participants"])
    assert data["unknown_faces"] == len(data["unknown"]) == 1  # the signer, on nobody's list
    assert all(set(u) == {"first_seen_s", "seen_fraction", "n"} for u in data["unknown"])  # n: the kept person
    assert json.loads(json.dumps(data)) == data
    assert result.stats.keyframes == 8 and result.stats.encodings >= 2


def test_keyframes_every_half_second_are_searched_only_every_two_seconds(models, refs, meeting):
    result = analyze(analysis_media.meeting_clip(16, gop_s=0.5), references=refs, models=models)

    assert result.stats.keyframes == 32 and result.stats.searched_frames == result.sampled_frames == 9
    assert [(p.name, p.seen, p.first_seen_s, p.seen_fraction) for p in result.participants] == [
        ("obama", True, 0.0, 1.0), ("biden", False, None, 0.0)
    ]  # fmt: skip
    assert result.unknown_faces == meeting[0].unknown_faces == 1


def test_a_black_padded_recording_falls_under_ten_minutes(models, refs):
    clip = analysis_media.padded_clip("black", content_s=360, pad_s=300)  # 11 minutes on the clock

    result = analyze(clip, references=refs, models=models)

    assert result.duration_s == pytest.approx(660, abs=1)
    assert result.effective_duration_s == pytest.approx(360, abs=2.5) and result.effective_duration_s < 600
    assert {s.kind for s in result.padding} >= {"black", "frozen", "silent"}
    assert not any(p.seen for p in result.participants)


def test_a_recording_without_frontal_faces(models, refs):
    result = analyze(analysis_media.no_face_clip(30), references=refs, models=models)

    assert result.frames_with_faces == 0 and result.unknown_faces == 0
    assert result.sampled_frames >= 15
    assert [p.seen for p in result.participants] == [False, False]
    assert result.effective_duration_s == pytest.approx(30, abs=0.5)


def test_participants_without_a_photo_are_reported_not_seen(models):
    result = analyze(analysis_media.still_clip("obama/obama1.jpg", 6), references={"nobody": []}, models=models)
    (nobody,) = result.participants
    assert not nobody.seen and not nobody.has_reference
    assert result.unknown_faces == 1 and result.frames_with_faces == result.sampled_frames


def test_a_real_shared_video_with_a_known_performer(models):
    photo = analysis_media.photo("lin_manuel_miranda/lin-manuel-miranda.png").read_bytes()
    refs = {"lin_manuel_miranda": [references.enrol_photo(photo, models=models)]}
    result = analyze(analysis_media.SHARED / "videos" / "short_hamilton_clip.mp4", references=refs, models=models)
    (lmm,) = result.participants
    # Facing the camera at the microphone (45 px) from the first sampled frame, 0.84 s, and close from
    # ~4 s. labels.json calls 0–1 s a close profile, but the frames show him frontal; its 1-fps HOG pass
    # found that face and left it unmatched (0.64), which clustering with his later faces resolves.
    assert lmm.seen and lmm.first_seen_s <= 7
    assert 0 < lmm.seen_fraction < 1


def test_opencv_runs_on_one_thread_during_the_analysis_and_as_before_after(models):
    import cv2

    before = cv2.getNumThreads()
    during: list[int] = []
    clip = analysis_media.still_clip("obama/obama1.jpg", 6)
    analyze(clip, references={}, models=models, progress=lambda _: during.append(cv2.getNumThreads()))

    assert 1 in during and set(during) <= {1, before}  # the first and last reports come from outside
    assert cv2.getNumThreads() == before


def test_overlapping_analyses_leave_opencv_as_they_found_it():
    import cv2

    from workers.video.analysis import _opencv_on_one_thread

    before = cv2.getNumThreads()
    first, second = _opencv_on_one_thread(), _opencv_on_one_thread()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert cv2.getNumThreads() == 1  # the second analysis still runs
    second.__exit__(None, None, None)
    assert cv2.getNumThreads() == before

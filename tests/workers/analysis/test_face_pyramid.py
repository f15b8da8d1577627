"""The detector cut into filters, cells and pyramid levels finds what the stock detector finds, level by level."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests import analysis_media
from workers.video import face_pyramid, hog_detector
from workers.video.errors import ModelsUnavailable
from workers.video.faces import Box
from workers.video.tracking import FaceTracker, TrackerSettings

OBAMA, BIDEN = "obama/obama2.jpg", "biden/biden2.jpg"
WHOLE = Box(0, 1280, 720, 0)


def _grey(frame: np.ndarray) -> np.ndarray:
    return frame.mean(axis=2).astype(np.uint8)


def _hits(models, grey: np.ndarray, region: Box = WHOLE, min_face_px: float = 40) -> list[face_pyramid.Hit]:
    """Every level of ``region`` searched in turn, as the tracker's threads do between them."""
    pyramid = face_pyramid.pyramid(min_face_px)
    levels = face_pyramid.levels(grey, region, pyramid)
    return [hit for level in levels for hit in face_pyramid.search(models.api.dlib, level, pyramid)]


def test_a_rebuilt_detector_keeps_only_the_chosen_filters(models):
    dlib = models.api.dlib
    assert hog_detector.build(dlib).num_detectors == 1
    assert hog_detector.build(dlib, filters=face_pyramid.FRONTAL).num_detectors == 3
    with pytest.raises(ValueError):
        hog_detector.build(dlib, filters=(7,))


def test_a_detector_with_one_pyramid_level_finds_only_faces_of_its_window_size(models):
    dlib = models.api.dlib
    small, large = (_grey(analysis_media.canvas_with_face(OBAMA, face_px=px, at=(640, 360))) for px in (70, 220))
    one_level = hog_detector.build(dlib, max_levels=1)
    deep = hog_detector.build(dlib)

    assert len(one_level(small, 0)) == 1 and len(deep(small, 0)) == 1
    assert len(one_level(large, 0)) == 0 and len(deep(large, 0)) == 1  # big faces need lower levels


def test_finer_cells_find_small_faces_in_the_picture_as_it_is(models):
    dlib = models.api.dlib
    small = _grey(analysis_media.canvas_with_face(OBAMA, face_px=42, at=(640, 360)))
    fine = hog_detector.build(dlib, filters=face_pyramid.FRONTAL, cell_px=5)

    assert fine.detection_window_height == 50
    assert len(hog_detector.build(dlib, filters=face_pyramid.FRONTAL)(small, 0)) == 0  # the stock window is too big
    (rect,) = fine(small, 0)
    assert 30 <= rect.height() <= 56


def test_a_detector_layout_other_than_dlibs_is_refused():
    with pytest.raises(ModelsUnavailable):
        hog_detector._parse(bytes([1, 3]) * 20)


@pytest.mark.parametrize("face_px", [40, 46, 60, 78, 90, 150, 230])
def test_the_levels_together_find_every_face_size_once_merged(models, face_px):
    hits = _hits(models, _grey(analysis_media.canvas_with_face(BIDEN, face_px=face_px, at=(640, 360))))

    assert hits, f"a {face_px}-px face was missed by every level"
    assert all(0.6 * face_px <= hit.box.height <= 1.6 * face_px for hit in hits)
    (face,) = face_pyramid.distinct(hits)  # the best-scoring box, about the face's own size
    assert 0.75 * face_px <= face.height <= 1.35 * face_px


def test_each_level_finds_the_faces_of_its_own_size(models):
    pyramid = face_pyramid.pyramid(40)
    dlib = models.api.dlib
    small = _grey(analysis_media.canvas_with_face(OBAMA, face_px=42))
    large = _grey(analysis_media.canvas_with_face(OBAMA, face_px=220, at=(640, 360)))
    small_levels, large_levels = (face_pyramid.levels(grey, WHOLE, pyramid) for grey in (small, large))

    (hit,) = face_pyramid.search(dlib, small_levels[0], pyramid)  # the picture as it is: the smallest faces
    assert 0.75 * 42 <= hit.box.height <= 1.35 * 42
    assert face_pyramid.search(dlib, large_levels[0], pyramid) == []
    deep = [i for i, level in enumerate(large_levels) if face_pyramid.search(dlib, level, pyramid)]
    assert deep and min(deep) >= 7  # 220 px is 4.4 windows: (6/5)^8 ≈ 4.3


def test_levels_shrink_by_dlibs_step_down_to_dlibs_smallest_layer():
    grey = np.zeros((720, 1280), np.uint8)
    pyramid = face_pyramid.pyramid(40)
    levels = face_pyramid.levels(grey, WHOLE, pyramid)

    assert levels[0].picture.shape == (720, 1280)
    heights = [level.picture.shape[0] for level in levels]
    assert all(abs(b / a - 5 / 6) < 0.01 for a, b in zip(heights, heights[1:]))
    assert min(heights) >= 40 > round(min(heights) * 5 / 6)  # dlib's own floor: 8 cells of 5 px
    assert face_pyramid.levels(grey, Box(0, 39, 720, 0), pyramid) == []  # too narrow for any window
    assert all(level.region == WHOLE and level.frame == (720, 1280) for level in levels)


def test_levels_keep_corner_pixels_on_corner_pixels_as_dlibs_pyramid_does():
    ramp = np.add.outer(np.arange(128), np.arange(128)).astype(np.uint8)  # 0 … 254
    levels = face_pyramid.levels(ramp, Box(0, 128, 128, 0), face_pyramid.pyramid(40))

    assert len(levels) == 7  # 128 px down to 43
    for level in levels:  # pixel centres would drift ~1 px inwards by the last level
        assert list(level.picture[[0, 0, -1, -1], [0, -1, 0, -1]]) == [0, 127, 127, 254]


def test_the_smallest_face_sets_the_cell_and_the_picture_is_never_enlarged_for_it():
    assert face_pyramid.pyramid(40) == face_pyramid.Pyramid(5, 1.0)
    assert face_pyramid.pyramid(64) == face_pyramid.Pyramid(8, 1.0)
    assert face_pyramid.pyramid(100) == face_pyramid.Pyramid(8, 0.64)  # stock cells, a smaller picture
    assert face_pyramid.pyramid(30).cell_px == 3 and face_pyramid.pyramid(30).scale == pytest.approx(0.8)
    with pytest.raises(ValueError):
        face_pyramid.pyramid(0)


def test_fine_cells_search_at_the_calibrated_threshold_and_stock_cells_at_dlibs():
    assert face_pyramid.pyramid(40).threshold == face_pyramid.FINE_CELL_THRESHOLD < 0
    assert face_pyramid.pyramid(64).threshold == 0.0


@pytest.mark.parametrize("rel", ["negative/no-faces.jpg", "negative/dogs.jpg"])
def test_the_calibrated_threshold_finds_no_face_where_there_is_none(models, rel):
    with Image.open(analysis_media.photo(rel)) as opened:
        grey = np.asarray(opened.convert("L"))
    assert _hits(models, grey, Box(0, grey.shape[1], grey.shape[0], 0)) == []


def test_a_region_is_searched_and_boxes_come_back_in_picture_pixels(models):
    grey = _grey(analysis_media.canvas_with_face(OBAMA, face_px=90, at=(900, 300)))
    assert _hits(models, grey, Box(0, 640, 720, 0)) == []
    (box,) = face_pyramid.distinct(_hits(models, grey, Box(150, 1100, 450, 700)))
    assert abs((box.left + box.right) / 2 - 900) < 20 and abs((box.top + box.bottom) / 2 - 300) < 20
    assert 0.75 * 90 <= box.height <= 1.35 * 90


def test_a_picture_shrunk_for_larger_faces_still_answers_in_picture_pixels(models):
    grey = _grey(analysis_media.canvas_with_face(OBAMA, face_px=120, at=(700, 360)))
    (box,) = face_pyramid.distinct(_hits(models, grey, min_face_px=100))  # 8-px cells on a 0.64× picture

    assert abs((box.left + box.right) / 2 - 700) < 20 and abs((box.top + box.bottom) / 2 - 360) < 20
    assert 0.75 * 120 <= box.height <= 1.35 * 120


def test_threads_change_nothing_but_the_wall_time(models):
    frames = [
        analysis_media.canvas_with_face(OBAMA, face_px=60, at=(300, 300)),
        analysis_media.canvas_with_face(BIDEN, face_px=120, at=(900, 400)),
    ]
    results = []
    for threads in (1, 2):
        with FaceTracker(models, TrackerSettings(threads=threads)) as tracker:
            counts = [tracker.add(i, 2.0 * i, frame) for i, frame in enumerate(frames)]
            results.append((counts, [(o.frames, o.height) for o in tracker.observations]))
    assert results[0] == results[1] and results[0][0] == [1, 1]


def test_a_face_found_twice_keeps_its_best_scoring_box_and_other_faces_stay():
    exact, loose, elsewhere = Box(100, 150, 150, 100), Box(90, 165, 165, 90), Box(300, 350, 350, 300)
    hits = [face_pyramid.Hit(loose, 0.1), face_pyramid.Hit(exact, 0.6), face_pyramid.Hit(elsewhere, -0.1)]
    assert face_pyramid.distinct(hits) == [exact, elsewhere]

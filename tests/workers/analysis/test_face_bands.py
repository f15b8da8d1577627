"""The detector cut into filters, cells and pyramid bands finds what the stock detector finds, band by band."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests import analysis_media
from workers.video import face_bands, hog_detector
from workers.video.errors import ModelsUnavailable
from workers.video.faces import Box
from workers.video.tracking import FaceTracker, TrackerSettings

OBAMA, BIDEN = "obama/obama2.jpg", "biden/biden2.jpg"
WHOLE = Box(0, 1280, 720, 0)


def _grey(frame: np.ndarray) -> np.ndarray:
    return frame.mean(axis=2).astype(np.uint8)


def test_a_rebuilt_detector_keeps_only_the_chosen_filters(models):
    dlib = models.api.dlib
    assert hog_detector.build(dlib).num_detectors == 1
    assert hog_detector.build(dlib, filters=face_bands.FRONTAL).num_detectors == 3
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
    fine = hog_detector.build(dlib, filters=face_bands.FRONTAL, cell_px=5)

    assert fine.detection_window_height == 50
    assert len(hog_detector.build(dlib, filters=face_bands.FRONTAL)(small, 0)) == 0  # the stock window is too big
    (rect,) = fine(small, 0)
    assert 30 <= rect.height() <= 56


def test_a_detector_layout_other_than_dlibs_is_refused():
    with pytest.raises(ModelsUnavailable):
        hog_detector._parse(bytes([1, 3]) * 20)


@pytest.mark.parametrize("face_px", [40, 46, 60, 78, 90, 150, 230])
def test_the_bands_together_find_every_face_size_once_merged(models, face_px):
    grey = _grey(analysis_media.canvas_with_face(BIDEN, face_px=face_px, at=(640, 360)))
    hits = [hit for band in face_bands.bands(40) for hit in face_bands.search(models.api.dlib, grey, WHOLE, band)]

    assert hits, f"a {face_px}-px face was missed by every band"
    assert all(0.6 * face_px <= hit.box.height <= 1.6 * face_px for hit in hits)
    (face,) = face_bands.distinct(hits)  # the best-scoring box, about the face's own size
    assert 0.75 * face_px <= face.height <= 1.35 * face_px


def test_each_band_covers_its_own_sizes(models):
    small_band, large_band = face_bands.bands(40)
    dlib = models.api.dlib
    small = _grey(analysis_media.canvas_with_face(OBAMA, face_px=42))
    large = _grey(analysis_media.canvas_with_face(OBAMA, face_px=220, at=(640, 360)))

    (small_hit,) = face_bands.search(dlib, small, WHOLE, small_band)
    assert 0.75 * 42 <= small_hit.box.height <= 1.35 * 42
    assert all(hit.score < small_hit.score for hit in face_bands.search(dlib, small, WHOLE, large_band))
    assert face_bands.search(dlib, large, WHOLE, large_band) and not face_bands.search(dlib, large, WHOLE, small_band)


def test_the_smallest_face_sets_the_cell_and_the_picture_is_never_enlarged_for_it():
    small, large = face_bands.bands(40)
    assert (small.scale, small.cell_px, small.levels) == (1.0, 5, 2)
    assert (large.cell_px, large.levels) == (5, None) and large.scale == pytest.approx(25 / 36)
    assert face_bands.bands(64)[0] == face_bands.Band(1.0, 8, 2)
    assert face_bands.bands(100)[0] == face_bands.Band(0.64, 8, 2)  # stock cells, a smaller picture
    assert face_bands.bands(30)[0].cell_px == 3 and face_bands.bands(30)[0].scale == pytest.approx(0.8)
    with pytest.raises(ValueError):
        face_bands.bands(0)


def test_fine_cells_search_at_the_calibrated_threshold_and_stock_cells_at_dlibs():
    assert face_bands.bands(40)[0].threshold == face_bands.FINE_CELL_THRESHOLD < 0
    assert face_bands.bands(64)[0].threshold == 0.0


@pytest.mark.parametrize("rel", ["negative/no-faces.jpg", "negative/dogs.jpg"])
def test_the_calibrated_threshold_finds_no_face_where_there_is_none(models, rel):
    with Image.open(analysis_media.photo(rel)) as opened:
        grey = np.asarray(opened.convert("L"))
    whole = Box(0, grey.shape[1], grey.shape[0], 0)
    assert [b for band in face_bands.bands(40) for b in face_bands.search(models.api.dlib, grey, whole, band)] == []


def test_a_region_is_searched_and_boxes_come_back_in_picture_pixels(models):
    grey = _grey(analysis_media.canvas_with_face(OBAMA, face_px=90, at=(900, 300)))
    band = face_bands.bands(40)[1]
    assert face_bands.search(models.api.dlib, grey, Box(0, 640, 720, 0), band) == []
    ((box, _),) = face_bands.search(models.api.dlib, grey, Box(150, 1100, 450, 700), band)
    assert abs((box.left + box.right) / 2 - 900) < 20 and abs((box.top + box.bottom) / 2 - 300) < 20


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
    hits = [face_bands.Hit(loose, 0.1), face_bands.Hit(exact, 0.6), face_bands.Hit(elsewhere, -0.1)]
    assert face_bands.distinct(hits) == [exact, elsewhere]

"""Face models load (or say why not), and the detector finds real faces down to ~40 px in a 720p frame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests import analysis_media
from workers.video import faces

ROOT = Path(__file__).resolve().parents[3]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_models_load_in_a_fresh_process_and_find_a_real_face():
    # face_recognition calls quit() when its models are missing: exit status 0, nothing printed.
    # Only the printed count proves the models loaded and ran, so a silent exit 0 fails here.
    photo = analysis_media.photo("obama/obama.jpg")
    done = _python(
        "from workers.video import faces, references\n"
        "models = faces.load_models()\n"
        f"rgb = references.load_photo(open({str(photo)!r}, 'rb').read())\n"
        "print('FACES', len(faces.detect(models, rgb)))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "FACES 1", (done.stdout, done.stderr)


def test_without_the_guard_a_missing_model_package_exits_silently_with_status_0():
    # The trap itself, so the guard below is not guarding against nothing.
    done = _python("import sys\nsys.modules['face_recognition_models'] = None\nimport face_recognition\nprint('ALIVE')")
    assert done.returncode == 0
    assert "ALIVE" not in done.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("pkg_resources", "setuptools<81"), ("face_recognition_models", "face_recognition_models cannot be imported")],
)
def test_the_guard_turns_missing_pieces_into_models_unavailable(missing, message):
    done = _python(
        "import sys\n"
        f"sys.modules[{missing!r}] = None\n"
        "from workers.video import faces\n"
        "from workers.video.errors import ModelsUnavailable\n"
        "try:\n"
        "    faces.load_models()\n"
        "except ModelsUnavailable as exc:\n"
        "    print('UNAVAILABLE', exc)\n"
        "    sys.exit(3)\n"
        "print('LOADED')\n"
    )
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert "UNAVAILABLE" in done.stdout and message in done.stdout


def test_a_real_photo_gives_one_face_where_the_labels_put_it(models):
    from workers.video import references

    rgb = references.load_photo(analysis_media.photo("obama/obama.jpg").read_bytes())
    (box,) = faces.detect(models, rgb)
    top, right, bottom, left = analysis_media.face_box("obama/obama.jpg")  # 910×1137: not resized
    assert box.iou(faces.Box(top, right, bottom, left)) > 0.6


@pytest.mark.parametrize("face_px", [40, 44, 56])
def test_small_faces_in_a_720p_frame_are_found(models, face_px):
    frame = analysis_media.canvas_with_face("biden/biden2.jpg", face_px=face_px, at=(900, 200))

    (box,) = faces.detect(models, frame, min_face_px=40)

    assert abs((box.left + box.right) / 2 - 900) < face_px / 2 and abs((box.top + box.bottom) / 2 - 200) < face_px / 2
    assert box.height == pytest.approx(face_px, rel=0.35)


def test_a_40px_face_needs_the_enlargement(models):
    # At the detector's native scale (min_face_px=64: no resize) the same 40-px face is invisible.
    frame = analysis_media.canvas_with_face("biden/biden2.jpg", face_px=40)
    assert faces.detect(models, frame, min_face_px=64) == []
    assert len(faces.detect(models, frame, min_face_px=40)) == 1


def test_search_can_be_limited_to_a_region(models):
    frame = analysis_media.canvas_with_face("biden/biden2.jpg", face_px=60, at=(900, 200))
    assert faces.detect(models, frame, region=faces.Box(0, 640, 720, 0)) == []
    (box,) = faces.detect(models, frame, region=faces.Box(100, 1100, 400, 700))
    assert 860 < (box.left + box.right) / 2 < 940


def test_nothing_in_a_picture_without_people(models):
    from workers.video import references

    rgb = references.load_photo(analysis_media.photo("negative/dogs.jpg").read_bytes())
    assert faces.detect(models, rgb) == []
    assert faces.detect(models, np.zeros((720, 1280, 3), np.uint8)) == []


def test_evidence_crop_is_a_jpeg_and_sharpness_prefers_the_sharp_face(models):
    import cv2

    frame = analysis_media.canvas_with_face("obama/obama2.jpg", face_px=80)
    (box,) = faces.detect(models, frame)
    blurred = cv2.GaussianBlur(frame, (0, 0), 3)
    grey, grey_blurred = faces.to_grey(frame), faces.to_grey(blurred)

    assert faces.sharpness(grey, box) > 2 * faces.sharpness(grey_blurred, box)
    jpeg = faces.crop_jpeg(frame, box)
    assert jpeg[:3] == b"\xff\xd8\xff"
    decoded = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape[0] > box.height  # the face with some context around it


def test_box_geometry():
    a, b = faces.Box(0, 10, 10, 0), faces.Box(0, 20, 10, 10)
    assert a.iou(a) == 1 and a.iou(b) == 0
    assert faces.Box(0, 10, 10, 0).iou(faces.Box(0, 15, 10, 5)) == pytest.approx(50 / 150)
    assert a.grown(0.5, width=12, height=100) == faces.Box(0, 12, 15, 0)
    assert faces.detection_scale(40) == pytest.approx(1.6)

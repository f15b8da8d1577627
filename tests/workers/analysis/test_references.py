"""Reference photos: one face → one encoding; no face, two faces or junk → a refusal with its reason."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from PIL import Image

from domain import reasons
from tests import analysis_media
from workers.video import faces, references
from workers.video.errors import PhotoNoFace, PhotoSeveralFaces, PhotoUnreadable
from workers.video.identify import DEFAULT_TOLERANCE


def _enrol(rel: str, models) -> np.ndarray:
    return references.enrol_photo(analysis_media.photo(rel).read_bytes(), models=models)


@pytest.fixture(scope="module")
def enrolled(models) -> dict[str, tuple[str, np.ndarray]]:
    """Every single-person photo with a labelled face (18, incl. 240p and cut-off): file → (person, encoding)."""
    photos = [p for p in analysis_media.labels()["photos"] if len(p["persons_present"]) == 1 and p["faces"]]
    return {p["file"]: (p["persons_present"][0], _enrol(p["file"].removeprefix("photos/"), models)) for p in photos}


def test_a_photo_becomes_one_128d_encoding(models):
    encoding = _enrol("obama/obama.jpg", models)
    assert encoding.shape == (128,) and encoding.dtype == np.float64
    assert len(encoding.tolist()) == 128 and np.isfinite(encoding).all()


def test_same_person_is_near_and_different_people_are_far(models):
    obama, obama2, biden = (_enrol(p, models) for p in ("obama/obama.jpg", "obama/obama2.jpg", "biden/biden.jpg"))
    assert np.linalg.norm(obama - obama2) < DEFAULT_TOLERANCE
    assert np.linalg.norm(obama - biden) > DEFAULT_TOLERANCE


def test_the_default_tolerance_separates_every_labelled_pair(enrolled):
    """The measurement behind DEFAULT_TOLERANCE, kept as a test: all same-person pairs of the shared
    photos fall under it, all different-person pairs above it."""
    same, different = [], []
    for (person_a, a), (person_b, b) in itertools.combinations(enrolled.values(), 2):
        (same if person_a == person_b else different).append(float(np.linalg.norm(a - b)))
    assert len(enrolled) == 18 and len(same) == 23 and len(different) == 130
    assert max(same) < DEFAULT_TOLERANCE < min(different)


def test_a_group_photo_is_refused_with_the_count(models):
    with pytest.raises(PhotoSeveralFaces) as caught:
        _enrol("multi/two_people.jpg", models)
    assert caught.value.count == 2
    assert caught.value.reason == reasons.PHOTO_SEVERAL_FACES.format(count=2)
    assert "2" in caught.value.reason.zh and "2 faces" in caught.value.reason.en

    with pytest.raises(PhotoSeveralFaces) as three:
        _enrol("multi/obama_and_biden.jpg", models)
    assert three.value.count == 3


@pytest.mark.parametrize("rel", ["negative/dogs.jpg", "negative/no-faces.jpg"])
def test_a_photo_without_a_face_is_refused(models, rel):
    with pytest.raises(PhotoNoFace) as caught:
        _enrol(rel, models)
    assert caught.value.reason.code == reasons.PHOTO_NO_FACE.code


def _image_bytes(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"definitely not a picture",
        analysis_media.photo("obama/obama.jpg").read_bytes()[:2000],  # truncated JPEG
        _image_bytes(Image.new("RGB", (64, 64)), "GIF"),  # a real image, but not JPEG/PNG
    ],
    ids=["empty", "text", "truncated", "gif"],
)
def test_unreadable_photos_are_refused(models, data):
    with pytest.raises(PhotoUnreadable) as caught:
        references.enrol_photo(data, models=models)
    assert caught.value.reason == reasons.PHOTO_UNREADABLE


def test_exif_orientation_is_applied(models):
    # A phone stores a portrait sideways and says so in EXIF tag 274 (Orientation); 6 = "turn 90° clockwise".
    with Image.open(analysis_media.photo("obama/obama2.jpg")) as opened:
        upright = opened.convert("RGB")
    sideways = upright.transpose(Image.Transpose.ROTATE_90)  # pixels lying on their side
    exif = Image.Exif()
    exif[274] = 6
    data = _image_bytes(sideways, "JPEG", exif=exif.tobytes(), quality=92)

    assert faces.detect(models, np.asarray(sideways)) == []  # the detector needs upright faces
    from_exif = references.enrol_photo(data, models=models)
    assert np.linalg.norm(from_exif - _enrol("obama/obama2.jpg", models)) < 0.1


def test_large_photos_are_shrunk_before_the_search(models):
    rgb = references.load_photo(analysis_media.photo("obama/obama3.jpg").read_bytes())  # 1434×2333
    assert max(rgb.shape[:2]) == references.MAX_PHOTO_SIDE
    assert len(references.main_faces(faces.detect(models, rgb))) == 1


def test_a_small_background_face_does_not_make_a_photo_ambiguous():
    main, far = faces.Box(100, 300, 300, 100), faces.Box(10, 40, 40, 10)
    assert references.main_faces([main, far]) == [main]
    assert references.main_faces([main, faces.Box(0, 500, 150, 400)]) == [main, faces.Box(0, 500, 150, 400)]

"""Reference photos: one face → one encoding; no face, two faces, a face too small or too blurred,
or junk → a refusal with its reason."""

from __future__ import annotations

import io
import itertools

import cv2
import numpy as np
import pytest
from PIL import Image

from domain import photo_reasons, reasons
from tests import analysis_media
from workers.video import faces, references
from workers.video.errors import PhotoBlurry, PhotoFaceTooSmall, PhotoNoFace, PhotoSeveralFaces, PhotoUnreadable
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


def _degraded(rel: str, *, face_px: int | None = None, blur: float = 0.0) -> bytes:
    """A shared photo shrunk so its face is about ``face_px`` high, or blurred by ``blur`` × its face height."""
    top, _right, bottom, _left = analysis_media.face_box(rel)
    rgb = references.load_photo(analysis_media.photo(rel).read_bytes())
    with Image.open(analysis_media.photo(rel)) as opened:
        factor = rgb.shape[0] / opened.height  # load_photo may have shrunk it
    height = (bottom - top) * factor
    if face_px is not None:
        rgb = cv2.resize(rgb, None, fx=face_px / height, fy=face_px / height, interpolation=cv2.INTER_AREA)
    if blur:
        rgb = cv2.GaussianBlur(rgb, (0, 0), blur * height)
    return _image_bytes(Image.fromarray(rgb), "PNG")


def test_a_face_too_small_to_identify_by_is_refused_as_small_not_as_missing(models):
    with pytest.raises(PhotoFaceTooSmall) as caught:
        references.enrol_photo(_degraded("obama/obama.jpg", face_px=28), models=models)
    assert caught.value.reason.code == photo_reasons.PHOTO_FACE_TOO_SMALL.code
    assert caught.value.height < references.MIN_FACE_PX
    assert f"{references.MIN_FACE_PX} 像素" in caught.value.reason.zh
    assert f"at least {references.MIN_FACE_PX} px" in caught.value.reason.en


def test_a_blurred_face_is_refused_and_a_slightly_soft_one_enrols(models):
    with pytest.raises(PhotoBlurry) as caught:
        references.enrol_photo(_degraded("obama/obama.jpg", blur=0.04), models=models)
    assert caught.value.reason.code == photo_reasons.PHOTO_BLURRY.code
    assert caught.value.sharpness < references.MIN_SHARPNESS
    assert "模糊" in caught.value.reason.zh and "sharper" in caught.value.reason.en
    soft = references.enrol_photo(_degraded("obama/obama.jpg", blur=0.01), models=models)
    assert np.linalg.norm(soft - _enrol("obama/obama.jpg", models)) < 0.3


def test_the_quality_thresholds_are_the_callers_to_set(models):
    photo = analysis_media.photo("obama/obama.jpg").read_bytes()  # face 232 px, sharpness ~1150
    with pytest.raises(PhotoFaceTooSmall):
        references.enrol_photo(photo, models=models, min_face_px=300)
    with pytest.raises(PhotoBlurry):
        references.enrol_photo(photo, models=models, min_sharpness=5000)
    blurred = _degraded("obama/obama.jpg", blur=0.04)
    assert references.enrol_photo(blurred, models=models, min_sharpness=0).shape == (128,)


def test_every_labelled_photo_clears_the_quality_bars_with_room(models, enrolled):
    """The small and the soft of the shared set (ivan.jpg's 54-px face, the 240p copy) still enrol
    (``enrolled`` holds all 18), and every real face is far sharper than the bar."""
    for file in enrolled:
        rgb = references.load_photo(analysis_media.photo(file.removeprefix("photos/")).read_bytes())
        (face,) = references.main_faces(faces.detect(models, rgb))
        assert face.height >= references.MIN_FACE_PX + 10, file
        assert faces.sharpness(faces.to_grey(rgb), face) > 10 * references.MIN_SHARPNESS, file

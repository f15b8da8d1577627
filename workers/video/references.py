"""Enrol a teacher's reference photo: bytes in, one 128-d face encoding out — or a clear refusal.

The photo comes from the teacher, so everything about it is checked: only JPEG and PNG are
decoded (what the refusal message promises), Pillow's decompression-bomb guard stays on, the
EXIF orientation is applied (phones store portraits sideways and say so in a tag; the HOG
detector only finds upright faces), and photos are shrunk to 1600 px on the long side first —
the size the shared labels were made at, and a 12-megapixel phone photo would otherwise take
seconds to search.

A face much smaller than the main one (under 40 % of its height: a poster or a passer-by far
behind) is ignored; any two faces of comparable size make the photo ambiguous and it is refused
with the count, because enrolling the wrong person would silently break every later check.

**Large and sharp enough.** An encoding from a small or blurred face drifts from the person's
true one, and what drifts here is spent from the match tolerance (0.55) every later session
needs. Measured on the 18 labelled single-face photos of /work/shared/media (each photo's own
encoding against that of a degraded copy; "box" is the detected face height):

    whole photo shrunk so the face is   20     24     28     32     36     40     48     56 px
    drift (max of 18)                  0.55   0.47   0.45   0.36   0.33   0.32   0.25   0.22

    Gaussian blur, sigma / face height  0      0.01   0.02   0.03   0.04   0.05
    sharpness (min .. max)             475..  164..   45..   18..   9..    6..
                                       2154   451    119    58     38     27
    drift (max)                        0      0.23   0.39   0.49   0.56   0.66

(sharpness: :func:`faces.sharpness`, the Laplacian variance of the face at 64 px high.) So a
face needs a box of ``min_face_px`` = 40 (drift ≤ 0.32; the smallest labelled faces, ivan.jpg
and obama-240p.jpg, are 54 px) and ``min_sharpness`` = 40: every photo blurred by 2 % of its
face height passes (lowest 45), 15 of 18 blurred by 3 % are refused, and the sharpest-blurred
one left (58) has drifted 0.49. The real photos sit 12× above it. Faces under 64 px are
upscaled for that figure, which reads high; the size rule bounds them. Both are settings
(``KEJIAN_REFERENCE_MIN_FACE_PX``, ``KEJIAN_REFERENCE_MIN_SHARPNESS``).

The search runs at the detector's 40-px floor first (0.1–0.9 s); only when it finds nothing is
it run again down to 20 px (2–3 s, on refused photos alone), so a small face is refused as
small — the teacher learns to come closer — rather than as no face at all.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from domain import reasons
from workers.video import faces
from workers.video.errors import PhotoBlurry, PhotoFaceTooSmall, PhotoNoFace, PhotoSeveralFaces, PhotoUnreadable

MAX_PHOTO_SIDE = 1600
PHOTO_FORMATS = ("JPEG", "PNG")
BACKGROUND_FACE_RATIO = 0.4  # faces under this fraction of the largest one's height are ignored
MIN_FACE_PX = 40  # the smallest face box enrolled (measured above; Settings.reference_min_face_px)
MIN_SHARPNESS = 40.0  # the least sharpness enrolled (measured above; Settings.reference_min_sharpness)
SMALL_FACE_SEARCH_PX = 20  # the second search's floor, to tell a small face from none


def load_photo(data: bytes, *, max_side: int = MAX_PHOTO_SIDE) -> np.ndarray:
    """Decode, turn upright (EXIF) and shrink a photo; RGB uint8 array. Raises PhotoUnreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=PHOTO_FORMATS) as opened:
                opened.load()
                image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoUnreadable(detail=f"{type(exc).__name__}: {exc}") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or malformed image data
        raise PhotoUnreadable(detail=f"{type(exc).__name__}: {exc}") from exc
    if image.width < 1 or image.height < 1:
        raise PhotoUnreadable(detail="empty image")
    longest = max(image.size)
    if longest > max_side:
        factor = max_side / longest
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return np.asarray(image, dtype=np.uint8)


def main_faces(boxes: list[faces.Box]) -> list[faces.Box]:
    """The faces that count: those at least BACKGROUND_FACE_RATIO of the largest one's height."""
    if not boxes:
        return []
    tallest = max(b.height for b in boxes)
    return [b for b in boxes if b.height >= BACKGROUND_FACE_RATIO * tallest]


def enrol_photo(
    data: bytes,
    *,
    models: faces.FaceModels | None = None,
    min_face_px: int = MIN_FACE_PX,
    min_sharpness: float = MIN_SHARPNESS,
) -> np.ndarray:
    """The 128-d encoding (float64) of the one face in a photo; store it with ``.tolist()``.

    Raises PhotoUnreadable, PhotoNoFace, PhotoSeveralFaces, PhotoFaceTooSmall or PhotoBlurry
    (each carries its reason) and ModelsUnavailable if the face models cannot be loaded.
    """
    models = models or faces.load_models()
    rgb = load_photo(data)
    found = main_faces(faces.detect(models, rgb))
    if not found:
        found = main_faces(faces.detect(models, rgb, min_face_px=SMALL_FACE_SEARCH_PX))
    if not found:
        raise PhotoNoFace(reasons.PHOTO_NO_FACE, detail=f"{rgb.shape[1]}x{rgb.shape[0]} photo")
    if len(found) > 1:
        raise PhotoSeveralFaces(len(found), detail=f"face heights {[b.height for b in found]}")
    (face,) = found
    if face.height < min_face_px:
        raise PhotoFaceTooSmall(face.height, min_face_px, detail=f"{rgb.shape[1]}x{rgb.shape[0]} photo")
    sharpness = faces.sharpness(faces.to_grey(rgb), face)
    if sharpness < min_sharpness:
        raise PhotoBlurry(sharpness, min_sharpness, detail=f"face {face.height} px")
    (encoding,) = models.encode(rgb, [face])
    return encoding

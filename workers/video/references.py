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
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from domain import reasons
from workers.video import faces
from workers.video.errors import PhotoNoFace, PhotoSeveralFaces, PhotoUnreadable

MAX_PHOTO_SIDE = 1600
PHOTO_FORMATS = ("JPEG", "PNG")
BACKGROUND_FACE_RATIO = 0.4  # faces under this fraction of the largest one's height are ignored


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
    data: bytes, *, models: faces.FaceModels | None = None, min_face_px: float = faces.DEFAULT_MIN_FACE_PX
) -> np.ndarray:
    """The 128-d encoding (float64) of the one face in a photo; store it with ``.tolist()``.

    Raises PhotoUnreadable, PhotoNoFace or PhotoSeveralFaces (each carries its reason) and
    ModelsUnavailable if the face models cannot be loaded.
    """
    models = models or faces.load_models()
    rgb = load_photo(data)
    found = main_faces(faces.detect(models, rgb, min_face_px=min_face_px))
    if not found:
        raise PhotoNoFace(reasons.PHOTO_NO_FACE, detail=f"{rgb.shape[1]}x{rgb.shape[0]} photo")
    if len(found) > 1:
        raise PhotoSeveralFaces(len(found), detail=f"face heights {[b.height for b in found]}")
    (encoding,) = models.encode(rgb, found)
    return encoding

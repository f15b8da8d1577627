"""The media exception tree; ffmpeg and subprocess errors never escape the video package.

    MediaError              permanent: the upload itself is bad, never retried
    ├── CorruptMedia        unreadable, truncated, or a container/demuxer we refuse
    ├── NoVideoStream       readable, but nothing to watch
    ├── ProbeTimeout        ffprobe did not finish in time (hostile or broken file)
    │   └── AnalysisTimeout the analysis decode (ffmpeg) did not finish in time (analysis.timeout)
    └── PhotoError          a reference photo cannot be enrolled
        ├── PhotoUnreadable not a JPEG/PNG we can decode
        ├── PhotoNoFace     no face found
        ├── PhotoSeveralFaces  more than one face (reason carries the count)
        ├── PhotoFaceTooSmall  one face, too few pixels to identify by (reason carries both heights)
        └── PhotoBlurry     one face, too blurred to identify by (reason carries both figures)

    ToolMissing             ops problem: the ffprobe/ffmpeg binary cannot be run
    ModelsUnavailable       ops problem: the face models cannot be loaded

Every :class:`MediaError` carries the :class:`~domain.reasons.Reason` shown to the user.
"""

from __future__ import annotations

from typing import ClassVar

from domain import photo_reasons, reasons
from domain.reasons import Reason


class MediaError(Exception):
    """A permanent failure caused by the media file; retrying cannot help."""

    default_reason: ClassVar[Reason] = reasons.CORRUPT_MEDIA
    retryable: ClassVar[bool] = False

    def __init__(self, reason: Reason | None = None, detail: str = "") -> None:
        self.reason: Reason = reason or self.default_reason
        self.detail = detail
        super().__init__(f"{self.reason.code}: {detail}" if detail else self.reason.code)


class CorruptMedia(MediaError):
    default_reason = reasons.CORRUPT_MEDIA


class NoVideoStream(MediaError):
    default_reason = reasons.NO_VIDEO_STREAM


class ProbeTimeout(MediaError):
    default_reason = reasons.PROBE_TIMEOUT


class AnalysisTimeout(ProbeTimeout):
    """ffmpeg decoding frames for face analysis ran past its deadline."""

    default_reason = reasons.ANALYSIS_TIMEOUT


class PhotoError(MediaError):
    """A reference photo that cannot become a face encoding; the teacher must upload another."""

    default_reason = reasons.PHOTO_UNREADABLE


class PhotoUnreadable(PhotoError):
    default_reason = reasons.PHOTO_UNREADABLE


class PhotoNoFace(PhotoError):
    default_reason = reasons.PHOTO_NO_FACE


class PhotoSeveralFaces(PhotoError):
    default_reason = reasons.PHOTO_SEVERAL_FACES

    def __init__(self, count: int, detail: str = "") -> None:
        self.count = count
        super().__init__(reasons.PHOTO_SEVERAL_FACES.format(count=count), detail)


class PhotoFaceTooSmall(PhotoError):
    default_reason = photo_reasons.PHOTO_FACE_TOO_SMALL

    def __init__(self, height: int, minimum: int, detail: str = "") -> None:
        self.height = height
        super().__init__(photo_reasons.PHOTO_FACE_TOO_SMALL.format(height=height, min=minimum), detail)


class PhotoBlurry(PhotoError):
    default_reason = photo_reasons.PHOTO_BLURRY

    def __init__(self, sharpness: float, minimum: float, detail: str = "") -> None:
        self.sharpness = sharpness
        reason = photo_reasons.PHOTO_BLURRY.format(sharpness=f"{sharpness:.0f}", min=f"{minimum:g}")
        super().__init__(reason, detail)


class ToolMissing(RuntimeError):
    """The media tool binary is missing or not executable (deployment problem)."""


class ModelsUnavailable(RuntimeError):
    """dlib / face_recognition models cannot be loaded (deployment problem, not the media's fault)."""

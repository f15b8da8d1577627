"""One sampled frame as the analysis reads it: grey for change tracking and landmarks, colour only where searched.

Why: ffmpeg hands frames over as planar YUV 4:2:0, the decoder's own layout: half the bytes of RGB
and no colour conversion in ffmpeg. The luma plane *is* the grey picture that the change tracking,
the landmarks and the fingerprint read; RGB is made (OpenCV, BT.601 as ffmpeg's default) only for a
frame that is searched for faces (the CNN detector reads colour) or in which a face is encoded.
ffmpeg spends less CPU than when it converted to RGB, and the pipe carries half the bytes.
"""

from __future__ import annotations

import cv2
import numpy as np

from workers.video.faces import to_grey


class Picture:
    """``grey`` (height × width) always; ``rgb`` (height × width × 3) made on first use."""

    __slots__ = ("grey", "_yuv", "_rgb")

    def __init__(self, grey: np.ndarray, *, yuv: np.ndarray | None = None, rgb: np.ndarray | None = None) -> None:
        if yuv is None and rgb is None:
            raise ValueError("a picture needs its YUV planes or its RGB")
        self.grey, self._yuv, self._rgb = grey, yuv, rgb

    @classmethod
    def from_i420(cls, data: bytes, width: int, height: int) -> Picture:
        """``data``: one raw yuv420p frame (Y, then U and V at half size), width and height even."""
        yuv = np.frombuffer(data, np.uint8).reshape(height * 3 // 2, width)
        return cls(yuv[:height], yuv=yuv)

    @classmethod
    def from_rgb(cls, rgb: np.ndarray) -> Picture:
        return cls(to_grey(rgb), rgb=rgb)

    @property
    def rgb(self) -> np.ndarray:
        if self._rgb is None:
            self._rgb = cv2.cvtColor(self._yuv, cv2.COLOR_YUV2RGB_I420)
        return self._rgb

    @property
    def height(self) -> int:
        return self.grey.shape[0]

    @property
    def width(self) -> int:
        return self.grey.shape[1]

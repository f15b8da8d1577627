"""Media with real faces for the analysis tests, built with ffmpeg from the shared set and cached.

The people come from /work/shared/media (labels.json is the ground truth; ``KEJIAN_TEST_SHARED_MEDIA``
points elsewhere). Clips are small (≤ 960×360, a few fps, a keyframe every 2 s unless a test needs
otherwise) and land in tests/.media-cache/ through :mod:`tests.media_factory`'s atomic cache.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

from tests.media_factory import _cached, _ffmpeg, _key, _set_video_matrix
from tests.shared_media import MEDIA  # noqa: E402  (../shared/media beside the checkout, as in CI)

SHARED = Path(os.environ.get("KEJIAN_TEST_SHARED_MEDIA", MEDIA))
GREY = (96, 92, 88)


@cache
def labels() -> dict:
    return json.loads((SHARED / "labels.json").read_text())


def photo(rel: str) -> Path:
    return SHARED / "photos" / rel


def face_box(rel: str) -> tuple[int, int, int, int]:
    """The labelled (top, right, bottom, left) of the first face in a shared photo, in its pixels."""
    entry = next(p for p in labels()["photos"] if p["file"] == f"photos/{rel}")
    return tuple(entry["faces"][0]["box_top_right_bottom_left"])


def face_cell(rel: str, *, face_px: int, size: tuple[int, int]) -> Image.Image:
    """A ``size`` picture of the shared photo scaled so its face is ``face_px`` high, face centred."""
    top, right, bottom, left = face_box(rel)
    scale = face_px / (bottom - top)
    with Image.open(photo(rel)) as opened:
        image = opened.convert("RGB")
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    cell = Image.new("RGB", size, GREY)
    cx, cy = (left + right) / 2 * scale, (top + bottom) / 2 * scale
    cell.paste(image, (round(size[0] / 2 - cx), round(size[1] / 2 - cy)))
    return cell


def canvas_with_face(rel: str, *, face_px: int, at: tuple[int, int] = (900, 200)) -> np.ndarray:
    """A 1280×720 RGB frame (noisy grey) with one real face ``face_px`` high centred at ``at``."""
    rng = np.random.default_rng(7)
    frame = np.clip(rng.normal(100, 6, (720, 1280, 3)), 0, 255).astype(np.uint8)
    cell = np.asarray(face_cell(rel, face_px=face_px, size=(face_px * 3, face_px * 3)))
    x, y = at[0] - cell.shape[1] // 2, at[1] - cell.shape[0] // 2
    frame[y : y + cell.shape[0], x : x + cell.shape[1]] = cell
    return frame


def _png(name: str, image: Image.Image) -> Path:
    return _cached(name, lambda tmp: image.save(tmp, format="PNG"))


def _h264(fps: int, gop_s: float = 2.0) -> list[str]:
    return ["-c:v", "libx264", "-preset", "veryfast", "-g", str(max(1, round(fps * gop_s))), "-sc_threshold", "0"]


def still_clip(
    rel: str, seconds: float, *, face_px: int = 90, size: tuple[int, int] = (640, 360), fps: int = 5
) -> Path:
    """A shared photo held still for ``seconds`` (a listener who does not move)."""
    key = _key(rel=rel, s=seconds, f=face_px, size=size, fps=fps)
    still = _png(f"still-{key}.png", face_cell(rel, face_px=face_px, size=size))

    def build(tmp: Path) -> None:
        _ffmpeg(["-loop", "1", "-framerate", str(fps), "-i", str(still), "-t", str(seconds)] + _h264(fps)
                + ["-pix_fmt", "yuv420p", "-f", "mp4", str(tmp)])  # fmt: skip

    return _cached(f"still-{key}.mp4", build)


def meeting_clip(seconds: float = 16, *, gop_s: float = 2.0) -> Path:
    """960×360: Obama sitting still on the left, the ASL signer (nobody's reference) signing on the right;
    a keyframe every ``gop_s`` seconds."""
    fps = 10
    key = _key(kind="meeting", s=seconds, g=gop_s)
    left = _png(f"meeting-left-{key}.png", face_cell("obama/obama2.jpg", face_px=80, size=(320, 360)))
    signer = SHARED / "videos" / "asl_again.mkv"
    graph = (
        f"[0:v]fps={fps},setsar=1[l];[1:v]fps={fps},scale=480:360,pad=640:360:80:0:color=0x605c58,setsar=1[r];"
        "[l][r]hstack,format=yuv420p[v]"
    )

    def build(tmp: Path) -> None:
        inputs = ["-loop", "1", "-framerate", str(fps), "-i", str(left), "-stream_loop", "-1", "-i", str(signer)]
        graph_args = ["-filter_complex", graph, "-map", "[v]", "-t", str(seconds)]
        _ffmpeg(inputs + graph_args + _h264(fps, gop_s) + ["-f", "mp4", str(tmp)])

    return _cached(f"meeting-{key}.mp4", build)


def trio_clip(seconds: float = 16) -> Path:
    """1280×360: Obama and Kit Harington sitting still (left, middle), the ASL signer (nobody's
    reference) signing on the right, so the picture is never frozen; a keyframe every 2 s."""
    fps = 10
    key = _key(kind="trio", s=seconds)
    left = _png(f"trio-left-{key}.png", face_cell("obama/obama2.jpg", face_px=80, size=(320, 360)))
    middle = _png(f"trio-middle-{key}.png", face_cell("kit_harington/john1.jpeg", face_px=80, size=(320, 360)))
    signer = SHARED / "videos" / "asl_again.mkv"
    graph = (
        f"[0:v]fps={fps},setsar=1[l];[1:v]fps={fps},setsar=1[m];"
        f"[2:v]fps={fps},scale=480:360,pad=640:360:80:0:color=0x605c58,setsar=1[r];"
        "[l][m][r]hstack=inputs=3,format=yuv420p[v]"
    )

    def build(tmp: Path) -> None:
        inputs = ["-loop", "1", "-framerate", str(fps), "-i", str(left), "-loop", "1", "-framerate", str(fps)]
        inputs += ["-i", str(middle), "-stream_loop", "-1", "-i", str(signer)]
        graph_args = ["-filter_complex", graph, "-map", "[v]", "-t", str(seconds)]
        _ffmpeg(inputs + graph_args + _h264(fps) + ["-f", "mp4", str(tmp)])

    return _cached(f"trio-{key}.mp4", build)


def padded_clip(pad: str, *, content_s: float = 360, pad_s: float = 300) -> Path:
    """Tiny moving content with sound, then ``pad`` ("black" or "frozen") — silent — up to the end."""
    if pad not in ("black", "frozen"):
        raise ValueError("pad must be 'black' or 'frozen'")
    fps, total = 2, content_s + pad_s
    mode = "add:color=black" if pad == "black" else "clone"
    key = _key(kind="padded", pad=pad, c=content_s, p=pad_s)

    def build(tmp: Path) -> None:
        _ffmpeg([
            "-f", "lavfi", "-i", f"testsrc2=size=160x90:rate={fps}:duration={content_s}",
            "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=8000:duration={content_s}",
            "-filter_complex", f"[0:v]tpad=stop_mode={mode}:stop_duration={pad_s}[v];[1:a]apad=whole_dur={total}[a]",
            "-map", "[v]", "-map", "[a]", "-t", str(total), *_h264(fps), "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "1", "-b:a", "16k", "-f", "mp4", str(tmp),
        ])  # fmt: skip

    return _cached(f"padded-{pad}-{key}.mp4", build)


def silent_gap_clip(*, sound_s: float = 20, silence_s: float = 20) -> Path:
    """Moving pictures throughout; a tone for ``sound_s``, then digital silence."""
    total = sound_s + silence_s
    key = _key(kind="silent", a=sound_s, b=silence_s)

    def build(tmp: Path) -> None:
        _ffmpeg([
            "-f", "lavfi", "-i", f"testsrc2=size=160x90:rate=5:duration={total}",
            "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=8000:duration={sound_s}",
            "-filter_complex", f"[1:a]apad=whole_dur={total}[a]", "-map", "0:v", "-map", "[a]", "-t", str(total),
            *_h264(5), "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "1", "-f", "mp4", str(tmp),
        ])  # fmt: skip

    return _cached(f"silent-gap-{key}.mp4", build)


def no_face_clip(seconds: float = 30) -> Path:
    """People walking in, seen from behind and above (the shared negative video): no frontal face."""
    source = SHARED / "videos" / "one-by-one-person-detection.mp4"

    def build(tmp: Path) -> None:
        _ffmpeg(
            ["-i", str(source), "-t", str(seconds), "-an"] + _h264(10) + ["-pix_fmt", "yuv420p", "-f", "mp4", str(tmp)]
        )

    return _cached(f"no-face-{_key(s=seconds)}.mp4", build)


def sparse_keyframe_clip(seconds: float = 25, *, gop_s: float = 10) -> Path:
    """A 10 fps test pattern with a keyframe only every ``gop_s`` seconds (as many phones write)."""

    def build(tmp: Path) -> None:
        _ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size=320x240:rate=10:duration={seconds}"] + _h264(10, gop_s)
                + ["-keyint_min", str(round(10 * gop_s)), "-pix_fmt", "yuv420p", "-f", "mp4", str(tmp)])  # fmt: skip

    return _cached(f"sparse-{_key(s=seconds, g=gop_s)}.mp4", build)


def sideways_face_clip(seconds: float = 4) -> Path:
    """A portrait phone clip: the face is stored lying on its side, the display matrix turns it upright."""
    upright = face_cell("obama/obama2.jpg", face_px=120, size=(360, 640))
    stored = upright.transpose(Image.Transpose.ROTATE_270)  # 90° clockwise: 640×360 on disk
    key = _key(kind="sideways", s=seconds)
    still = _png(f"sideways-{key}.png", stored)
    plain = _cached(
        f"sideways-plain-{key}.mp4",
        lambda tmp: _ffmpeg(
            ["-loop", "1", "-framerate", "5", "-i", str(still), "-t", str(seconds)]
            + _h264(5)
            + ["-pix_fmt", "yuv420p", "-f", "mp4", str(tmp)]
        ),  # fmt: skip
    )

    def build(tmp: Path) -> None:
        data = bytearray(plain.read_bytes())
        _set_video_matrix(data, (0, -1, 1, 0))  # "turn 270° clockwise (90° back) to display"
        tmp.write_bytes(bytes(data))

    return _cached(f"sideways-{key}.mp4", build)

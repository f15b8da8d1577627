"""probe() on real generated media: what it reports for every accepted container."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from domain import reasons
from tests import media_factory
from workers.video.errors import MediaError, NoVideoStream
from workers.video.probe import MediaInfo, probe


@pytest.mark.parametrize(
    ("container", "vcodec", "family", "video_codec", "audio_codec"),
    [
        ("mp4", "libx264", "mp4", "h264", "aac"),
        ("mov", "libx264", "mp4", "h264", "aac"),
        ("mkv", "libx264", "matroska", "h264", "aac"),
        ("webm", "libvpx", "matroska", "vp8", "opus"),
        ("webm", "libvpx-vp9", "matroska", "vp9", "opus"),
        ("flv", "libx264", "flv", "h264", "aac"),
        ("ts", "libx264", "mpegts", "h264", "aac"),
        ("avi", "libx264", "avi", "h264", "mp3"),
        ("avi", "mpeg4", "avi", "mpeg4", "mp3"),
    ],
)
def test_probe_reports_each_allowed_container(container, vcodec, family, video_codec, audio_codec):
    info = probe(media_factory.make_clip(4, container=container, vcodec=vcodec))

    assert info.container == family
    assert info.duration_s == pytest.approx(4, abs=0.5)
    assert (info.video_codec, info.audio_codec) == (video_codec, audio_codec)
    assert (info.width, info.height) == (320, 240)
    assert info.frame_rate == pytest.approx(5)
    assert info.has_audio is True
    assert info.rotation == 0
    assert info.pixel_format == "yuv420p"
    assert info.bitrate is not None and info.bitrate > 0


def test_probe_reports_other_sizes_and_rates():
    info = probe(media_factory.make_clip(2, width=640, height=360, fps=25, audio=False))

    assert (info.width, info.height, info.frame_rate) == (640, 360, pytest.approx(25))
    assert info.duration_s == pytest.approx(2, abs=0.5)


def test_short_clip_fixture_is_three_seconds(short_clip):
    info = probe(short_clip)

    assert info.duration_s == pytest.approx(3, abs=0.5)
    assert info.container == "mp4" and info.has_audio


@pytest.mark.slow
def test_long_clips_report_their_duration(clip_11min, clip_9min):
    long, short = probe(clip_11min), probe(clip_9min)

    assert long.duration_s == pytest.approx(660, abs=0.5)
    assert short.duration_s == pytest.approx(540, abs=0.5)
    assert (long.width, long.height, long.frame_rate, long.has_audio) == (320, 240, 5.0, True)


def test_no_audio_clip_has_no_audio():
    info = probe(media_factory.make_no_audio_clip(3))

    assert info.has_audio is False
    assert info.audio_codec is None
    assert info.video_codec == "h264"


def test_audio_only_file_has_no_video_stream():
    with pytest.raises(NoVideoStream) as caught:
        probe(media_factory.make_audio_only(3))

    assert caught.value.reason == reasons.NO_VIDEO_STREAM
    assert isinstance(caught.value, MediaError) and caught.value.retryable is False


def test_media_info_is_frozen_and_serialisable(short_clip):
    info = probe(short_clip)
    as_dict = info.as_dict()

    assert as_dict["container"] == "mp4"
    assert as_dict["format_name"] == "mov,mp4,m4a,3gp,3g2,mj2"
    assert set(as_dict) == {f.name for f in dataclasses.fields(MediaInfo)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.width = 1  # type: ignore[misc]


# Rotation -------------------------------------------------------------------------------
# MediaInfo.rotation is clockwise (the phone "rotate" tag convention). The tests below check
# it against what ffmpeg itself shows after autorotation, so the convention is proven, not
# assumed.


def _gray_frame(path: Path) -> tuple[int, int, bytes]:
    """First frame as 8-bit gray, autorotated by ffmpeg like any player would."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", str(path), "-frames:v", "1",
         "-f", "rawvideo", "-pix_fmt", "gray", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    info = probe(path)
    w, h = (info.height, info.width) if info.rotation in (90, 270) else (info.width, info.height)
    assert len(out) == w * h
    return w, h, out


def _rotate_cw(w: int, h: int, pixels: bytes, degrees: int) -> tuple[int, int, bytes]:
    for _ in range(degrees // 90):  # one clockwise quarter turn: new[y][x] = old[h-1-x][y]
        pixels = bytes(pixels[(h - 1 - x) * w + y] for y in range(w) for x in range(h))
        w, h = h, w
    return w, h, pixels


def _mean_diff(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def _displayed_turn(original: Path, rotated: Path) -> int:
    """Which clockwise turn of the original's first frame ffmpeg displays for ``rotated``."""
    w, h, source = _gray_frame(original)
    rw, rh, shown = _gray_frame(rotated)
    scores = {}
    for turn in (0, 90, 180, 270):
        tw, th, candidate = _rotate_cw(w, h, source, turn)
        if (tw, th) == (rw, rh):
            scores[turn] = _mean_diff(candidate, shown)
    best = min(scores, key=scores.__getitem__)
    assert scores[best] < 1.0  # the same bitstream decodes to the same pixels
    return best


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotation_from_display_matrix(rotation):
    rotated = media_factory.make_rotated_clip(rotation, 2)
    info = probe(rotated)

    assert info.rotation == rotation
    assert (info.width, info.height) == (320, 240)  # stored size; display size is swapped
    assert _displayed_turn(media_factory.make_clip(2), rotated) == rotation


def test_ffmpeg_rotate_metadata_reports_a_consistent_quarter_turn():
    """``-metadata:s:v:0 rotate=90`` with stream copy: ffmpeg 5.1 stores it counter-clockwise.

    ffprobe 5.1 then shows a display-matrix rotation of +90 (counter-clockwise), so the
    clockwise MediaInfo.rotation is 270; whatever the ffmpeg version, it must agree with
    how ffmpeg displays the clip.
    """
    source = media_factory.make_clip(2)
    tagged = media_factory.remux(source, "-metadata:s:v:0", "rotate=90")
    info = probe(tagged)

    assert info.rotation in (90, 270)
    assert _displayed_turn(source, tagged) == info.rotation

"""What "browser-ready" means, checked on a finished output directory."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from workers.video.hls_playlist import is_relative, parse_master, parse_media
from workers.video.output_check import moov_before_mdat
from workers.video.probe import MediaInfo, probe
from workers.video.transcode import OutputManifest

DURATION_TOLERANCE_S = 0.5
_CUE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")


def files_on_disk(out_dir: Path) -> set[str]:
    return {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}


def probe_master(master: Path) -> list[dict]:
    """ffprobe our own master playlist (hls demuxer allowed for it, local files only)."""
    args = ["ffprobe", "-v", "error", "-print_format", "json", "-show_entries", "stream=codec_name,width,height"]
    args += ["-protocol_whitelist", "file", "-format_whitelist", "hls,mpegts", "-i", f"file:{master}"]
    done = subprocess.run(args, capture_output=True, timeout=60, check=True)
    return json.loads(done.stdout)["streams"]


def assert_playable(
    manifest: OutputManifest, out_dir: Path, source: MediaInfo, *, audio: bool, others: frozenset[str] = frozenset()
) -> MediaInfo:
    """Every output is there, consistent and as long as the source; returns the MP4's info."""
    assert set(manifest.files) == files_on_disk(out_dir) - others
    mp4 = probe(out_dir / manifest.mp4)
    assert moov_before_mdat(out_dir / manifest.mp4), "video.mp4 must be fast-start"
    assert (mp4.video_codec, mp4.rotation, mp4.pixel_format) == ("h264", 0, "yuv420p")
    assert mp4.has_audio is audio and mp4.audio_codec == ("aac" if audio else None)
    assert mp4.duration_s == pytest.approx(source.duration_s, abs=DURATION_TOLERANCE_S)
    assert manifest.duration_s == pytest.approx(source.duration_s, abs=DURATION_TOLERANCE_S)
    top = manifest.profiles[0]
    assert (mp4.width, mp4.height) == (top.width, top.height)

    master = out_dir / manifest.hls_master
    variants = parse_master(master.read_text())
    assert [v.uri for v in variants] == [p.playlist for p in manifest.profiles]
    streams = probe_master(master)
    video = [(s["width"], s["height"]) for s in streams if s["codec_name"] == "h264"]
    assert video == [(p.width, p.height) for p in manifest.profiles]
    assert sum(s["codec_name"] == "aac" for s in streams) == (len(variants) if audio else 0)
    for variant, profile in zip(variants, manifest.profiles):
        assert is_relative(variant.uri) and variant.bandwidth == profile.bitrate > 0
        assert variant.resolution == (profile.width, profile.height)
        assert_segments_sane(master.parent / variant.uri, source.duration_s, transcoded=manifest.mode == "transcode")

    assert_poster(out_dir / manifest.poster, (mp4.width, mp4.height))
    assert_storyboard(out_dir, manifest, mp4.duration_s or 0.0)
    return mp4


def assert_segments_sane(playlist: Path, duration_s: float | None, *, transcoded: bool) -> None:
    media = parse_media(playlist.read_text())
    assert media.ended and media.playlist_type == "VOD"
    assert media.segments and media.total_s == pytest.approx(duration_s, abs=DURATION_TOLERANCE_S)
    for uri, seconds in media.segments:
        assert is_relative(uri) and (playlist.parent / uri).stat().st_size > 0
        assert 0 < seconds <= media.target_duration + 0.5
    if transcoded:  # keyframes every 2 s: every segment but the last is exactly 6 s
        assert all(s == pytest.approx(6.0, abs=0.05) for _, s in media.segments[:-1])


def assert_poster(path: Path, size: tuple[int, int]) -> None:
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == size
        image.verify()


def read_cues(vtt: str) -> list[tuple[float, float, str]]:
    lines = vtt.splitlines()
    assert lines[0] == "WEBVTT"
    cues = []
    for i, line in enumerate(lines):
        match = _CUE.match(line)
        if match:
            n = [int(g) for g in match.groups()]
            start = n[0] * 3600 + n[1] * 60 + n[2] + n[3] / 1000
            end = n[4] * 3600 + n[5] * 60 + n[6] + n[7] / 1000
            cues.append((start, end, lines[i + 1]))
    return cues


def assert_storyboard(out_dir: Path, manifest: OutputManifest, duration_s: float) -> None:
    """The sprite has the grid's size; cues are contiguous, cover the video, point inside it."""
    grid = manifest.storyboard
    with Image.open(out_dir / grid.image) as sprite:
        assert sprite.format == "JPEG"
        assert sprite.size == (grid.columns * grid.tile_width, grid.rows * grid.tile_height)
        width, height = sprite.size
    cues = read_cues((out_dir / grid.vtt).read_text())
    assert len(cues) == grid.count
    assert cues[0][0] == 0 and cues[-1][1] == pytest.approx(duration_s, abs=0.002)
    for (_, end, _), (start, _, _) in zip(cues, cues[1:]):
        assert start == end
    for start, end, target in cues:
        assert end > start
        image, _, fragment = target.partition("#xywh=")
        assert image == grid.image
        x, y, w, h = map(int, fragment.split(","))
        assert (w, h) == (grid.tile_width, grid.tile_height)
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height

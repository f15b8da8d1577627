"""The storyboard grid and its WebVTT track (pure), and one real sprite cut from keyframes."""

from __future__ import annotations

import pytest
from PIL import Image

from tests import playback_media
from tests.workers.playback.checks import read_cues
from workers.video.storyboard import (
    MAX_TILES,
    make_storyboard,
    storyboard_args,
    storyboard_grid,
    storyboard_vtt,
)


@pytest.mark.parametrize("duration", [0.4, 3.0, 4.096, 5.0, 59.9, 600.0, 601.0, 2700.0, 4 * 3600.0])
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (720, 1280), (640, 480), (320, 240)])
def test_cues_are_contiguous_cover_the_duration_and_stay_inside_the_sprite(duration, width, height):
    grid = storyboard_grid(width, height, duration)
    sprite_w, sprite_h = grid.sprite_size

    cues = read_cues(storyboard_vtt(grid, duration))

    assert len(cues) == grid.count <= grid.columns * grid.rows <= MAX_TILES + grid.columns
    assert cues[0][0] == 0 and cues[-1][1] == pytest.approx(duration, abs=0.001)
    assert all(a[1] == b[0] for a, b in zip(cues, cues[1:]))
    assert all(end > start for start, end, _ in cues)
    tiles = set()
    for _, _, target in cues:
        image, _, xywh = target.partition("#xywh=")
        x, y, w, h = map(int, xywh.split(","))
        assert image == "storyboard.jpg" and (w, h) == (grid.tile_width, grid.tile_height)
        assert x + w <= sprite_w and y + h <= sprite_h
        tiles.add((x, y))
    assert len(tiles) == grid.count  # each cue its own tile


def test_tiles_keep_the_aspect_ratio_with_a_160_pixel_long_side():
    assert (storyboard_grid(1280, 720, 60).tile_width, storyboard_grid(1280, 720, 60).tile_height) == (160, 90)
    assert (storyboard_grid(720, 1280, 60).tile_width, storyboard_grid(720, 1280, 60).tile_height) == (90, 160)
    assert (storyboard_grid(640, 480, 60).tile_width, storyboard_grid(640, 480, 60).tile_height) == (160, 120)


def test_interval_grows_so_long_recordings_stay_one_image():
    assert storyboard_grid(1280, 720, 60).interval_s == 2
    assert storyboard_grid(1280, 720, 600).interval_s == 3
    assert storyboard_grid(1280, 720, 2700).interval_s == 14  # a 45-minute lesson
    assert storyboard_grid(1280, 720, 2700).count <= MAX_TILES


def test_a_short_remainder_joins_the_last_cue():
    grid = storyboard_grid(640, 480, 4.096)

    cues = read_cues(storyboard_vtt(grid, 4.096))

    assert [(s, e) for s, e, _ in cues] == [(0, 2), (2, 4.096)]


def test_sprite_is_cut_from_keyframes_only():
    grid = storyboard_grid(640, 360, 4)

    args = storyboard_args(playback_media.h264_mp4(), grid, 4, ffmpeg_binary="ffmpeg")

    assert args[args.index("-skip_frame") + 1] == "nokey"
    assert args.index("-skip_frame") < args.index("-i")  # a decoder (input) option
    assert f"tile={grid.columns}x{grid.rows}" in args[args.index("-vf") + 1]


def test_real_sprite_matches_the_grid(tmp_path):
    source = playback_media.h264_mp4(6)

    grid = make_storyboard(source, tmp_path, width=640, height=360, duration_s=6.0)

    with Image.open(tmp_path / "storyboard.jpg") as sprite:
        assert sprite.format == "JPEG" and sprite.size == grid.sprite_size == (3 * 160, 90)
        tiles = [sprite.crop((i * 160, 0, (i + 1) * 160, 90)).convert("L") for i in range(3)]
    assert all(tile.getextrema()[1] > 40 for tile in tiles)  # pictures, not black padding
    assert len(read_cues((tmp_path / "storyboard.vtt").read_text())) == 3

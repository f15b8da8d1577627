"""build_outputs() on sources browsers cannot play as they are: one ffmpeg run, a ladder."""

from __future__ import annotations

import subprocess

import pytest

from tests import playback_media
from tests.workers.playback.checks import assert_playable
from workers.video.probe import probe
from workers.video.transcode import build_outputs


def _video_field(path, field: str) -> str:
    args = ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", f"stream={field}", "-of", "csv=p=0"]
    return subprocess.run([*args, str(path)], capture_output=True, text=True, check=True).stdout.strip()


def test_hevc_mov_becomes_an_h264_ladder_never_upscaled(tmp_path):
    source = playback_media.hevc_mov()
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode"
    assert any("hevc" in reason for reason in manifest.reasons)
    # a 480-line source: its own size on top (no 720p upscale), then 360p
    assert [(p.name, p.width, p.height) for p in manifest.profiles] == [("480p", 640, 480), ("360p", 480, 360)]
    assert manifest.profiles[0].bitrate > manifest.profiles[1].bitrate
    assert_playable(manifest, tmp_path, info, audio=True)
    assert sorted(p.name for p in (tmp_path / "hls").iterdir() if p.is_dir()) == ["360p", "480p"]


def test_rotated_phone_video_comes_out_upright(tmp_path):
    source = playback_media.rotated_phone_clip(90)
    info = probe(source)
    assert (info.width, info.height, info.rotation) == (640, 360, 90)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode"
    assert any("rotation" in reason for reason in manifest.reasons)
    mp4 = assert_playable(manifest, tmp_path, info, audio=True)
    assert (mp4.width, mp4.height, mp4.rotation) == (360, 640, 0)  # portrait, no matrix left
    assert manifest.storyboard.tile_height > manifest.storyboard.tile_width


def test_hevc_without_audio_gives_video_only_renditions(tmp_path):
    source = playback_media.hevc_mov(audio=False)
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode" and len(manifest.profiles) == 2
    assert_playable(manifest, tmp_path, info, audio=False)


def test_variable_frame_rate_hevc_becomes_constant_and_keeps_its_length(tmp_path):
    source = playback_media.vfr_clip("libx265")
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode"
    mp4 = assert_playable(manifest, tmp_path, info, audio=True)
    rate = _video_field(tmp_path / "video.mp4", "r_frame_rate")
    num, _, den = rate.partition("/")
    assert float(num) / float(den or 1) == pytest.approx(info.frame_rate, abs=0.01)  # one fixed rate
    assert mp4.duration_s == pytest.approx(5.0, abs=0.3)


def test_mpeg2_transport_stream_is_transcoded(tmp_path):
    source = playback_media.mpegts_clip("mpeg2video")
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode"
    assert [(p.width, p.height) for p in manifest.profiles] == [(640, 360)]  # a 360-line source: one rung
    assert_playable(manifest, tmp_path, info, audio=True)


def test_interlaced_h264_from_a_recorder_is_deinterlaced(tmp_path):
    source = playback_media.interlaced_ts()
    info = probe(source)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")  # the codecs alone would allow a copy

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "transcode"
    assert any("interlaced" in reason for reason in manifest.reasons)
    assert_playable(manifest, tmp_path, info, audio=True)
    assert _video_field(tmp_path / "video.mp4", "field_order") == "progressive"


def test_transport_stream_starting_mid_gop_is_transcoded_not_copied(tmp_path):
    source = playback_media.started_mid_gop(playback_media.mpegts_clip(duration_s=6))
    info = probe(source)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")

    manifest = build_outputs(source, info, tmp_path)

    # a copy would open on frames nobody can decode; the decoder skips them instead
    assert manifest.reasons == ("the video does not start on a keyframe",)
    assert_playable(manifest, tmp_path, info, audio=True)


def test_hdr_phone_video_is_tone_mapped_to_8_bit_bt709(tmp_path):
    source = playback_media.hlg_hevc_clip()
    info = probe(source)
    assert info.pixel_format == "yuv420p10le"

    manifest = build_outputs(source, info, tmp_path)

    assert any("HDR" in reason for reason in manifest.reasons)
    assert_playable(manifest, tmp_path, info, audio=False)  # includes 8-bit yuv420p
    assert _video_field(tmp_path / "video.mp4", "color_transfer") == "bt709"

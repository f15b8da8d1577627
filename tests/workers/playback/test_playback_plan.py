"""plan_playback(): the copy-or-transcode decision and the ladder, on MediaInfo alone (no ffmpeg)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from domain import reasons
from workers.video import playback_plan as pp
from workers.video.errors import CorruptMedia
from workers.video.playback_plan import COPY, TRANSCODE, ladder, output_frame_rate, plan_playback
from workers.video.probe import MediaInfo
from workers.video.source_scan import SourceScan

BROWSER_READY = MediaInfo(
    duration_s=600.0, container="mp4", format_name="mov,mp4,m4a,3gp,3g2,mj2", video_codec="h264",
    audio_codec="aac", width=1280, height=720, rotation=0, frame_rate=25.0, has_audio=True,
    bitrate=2_500_000, pixel_format="yuv420p",
)  # fmt: skip
CLEAN = SourceScan("progressive", "bt709", timeline_checked=True, max_keyframe_gap_s=2.0)


def info(**changes) -> MediaInfo:
    return dataclasses.replace(BROWSER_READY, **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"container": "matroska", "format_name": "matroska,webm"},
        {"container": "flv", "format_name": "flv"},
        {"container": "mpegts", "format_name": "mpegts"},
        {"has_audio": False, "audio_codec": None},
        {"pixel_format": "yuvj420p"},
        {"width": 1920, "height": 1080, "bitrate": 7_900_000},
        {"width": 1080, "height": 1920},  # portrait phone H.264 without a rotation tag
        {"frame_rate": 60.0},
        {"bitrate": None},
    ],
)
def test_browser_ready_h264_is_copied(changes):
    plan = plan_playback(info(**changes), CLEAN)

    assert (plan.mode, plan.reasons) == (COPY, ())
    assert [p.name for p in plan.profiles] == ["source"]
    assert plan.audio_copy is plan.has_audio


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"video_codec": "hevc"}, "hevc"),
        ({"video_codec": "vp9", "container": "matroska"}, "vp9"),
        ({"video_codec": "mpeg2video", "container": "mpegts"}, "mpeg2video"),
        ({"container": "avi", "format_name": "avi"}, "AVI"),
        ({"pixel_format": "yuv420p10le"}, "pixel format"),
        ({"pixel_format": "yuv422p"}, "pixel format"),
        ({"rotation": 90}, "rotation"),
        ({"width": 3840, "height": 2160}, "larger than 1080p"),
        ({"width": 2560, "height": 1080}, "larger than 1080p"),
        ({"bitrate": 17_000_000}, "Mbit/s"),
        ({"frame_rate": 120.0}, "fps"),
    ],
)
def test_anything_else_is_transcoded_with_a_reason(changes, why):
    plan = plan_playback(info(**changes), CLEAN)

    assert plan.mode == TRANSCODE
    assert any(why in reason for reason in plan.reasons), plan.reasons


@pytest.mark.parametrize(
    ("scan", "why"),
    [
        (dataclasses.replace(CLEAN, field_order="tt"), "interlaced"),
        (dataclasses.replace(CLEAN, color_transfer="arib-std-b67"), "HDR"),
        (dataclasses.replace(CLEAN, starts_on_keyframe=False), "keyframe"),
        (dataclasses.replace(CLEAN, dts_backwards=3), "backwards"),
        (dataclasses.replace(CLEAN, max_keyframe_gap_s=60.0), "60 s apart"),
    ],
)
def test_what_the_source_scan_finds_overrides_good_codecs(scan, why):
    plan = plan_playback(info(container="mpegts"), scan)

    assert plan.mode == TRANSCODE and any(why in reason for reason in plan.reasons)
    assert plan.tonemap is scan.hdr


@pytest.mark.parametrize("size", [{"width": 0}, {"height": 0}])
def test_no_picture_size_means_nothing_can_be_made(size):
    with pytest.raises(CorruptMedia) as caught:
        plan_playback(info(**size))

    assert caught.value.reason == reasons.TRANSCODE_FAILED


def test_ten_second_gops_are_still_copied():
    assert plan_playback(info(), dataclasses.replace(CLEAN, max_keyframe_gap_s=10.0)).mode == COPY


def test_copyable_video_with_other_audio_copies_the_video_and_encodes_aac():
    plan = plan_playback(info(audio_codec="pcm_s16le"), CLEAN)

    assert plan.mode == COPY and not plan.audio_copy
    assert plan.reasons == ("audio codec pcm_s16le: re-encoded to AAC",)
    args = plan.ffmpeg_args(Path("/in/camera.mov"))
    assert args.count("-c:v") == 2 and args.count("aac") == 2  # MP4 and HLS: video copied, audio encoded


def test_adts_aac_from_transport_streams_gets_the_bitstream_filter():
    ts = plan_playback(info(container="mpegts"), CLEAN)
    mp4 = plan_playback(info(), CLEAN)

    assert ts.adts_audio and "aac_adtstoasc" in ts.ffmpeg_args(Path("/in/a.ts"))
    assert not mp4.adts_audio and "aac_adtstoasc" not in mp4.ffmpeg_args(Path("/in/a.mp4"))


@pytest.mark.parametrize(
    ("size", "rungs"),
    [
        ((3840, 2160), [("720p", 1280, 720), ("360p", 640, 360)]),
        ((1920, 1080), [("720p", 1280, 720), ("360p", 640, 360)]),
        ((1280, 720), [("720p", 1280, 720), ("360p", 640, 360)]),
        ((854, 480), [("480p", 854, 480), ("360p", 640, 360)]),
        ((640, 480), [("480p", 640, 480), ("360p", 480, 360)]),
        ((640, 360), [("360p", 640, 360)]),
        ((320, 240), [("240p", 320, 240)]),
        ((1080, 1920), [("720p", 720, 1280), ("360p", 360, 640)]),
    ],
)
def test_ladder_has_720p_and_360p_and_never_upscales(size, rungs):
    profiles = ladder(*size)

    assert [(p.name, p.width, p.height) for p in profiles] == rungs
    assert all(p.width % 2 == 0 and p.height % 2 == 0 for p in profiles)
    assert [p.video_bitrate for p in profiles] == sorted((p.video_bitrate for p in profiles), reverse=True)


def test_rotated_source_gets_a_portrait_ladder():
    plan = plan_playback(info(width=1920, height=1080, rotation=90), CLEAN)

    assert [(p.width, p.height) for p in plan.profiles] == [(720, 1280), (360, 640)]


@pytest.mark.parametrize(
    ("rate", "out"), [(25, 25), (29.97, 29.97), (30, 30), (50, 25), (59.94, 29.97), (60, 30), (240, 30), (None, 25)]
)
def test_output_frame_rate_is_at_most_30(rate, out):
    assert output_frame_rate(rate) == pytest.approx(out, abs=0.001)


def test_transcode_args_are_one_locked_down_ffmpeg_run():
    plan = plan_playback(info(video_codec="hevc"), CLEAN)

    args = plan.ffmpeg_args(Path("relative/in.mov"), ffmpeg_binary="/usr/bin/ffmpeg")

    assert args[0] == "/usr/bin/ffmpeg" and "-nostdin" in args and "-xerror" in args
    assert args[args.index("-protocol_whitelist") + 1] == "file"
    assert args[args.index("-format_whitelist") + 1] == "mov,matroska,flv,mpegts,avi"
    assert args[args.index("-err_detect") + 1] == "explode"
    source = args[args.index("-i") + 1]
    assert source.startswith("file:/") and source.endswith("/relative/in.mov")
    assert args.count("-i") == 1 and args[args.index("-progress") + 1] == "pipe:1"
    graph = args[args.index("-filter_complex") + 1]
    assert "split=2[s0][s1]" in graph and "scale=w=-2:h=720" in graph and "scale=w=-2:h=360" in graph
    assert args[args.index("-preset") + 1] == pp.X264_PRESET
    tee = args[-1]
    assert args[-2] == "tee" and "movflags=+faststart]file:video.mp4" in tee
    assert "master_pl_name=\\'master.m3u8\\'" in tee and "name:720p" in tee and "name:360p" in tee


def test_copy_args_write_mp4_and_hls_from_one_input():
    args = plan_playback(info(), CLEAN).ffmpeg_args(Path("/in/a.mp4"), progress=False)

    assert "-progress" not in args and "-err_detect" not in args  # nothing is decoded
    assert args.count("-i") == 1 and args.count("copy") == 2
    assert "+faststart" in args and "file:video.mp4" in args and args[-1] == "hls/%v/index.m3u8"
    assert args[args.index("-var_stream_map") + 1] == "v:0,a:0,name:source"

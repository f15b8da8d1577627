"""build_outputs() on browser-ready sources: stream copy, nothing re-encoded, all checked."""

from __future__ import annotations

import subprocess

import pytest

from tests import playback_media
from tests.workers.playback.checks import assert_playable, files_on_disk
from workers.video.output_check import moov_before_mdat
from workers.video.probe import probe
from workers.video.transcode import build_outputs


def _packets(path, stream: str) -> list[str]:
    """Sizes of every packet of ``stream`` (a copy keeps them byte for byte)."""
    args = ["ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=size", "-of", "csv=p=0"]
    return subprocess.run([*args, str(path)], capture_output=True, text=True, check=True).stdout.split()


def test_h264_mp4_is_copied(tmp_path):
    source = playback_media.h264_mp4()
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert (manifest.mode, manifest.reasons) == ("copy", ())
    assert [(p.name, p.width, p.height) for p in manifest.profiles] == [("source", 640, 360)]
    assert_playable(manifest, tmp_path, info, audio=True)
    assert _packets(tmp_path / "video.mp4", "v:0") == _packets(source, "v:0")  # not re-encoded


def test_moov_at_the_end_comes_out_fast_start(tmp_path):
    source = playback_media.h264_mp4(faststart=False)
    assert not moov_before_mdat(source)  # ffmpeg's default: the index is written last
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "copy"
    assert moov_before_mdat(tmp_path / "video.mp4")
    assert_playable(manifest, tmp_path, info, audio=True)


def test_no_audio_is_copied_without_an_audio_stream(tmp_path):
    source = playback_media.h264_mp4(audio=False)
    info = probe(source)

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "copy"
    assert_playable(manifest, tmp_path, info, audio=False)


def test_mpegts_h264_aac_is_copied_with_adts_converted(tmp_path):
    source = playback_media.mpegts_clip()
    info = probe(source)
    assert (info.container, info.video_codec, info.audio_codec) == ("mpegts", "h264", "aac")

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "copy"
    mp4 = assert_playable(manifest, tmp_path, info, audio=True)
    assert mp4.container == "mp4"  # ADTS AAC became MP4-style AAC (aac_adtstoasc), or muxing would fail


def test_pcm_audio_is_encoded_to_aac_while_the_video_is_copied(tmp_path):
    source = playback_media.camera_mov_with_pcm()
    info = probe(source)
    assert info.audio_codec == "pcm_s16le"

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "copy" and manifest.reasons == ("audio codec pcm_s16le: re-encoded to AAC",)
    assert_playable(manifest, tmp_path, info, audio=True)
    assert _packets(tmp_path / "video.mp4", "v:0") == _packets(source, "v:0")


def test_variable_frame_rate_h264_is_copied_and_keeps_its_length(tmp_path):
    source = playback_media.vfr_clip()
    info = probe(source)
    assert info.frame_rate not in (10, 25, 30)  # an average over 25, 10 and 30 fps stretches

    manifest = build_outputs(source, info, tmp_path)

    assert manifest.mode == "copy"
    assert_playable(manifest, tmp_path, info, audio=True)
    assert len(_packets(tmp_path / "video.mp4", "v:0")) == 2 * 25 + 2 * 10 + 30


def test_progress_goes_forward_and_ends_at_100(tmp_path):
    source = playback_media.h264_mp4()
    seen: list[float] = []

    build_outputs(source, probe(source), tmp_path, progress=seen.append)

    assert seen and seen[-1] == 100.0
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert all(0 <= p <= 100 for p in seen)


def test_second_run_into_the_same_directory_overwrites(tmp_path):
    source = playback_media.h264_mp4()
    info = probe(source)
    first = build_outputs(source, info, tmp_path)
    stale = tmp_path / "hls" / "old-profile" / "seg_00009.ts"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"left over by an older run")
    (tmp_path / "video.mp4").write_bytes(b"truncated by a crash")
    keep = tmp_path / "unrelated.txt"
    keep.write_text("not ours")

    second = build_outputs(source, info, tmp_path)

    assert second == first
    assert files_on_disk(tmp_path) == set(first.files) | {"unrelated.txt"}
    assert_playable(second, tmp_path, info, audio=True, others=frozenset({"unrelated.txt"}))


@pytest.mark.parametrize("variant", ["faststart", "moov_at_end"])
def test_manifest_as_dict_is_json_ready(tmp_path, variant):
    import json

    source = playback_media.h264_mp4(faststart=variant == "faststart")

    data = build_outputs(source, probe(source), tmp_path).as_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["mode"] == "copy" and data["mp4"] == "video.mp4" and data["poster"] == "poster.jpg"
    assert set(data["storyboard"]) >= {"tile_width", "tile_height", "columns", "rows", "interval_s"}
    assert {"name", "width", "height", "bitrate"} <= set(data["profiles"][0])

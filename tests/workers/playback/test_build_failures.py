"""build_outputs() on broken or hostile sources: it fails with a reason and leaves nothing behind."""

from __future__ import annotations

import dataclasses
import errno

import pytest

from domain import reasons
from tests import media_factory, playback_media
from tests.workers.playback.checks import files_on_disk
from tests.workers.test_probe_security import Listener
from workers.video import ffmpeg_run
from workers.video.errors import CorruptMedia, MediaError, ToolMissing
from workers.video.probe import probe
from workers.video.transcode import build_outputs


def _fails_cleanly(source, info, out_dir) -> MediaError:
    (out_dir / "unrelated.txt").write_text("the caller's file")
    with pytest.raises(MediaError) as caught:
        build_outputs(source, info, out_dir)
    assert caught.value.reason == reasons.TRANSCODE_FAILED
    assert files_on_disk(out_dir) == {"unrelated.txt"}  # no half-written output survives
    return caught.value


def test_hevc_with_garbage_in_the_middle_fails(tmp_path):
    source = playback_media.damaged_in_the_middle(playback_media.hevc_mov(6))
    info = probe(source)  # the index is intact: it probes fine, the damage is in the data
    assert info.duration_s == pytest.approx(6, abs=0.5)

    error = _fails_cleanly(source, info, tmp_path)

    assert isinstance(error, CorruptMedia) and "transcode" in error.detail


def test_h264_copy_with_garbage_in_the_middle_fails(tmp_path):
    """Nothing is decoded for a copy, but the MP4→Annex B conversion for HLS checks NAL sizes."""
    source = playback_media.damaged_in_the_middle(playback_media.h264_mp4(6))
    info = probe(source)

    error = _fails_cleanly(source, info, tmp_path)

    assert "Invalid NAL unit size" in error.detail


def test_truncated_fast_start_mp4_fails_instead_of_giving_a_short_copy(tmp_path):
    source = playback_media.truncated(playback_media.h264_mp4(6))
    info = probe(source)  # the moov up front still promises 6 seconds
    assert info.duration_s == pytest.approx(6, abs=0.5)

    _fails_cleanly(source, info, tmp_path)


def test_truncated_transport_stream_fails_on_the_duration_check(tmp_path):
    source = playback_media.truncated(playback_media.mpegts_clip(duration_s=6))
    real = probe(playback_media.mpegts_clip(duration_s=6))
    # what the probe said before the tail went missing (e.g. a re-run after the object changed)
    info = dataclasses.replace(probe(source), duration_s=real.duration_s)

    error = _fails_cleanly(source, info, tmp_path)

    assert "lasts" in error.detail


@pytest.mark.parametrize("remote", [False, True])
def test_a_playlist_posing_as_video_is_refused_not_followed(tmp_path, media_dir, remote):
    server = Listener()
    url = f"http://127.0.0.1:{server.port}/x.ts" if remote else None
    playlist = media_factory.make_hls_playlist(media_dir, url=url)
    info = probe(playback_media.h264_mp4())  # pretend the probe had been fooled

    with pytest.raises(CorruptMedia) as caught:
        build_outputs(playlist, info, tmp_path / "out")

    assert server.close() == []  # nothing was fetched
    assert caught.value.reason == reasons.TRANSCODE_FAILED
    assert not (tmp_path / "out" / "video.mp4").exists()


def test_timeout_kills_ffmpeg_and_fails(tmp_path):
    source = playback_media.hevc_mov(6)

    with pytest.raises(ffmpeg_run.TranscodeTimeout) as caught:
        build_outputs(source, probe(source), tmp_path, timeout_s=0.3)

    assert caught.value.reason == reasons.TRANSCODE_TIMEOUT
    assert files_on_disk(tmp_path) == set()


def test_missing_ffmpeg_is_an_ops_problem_not_bad_media(tmp_path):
    source = playback_media.h264_mp4()

    with pytest.raises(ToolMissing):
        build_outputs(source, probe(source), tmp_path, ffmpeg_binary=str(tmp_path / "no-ffmpeg"))


def test_missing_source_is_a_worker_bug(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_outputs(tmp_path / "gone.mp4", probe(playback_media.h264_mp4()), tmp_path / "out")


def test_full_disk_is_reported_as_os_error_so_the_stage_can_retry(tmp_path):
    with pytest.raises(OSError) as caught:
        ffmpeg_run.run_ffmpeg(
            ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=d=1", "-f", "rawvideo", "-y", "/dev/full"],
            cwd=tmp_path,
        )
    assert caught.value.errno == errno.ENOSPC and not isinstance(caught.value, MediaError)


def test_ffmpeg_runs_without_a_shell_on_a_file_url(tmp_path):
    """A hostile name stays a name: it reaches ffmpeg as one ``file:`` argument."""
    weird = tmp_path / "a;rm -rf x|concat:y.mp4"
    weird.write_bytes(playback_media.h264_mp4().read_bytes())

    out_dir = tmp_path / "out: [x]|y's"  # outputs are relative to it: nothing to escape

    manifest = build_outputs(weird, probe(playback_media.h264_mp4()), out_dir)

    assert manifest.mode == "copy"
    assert (out_dir / "video.mp4").stat().st_size > 0 and (out_dir / "hls" / "master.m3u8").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([weird.name, out_dir.name])

"""Padding: black, frozen and silent stretches, and the effective duration left without them."""

from __future__ import annotations

import pytest

from tests import analysis_media, media_factory
from workers.video import padding
from workers.video.padding import Stretch
from workers.video.probe import probe


def _detect(path, **kwargs) -> list[Stretch]:
    info = probe(path)
    return padding.detect_padding(path, duration_s=info.duration_s, has_audio=info.has_audio, **kwargs)


@pytest.mark.parametrize("keyframes_only", [True, False], ids=["keyframes", "full-decode"])
def test_a_frozen_tail_is_padding_and_the_recording_falls_under_ten_minutes(keyframes_only):
    clip = analysis_media.padded_clip("frozen", content_s=360, pad_s=300)  # 11 minutes on the clock

    stretches = _detect(clip, keyframes_only=keyframes_only)

    frozen = [s for s in stretches if s.kind == "frozen"]
    assert len(frozen) == 1 and frozen[0].start_s == pytest.approx(360, abs=2.5)
    assert frozen[0].end_s == pytest.approx(660, abs=2.5)
    assert any(s.kind == "silent" for s in stretches)  # the sound stops where the picture freezes
    effective = padding.effective_duration(660, stretches)
    assert effective == pytest.approx(360, abs=2.5) and effective < 600


def test_a_black_tail_is_padding():
    clip = analysis_media.padded_clip("black", content_s=360, pad_s=300)

    stretches = _detect(clip)

    assert {s.kind for s in stretches} >= {"black", "frozen"}  # a black screen is also a still one
    black = next(s for s in stretches if s.kind == "black")
    assert black.start_s == pytest.approx(360, abs=2.5) and black.end_s == 660
    assert padding.effective_duration(660, stretches) == pytest.approx(360, abs=2.5)


def test_digital_silence_over_moving_pictures_is_padding():
    clip = analysis_media.silent_gap_clip(sound_s=20, silence_s=20)

    stretches = _detect(clip)

    assert [s.kind for s in stretches] == ["silent"]
    assert stretches[0].start_s == pytest.approx(20, abs=0.2) and stretches[0].end_s == pytest.approx(40, abs=0.2)


def test_moving_pictures_with_sound_have_no_padding():
    assert _detect(media_factory.make_clip(30, fps=5)) == []
    assert _detect(analysis_media.SHARED / "videos" / "short_hamilton_clip.mp4") == []


def test_no_audio_stream_means_no_silent_stretch():
    clip = media_factory.make_no_audio_clip(20)
    assert probe(clip).has_audio is False
    assert _detect(clip) == []


def test_sparse_picture_artefacts_are_dropped():
    # freezedetect "freezes" between any two pictures further apart than its minimum, and
    # blackdetect turns one black keyframe into a keyframe-long stretch: neither is padding.
    lines = [
        "[freezedetect @ 0x1] lavfi.freezedetect.freeze_start: 0",
        "[freezedetect @ 0x1] lavfi.freezedetect.freeze_duration: 10",
        "[freezedetect @ 0x1] lavfi.freezedetect.freeze_end: 10",
        "[blackdetect @ 0x2] black_start:20 black_end:30 black_duration:10",
    ]
    assert padding.parse_log(lines, duration_s=60, pictures=[0, 10, 20, 30, 40, 50]) == []
    # the same lines with pictures in between are real stretches
    dense = [float(t) for t in range(0, 60, 2)]
    assert [s.kind for s in padding.parse_log(lines, duration_s=60, pictures=dense)] == ["frozen", "black"]


def test_stretches_still_open_at_the_end_run_to_the_end():
    lines = [
        "[freezedetect @ 0x1] lavfi.freezedetect.freeze_start: 41.4",
        "[blackdetect @ 0x2] black_start:41.4 black_end:49.4 black_duration:8",
        "[silencedetect @ 0x3] silence_start: 30.4",
    ]
    pictures = [1.4 + 2 * i for i in range(25)]  # -copyts times: the container starts at 1.4 s
    found = padding.parse_log(lines, duration_s=50, pictures=[t - 1.4 for t in pictures], start_s=1.4)
    assert found == [Stretch("silent", 29.0, 50.0), Stretch("black", 40.0, 50.0), Stretch("frozen", 40.0, 50.0)]


def test_overlapping_stretches_count_once():
    stretches = [Stretch("black", 10, 20), Stretch("frozen", 15, 30), Stretch("silent", 50, 55)]
    assert padding.union(stretches) == [(10, 30), (50, 55)]
    assert padding.effective_duration(100, stretches) == 75
    assert padding.effective_duration(10, [Stretch("black", 0, 10)]) == 0


def test_taps_end_in_sinks_with_the_documented_thresholds():
    settings = padding.PaddingSettings(black_min_s=3, freeze_min_s=7, silence_min_s=12)
    video, audio = padding.video_tap(settings), padding.audio_tap(settings)
    assert "blackdetect=d=3" in video and "freezedetect=n=-60.0dB:d=7" in video and video.endswith("nullsink")
    assert audio == "silencedetect=n=-60.0dB:d=12,anullsink"

"""parse_probe() on hand-written ffprobe JSON: the edge cases real files rarely show."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from domain import reasons
from workers.video.errors import AnalysisTimeout, CorruptMedia, MediaError, NoVideoStream, ProbeTimeout
from workers.video.probe import parse_probe

BASE: dict[str, Any] = {
    "format": {"format_name": "matroska,webm", "duration": "12.500000", "bit_rate": "250000"},
    "streams": [
        {
            "codec_type": "video",
            "codec_name": "h264",
            "width": 1280,
            "height": 720,
            "pix_fmt": "yuv420p",
            "avg_frame_rate": "30000/1001",
            "r_frame_rate": "30/1",
            "duration": "12.4",
        },
        {"codec_type": "audio", "codec_name": "aac"},
    ],
}


def probe_json(**changes: Any) -> dict[str, Any]:
    """BASE with ``format__key`` / ``video__key`` overrides (None deletes the key)."""
    data = copy.deepcopy(BASE)
    for name, value in changes.items():
        section, key = name.split("__")
        target = data["format"] if section == "format" else data["streams"][0]
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return data


def test_base_document():
    info = parse_probe(probe_json())

    assert info.container == "matroska"
    assert (info.width, info.height, info.pixel_format) == (1280, 720, "yuv420p")
    assert info.frame_rate == pytest.approx(29.97, abs=0.01)
    assert (info.duration_s, info.bitrate) == (12.5, 250000)
    assert (info.has_audio, info.audio_codec, info.rotation) == (True, "aac", 0)


@pytest.mark.parametrize(
    ("avg", "real", "expected"),
    [
        ("0/0", "25/1", 25.0),
        ("0/0", "0/0", None),
        ("25/0", "24000/1001", pytest.approx(23.976, abs=0.001)),
        ("garbage", "15", 15.0),
        (None, None, None),
    ],
)
def test_frame_rate_falls_back_to_r_frame_rate(avg, real, expected):
    info = parse_probe(probe_json(video__avg_frame_rate=avg, video__r_frame_rate=real))

    assert info.frame_rate == expected


@pytest.mark.parametrize(
    ("fmt_duration", "video_duration", "expected"),
    [("N/A", "12.4", 12.4), (None, "7.0", 7.0), (None, None, None), ("nan", "0", None), ("-3", "2", 2.0)],
)
def test_duration_falls_back_to_the_video_stream(fmt_duration, video_duration, expected):
    data = probe_json(format__duration=fmt_duration, video__duration=video_duration)

    assert parse_probe(data).duration_s == expected


def test_missing_bitrate_is_none():
    assert parse_probe(probe_json(format__bit_rate="N/A")).bitrate is None


@pytest.mark.parametrize(
    ("ccw", "expected"),
    [(-90, 90), (90, 270), (180, 180), (-180, 180), (0, 0), (-89.9, 90), (270, 90), (-270, 270)],
)
def test_display_matrix_rotation_is_turned_clockwise(ccw, expected):
    side = [{"side_data_type": "Display Matrix", "displaymatrix": "...", "rotation": ccw}]

    assert parse_probe(probe_json(video__side_data_list=side)).rotation == expected


@pytest.mark.parametrize(("tag", "expected"), [("90", 90), ("270", 270), ("-90", 270), ("360", 0), ("x", 0)])
def test_rotate_tag_is_used_without_a_display_matrix(tag, expected):
    assert parse_probe(probe_json(video__tags={"rotate": tag})).rotation == expected


def test_display_matrix_wins_over_the_tag():
    side = [{"side_data_type": "Display Matrix", "rotation": -90}]

    assert parse_probe(probe_json(video__tags={"rotate": "180"}, video__side_data_list=side)).rotation == 90


def test_cover_art_is_not_a_video_stream():
    data = probe_json(video__disposition={"attached_pic": 1})

    with pytest.raises(NoVideoStream) as caught:
        parse_probe(data)

    assert caught.value.reason == reasons.NO_VIDEO_STREAM


def test_no_audio_stream():
    data = probe_json()
    del data["streams"][1]

    info = parse_probe(data)

    assert (info.has_audio, info.audio_codec) == (False, None)


def test_format_outside_the_allowlist_is_refused():
    with pytest.raises(CorruptMedia) as caught:
        parse_probe(probe_json(format__format_name="hls"))

    assert caught.value.reason == reasons.CONTAINER_NOT_ALLOWED.format(container="hls")


@pytest.mark.parametrize("data", [{}, [], None, {"format": {}}, {"streams": []}, {"format": "x", "streams": []}])
def test_malformed_documents_are_corrupt_media(data):
    with pytest.raises(CorruptMedia):
        parse_probe(data)


def test_error_tree_carries_reasons_and_is_permanent():
    for cls, reason in [
        (CorruptMedia, reasons.CORRUPT_MEDIA),
        (NoVideoStream, reasons.NO_VIDEO_STREAM),
        (ProbeTimeout, reasons.PROBE_TIMEOUT),
        (AnalysisTimeout, reasons.ANALYSIS_TIMEOUT),  # the analysis decode's own deadline, not the probe's
    ]:
        error = cls(detail="why")
        assert isinstance(error, MediaError)
        assert error.reason == reason and error.retryable is False
        assert str(error) == f"{reason.code}: why"
    custom = reasons.CONTAINER_NOT_ALLOWED.format(container="hls")
    assert CorruptMedia(custom).reason is custom

"""Small parsers: HLS playlists, the source scan's packet listing, MP4 box order."""

from __future__ import annotations

import math

import pytest

from tests import playback_media
from workers.video.hls_playlist import PlaylistError, is_relative, parse_master, parse_media
from workers.video.output_check import moov_before_mdat
from workers.video.source_scan import parse_scan, scan_source

MASTER = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=2890800,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
720p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=1073600,RESOLUTION=640x360
360p/index.m3u8
"""
MEDIA = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-INDEPENDENT-SEGMENTS
#EXTINF:6.000000,
seg_00000.ts
#EXTINF:3.500000,
seg_00001.ts
#EXT-X-ENDLIST
"""


def test_master_variants_in_order():
    variants = parse_master(MASTER)

    assert [(v.uri, v.bandwidth, v.resolution) for v in variants] == [
        ("720p/index.m3u8", 2890800, (1280, 720)),
        ("360p/index.m3u8", 1073600, (640, 360)),
    ]


def test_media_playlist_segments_and_totals():
    media = parse_media(MEDIA)

    assert media.segments == (("seg_00000.ts", 6.0), ("seg_00001.ts", 3.5))
    assert (media.total_s, media.longest_s, media.target_duration) == (9.5, 6.0, 6.0)
    assert media.ended and media.playlist_type == "VOD"
    assert not parse_media(MEDIA.replace("#EXT-X-ENDLIST\n", "")).ended


@pytest.mark.parametrize(
    ("parser", "text"),
    [
        (parse_master, "not a playlist"),
        (parse_master, "#EXTM3U\n#EXT-X-VERSION:3\n"),
        (parse_media, "#EXTM3U\nseg.ts\n"),
        (parse_media, "#EXTM3U\n#EXTINF:2,\nseg.ts\n"),
    ],
)
def test_malformed_playlists_are_refused(parser, text):
    with pytest.raises(PlaylistError):
        parser(text)


@pytest.mark.parametrize(
    ("uri", "ok"),
    [
        ("seg_00000.ts", True),
        ("720p/index.m3u8", True),
        ("/abs/seg.ts", False),
        ("../other/seg.ts", False),
        ("a/../../seg.ts", False),
        ("http://cdn/seg.ts", False),
        ("file:seg.ts", False),
        ("//host/seg.ts", False),
        ("a\\b.ts", False),
    ],
)
def test_only_plain_relative_uris_count_as_relative(uri, ok):
    assert is_relative(uri) is ok


def test_scan_parses_stream_and_packets():
    text = "\n".join(
        [
            "packet|pts_time=0.000000|dts_time=-0.080000|flags=K_",
            "packet|pts_time=0.080000|dts_time=-0.040000|flags=__",
            "packet|pts_time=10.000000|dts_time=9.960000|flags=K_",
            "packet|pts_time=9.960000|dts_time=9.960000|flags=__",  # DTS did not move
            "packet|pts_time=25.000000|dts_time=24.960000|flags=__",
            "stream|field_order=tt|color_transfer=arib-std-b67",
        ]
    )

    scan = parse_scan(text, packets=True)

    assert scan.interlaced and scan.hdr and scan.starts_on_keyframe
    assert scan.dts_backwards == 1
    assert scan.max_keyframe_gap_s == 15.0  # the last keyframe to the end of the file


def test_scan_notices_a_start_mid_gop_and_a_file_without_keyframes():
    mid_gop = parse_scan("packet|pts_time=1|dts_time=1|flags=__\npacket|pts_time=2|dts_time=2|flags=K_", packets=True)
    no_key = parse_scan("packet|pts_time=1.0|dts_time=1.0|flags=__", packets=True)

    assert not mid_gop.starts_on_keyframe
    assert math.isinf(no_key.max_keyframe_gap_s)


def test_stream_only_scan_leaves_the_timeline_unchecked():
    scan = parse_scan("stream|field_order=progressive|color_transfer=bt709", packets=False)

    assert (scan.timeline_checked, scan.interlaced, scan.hdr, scan.max_keyframe_gap_s) == (False, False, False, 0.0)


def test_real_scan_of_a_clean_clip():
    scan = scan_source(playback_media.mpegts_clip(), packets=True)

    assert (scan.field_order, scan.starts_on_keyframe, scan.dts_backwards) == ("progressive", True, 0)
    assert scan.max_keyframe_gap_s == pytest.approx(2.0, abs=0.1)  # the factory's 2-second GOP


def test_moov_position():
    assert moov_before_mdat(playback_media.h264_mp4(faststart=True))
    assert not moov_before_mdat(playback_media.h264_mp4(faststart=False))

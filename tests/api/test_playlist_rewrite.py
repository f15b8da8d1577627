"""Rewriting HLS playlists and thumbnail tracks to signed URLs."""

from __future__ import annotations

import pytest

from api.playback.rewrite import UnsafePath, resolve_relative, rewrite_playlist, rewrite_vtt

MASTER = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720
720p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360
360p/index.m3u8
"""

VARIANT = """#EXTM3U
#EXT-X-MAP:URI="init.mp4"
#EXTINF:4.000,
seg_000.m4s
#EXTINF:2.500,
seg_001.m4s
#EXT-X-ENDLIST
"""


def test_master_and_variant_uris_are_resolved_against_their_playlist():
    seen = []

    def resolve(uri):
        seen.append(uri)
        return f"https://signed/{uri}?sig"

    out = rewrite_playlist(MASTER, lambda u: resolve(resolve_relative("hls/master.m3u8", u)))
    assert "https://signed/hls/720p/index.m3u8?sig" in out and "#EXT-X-STREAM-INF:BANDWIDTH=800000" in out
    out = rewrite_playlist(VARIANT, lambda u: resolve(resolve_relative("hls/720p/index.m3u8", u)))
    assert '#EXT-X-MAP:URI="https://signed/hls/720p/init.mp4?sig"' in out
    assert "https://signed/hls/720p/seg_001.m4s?sig" in out and "#EXT-X-ENDLIST" in out
    assert seen[-3:] == ["hls/720p/init.mp4", "hls/720p/seg_000.m4s", "hls/720p/seg_001.m4s"]


@pytest.mark.parametrize("uri", ["../../../originals/x", "/etc/passwd", "http://evil/x.ts", "a/../../../../b"])
def test_paths_cannot_leave_the_output(uri):
    with pytest.raises(UnsafePath):
        resolve_relative("hls/720p/index.m3u8", uri)


def test_vtt_sprite_references_keep_their_fragment():
    vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nstoryboard.jpg#xywh=0,0,160,90\n"
    out = rewrite_vtt(vtt, lambda p: f"https://signed/{p}")
    assert "https://signed/storyboard.jpg#xywh=0,0,160,90" in out and "00:00:00.000 --> 00:00:05.000" in out

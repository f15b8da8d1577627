"""sniff() and container_family() against the first 64 KiB of real generated files."""

from __future__ import annotations

import pytest

from domain import reasons
from domain.media_signature import ALLOWED_FORMATS, DEMUXER_ALLOWLIST, container_family, sniff
from tests import media_factory

HEAD = 64 * 1024


@pytest.mark.parametrize(
    ("container", "vcodec", "extra", "expected"),
    [
        ("mp4", "libx264", (), "mp4"),
        ("mp4", "libx264", ("-movflags", "+faststart"), "mp4"),
        ("mov", "libx264", (), "mp4"),
        ("mkv", "libx264", (), "matroska"),
        ("webm", "libvpx", (), "matroska"),
        ("flv", "libx264", (), "flv"),
        ("ts", "libx264", (), "mpegts"),
        ("ts", "libx264", ("-mpegts_m2ts_mode", "1"), "mpegts"),  # 192-byte packets
        ("avi", "libx264", (), "avi"),
    ],
)
def test_sniff_recognises_generated_files(container, vcodec, extra, expected):
    clip = media_factory.make_clip(1, container=container, vcodec=vcodec, extra_args=extra)

    result = sniff(clip.read_bytes()[:HEAD])

    assert result.ok and result.container == expected and result.reason is None


@pytest.mark.parametrize("size", [16, 12])
def test_sniff_needs_only_a_few_bytes_for_mp4(size):
    head = media_factory.make_clip(1).read_bytes()[:size]

    assert sniff(head).container == "mp4"


def test_sniff_accepts_the_corrupt_clip_whose_header_is_genuine():
    """Sniffing is only the first gate: the probe stage catches what follows the header."""
    assert sniff(media_factory.make_corrupt_clip().read_bytes()[:HEAD]).container == "mp4"


M3U8 = b"#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:2.0,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n"
DASH = b'<?xml version="1.0" encoding="utf-8"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">'
SDP = b"v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nm=video 5004 RTP/AVP 96\r\n"


@pytest.mark.parametrize(
    "head",
    [
        M3U8,
        b"\xef\xbb\xbf" + M3U8,  # UTF-8 byte-order mark
        b"\r\n  \t" + M3U8.lower(),  # leading blanks, lower case
        b"#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\nseg0.ts\n",  # headerless media playlist
        b"ffconcat version 1.0\nfile '/etc/passwd'\n",
        b"file 'a.mp4'\nfile 'b.mp4'\n",  # concat list without its header
        b"file\t/tmp/a.mp4\n",
        DASH,
        b'<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">',
        SDP,
    ],
    ids=["m3u8", "m3u8-bom", "m3u8-blanks", "ext-x", "ffconcat", "concat", "concat-tab", "dash", "mpd", "sdp"],
)
def test_sniff_names_playlists_and_lists(head):
    result = sniff(head)

    assert not result.ok
    assert result.reason == reasons.PLAYLIST_REJECTED


def test_sniff_names_the_factory_playlist_and_concat_list(tmp_path):
    playlist = media_factory.make_hls_playlist(tmp_path / "hls")
    listing = media_factory.make_concat_list(tmp_path / "concat", media_factory.make_clip(1))

    assert sniff(playlist.read_bytes()).reason == reasons.PLAYLIST_REJECTED
    assert sniff(listing.read_bytes()).reason == reasons.PLAYLIST_REJECTED


def test_sniff_rejects_a_png_and_text_as_not_video(tmp_path):
    png = media_factory.make_not_video(tmp_path, "png").read_bytes()
    text = media_factory.make_not_video(tmp_path, "text").read_bytes()

    assert png.startswith(b"\x89PNG")
    assert sniff(png[:HEAD]) == sniff(text) == sniff(b"\x00" * 64)
    assert sniff(png[:HEAD]).reason == reasons.NOT_VIDEO and not sniff(png[:HEAD]).ok


@pytest.mark.parametrize(
    "head",
    [
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # RIFF, but audio
        b"\x47" + b"\x00" * 187 + b"\x47" + b"\x00" * 100,  # two sync bytes are not a stream
        b"ID3\x04\x00\x00\x00\x00\x00\x00",  # an MP3
        b"\x00\x00\x00\x18",  # too short to hold a box type
    ],
    ids=["wav", "short-ts", "mp3", "tiny"],
)
def test_sniff_rejects_near_misses(head):
    assert sniff(head).reason == reasons.NOT_VIDEO


def test_sniff_of_nothing_is_empty_file():
    result = sniff(b"")

    assert result.reason == reasons.EMPTY_FILE and result.container is None


@pytest.mark.parametrize(
    ("format_name", "family"),
    [
        ("mov,mp4,m4a,3gp,3g2,mj2", "mp4"),
        ("matroska,webm", "matroska"),
        ("flv", "flv"),
        ("mpegts", "mpegts"),
        ("avi", "avi"),
        (" mov , mp4 ", "mp4"),
        ("hls", None),
        ("concat", None),
        ("dash", None),
        ("sdp", None),
        ("png_pipe", None),
        ("image2", None),
        ("tty", None),
        ("mpegtsraw", None),
        ("", None),
        (",", None),
    ],
)
def test_container_family(format_name, family):
    assert container_family(format_name) == family


def test_every_allowed_demuxer_maps_to_a_family():
    assert {container_family(name) for name in DEMUXER_ALLOWLIST} == set(ALLOWED_FORMATS)


def test_concat_list_opening_with_a_comment_is_named_a_playlist():
    from domain.media_signature import sniff

    head = b"# made by hand\n\nfile '/etc/passwd'\n"
    assert sniff(head).reason.code == "upload.playlist"
    assert sniff(b"# notes\nhello world\n").reason.code == "upload.not_video"

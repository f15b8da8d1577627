"""A hostile-media suite: every odd or malicious file is refused with a reason or processed correctly.

Each case builds its bytes (a tiny ffmpeg clip, then mutated in Python), sends them through the
real path — the multipart upload the UI uses, then the probe stage — and checks the one outcome
it must have: refused at upload with a reason code, failed at probe with a permanent, bilingual
reason, or probed correctly. Never an unhandled exception in the worker, never a hang (ffprobe
runs under the stage's time limit). Cases already covered elsewhere are not repeated here:
declared playlists and zero sizes (tests/api/test_upload_rejections.py), an ``ftyp`` followed by
garbage (test_probe_stage.py), playlists given to ffprobe directly (test_probe_security.py).
"""

from __future__ import annotations

import io
import shutil
import struct
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import media_factory
from tests.api.uploading import read_part, send_part
from tests.workers.stage_helpers import probe_job

UPLOAD = "upload"  # refused by the upload API, never became a recording
FAILED = "failed"  # the probe stage failed it for good, with a reason
DONE = "done"  # probed correctly


# --- byte builders ------------------------------------------------------------------------------


def _mp4() -> bytes:
    return media_factory.make_clip(2).read_bytes()


def _faststart_mp4() -> bytes:
    """moov before mdat, so patched header boxes sit in the first bytes."""
    return media_factory.remux(media_factory.make_clip(2), "-movflags", "+faststart").read_bytes()


def _clip(container: str) -> bytes:
    return media_factory.make_clip(2, container=container).read_bytes()


def _box(data: bytearray, kind: bytes, start: int = 0) -> int:
    """Offset of the first ``kind`` box header's type field at or after ``start``."""
    at = data.find(kind, start)
    assert at > 4, f"no {kind!r} box"
    return at


def _patch(data: bytes, kind: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite a big-endian field ``offset`` bytes after ``kind``'s type field."""
    out = bytearray(data)
    at = _box(out, kind) + 4 + offset
    struct.pack_into(fmt, out, at, value)
    return bytes(out)


def _tkhd_huge_dimensions() -> bytes:
    # tkhd v0: version/flags 4, ctime 4, mtime 4, track_id 4, reserved 4, duration 4, reserved 8,
    # layer 2, alt group 2, volume 2, reserved 2, matrix 36, width 4, height 4 (16.16 fixed).
    data = _faststart_mp4()
    data = _patch(data, b"tkhd", 76, ">I", 0xFFFF0000)
    return _patch(data, b"tkhd", 80, ">I", 0xFFFF0000)


def _avc1_huge_dimensions() -> bytes:
    # avc1 sample entry: reserved 6, data ref 2, predefined/reserved 16, width 2, height 2.
    data = _faststart_mp4()
    data = _patch(data, b"avc1", 24, ">H", 0xFFFF)
    return _patch(data, b"avc1", 26, ">H", 0xFFFF)


def _mvhd_absurd_duration() -> bytes:
    # mvhd v0: version/flags 4, ctime 4, mtime 4, timescale 4, duration 4.
    data = _patch(_faststart_mp4(), b"mvhd", 12, ">I", 1)  # one tick per second …
    return _patch(data, b"mvhd", 16, ">I", 0xFFFFFFFF)  # … for 136 years


def _mkv_absurd_duration() -> bytes:
    """Segment Info Duration (0x4489, an 8-byte float in milliseconds) set to 127 years."""
    data = bytearray(_clip("mkv"))
    at = data.find(b"\x44\x89\x88")
    assert at > 0
    struct.pack_into(">d", data, at + 3, 4.0e12)
    return bytes(data)


def _stsz_absurd_sample_count() -> bytes:
    # stsz: version/flags 4, sample_size 4, sample_count 4.
    return _patch(_faststart_mp4(), b"stsz", 8, ">I", 0xFFFFFFFF)


def _stts_absurd_frame_count() -> bytes:
    # stts: version/flags 4, entry_count 4, then (sample_count 4, sample_delta 4).
    return _patch(_faststart_mp4(), b"stts", 8, ">I", 0x7FFFFFFF)


def _mp4_box_size_past_end() -> bytes:
    return _patch(_faststart_mp4(), b"moov", -4, ">I", 0xFFFFFFF0)


def _mkv_huge_ebml_sizes() -> bytes:
    """Every element of the EBML header claims the largest 8-byte size."""
    data = bytearray(_clip("mkv"))
    data[4:12] = b"\x01\xff\xff\xff\xff\xff\xff\xfe"  # EBML header size (was 1 byte: shift the rest)
    return bytes(data[:4]) + bytes(data[4:12]) + bytes(data[5:])


def _mkv_huge_pixel_size() -> bytes:
    data = bytearray(_clip("mkv"))
    for element in (b"\xb0", b"\xba"):  # PixelWidth, PixelHeight, each followed by an 0x82 size
        at = data.find(element + b"\x82")
        assert at > 0
        data[at + 2 : at + 4] = b"\xff\xff"
    return bytes(data)


def _avi_absurd_header() -> bytes:
    data = _clip("avi")
    # avih: MicroSecPerFrame, MaxBytesPerSec, Padding, Flags, TotalFrames, InitialFrames,
    # Streams, SuggestedBuffer, Width, Height (little-endian, after the 8-byte chunk header).
    out = bytearray(data)
    at = _box(out, b"avih") + 8
    struct.pack_into("<I", out, at + 16, 0xFFFFFFFF)  # total frames
    struct.pack_into("<I", out, at + 24, 0xFFFF)  # streams
    struct.pack_into("<ii", out, at + 32, 0x7FFFFFFF, 0x7FFFFFFF)  # width, height
    strf = _box(out, b"strf") + 8  # BITMAPINFOHEADER: size, width, height
    struct.pack_into("<ii", out, strf + 4, 0x7FFFFFFF, 0x7FFFFFFF)
    return bytes(out)


def _truncated(data: bytes, keep: float) -> bytes:
    return data[: max(1, int(len(data) * keep))]


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not for you\n" * 100)
    return buffer.getvalue()


def _png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17


def _dash_manifest() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">'
        b'<Period><AdaptationSet><Representation id="1" bandwidth="1">'
        b"<BaseURL>http://127.0.0.1:9/v.mp4</BaseURL></Representation></AdaptationSet></Period></MPD>\n"
    )


def _sdp() -> bytes:
    return b"v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\n"


def _hls_after_comments() -> bytes:
    return b"\xef\xbb\xbf\n# exported by a phone\n#EXTM3U\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n"


def _ffconcat_crlf() -> bytes:
    return b"ffconcat version 1.0\r\nfile 'file:/etc/passwd'\r\nfile 'http://127.0.0.1:9/a.mp4'\r\n"


def _ts_sync_then_playlist() -> bytes:
    """Four fake TS sync bytes (so it sniffs as MPEG-TS), then an HLS playlist in the payload."""
    packet = b"\x47" + b"\x1f\xff\x10" + b"\xff" * 184  # null-PID packets
    return packet * 4 + b"#EXTM3U\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n"


def _ftyp_then_playlist() -> bytes:
    return _mp4()[:32] + b"\n#EXTM3U\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n"


def _many_streams(count: int) -> Callable[[], bytes]:
    """A real clip whose one video stream is mapped ``count`` times (stream copy: quick)."""

    def build() -> bytes:
        source = media_factory.make_clip(0.2, width=32, height=32, audio=False)
        maps = [arg for _ in range(count) for arg in ("-map", "0:v")]
        return media_factory.remux(source, *maps).read_bytes()

    return build


def _ts_thousands_of_pids() -> bytes:
    """A real TS clip followed by 3,000 packets on 3,000 different PIDs a PMT never named."""
    data = _clip("ts")
    junk = b"".join(
        bytes([0x47, 0x40 | (pid >> 8), pid & 0xFF, 0x10]) + b"\x00" * 184 for pid in range(0x20, 0x20 + 3000)
    )
    return data + junk


def _pat_with_thousands_of_programs() -> bytes:
    """A PAT naming 250 programs (its section's limit), each PMT listing dozens of streams."""
    packets = []

    def section(table_id: int, ext: int, payload: bytes) -> bytes:
        body = struct.pack(">HBBB", ext, 0xC1, 0, 0) + payload
        length = len(body) + 4
        head = bytes([table_id]) + struct.pack(">H", 0xB000 | length)
        return head + body + b"\x00\x00\x00\x00"  # CRC left wrong on purpose: must not matter

    def packet(pid: int, payload: bytes) -> bytes:
        chunk = (b"\x00" + payload)[:184]
        return bytes([0x47, 0x40 | (pid >> 8), pid & 0xFF, 0x10]) + chunk.ljust(184, b"\xff")

    programs = b"".join(struct.pack(">HH", n, 0xE000 | (0x100 + n)) for n in range(1, 251))
    packets.append(packet(0, section(0x00, 1, programs[: 180 - 12])))
    for n in range(1, 251):
        streams = b"".join(struct.pack(">BHH", 0x1B, 0xE000 | (0x1000 + n * 40 + i), 0xF000) for i in range(33))
        packets.append(packet(0x100 + n, section(0x02, n, struct.pack(">HH", 0xE000 | 0x1FFF, 0xF000) + streams)))
    return b"".join(packets) + _clip("ts")


# --- the cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expect: tuple  # (UPLOAD, status, code) | (FAILED, code prefix) | (DONE, container)
    filename: str = "lesson.mp4"
    content_type: str = "video/mp4"
    duration_known: bool = True  # False: the length claimed is a forgery, so it is recorded as unknown
    shown_name: str | None = None  # the name people see afterwards, when the case is about names


CASES = [
    # Playlists of every kind, under a video name and a video type.
    Case("dash-manifest", _dash_manifest, (UPLOAD, 415, "upload.playlist")),
    Case("sdp-session", _sdp, (UPLOAD, 415, "upload.playlist")),
    Case("hls-after-bom-and-comments", _hls_after_comments, (UPLOAD, 415, "upload.playlist")),
    Case("ffconcat-crlf-local-file", _ffconcat_crlf, (UPLOAD, 415, "upload.playlist")),
    Case(
        "plain-m3u-of-urls",
        lambda: b"http://127.0.0.1:9/a.ts\nhttp://127.0.0.1:9/b.ts\n",
        (UPLOAD, 415, "upload.not_video"),
    ),
    Case(
        "pls-playlist",
        lambda: b"[playlist]\nFile1=http://127.0.0.1:9/a.ts\nNumberOfEntries=1\n",
        (UPLOAD, 415, "upload.not_video"),
    ),
    Case("ts-sync-then-hls", _ts_sync_then_playlist, (FAILED, "probe.")),
    Case("ftyp-then-hls", _ftyp_then_playlist, (FAILED, "probe.")),
    # Polyglots.
    Case("png-then-mp4", lambda: _png_bytes() + _mp4(), (UPLOAD, 415, "upload.not_video")),
    Case("zip-then-mp4", lambda: _zip_bytes() + _mp4(), (UPLOAD, 415, "upload.not_video")),
    Case(
        "html-then-mp4", lambda: b"<html><script>alert(1)</script></html>\n" + _mp4(), (UPLOAD, 415, "upload.not_video")
    ),
    Case("mp4-then-zip", lambda: _mp4() + _zip_bytes(), (DONE, "mp4")),
    Case("mp4-then-html", lambda: _mp4() + b"<html><script>alert(1)</script></html>", (DONE, "mp4")),
    Case("mkv-then-zip", lambda: _clip("mkv") + _zip_bytes(), (DONE, "matroska")),
    # Truncated and tiny.
    Case("zero-bytes-declared-one", lambda: b"", (UPLOAD, 400, "upload.empty")),
    Case("one-byte", lambda: b"\x00", (UPLOAD, 415, "upload.not_video")),
    Case("mp4-header-only", lambda: _mp4()[:16], (FAILED, "probe.")),
    Case("mp4-cut-in-half", lambda: _truncated(_mp4(), 0.5), (FAILED, "probe.")),
    Case("faststart-mp4-cut-in-half", lambda: _truncated(_faststart_mp4(), 0.5), (DONE, "mp4")),
    Case("mkv-cut-in-half", lambda: _truncated(_clip("mkv"), 0.5), (DONE, "matroska")),
    Case("ts-three-packets", lambda: _clip("ts")[: 188 * 3], (UPLOAD, 415, "upload.not_video")),
    Case("ts-cut-before-first-picture", lambda: _clip("ts")[: 188 * 5], (FAILED, "probe.corrupt")),
    Case("avi-cut-to-header", lambda: _clip("avi")[:600], (FAILED, "probe.")),
    Case("flv-cut-to-header", lambda: _clip("flv")[:13], (FAILED, "probe.")),
    # Wrong extensions and types: the bytes decide.
    Case("mkv-named-mp4", lambda: _clip("mkv"), (DONE, "matroska")),
    Case("ts-named-avi", lambda: _clip("ts"), (DONE, "mpegts"), "lesson.avi", "text/vnd.trolltech.linguist"),
    Case("avi-named-exe", lambda: _clip("avi"), (DONE, "avi"), "lesson.exe", "application/x-msdownload"),
    Case("mp4-named-m3u8", _mp4, (UPLOAD, 415, "upload.playlist"), "lesson.m3u8", "video/mp4"),
    # Very long, unicode, bidi and path-like names: kept only cleaned, for display.
    Case(
        "name-255-cjk-and-emoji",
        _mp4,
        (DONE, "mp4"),
        "课" * 200 + "🎬" * 51 + ".mp4",
        shown_name="课" * 200 + "🎬" * 51,
    ),
    Case("name-256-chars", _mp4, (UPLOAD, 422, "request.invalid"), "a" * 252 + ".mp4"),
    Case("name-bidi-and-controls", _mp4, (DONE, "mp4"), "lesson\u202egpj\x00\r\n\x1b[31m.mp4", shown_name="lesson"),
    Case("name-path-traversal", _mp4, (DONE, "mp4"), "../../../etc/passwd.mp4", shown_name="passwd"),
    Case("name-combining-marks", _mp4, (DONE, "mp4"), "e\u0301" * 125 + ".mp4", shown_name="\u00e9" * 125),
    # Absurd numbers in headers.
    Case("tkhd-65535-square", _tkhd_huge_dimensions, (DONE, "mp4")),
    Case("avc1-65535-square", _avc1_huge_dimensions, (DONE, "mp4")),
    Case("mvhd-136-years", _mvhd_absurd_duration, (DONE, "mp4")),
    Case("stsz-4-billion-samples", _stsz_absurd_sample_count, (FAILED, "probe.")),
    Case("stts-2-billion-frames", _stts_absurd_frame_count, (DONE, "mp4")),
    Case("moov-size-past-end", _mp4_box_size_past_end, (FAILED, "probe.")),
    Case("mkv-ebml-header-size-max", _mkv_huge_ebml_sizes, (FAILED, "probe.")),
    Case("mkv-127-years", _mkv_absurd_duration, (DONE, "matroska"), duration_known=False),
    Case("mkv-pixel-size-65535", _mkv_huge_pixel_size, (DONE, "matroska")),
    Case("avi-header-absurd", _avi_absurd_header, (DONE, "avi")),
    # Thousands of streams.
    Case("mp4-1000-video-streams", _many_streams(999), (DONE, "mp4")),  # +1 from remux: ffmpeg's own max_streams
    Case("ts-3000-stray-pids", _ts_thousands_of_pids, (DONE, "mpegts")),
    Case("ts-250-programs-8250-streams", _pat_with_thousands_of_programs, (DONE, "mpegts")),
]


@pytest.fixture
def database_url(tmp_path, _sqlite_template):
    """SQLite only: the cases are about media, not about the database."""
    path = tmp_path / "kejian.sqlite3"
    shutil.copy(_sqlite_template, path)
    return f"sqlite:///{path}"


# --- the path every case takes ----------------------------------------------------------------


def _reason(response) -> tuple:
    error = response.json()["error"]
    assert error["message_zh"] and error["message_en"] and error["message_zh"] != error["message_en"]
    return (UPLOAD, response.status_code, error["code"])


def push(h, path: Path, filename: str, content_type: str, declared_size: int | None = None) -> tuple:
    """Upload like the UI, then run the probe stage; return the outcome tuple."""
    body = {
        "kind": "lesson",
        "filename": filename,
        "size": declared_size if declared_size is not None else path.stat().st_size,
        "content_type": content_type,
        "capability_code": "A1",
    }
    created = h.client.post("/api/uploads", json=body, headers=h.auth("teacher"))
    if created.status_code != 201:
        return _reason(created)
    upload = created.json()
    for part in upload["parts"]:
        sent = send_part(h, "teacher", part["url"], read_part(path, part, upload["part_size"]))
        if sent.status_code != 200:
            return _reason(sent)
    done = h.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=h.auth("teacher"))
    if done.status_code != 200:
        return _reason(done)
    recording_id = done.json()["recording_id"]

    started = time.monotonic()
    outcomes = h.probe_only()  # an unhandled exception here is a worker crash: the test fails
    assert time.monotonic() - started < h.settings.ffprobe_timeout_s + 5
    job = probe_job(h, recording_id)
    assert [o.value for o in outcomes] == [job.state]
    if job.state == FAILED:
        assert job.reason_code.startswith("probe.") and job.reason_zh and job.reason_en
        assert h.tasks.sent == [], "a permanent failure is not queued again"
        return (FAILED, job.reason_code)
    assert job.state == DONE, (job.state, job.reason_code)
    detail = h.client.get(f"/api/recordings/{recording_id}", headers=h.auth("teacher")).json()
    return (DONE, detail, recording_id)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_is_refused_with_a_reason_or_probed_correctly(api, tmp_path, case):
    path = tmp_path / "upload.bin"
    path.write_bytes(case.build())
    declared = 1 if case.name == "zero-bytes-declared-one" else None
    if declared is not None:
        # The declared size is checked first; a body that then comes up empty is the case here.
        response = api.client.post(
            "/api/uploads/direct",
            params={"kind": "lesson", "filename": case.filename, "capability_code": "A1"},
            content=b"",
            headers={**api.auth("teacher"), "Content-Type": case.content_type},
        )
        outcome = _reason(response)
    else:
        outcome = push(api, path, case.filename, case.content_type)

    if outcome[0] == DONE:
        detail = outcome[1]
        assert case.expect[0] == DONE, f"{case.name}: probed fine, expected {case.expect}"
        assert detail["stages"][0]["state"] == "done" and detail["container"] == case.expect[1]
        # The real picture and length, whatever the headers claimed (the clips are 2 s or shorter).
        assert (detail["media"]["width"], detail["media"]["height"]) in {(320, 240), (32, 32)}
        if case.duration_known:
            assert 0 < detail["duration_s"] <= 3
        else:
            assert detail["duration_s"] is None
            assert detail["checks"]["duration"]["code"] == "duration.unknown"
        if case.shown_name is not None:
            assert case.shown_name in detail["original_filename"]
            assert not any(ch in detail["original_filename"] for ch in "\u202e\x00\r\n\x1b")
    elif case.expect[0] == FAILED:
        assert outcome[0] == FAILED and outcome[1].startswith(case.expect[1]), (case.name, outcome)
    else:
        assert outcome == case.expect, (case.name, outcome)

"""probe() on hostile input: playlists and lists are rejected, never followed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from domain import reasons
from domain.media_signature import sniff
from tests import media_factory
from workers.video import probe as probe_module
from workers.video.errors import CorruptMedia, MediaError, ProbeTimeout, ToolMissing
from workers.video.probe import ffprobe_args, probe


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.requests.append(conn.recv(1024))
                except OSError:
                    self.requests.append(b"")

    def close(self) -> list[bytes]:
        time.sleep(0.2)  # let a late connection land before we look
        self._stop.set()
        self._thread.join()
        self.sock.close()
        return self.requests


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def _unrestricted_ffprobe(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """What a naive ``ffprobe file`` does; used to prove a hostile file is really live."""
    cmd = ["ffprobe", "-v", "error", "-of", "json", "-show_format", *extra, str(path)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30)


def test_hls_playlist_pointing_at_a_url_is_rejected_without_connecting(media_dir, listener):
    playlist = media_factory.make_hls_playlist(media_dir, url=f"http://127.0.0.1:{listener.port}/x.ts")

    with pytest.raises(CorruptMedia) as caught:
        probe(playlist)

    assert listener.close() == []
    assert caught.value.reason == reasons.CONTAINER_NOT_ALLOWED.format(container="hls")
    assert "Format not on whitelist" in caught.value.detail


def test_the_listener_does_see_an_ffprobe_allowed_to_fetch(media_dir, listener):
    """Control for the test above: the playlist really makes ffprobe connect when allowed."""
    playlist = media_factory.make_hls_playlist(media_dir, url=f"http://127.0.0.1:{listener.port}/x.ts")

    _unrestricted_ffprobe(playlist, "-protocol_whitelist", "file,http,tcp")

    requests = listener.close()
    assert requests and requests[0].startswith(b"GET /x.ts HTTP/1.1")


def test_hls_playlist_of_real_local_segments_is_rejected(media_dir):
    playlist = media_factory.make_hls_playlist(media_dir, url=None)
    naive = _unrestricted_ffprobe(playlist)
    assert naive.returncode == 0 and '"format_name": "hls"' in naive.stdout  # it would be followed

    with pytest.raises(CorruptMedia) as caught:
        probe(playlist)

    assert caught.value.reason.code == reasons.CONTAINER_NOT_ALLOWED.code
    assert "hls" in caught.value.reason.en


def test_ffconcat_list_naming_a_real_video_is_rejected(media_dir, short_clip):
    listing = media_factory.make_concat_list(media_dir, short_clip)
    naive = _unrestricted_ffprobe(listing, "-safe", "0")
    assert naive.returncode == 0 and '"format_name": "concat"' in naive.stdout  # it would be followed

    with pytest.raises(CorruptMedia) as caught:
        probe(listing)

    assert caught.value.reason == reasons.CONTAINER_NOT_ALLOWED.format(container="concat")


def test_sdp_session_description_is_rejected(media_dir):
    sdp = media_dir / "stream.sdp"
    sdp.write_text("v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\n")

    with pytest.raises(CorruptMedia) as caught:
        probe(sdp, timeout_s=10)

    assert caught.value.reason == reasons.CONTAINER_NOT_ALLOWED.format(container="sdp")


def test_corrupt_mp4_is_corrupt_media():
    corrupt = media_factory.make_corrupt_clip()
    assert sniff(corrupt.read_bytes()[:65536]).container == "mp4"  # the header is genuine

    with pytest.raises(CorruptMedia) as caught:
        probe(corrupt)

    assert caught.value.reason == reasons.CORRUPT_MEDIA
    assert caught.value.retryable is False
    assert isinstance(caught.value.__cause__, subprocess.CalledProcessError)
    assert b"moov atom not found" in caught.value.__cause__.stderr


def test_truncated_mp4_is_corrupt_media(media_dir, short_clip):
    half = media_dir / "half.mp4"
    half.write_bytes(short_clip.read_bytes()[: short_clip.stat().st_size // 2])

    with pytest.raises(CorruptMedia) as caught:
        probe(half)

    assert caught.value.reason == reasons.CORRUPT_MEDIA


def test_png_is_refused_as_a_container(media_dir):
    with pytest.raises(CorruptMedia) as caught:
        probe(media_factory.make_not_video(media_dir, "png"))

    assert caught.value.reason == reasons.CONTAINER_NOT_ALLOWED.format(container="png_pipe")


@pytest.mark.parametrize("content", [b"", b"Lesson plan, week 3.\nnot a video\n"])
def test_text_and_empty_files_are_corrupt_media(media_dir, content):
    path = media_dir / "upload.bin"
    path.write_bytes(content)

    with pytest.raises(CorruptMedia) as caught:
        probe(path)

    assert caught.value.reason == reasons.CORRUPT_MEDIA


def test_text_file_from_factory_is_corrupt_media(media_dir):
    with pytest.raises(CorruptMedia) as caught:
        probe(media_factory.make_not_video(media_dir, "text"))

    assert caught.value.reason == reasons.CORRUPT_MEDIA


def _ffprobe_children() -> list[str]:
    """ffprobe processes (running or zombie) whose parent is this test process."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        comm, fields = text.split("(", 1)[1].rsplit(")", 1)[0], text.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and comm.startswith("ffprobe"):
            found.append(f"{stat.parent.name}:{fields[0]}")
    return found


def test_fifo_that_never_delivers_times_out_and_ffprobe_is_killed(media_dir):
    fifo = media_dir / "upload.mp4"
    os.mkfifo(fifo)

    started = time.monotonic()
    with pytest.raises(ProbeTimeout) as caught:
        probe(fifo, timeout_s=1)

    assert time.monotonic() - started < 5
    assert caught.value.reason == reasons.PROBE_TIMEOUT
    assert isinstance(caught.value.__cause__, subprocess.TimeoutExpired)
    assert _ffprobe_children() == []


def test_timeout_kills_a_hung_tool(media_dir, short_clip):
    pid_file = media_dir / "pid"
    fake = media_dir / "hung-ffprobe"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 30\n")
    fake.chmod(0o755)

    with pytest.raises(ProbeTimeout):
        probe(short_clip, ffprobe_binary=str(fake), timeout_s=0.5)

    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_unparsable_output_is_corrupt_media(media_dir, short_clip):
    fake = media_dir / "chatty-ffprobe"
    fake.write_text("#!/bin/sh\necho 'this is not json'\n")
    fake.chmod(0o755)

    with pytest.raises(CorruptMedia) as caught:
        probe(short_clip, ffprobe_binary=str(fake))

    assert caught.value.reason == reasons.CORRUPT_MEDIA
    assert "unparsable" in caught.value.detail


@pytest.mark.parametrize(
    "name",
    ["http:foo.mp4", "concat:a.mp4|b.mp4", "file:x.mp4", "-i.mp4", "pipe:0", "subfile,,start,0,end,10,,:a.mp4"],
)
def test_names_that_look_like_protocols_or_options_are_plain_files(media_dir, short_clip, name):
    longer = media_factory.make_clip(5)
    shutil.copyfile(longer, media_dir / "a.mp4")  # what the "protocol" would read instead
    shutil.copyfile(longer, media_dir / "b.mp4")
    target = media_dir / name
    shutil.copyfile(short_clip, target)

    info = probe(target)

    assert info.duration_s == pytest.approx(3, abs=0.5)  # the file itself, not a.mp4 (+ b.mp4)


def test_relative_paths_are_made_absolute(media_dir, short_clip, monkeypatch):
    shutil.copyfile(short_clip, media_dir / "http:clip.mp4")
    monkeypatch.chdir(media_dir)

    assert ffprobe_args(Path("http:clip.mp4"))[-1] == f"file:{media_dir}/http:clip.mp4"
    assert probe(Path("http:clip.mp4")).duration_s == pytest.approx(3, abs=0.5)


def test_ffprobe_runs_locked_down_and_without_a_shell(short_clip, monkeypatch):
    calls = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        calls.append((args, kwargs))
        return real_run(args, **kwargs)

    monkeypatch.setattr(probe_module.subprocess, "run", spy)
    probe(short_clip, ffprobe_binary="ffprobe", timeout_s=7)

    ((args, kwargs),) = calls
    assert isinstance(args, list) and args[0] == "ffprobe"
    assert not kwargs.get("shell")
    assert kwargs["timeout"] == 7
    assert args[args.index("-protocol_whitelist") + 1] == "file"
    assert args[args.index("-format_whitelist") + 1] == "mov,matroska,flv,mpegts,avi"
    assert args[-2:] == ["-i", f"file:{short_clip}"]


def test_missing_ffprobe_is_an_ops_error_not_bad_media(short_clip):
    with pytest.raises(ToolMissing) as caught:
        probe(short_clip, ffprobe_binary="/nonexistent/ffprobe")

    assert not isinstance(caught.value, MediaError)
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_missing_input_file_is_not_reported_as_corrupt_media(media_dir):
    with pytest.raises(FileNotFoundError):
        probe(media_dir / "never-downloaded.mp4")

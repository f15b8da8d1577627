"""The start of every ffmpeg and ffprobe command line: which binary, and what it may open.

An upload may be hostile. ffmpeg and ffprobe happily follow HLS playlists, concat lists, DASH and
SDP manifests to other files and URLs, so every run that reads a file is locked down the same way,
here and nowhere else:

* ``-protocol_whitelist file``: only the local file protocol can be opened at all;
* ``-format_whitelist`` = :data:`domain.media_signature.DEMUXER_ALLOWLIST`: any other demuxer (hls,
  concat, dash, sdp, image2, tty, ...) is refused *before* it reads a single referenced entry, so a
  playlist is rejected, not followed. Our own HLS output alone is read back with ``hls,mpegts``;
* the input is ``file:/absolute/path``, so a name like ``http:x.mp4`` or ``concat:a|b`` is never read
  as a protocol, and never starts with ``-``.

The binaries are the configured ones (``KEJIAN_FFMPEG_BINARY``, ``KEJIAN_FFPROBE_BINARY``): the
stages pass them down from their settings, and ``None`` means the process's settings, so a call that
names no binary still honours the configuration. Running the command (no shell, a deadline) is the
caller's part: :mod:`workers.video.ffmpeg_run`, :func:`workers.video.probe.probe` and the samplers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from config import get_settings
from domain.media_signature import DEMUXER_ALLOWLIST

PROTOCOL_WHITELIST = "file"
OWN_HLS_DEMUXERS = ("hls", "mpegts")  # only ever for reading back our own output


def ffmpeg_binary(binary: str | None = None) -> str:
    """``binary``, or the configured ffmpeg when it is ``None``."""
    return binary if binary is not None else get_settings().ffmpeg_binary


def ffprobe_binary(binary: str | None = None) -> str:
    """``binary``, or the configured ffprobe when it is ``None``."""
    return binary if binary is not None else get_settings().ffprobe_binary


def ffmpeg_command(binary: str | None, *options: str) -> list[str]:
    """``ffmpeg -hide_banner -nostdin`` and the global ``options``: how every ffmpeg run begins."""
    return [ffmpeg_binary(binary), "-hide_banner", "-nostdin", *options]


def ffprobe_command(binary: str | None, *options: str) -> list[str]:
    """``ffprobe -hide_banner -v error`` and ``options``: how every ffprobe run begins."""
    return [ffprobe_binary(binary), "-hide_banner", "-v", "error", *options]


def whitelists(formats: Sequence[str] = DEMUXER_ALLOWLIST) -> list[str]:
    """The protocol and demuxer allowlists, as input options."""
    return ["-protocol_whitelist", PROTOCOL_WHITELIST, "-format_whitelist", ",".join(formats)]


def file_url(path: Path | str) -> str:
    """``file:`` + the absolute path: never a protocol, never an option."""
    return "file:" + os.path.abspath(os.fspath(path))


def safe_input(path: Path | str, *options: str, formats: Sequence[str] = DEMUXER_ALLOWLIST) -> list[str]:
    """The allowlists, the input ``options`` (``-ss``, ``-skip_frame`` ...), then ``-i file:/abs``."""
    return [*whitelists(formats), *options, "-i", file_url(path)]


def own_hls_input(master: Path | str) -> list[str]:
    """Read back *our own* master playlist: the hls demuxer is allowed for it alone."""
    return safe_input(master, formats=OWN_HLS_DEMUXERS)

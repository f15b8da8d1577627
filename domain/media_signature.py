"""Recognise a video container from its first bytes, never from the file name.

The upload API calls :func:`sniff` on the head of every upload before it becomes a
recording; the probe stage later confirms the container with ffprobe. Text formats that
make ffmpeg open other files or URLs (HLS playlists, concat lists, DASH manifests, SDP)
are named explicitly so the user learns why they were refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import reasons
from domain.reasons import Reason

# Container families the product accepts, with the ffprobe ``format_name`` parts that map
# to each. ffprobe reports e.g. "mov,mp4,m4a,3gp,3g2,mj2" for every ISO-BMFF file.
ALLOWED_FORMATS: dict[str, frozenset[str]] = {
    "mp4": frozenset({"mov", "mp4", "m4a", "3gp", "3g2", "mj2"}),
    "matroska": frozenset({"matroska", "webm"}),
    "flv": frozenset({"flv"}),
    "mpegts": frozenset({"mpegts"}),
    "avi": frozenset({"avi"}),
}

# The type a recording is stored and served as: the sniffed container's, never the one the
# browser declared (Chromium on Linux labels .ts files text/vnd.trolltech.linguist).
CONTAINER_TYPES: dict[str, str] = {
    "mp4": "video/mp4",
    "matroska": "video/x-matroska",
    "flv": "video/x-flv",
    "mpegts": "video/mp2t",
    "avi": "video/x-msvideo",
}

# The demuxers ffprobe may use at all (its -format_whitelist): anything else, including
# hls, concat, dash, sdp, image2 and tty, is refused by ffmpeg itself.
DEMUXER_ALLOWLIST: tuple[str, ...] = ("mov", "matroska", "flv", "mpegts", "avi")

_ISO_BMFF_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot")
_TS_PACKET = 188


@dataclass(frozen=True)
class Sniffed:
    container: str | None
    reason: Reason | None

    @property
    def ok(self) -> bool:
        return self.container is not None


def _looks_like_text_list(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()[:4096].lower()
    if text.startswith((b"#extm3u", b"ffconcat", b"<?xml", b"<mpd", b"v=0")):
        return True
    for line in text.splitlines()[:50]:
        line = line.strip()
        if line.startswith((b"file ", b"file\t", b"ffconcat", b"#extm3u", b"#extinf", b"#ext-x-")):
            return True
        if line and not line.startswith(b"#"):
            return False  # first real line decides; comments may come before it
    return False


def _is_mpegts(head: bytes) -> bool:
    for packet, offset in ((_TS_PACKET, 0), (192, 4), (204, 0)):
        probes = [offset + packet * i for i in range(4)]
        if probes[-1] < len(head) and all(head[p] == 0x47 for p in probes):
            return True
    return False


def sniff(head: bytes) -> Sniffed:
    """Classify the first bytes of an upload (64 KiB is plenty; 16 bytes is the minimum)."""
    if not head:
        return Sniffed(None, reasons.EMPTY_FILE)
    if len(head) >= 12 and head[4:8] in _ISO_BMFF_BOXES:
        return Sniffed("mp4", None)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed("matroska", None)
    if head.startswith(b"FLV\x01"):
        return Sniffed("flv", None)
    if len(head) >= 12 and head.startswith(b"RIFF") and head[8:12] in (b"AVI ", b"AVIX"):
        return Sniffed("avi", None)
    if _is_mpegts(head):
        return Sniffed("mpegts", None)
    if _looks_like_text_list(head):
        return Sniffed(None, reasons.PLAYLIST_REJECTED)
    return Sniffed(None, reasons.NOT_VIDEO)


def container_family(ffprobe_format_name: str) -> str | None:
    """Map ffprobe's comma-separated ``format_name`` to an allowed family, or ``None``."""
    parts = {p.strip() for p in ffprobe_format_name.split(",") if p.strip()}
    for family, names in ALLOWED_FORMATS.items():
        if parts & names:
            return family
    return None


def sniff_image(head: bytes) -> str | None:
    """``jpeg`` or ``png`` for a reference photo's first bytes; anything else is refused."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None

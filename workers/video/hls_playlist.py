"""Read back the HLS playlists we wrote: just enough of RFC 8216 to check them.

The publisher rewrites or signs URIs later, so every URI must be relative and stay inside
the output directory; :func:`is_relative` says whether one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_ATTRIBUTE = re.compile(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)')


@dataclass(frozen=True)
class Variant:
    uri: str
    bandwidth: int
    resolution: tuple[int, int] | None


@dataclass(frozen=True)
class MediaPlaylist:
    target_duration: float
    segments: tuple[tuple[str, float], ...]  # (uri, EXTINF seconds)
    ended: bool  # has #EXT-X-ENDLIST (a finished VOD playlist)
    playlist_type: str | None

    @property
    def total_s(self) -> float:
        return sum(duration for _, duration in self.segments)

    @property
    def longest_s(self) -> float:
        return max((duration for _, duration in self.segments), default=0.0)


class PlaylistError(ValueError):
    """The text is not a playlist of the expected kind."""


def parse_master(text: str) -> tuple[Variant, ...]:
    """The variants of a master playlist, in order."""
    lines = _lines(text)
    variants, pending = [], None
    for line in lines:
        if line.startswith("#EXT-X-STREAM-INF:"):
            pending = dict(_ATTRIBUTE.findall(line.partition(":")[2]))
        elif pending is not None and not line.startswith("#"):
            resolution = pending.get("RESOLUTION", "")
            size = tuple(int(n) for n in resolution.split("x")) if re.fullmatch(r"\d+x\d+", resolution) else None
            variants.append(Variant(line, int(pending.get("BANDWIDTH", "0") or 0), size))  # type: ignore[arg-type]
            pending = None
    if not variants:
        raise PlaylistError("master playlist lists no variant")
    return tuple(variants)


def parse_media(text: str) -> MediaPlaylist:
    """A media (variant) playlist's segments and target duration."""
    lines = _lines(text)
    target, kind, ended, segments, extinf = None, None, False, [], None
    for line in lines:
        if line.startswith("#EXT-X-TARGETDURATION:"):
            target = float(line.partition(":")[2])
        elif line.startswith("#EXT-X-PLAYLIST-TYPE:"):
            kind = line.partition(":")[2]
        elif line == "#EXT-X-ENDLIST":
            ended = True
        elif line.startswith("#EXTINF:"):
            extinf = float(line.partition(":")[2].split(",")[0])
        elif not line.startswith("#"):
            if extinf is None:
                raise PlaylistError(f"segment {line!r} has no #EXTINF")
            segments.append((line, extinf))
            extinf = None
    if target is None:
        raise PlaylistError("media playlist has no #EXT-X-TARGETDURATION")
    return MediaPlaylist(target, tuple(segments), ended, kind)


def is_relative(uri: str) -> bool:
    """A plain relative path that cannot climb out of its directory."""
    parts = urlsplit(uri)
    if parts.scheme or parts.netloc or uri.startswith("/") or "\\" in uri:
        return False
    return ".." not in parts.path.split("/")


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != "#EXTM3U":
        raise PlaylistError("not an M3U8 playlist (no #EXTM3U)")
    return lines

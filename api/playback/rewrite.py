"""Rewrite the relative URIs inside HLS playlists and WebVTT thumbnail tracks.

Object storage cannot sign a whole folder, so every URI a player will fetch gets its own
signed URL at the moment the playlist is served. Paths are resolved relative to the file
that names them and may never climb out of the output's folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

Resolve = Callable[[str], str]

_URI_ATTRIBUTE = re.compile(r'URI="([^"]+)"')


class UnsafePath(ValueError):
    """A playlist named a path outside its output folder (or an absolute URL)."""


def resolve_relative(base_path: str, uri: str) -> str:
    """The output-relative path of ``uri`` as named inside ``base_path``."""
    if "://" in uri or uri.startswith("/"):
        raise UnsafePath(uri)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_path), uri))
    if joined.startswith("../") or joined == "..":
        raise UnsafePath(uri)
    return joined


def rewrite_playlist(text: str, resolve: Resolve) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            line = resolve(stripped)
        elif stripped.startswith("#") and 'URI="' in stripped:
            line = _URI_ATTRIBUTE.sub(lambda m: f'URI="{resolve(m.group(1))}"', line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def rewrite_vtt(text: str, resolve: Resolve) -> str:
    """Cue payloads such as ``storyboard.jpg#xywh=0,0,160,90`` point at the signed sprite."""
    lines = []
    for line in text.splitlines():
        if "#xywh=" in line and "-->" not in line:
            path, _, fragment = line.strip().partition("#")
            line = f"{resolve(path)}#{fragment}"
        lines.append(line)
    return "\n".join(lines) + "\n"

"""Media fixtures; every clip comes from tests/media_factory.py (and its on-disk cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import media_factory


@pytest.fixture(scope="session")
def clip_11min() -> Path:
    """11 minutes, 320x240, 5 fps, H.264 + AAC in mp4: passes the 10-minute rule."""
    return media_factory.make_clip(11 * 60)


@pytest.fixture(scope="session")
def clip_9min() -> Path:
    """9 minutes, 320x240, 5 fps, H.264 + AAC in mp4: fails the 10-minute rule."""
    return media_factory.make_clip(9 * 60)


@pytest.fixture(scope="session")
def short_clip() -> Path:
    """3 seconds, 320x240, 5 fps, H.264 + AAC in mp4."""
    return media_factory.make_clip(3)


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    """A fresh per-test directory for playlists, lists and other throw-away files."""
    path = tmp_path / "media"
    path.mkdir()
    return path

"""Where the shared real media live: ``../shared/media`` beside the checkout (as in CI),
or wherever ``KEJIAN_SHARED_DIR`` points."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KEJIAN_SHARED_DIR", ROOT.parent / "shared"))
MEDIA = SHARED / "media"
PHOTOS = MEDIA / "photos"
VIDEOS = MEDIA / "videos"

"""Debian's Chromium driven by Playwright; no browser is ever downloaded.

``make test`` installs the ``chromium`` package (see the Makefile's system-deps); Playwright
only brings its driver. ``KEJIAN_TEST_CHROMIUM`` points the tests at another binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Generous: processing runs on a 2-core machine shared with the rest of the suite.
PROCESSING_TIMEOUT_MS = 150_000
UI_TIMEOUT_MS = 15_000


def chromium_path() -> Path | None:
    """The Chromium binary to drive, or None when it is not installed."""
    configured = os.environ.get("KEJIAN_TEST_CHROMIUM", DEFAULT_CHROMIUM)
    found = shutil.which(configured)
    return Path(found) if found else None

"""Numbered, readable screenshot names (``01-login.png``, ``phone-02-teacher.png``)."""

from __future__ import annotations

import re
from pathlib import Path


class Shots:
    def __init__(self, folder: Path, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix
        self.count = 0
        self.taken: list[Path] = []

    def take(self, page, name: str, *, full_page: bool = True) -> Path:
        """Save the page as ``{prefix}{NN}-{name}.png``; full page so nothing below the fold hides."""
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = self.folder / f"{self.prefix}{self.count:02d}-{slug}.png"
        page.screenshot(path=path, full_page=full_page)
        self.taken.append(path)
        return path

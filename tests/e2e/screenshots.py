"""Numbered, readable screenshots (``01-login.png``, ``phone-02-teacher.png``) of settled pages.

The UI draws a page in steps (a card's header, then its recording, then its comments), each
after an API answer, so a picture taken the moment an element appears can show half a page.
Before each picture we wait, best effort, until the page has had no API request in flight
for a few polls; event streams, media and upload parts never settle and are not counted.
A page that never settles is photographed anyway: the pictures are for people, and the
tests' assertions do the checking.
"""

from __future__ import annotations

import re
import weakref
from pathlib import Path

_IGNORED_TYPES = {"eventsource", "media", "websocket"}
_IGNORED_URLS = re.compile(r"/parts/\d+|\.ts(\?|$)|\.m4s(\?|$)|/segments?/")
_QUIET_POLLS = 3
_POLL_MS = 100
_MAX_POLLS = 100  # ten seconds at most, then the picture is taken as it is
_in_flight: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _counted(request) -> bool:
    return request.resource_type not in _IGNORED_TYPES and not _IGNORED_URLS.search(request.url)


def watch(page) -> None:
    """Count ``page``'s API requests in flight so :func:`settle` can wait for them."""
    pending: set = set()
    _in_flight[page] = pending
    page.on("request", lambda r: pending.add(r) if _counted(r) else None)
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))


def settle(page) -> None:
    pending = _in_flight.get(page)
    if pending is None:
        return
    quiet = 0
    for _ in range(_MAX_POLLS):
        page.wait_for_timeout(_POLL_MS)  # also lets Playwright deliver the request events
        quiet = quiet + 1 if not pending else 0
        if quiet >= _QUIET_POLLS:
            return


class Shots:
    def __init__(self, folder: Path, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix
        self.count = 0
        self.taken: list[Path] = []

    def take(self, page, name: str, *, full_page: bool = True) -> Path:
        """Save the settled page as ``{prefix}{NN}-{name}.png``: the full page, transitions finished."""
        settle(page)
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = self.folder / f"{self.prefix}{self.count:02d}-{slug}.png"
        page.screenshot(path=path, full_page=full_page, animations="disabled")
        self.taken.append(path)
        return path

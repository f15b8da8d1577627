"""Keyset paging for the lists that grow (issue 21): ``?after=`` in, the next page's cursor out.

A list names itself and the types of its sort key once (``Keyset("recordings", datetime, str)``).
Its route takes ``after`` through ``keyset.after`` (the decoded key, or None; 422
``request.bad_cursor`` for a token this server did not give out for this list), its repository
selects ``limit + 1`` rows past that key, and ``keyset.send_next`` answers with the next page's
cursor twice, when there is a next page:

    X-Next-After: <token>
    Link: </api/recordings?kind=lesson&limit=50&after=<token>>; rel="next"     (RFC 8288)

The body stays the list it always was. ``offset`` still works (deprecated): it skips rows after the
cursor, and its pages carry the same headers, so a script can move to cursors one page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Query, Request, Response

from api.deps import get_context
from api.errors import Unprocessable
from domain import input_reasons, keyset

T = TypeVar("T")
Key = tuple[keyset.KeyPart, ...]

AFTER_DOC = "Cursor: the previous page's X-Next-After (absent on the last page); opaque, signed."
OFFSET_DOC = "Deprecated: rows to skip. Page with `after` instead (X-Next-After / Link: rel=next)."


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the key of its last row when more follow (None on the last page)."""

    items: list[T]
    next_key: Key | None


def page_of(rows: Sequence[T], limit: int, key: Callable[[T], Key]) -> tuple[list[T], Key | None]:
    """The first ``limit`` of ``limit + 1`` rows read, and the last one's key if there was one more."""
    kept = list(rows[:limit])
    return kept, key(kept[-1]) if len(rows) > limit and kept else None


class Keyset:
    """A list's cursor: its name (a cursor of another list is refused) and its sort key's types."""

    def __init__(self, name: str, *shape: type):
        self.name, self.shape = name, shape
        self.after = self._after_dependency()

    def _after_dependency(self) -> Callable[..., Key | None]:
        def after(
            request: Request,
            after: Annotated[str | None, Query(max_length=keyset.MAX_TOKEN, description=AFTER_DOC)] = None,
        ) -> Key | None:
            if after is None:
                return None
            try:
                return keyset.decode(_secret(request), self.name, after, self.shape)
            except keyset.BadCursor:
                raise Unprocessable(input_reasons.BAD_CURSOR) from None

        return after

    def token(self, request: Request, key: Key | None) -> str | None:
        """The cursor of the page after ``key``, for a list whose first page is part of a larger body."""
        return None if key is None else keyset.encode(_secret(request), self.name, key)

    def send_next(self, request: Request, response: Response, next_key: Key | None) -> None:
        """``X-Next-After`` and ``Link: rel="next"`` (the same query, ``after`` the page's last row)."""
        if next_key is None:
            return
        token = keyset.encode(_secret(request), self.name, next_key)
        kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("after", "offset")]
        response.headers["X-Next-After"] = token
        response.headers["Link"] = f'<{request.url.path}?{urlencode([*kept, ("after", token)])}>; rel="next"'


def _secret(request: Request) -> str:
    return get_context(request).settings.secret_key

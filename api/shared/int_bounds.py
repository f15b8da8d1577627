"""Integer path and query parameters are bounded for every route at once.

Python parses ``100000000000000000000`` happily, and the database then fails on it (SQLite:
"int too large", PostgreSQL: no integer operator for numeric) — a 500 on every route that
takes an id. Rather than annotating each route by hand (and missing the next one), one
app-wide dependency looks at the matched route's declared parameters and refuses, before
the route runs, an integer outside what the database can hold:

- path integers name a row or a position stored in an ``INTEGER`` column: 0 … 2³¹−1;
- query integers (ids, pages, offsets, link expiries) must fit a signed 64-bit integer.

The route's own tighter bounds (``Query(ge=…, le=…)``) still apply afterwards.
"""

from __future__ import annotations

import re
import types
import typing

from fastapi import Request

from api.errors import Unprocessable
from api.shared import strict_json
from domain.input_reasons import INTEGER_OUT_OF_RANGE

PATH_RANGE = (0, 2**31 - 1)
QUERY_RANGE = (-(2**63), 2**63 - 1)
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


def is_integer_type(annotation: object) -> bool:
    """``int``, ``int | None``, ``list[int]``, ``Annotated[int, …]`` — not ``bool``."""
    if annotation is int:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset, typing.Annotated):
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            args = args[:1]
        return any(is_integer_type(a) for a in args)
    return False


_NAMES: dict[int, tuple[object, tuple[frozenset[str], frozenset[str]]]] = {}


def _integer_names(route) -> tuple[frozenset[str], frozenset[str]]:
    """Cached per route object (routes live as long as the app)."""
    names = _NAMES.get(id(route))
    if names is None or names[0] is not route:
        names = _NAMES[id(route)] = (route, _collect(route))
    return names[1]


def _collect(route) -> tuple[frozenset[str], frozenset[str]]:
    """Aliases of the route's integer path and query parameters, its dependencies' included."""
    path: set[str] = set()
    query: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        path.update(f.alias for f in dependant.path_params if is_integer_type(f.field_info.annotation))
        query.update(f.alias for f in dependant.query_params if is_integer_type(f.field_info.annotation))
        pending.extend(dependant.dependencies)
    return frozenset(path), frozenset(query)


def _check(name: str, raw: str, bounds: tuple[int, int]) -> None:
    if not _INTEGER.match(raw):
        return  # not a number at all: the route's own validation says so
    low, high = bounds
    if not low <= int(raw) <= high:
        reason = INTEGER_OUT_OF_RANGE.format(name=name, low=low, high=high)
        raise Unprocessable(reason, extra={"parameter": name})


async def bound_integers(request: Request) -> None:
    """App-wide dependency: 422 ``request.integer_out_of_range`` / ``request.not_a_number``
    before the route runs (JSON bodies: see ``api.shared.strict_json``)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    path, query = _integer_names(route)
    for name in path:
        raw = request.path_params.get(name)
        if raw is not None:
            _check(name, str(raw), PATH_RANGE)
    for name in query:
        for raw in request.query_params.getlist(name):
            _check(name, raw, QUERY_RANGE)
    if getattr(route, "body_field", None) is not None and "json" in request.headers.get("content-type", ""):
        try:
            body = await request.json()
        except ValueError:
            return  # not JSON at all: FastAPI's own parsing answers request.invalid
        strict_json.check_body(route, body)

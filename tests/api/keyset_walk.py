"""Walking a list by its cursor (``api.shared.keyset``), and the refusals of a cursor it never gave out.

``walk`` follows ``X-Next-After`` from the first page to the last and checks on every page that the
``Link: rel="next"`` header carries the same query with that cursor, and that the last page has
neither header. The list tests of each route use it on their own worlds.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qsl, urlsplit

from domain import keyset
from tests.harness import Harness


def page(h: Harness, username: str, path: str, **params):
    response = h.client.get(path, params=params, headers=h.auth(username))
    assert response.status_code == 200, response.text
    return response


def check_headers(response, path: str, params: dict) -> str | None:
    """The response's next cursor, after checking its Link header agrees (or both are absent)."""
    token = response.headers.get("X-Next-After")
    if token is None:
        assert "Link" not in response.headers, "a last page has no rel=next"
        return None
    link = response.headers["Link"]
    assert link.startswith("<") and link.endswith('>; rel="next"'), link
    url = urlsplit(link[1 : -len('>; rel="next"')])
    assert url.path == path
    wanted = {k: str(v) for k, v in params.items() if k not in ("after", "offset")} | {"after": token}
    assert dict(parse_qsl(url.query)) == wanted, link
    return token


def walk(h: Harness, username: str, path: str, **params) -> list[list[dict]]:
    """Every page of the list from the first, following the cursor; each page checked."""
    pages, after = [], None
    while True:
        query = {**params, **({"after": after} if after else {})}
        response = page(h, username, path, **query)
        pages.append(response.json())
        after = check_headers(response, path, query)
        if after is None:
            return pages
        assert len(pages) < 100, "the walk never ends"


def row_ids(pages: list[list[dict]], key: str = "id") -> list:
    return [row[key] for rows in pages for row in rows]


def forged(token: str, **change) -> str:
    """``token`` with its key changed and its signature kept: what a hand-edited cursor looks like."""
    body, mac = token.split(".")
    parts = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    parts[1] = change.get("first", parts[1])
    edited = base64.urlsafe_b64encode(json.dumps(parts).encode()).rstrip(b"=").decode()
    return f"{edited}.{mac}"


def assert_bad_cursors(h: Harness, username: str, path: str, good: str, **params) -> None:
    """422 ``request.bad_cursor``, in both languages, for a malformed, an edited, a cut-short cursor and
    a well-signed one of another list; ``good`` (a real cursor of this list) still answers 200."""
    first = json.loads(base64.urlsafe_b64decode(good.split(".")[0] + "==="))[1]
    edited = forged(good, first=first + 1 if isinstance(first, int) else "2000-01-01T00:00:00+00:00")
    other_list = keyset.encode(h.settings.secret_key, "another_list", (first,))
    for bad in ("nonsense", "", "a.b.c", edited, good[:-2], good + "x", other_list, "%00"):
        response = h.client.get(path, params={**params, "after": bad}, headers=h.auth(username))
        assert response.status_code == 422, (bad, response.text)
        error = response.json()["error"]
        assert error["code"] == "request.bad_cursor", (bad, error)
        assert error["message_zh"] and error["message_en"]
    assert page(h, username, path, **params, after=good).status_code == 200

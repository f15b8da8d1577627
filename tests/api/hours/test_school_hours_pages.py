"""The school's hours list a page at a time (issue 21: the province's largest school, 6,366 teachers, took
2.1 s to list whole), on SQLite and PostgreSQL: behind first, then complete, each by 工号, whatever the
page size; a small school's totals exact, a large school's from its counted completion, said as of
when, counted again after answering when stale and after an import; a page reads a bounded number of
teachers, so it may come back short with a cursor to go on from; cursors of other lists are refused."""

from __future__ import annotations

from tests.api.hours.hours_files import csv_bytes, post
from tests.api.hours.test_province_counted import _li_na_completes
from tests.review_factories import demo


def _get(api, path: str, user: str = "schooladmin", **params):
    response = api.client.get(path, params=params, headers=api.auth(user))
    assert response.status_code == 200, response.text
    return response


def _pages(api, path: str, *, limit: int, user: str = "schooladmin") -> list[dict]:
    """Every page of the list, following X-Next-After until a page has none."""
    pages, after = [], None
    while True:
        response = _get(api, path, user, limit=limit, **({"after": after} if after else {}))
        pages.append(response.json())
        after = response.headers.get("x-next-after")
        if after is None:
            return pages
        assert after in response.headers["link"], "the Link header names the same next page"
        assert len(pages) < 50, "the cursor moves on"


def _order(pages: list[dict]) -> list[tuple[bool, str]]:
    return [(row["hours"]["complete"], row["staff_id"]) for page in pages for row in page["ledgers"]]


def test_a_small_school_is_listed_behind_first_a_page_at_a_time_with_exact_totals(api):
    d = demo(api)
    _li_na_completes(api, d)
    path = f"/api/schools/{d.school_id}/hours"
    whole = _get(api, path).json()
    assert (whole["teachers"], whole["complete"], whole["behind"]) == (10, 1, 9)
    assert (whole["counted_at"], whole["recounting"]) == (None, False)
    expected = _order([whole])
    assert expected == sorted(expected) and expected[-1] == (True, "T002")  # behind first, then by 工号
    pages = _pages(api, path, limit=3)
    assert [len(p["ledgers"]) for p in pages] == [3, 3, 3, 1]
    assert _order(pages) == expected
    assert all((p["teachers"], p["complete"]) == (10, 1) for p in pages)


def test_a_large_school_lists_live_rows_under_its_counted_totals(api):
    api.settings.school_live_teachers = 5  # the demo's 10 teachers are "a large school" here
    d = demo(api)
    path = f"/api/schools/{d.school_id}/hours"
    first = _get(api, path).json()  # never counted: the rows, and the totals being counted
    assert (first["teachers"], first["complete"], first["behind"]) == (10, None, None)
    assert (first["counted_at"], first["recounting"]) == (None, True)
    assert len(first["ledgers"]) == 10

    counted = _get(api, path).json()  # the count after the first answer
    assert (counted["complete"], counted["behind"], counted["recounting"]) == (0, 10, False)
    assert counted["counted_at"]

    _li_na_completes(api, d)  # her import counts the school again once answered
    after_import = _get(api, path).json()
    assert (after_import["complete"], after_import["behind"]) == (1, 9)
    assert after_import["counted_at"] > counted["counted_at"]

    api.settings.school_live_teachers = 150
    expected = _order([_get(api, path).json()])
    api.settings.school_live_teachers = 5
    for limit in (1, 3, 4, 100):
        assert _order(_pages(api, path, limit=limit)) == expected, limit


def test_a_page_of_a_large_school_reads_a_bounded_number_of_teachers(api):
    api.settings.school_live_teachers = 5
    d = demo(api)
    _li_na_completes(api, d)  # T002, the only one complete
    path = f"/api/schools/{d.school_id}/hours"
    pages = _pages(api, path, limit=1)
    sizes = [len(p["ledgers"]) for p in pages]
    # Nine behind, T002; then the complete part reads T003…T007 (five teachers) and stops empty-handed,
    # with a cursor, and the next page reads the rest.
    assert sizes[:10] == [1] * 10 and 0 in sizes[10:]
    assert _order(pages) == [(False, f"T{n:03d}") for n in range(1, 11) if n != 2] + [(True, "T002")]


def test_a_group_pages_too_and_a_cursor_of_another_list_is_refused(api):
    d = demo(api)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, "")]))
    group_path = f"/api/groups/{d.chinese_group_id}/hours"
    pages = _pages(api, group_path, limit=2, user="leader")
    assert [len(p["ledgers"]) for p in pages] == [2, 2, 1]
    assert sorted(s for _done, s in _order(pages)) == ["T001", "T002", "T003", "T004", "T005"]
    cursor = _get(api, group_path, "leader", limit=2).headers["x-next-after"]
    school_path = f"/api/schools/{d.school_id}/hours"
    refused = api.client.get(school_path, params={"after": cursor}, headers=api.auth("schooladmin"))
    assert refused.status_code == 422 and "request.bad_cursor" in refused.text
    edited = api.client.get(school_path, params={"after": cursor[:-2]}, headers=api.auth("schooladmin"))
    assert edited.status_code == 422
    too_many = api.client.get(school_path, params={"limit": 501}, headers=api.auth("schooladmin"))
    assert too_many.status_code == 422

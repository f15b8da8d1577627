"""Who may call each administration endpoint: 403 for a role never allowed, 404 for others' ids."""

from __future__ import annotations

import pytest

from domain.catalogue import catalogue_to_dict, load_seed_catalogue
from tests import factories
from tests.api.review.admin.progress import demo_ids
from tests.api.review.admin.roster_files import csv_bytes, demo_row

ROLES = ("teacher", "leader", "schooladmin", "reviewer", "admin", "other_admin")
SETUP = {"environments": ["multimedia", "hybrid"], "offered_codes": ["A1", "A2", "A5", "A11", "B1", "B2", "B4", "B9"]}
SETUP["opens_on"] = "2026-09-01"
ROSTER = csv_bytes([demo_row("T011", "郑洁")])


def _requests(ids, missing: int) -> dict:
    """name → (method, url, keyword arguments) over the demo school, its groups and a missing id."""
    school, chinese, math = ids.school_id, ids.chinese_group_id, ids.math_group_id
    return {
        "import": ("POST", "/api/admin/roster/import?format=csv&dry_run=true", {"content": ROSTER}),
        "school_export": ("GET", f"/api/admin/exports/school/{school}.xlsx", {}),
        "missing_school_export": ("GET", f"/api/admin/exports/school/{missing}.xlsx", {}),
        "group_export": ("GET", f"/api/admin/exports/group/{chinese}.xlsx", {}),
        "other_group_export": ("GET", f"/api/admin/exports/group/{math}.xlsx", {}),
        "group_quota": ("GET", f"/api/groups/{chinese}/quota", {}),
        "other_group_quota": ("GET", f"/api/groups/{math}/quota", {}),
        "missing_group_quota": ("GET", f"/api/groups/{missing}/quota", {}),
        "school_quota": ("GET", f"/api/schools/{school}/quota", {}),
        "catalogue": ("GET", "/api/admin/catalogue?province=default", {}),
        "catalogue_put": (
            "PUT",
            "/api/admin/catalogue?province=云南",
            {"json": catalogue_to_dict(load_seed_catalogue())},
        ),
        "setup": ("GET", f"/api/schools/{school}/setup", {}),
        "setup_put": ("PUT", f"/api/schools/{school}/setup", {"json": SETUP}),
        "missing_setup_put": ("PUT", f"/api/schools/{missing}/setup", {"json": SETUP}),
        "audit": ("GET", "/api/admin/audit", {}),
    }


# Expected status per role, in the order of ROLES.
MATRIX = {
    "import": (403, 403, 200, 403, 200, 422),  # another school's rows are row errors
    "school_export": (403, 403, 200, 403, 200, 404),
    "missing_school_export": (403, 403, 404, 403, 404, 404),
    "group_export": (403, 200, 200, 403, 200, 404),
    "other_group_export": (403, 404, 200, 403, 200, 404),
    "group_quota": (200, 200, 200, 200, 200, 404),
    "other_group_quota": (404, 404, 200, 200, 200, 404),
    "missing_group_quota": (404, 404, 404, 404, 404, 404),
    "school_quota": (403, 403, 200, 200, 200, 404),
    "catalogue": (403, 403, 200, 200, 200, 200),
    "catalogue_put": (403, 403, 403, 403, 200, 403),
    "setup": (403, 403, 200, 200, 200, 404),
    "setup_put": (403, 403, 200, 403, 200, 404),
    "missing_setup_put": (403, 403, 404, 403, 404, 404),
    "audit": (403, 403, 200, 403, 200, 200),
}


@pytest.fixture
def world(api):
    with api.transaction() as s:
        other = factories.make_school(s, name="他校")
        other_admin = factories.make_user(s, "school_admin", school=other).username
    return api, demo_ids(api), other_admin


def test_permission_matrix(world):
    api, ids, other_admin = world
    usernames = {**{r: r for r in ROLES}, "other_admin": other_admin}
    requests = _requests(ids, missing=987654)
    failures = []
    for name, expected in MATRIX.items():
        method, url, kwargs = requests[name]
        for role, status in zip(ROLES, expected):
            response = api.client.request(method, url, headers=api.auth(usernames[role]), **kwargs)
            if response.status_code != status:
                failures.append((name, role, status, response.status_code, response.text[:120]))
            elif status in (403, 404):
                error = response.json()["error"]
                assert error["code"] in ("auth.forbidden", "not_found") and error["message_zh"], (name, role)
    assert failures == []


def test_refusals_do_not_depend_on_whether_the_id_exists(world):
    """A school admin cannot tell another school's id from one that does not exist."""
    api, ids, other_admin = world
    for url in ("/api/admin/exports/school/{}.xlsx", "/api/schools/{}/quota", "/api/schools/{}/setup"):
        existing = api.client.get(url.format(ids.school_id), headers=api.auth(other_admin))
        missing = api.client.get(url.format(987654), headers=api.auth(other_admin))
        assert (existing.status_code, existing.json()) == (missing.status_code, missing.json()), url


def test_anonymous_requests_are_refused(world):
    api, ids, _ = world
    for method, url, kwargs in _requests(ids, missing=987654).values():
        response = api.client.request(method, url, **kwargs)
        assert response.status_code == 401, (method, url)

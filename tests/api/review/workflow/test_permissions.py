"""The role × endpoint matrix: each cell's status, and nothing leaks out of a refusal.

Each request is a probe that cannot succeed for anyone (a broken body, a missing reason, an
unmet quota), so authorised users get the rule's own 4xx (400/409/422) while the others get
403 (may see, may not act) or 404 (may not even see). 李娜's selection is confirmed: she needs
an approval to change it (409), an administrator must give the approval's reason (422).
"""

from __future__ import annotations

from db.models import School
from tests import factories
from tests import review_factories as rf

USERS = ("teacher", "leader", "schooladmin", "admin", "reviewer", "math_leader", "other_admin")


def row(*statuses):
    return dict(zip(USERS, statuses))


# The province sees only teachers whose work reached it (李娜's has not): 404 like a stranger.
SEES_TEACHER = row(200, 200, 200, 200, 404, 404, 404)
# method, path, request kwargs, expected status by user
MATRIX = {
    "selection": ("GET", "/api/teachers/{t}/selection", {}, SEES_TEACHER),
    "options": ("GET", "/api/teachers/{t}/selection/options", {}, SEES_TEACHER),
    "choose": (
        "PUT",
        "/api/teachers/{t}/selection",
        {"json": {"codes": ["Z9"]}},
        row(409, 403, 422, 422, 404, 404, 404),
    ),
    "confirm_sel": ("POST", "/api/teachers/{t}/selection/confirm", {}, row(409, 403, 409, 409, 404, 404, 404)),
    "create": (
        "POST",
        "/api/submissions",
        {"json": {"teacher_id": "{t}", "capability_code": "A5"}},
        row(409, 409, 409, 409, 404, 404, 404),
    ),
    "list": ("GET", "/api/submissions", {}, row(200, 200, 200, 200, 200, 200, 200)),
    "detail": ("GET", "/api/submissions/{submitted}", {}, row(200, 200, 200, 200, 404, 404, 404)),
    "document": (
        "POST",
        "/api/submissions/{draft}/documents?filename=a.pdf",
        {},
        row(400, 400, 400, 400, 404, 404, 404),
    ),
    "recording": (
        "PUT",
        "/api/submissions/{draft}/recording",
        {"json": {"recording_id": "nope"}},
        row(400, 400, 400, 400, 404, 404, 404),
    ),
    "submit": ("POST", "/api/submissions/{draft}/submit", {}, row(409, 409, 409, 403, 404, 404, 404)),
    "score": (
        "POST",
        "/api/submissions/{submitted}/score",
        {"json": {"verdict": "excellent", "score": 10}},
        row(403, 422, 403, 403, 404, 404, 404),
    ),
    "return": (
        "POST",
        "/api/submissions/{submitted}/return",
        {"json": {"reason": "  "}},
        row(403, 409, 403, 403, 404, 404, 404),
    ),
    "forward": ("POST", "/api/submissions/{excellent}/forward", {}, row(404, 403, 409, 403, 404, 404, 404)),
    "downgrade": (
        "POST",
        "/api/submissions/{sampled}/downgrade",
        {"json": {"reason": " "}},
        row(404, 404, 403, 403, 409, 403, 404),
    ),
    "forwarded": ("GET", "/api/province/forwarded", {}, row(403, 403, 403, 200, 200, 403, 403)),
    "sample": (
        "POST",
        "/api/province/sample",
        {"json": {"seed": "s", "percent": 0}},
        row(403, 403, 403, 403, 200, 403, 403),
    ),
    # Another group's hand-over is out of sight for its neighbour's leader, as its quota is.
    "group": ("GET", "/api/groups/{g}/submission", {}, row(403, 200, 200, 200, 403, 404, 404)),
    "group_submit": ("POST", "/api/groups/{g}/submit", {}, row(403, 409, 403, 403, 403, 404, 404)),
    "comments": ("GET", "/api/recordings/{rec}/comments", {}, row(200, 200, 200, 200, 404, 404, 404)),
    "comment": (
        "POST",
        "/api/recordings/{rec}/comments",
        {"json": {"at_s": -1, "text": "x"}},
        row(403, 422, 422, 403, 404, 404, 404),
    ),
    "edit": (
        "PATCH",
        "/api/recordings/{rec}/comments/{c}",
        {"json": {"at_s": -1}},
        row(403, 422, 403, 403, 404, 404, 404),
    ),
    "delete": ("DELETE", "/api/recordings/{rec}/comments/{c}", {}, row(403, None, 403, 403, 404, 404, 404)),
}


def world(h) -> tuple[dict, dict]:
    d = rf.demo(h)
    with h.transaction() as s:
        submitted = rf.submission(s, d.teachers["T002"], state="submitted")
        draft = rf.submission(s, d.teachers["T002"], code="A2", state="draft", with_recording=False)
        excellent = rf.submission(s, d.teachers["T003"], state="scored_excellent")
        sampled = rf.submission(s, d.teachers["T006"], state="sampled")
        forwarded = rf.submission(s, d.teachers["T007"], state="forwarded")
        rf.handed_over(s, d.school_id)  # so the province's round has a candidate
        users = {"math_leader": rf.group_leader(s, d.math_group_id)}
        users["other_admin"] = rf.user(s, "school_admin", school=factories.make_school(s))
    comment = h.client.post(
        f"/api/recordings/{submitted.recording_id}/comments", json={"at_s": 1, "text": "x"}, headers=h.auth("leader")
    ).json()
    ids = {
        "t": d.teachers["T002"],
        "g": d.chinese_group_id,
        "submitted": submitted.id,
        "draft": draft.id,
        "excellent": excellent.id,
        "sampled": sampled.id,
        "forwarded": forwarded.id,
        "rec": submitted.recording_id,
        "c": comment["id"],
    }
    return ids, users


def fill(value, ids):
    if isinstance(value, str):
        text = value.format(**ids)
        return int(text) if value.startswith("{") and text.isdigit() else text
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return [fill(v, ids) for v in value] if isinstance(value, list) else value


def test_role_by_endpoint_matrix_without_leaks(api):
    ids, users = world(api)
    failures = []
    for name, (method, path, kwargs, expected) in MATRIX.items():
        for user, status in expected.items():
            if status is None:
                continue
            response = api.client.request(
                method, fill(path, ids), headers=api.auth(users.get(user, user)), **fill(kwargs, ids)
            )
            if response.status_code != status:
                failures.append((name, user, status, response.status_code, response.text[:200]))
            elif status >= 400:
                body = response.json()
                assert set(body) == {"error"}, (name, user)  # a refusal carries nothing but its reason
                assert body["error"]["message_zh"] and body["error"]["message_en"], (name, user)
                if status == 404:
                    assert body["error"]["code"] == "not_found", (name, user)
    assert failures == [], "\n".join(map(str, failures))


def test_listings_hold_only_what_each_user_may_see(api):
    ids, users = world(api)
    with api.transaction() as s:
        school = s.get(School, rf.demo(api).school_id)
        ids["groupless"] = rf.submission(s, factories.make_teacher(s, school).id).id  # a teacher in no group
        users["groupless_leader"] = rf.user(s, "group_leader", school=school)  # a leader of no group
    expected = {
        "teacher": {ids["submitted"], ids["draft"]},
        "leader": {ids["submitted"], ids["draft"], ids["excellent"]},
        "schooladmin": {ids[k] for k in ("submitted", "draft", "excellent", "sampled", "forwarded", "groupless")},
        "reviewer": {ids["sampled"], ids["forwarded"]},
        "math_leader": {ids["sampled"], ids["forwarded"]},
        "other_admin": set(),
        "groupless_leader": set(),
    }
    for user, visible in expected.items():
        listed = api.client.get("/api/submissions", headers=api.auth(users.get(user, user))).json()
        assert {x["id"] for x in listed} == visible, user

"""Time-coded comments: who reads, who writes, moments inside the recording, authors only edit."""

from __future__ import annotations

import pytest

from db.models import User
from tests import factories
from tests import review_factories as rf


def world(h, *, forwarded: bool = False):
    """李娜's 240 s A1 lesson (attached to her submission) and a few outsiders' accounts."""
    d = rf.demo(h)
    with h.transaction() as s:
        submission = rf.submission(s, d.teachers["T002"], state="forwarded" if forwarded else "submitted")
        users = {
            "math_leader": rf.group_leader(s, d.math_group_id),
            "other_admin": rf.user(s, "school_admin", school=factories.make_school(s)),
        }
    return submission.recording_id, users


def url(recording_id: str, comment_id: int | None = None) -> str:
    base = f"/api/recordings/{recording_id}/comments"
    return base if comment_id is None else f"{base}/{comment_id}"


@pytest.mark.parametrize(
    "who, forwarded, read, write",
    [
        ("teacher", False, 200, 403),  # the teacher reads the remarks on their lesson
        ("leader", False, 200, 201),
        ("schooladmin", False, 200, 201),
        ("admin", False, 200, 403),
        ("reviewer", False, 404, 404),  # not the province's until forwarded
        ("reviewer", True, 200, 201),
        ("math_leader", False, 404, 404),
        ("other_admin", True, 404, 404),
    ],
)
def test_who_reads_and_who_writes(api, who, forwarded, read, write):
    recording_id, users = world(api, forwarded=forwarded)
    username = users.get(who, who)
    first = api.client.post(url(recording_id), json={"at_s": 12.5, "text": "导入环节"}, headers=api.auth("leader"))
    assert first.status_code == 201 and first.json()["at_s"] == 12.5
    listed = api.client.get(url(recording_id), headers=api.auth(username))
    assert listed.status_code == read
    if read == 200:
        assert [c["text"] for c in listed.json()] == ["导入环节"]
    detail = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth(username))
    assert detail.status_code == read
    if read == 200:  # the UI shows the comment box from this, not from a copy of the rule
        assert detail.json()["can_comment"] is (write == 201)
    written = api.client.post(url(recording_id), json={"at_s": 30, "text": "提问有效"}, headers=api.auth(username))
    assert written.status_code == write, written.text
    if write == 201:
        assert written.json()["author_id"] == rf.demo(api).users[username]


@pytest.mark.parametrize(
    "at_s, duration_s, status, code",
    [
        (0, 600.0, 201, None),
        (600, 600.0, 201, None),
        (600.5, 600.0, 422, "comment.out_of_range"),
        (-1, 600.0, 422, "comment.out_of_range"),
        (10, None, 409, "comment.duration_unknown"),
    ],
)
def test_a_comment_points_inside_the_recording(api, at_s, duration_s, status, code):
    d = rf.demo(api)
    with api.transaction() as s:
        recording_id = rf.lesson(s, d.teachers["T002"], duration_s=duration_s).id
    response = api.client.post(url(recording_id), json={"at_s": at_s, "text": "x"}, headers=api.auth("leader"))
    assert response.status_code == status, response.text
    if code:
        assert response.json()["error"]["code"] == code


def test_only_the_author_edits_or_deletes(api):
    recording_id, _ = world(api)
    created = api.client.post(url(recording_id), json={"at_s": 5, "text": "板书清楚"}, headers=api.auth("leader"))
    comment_id = created.json()["id"]
    for username in ("schooladmin", "teacher", "admin"):
        patched = api.client.patch(url(recording_id, comment_id), json={"text": "改"}, headers=api.auth(username))
        assert patched.status_code == 403 and patched.json()["error"]["code"] == "comment.not_author", username
        deleted = api.client.delete(url(recording_id, comment_id), headers=api.auth(username))
        assert deleted.status_code == 403, username
    outside = api.client.patch(url(recording_id, comment_id), json={"at_s": 601}, headers=api.auth("leader"))
    assert outside.status_code == 422
    edited = api.client.patch(
        url(recording_id, comment_id), json={"at_s": 7.5, "text": "板书清楚，字迹工整"}, headers=api.auth("leader")
    )
    assert edited.status_code == 200 and edited.json()["at_s"] == 7.5 and edited.json()["text"] == "板书清楚，字迹工整"
    assert api.client.delete(url(recording_id, comment_id), headers=api.auth("leader")).status_code == 204
    assert api.client.get(url(recording_id), headers=api.auth("teacher")).json() == []
    missing = api.client.delete(url(recording_id, comment_id), headers=api.auth("leader"))
    assert missing.status_code == 404


def test_comments_list_in_time_order(api):
    recording_id, _ = world(api)
    for at_s, text in ((200, "小结"), (12, "导入"), (120, "小组讨论")):
        api.client.post(url(recording_id), json={"at_s": at_s, "text": text}, headers=api.auth("schooladmin"))
    listed = api.client.get(url(recording_id), headers=api.auth("teacher")).json()
    assert [(c["at_s"], c["text"]) for c in listed] == [(12, "导入"), (120, "小组讨论"), (200, "小结")]


def test_each_comment_says_who_wrote_it_and_whether_it_is_the_readers(api):
    recording_id, _ = world(api)
    d = rf.demo(api)
    with api.transaction() as s:
        leader_name = s.get(User, d.users["leader"]).display_name
    created = api.client.post(url(recording_id), json={"at_s": 5, "text": "板书清楚"}, headers=api.auth("leader"))
    assert created.json()["author_name"] == leader_name and created.json()["mine"] is True
    as_teacher = api.client.get(url(recording_id), headers=api.auth("teacher")).json()
    assert [(c["author_name"], c["author_role"], c["mine"]) for c in as_teacher] == [
        (leader_name, "group_leader", False)
    ]
    as_leader = api.client.get(url(recording_id), headers=api.auth("leader")).json()
    assert as_leader[0]["mine"] is True
    edited = api.client.patch(url(recording_id, as_leader[0]["id"]), json={"text": "改"}, headers=api.auth("leader"))
    assert edited.json()["author_role"] == "group_leader" and edited.json()["mine"] is True

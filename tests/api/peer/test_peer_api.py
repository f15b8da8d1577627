"""Peer learning through the API (issue 20 items 1-3; seed 001 “对系统推送的其他学员能力点研修视频进行观看与点评”).

On SQLite and PostgreSQL: the school admin's push gives each teacher N peer videos (idempotent);
the viewer may then see and play that lesson and nothing new; what the player reports is merged
server-side (skipping to the end does not count, faster than the cap counts only up to it, tabs and
reloads add up); a comment needs the view counted, a known rating level and the minimum length; the
author reads the feedback; the leader reads the group's participation.
"""

from __future__ import annotations

import functools

import pytest

from api.peer.progress import PeerProgress, peer_progress
from tests import review_factories as rf
from tests.api.peer.peer_world import playable_work, time_passes

GOOD = "板书与课件配合得当，学生讨论时间充足，建议在小结环节多用数据反馈。"


def _world(api):
    """Playable work by three 数学 teachers and two 语文 teachers (李娜 T002 is `teacher`, 语文)."""
    d = rf.demo(api)
    with api.transaction() as s:
        works = {staff: playable_work(s, d.teachers[staff]).id for staff in ("T003", "T004", "T006", "T007", "T008")}
    return d, works


def _push(api, d):
    r = api.client.post(f"/api/peer/schools/{d.school_id}/push", headers=api.auth("schooladmin"))
    assert r.status_code == 200, r.text
    return r.json()


def _mine(api, user="teacher"):
    r = api.client.get("/api/peer/assignments", headers=api.auth(user))
    assert r.status_code == 200, r.text
    return r.json()


def _report(api, assignment_id, segments, user="teacher", *, real_time=True):
    """Report ``segments`` (start, end, wall seconds); ``real_time``: their wall time really passed."""
    if real_time:
        time_passes(api, assignment_id, sum(w for _a, _b, w in segments))
    body = {"segments": [{"start": a, "end": b, "wall_s": w} for a, b, w in segments]}
    return api.client.post(f"/api/peer/assignments/{assignment_id}/progress", json=body, headers=api.auth(user))


def test_the_school_push_gives_each_teacher_three_from_other_groups_once(api):
    d, works = _world(api)
    first = _push(api, d)
    assert (first["teachers"], first["videos"], first["per_teacher"], first["pool"]) == (10, 5, 3, "school")
    assert first["created"] == 30
    assert _push(api, d)["created"] == 0  # idempotent
    mine = _mine(api)
    # 李娜 (语文) gets the three 数学 lessons: the pool has exactly three outside her group.
    assert sorted(a["submission_id"] for a in mine) == sorted(works[s] for s in ("T006", "T007", "T008"))
    assert all(a["due_at"] and not a["counted"] and a["played_share"] == 0 for a in mine)
    assert api.client.post(f"/api/peer/schools/{d.school_id}/push", headers=api.auth("teacher")).status_code == 403


def test_a_pushed_lesson_becomes_visible_to_its_viewer_and_nothing_else_does(api):
    d, works = _world(api)
    with api.transaction() as s:
        unpushed = playable_work(s, d.teachers["T009"], code="A2")  # 数学, made after the push
    _push(api, d)
    pushed = _mine(api)[0]["recording_id"]
    assert api.client.get(f"/api/recordings/{pushed}", headers=api.auth("teacher")).status_code == 200
    assert api.client.get(f"/api/recordings/{pushed}/playback", headers=api.auth("teacher")).status_code != 404
    listed = {r["id"] for r in api.client.get("/api/recordings", headers=api.auth("teacher")).json()}
    assert pushed in listed
    other = [a for a in _mine(api) if a["recording_id"] != pushed]
    assert other and unpushed.recording_id not in {a["recording_id"] for a in _mine(api)}
    # 周婷's lesson was never pushed to 李娜: still 404, listing and detail alike.
    with api.transaction() as s:
        from db.models import Submission

        rec = s.get(Submission, unpushed.id).recording_id
    assert api.client.get(f"/api/recordings/{rec}", headers=api.auth("teacher")).status_code == 404
    assert rec not in listed
    # Watching is all: the reviewers' timed remarks, face crops and stage retries of the pushed
    # lesson stay with those who see it in their own right.
    for path in ("comments", f"evidence/{d.teachers['T006']}", "unknown/0"):
        r = api.client.get(f"/api/recordings/{pushed}/{path}", headers=api.auth("teacher"))
        assert r.status_code == 404, (path, r.text)
    r = api.client.post(f"/api/recordings/{pushed}/stages/transcode/retry", headers=api.auth("teacher"))
    assert r.status_code == 404, r.text
    assert api.client.get(f"/api/recordings/{pushed}/comments", headers=api.auth("schooladmin")).status_code == 200


def test_skipping_does_not_count_the_cap_holds_and_tabs_add_up(api):
    d, _ = _world(api)
    _push(api, d)
    a = _mine(api)[0]["id"]
    # Play 5 s, seek to the end, play the last 5 s: 10 of 240 s.
    r = _report(api, a, [(0, 5, 5), (235, 240, 5)])
    assert r.status_code == 200 and r.json()["counted"] is False
    assert r.json()["played"] == [[0, 5], [235, 240]]
    # 200 s "played" in 20 s of wall time (10×) counts only 40 s at the 2× cap.
    r = _report(api, a, [(5, 205, 20)])
    assert r.json()["played"] == [[0, 45], [235, 240]] and not r.json()["counted"]
    # Two tabs and a reload report overlapping stretches: each second counts once.
    _report(api, a, [(40, 120, 80)])
    _report(api, a, [(100, 180, 80)])
    r = _report(api, a, [(170, 200, 30)])
    assert r.json()["played"] == [[0, 200], [235, 240]]
    assert r.json()["played_share"] == round(205 / 240, 6) and r.json()["counted"] is True
    # Stored server-side: a fresh read (a reload) shows the same.
    again = next(x for x in _mine(api) if x["id"] == a)
    assert again["counted"] and again["played"] == [[0, 200], [235, 240]]


def test_claimed_wall_time_is_bounded_by_the_servers_clock(api):
    """A script claiming a whole lesson watched in one instant report counts only what the server's
    own clock allows: the slack at the first report, then the time that really passes."""
    d, _ = _world(api)
    _push(api, d)
    a = _mine(api)[0]["id"]
    slack = api.settings.peer_clock_slack_s  # 10 s: the first report may claim that much at once
    about = functools.partial(pytest.approx, abs=1)  # the requests themselves take a few ms of real time
    r = _report(api, a, [(0, 240, 240)], real_time=False)
    assert r.status_code == 200 and r.json()["played"] == [[0, about(slack * 2)]] and not r.json()["counted"]
    r = _report(api, a, [(20, 240, 220)], real_time=False)  # no time has passed since
    assert r.json()["played"] == [[0, about(slack * 2)]]
    time_passes(api, a, 60)  # a minute later: at most 60 s more wall time, 120 s at the 2× cap
    r = _report(api, a, [(20, 240, 220)], real_time=False)
    assert r.json()["played"] == [[0, about(140)]] and not r.json()["counted"]


def test_a_comment_needs_the_view_a_rating_and_length(api):
    d, _ = _world(api)
    _push(api, d)
    a = _mine(api)[0]
    url = f"/api/peer/assignments/{a['id']}/comment"
    auth = api.auth("teacher")
    r = api.client.put(url, json={"rating": "良好", "text": GOOD}, headers=auth)
    assert r.status_code == 409 and r.json()["error"]["code"] == "peer.not_watched"
    _report(api, a["id"], [(0, 240, 240)])
    r = api.client.put(url, json={"rating": "很好", "text": GOOD}, headers=auth)
    assert r.status_code == 422 and r.json()["error"]["code"] == "peer.rating_unknown"
    r = api.client.put(url, json={"rating": "良好", "text": "  不错  "}, headers=auth)
    assert r.status_code == 422 and r.json()["error"]["code"] == "peer.comment_too_short"
    assert "message_en" in r.json()["error"]
    r = api.client.put(url, json={"rating": "良好", "text": GOOD}, headers=auth)
    assert r.status_code == 200 and r.json()["done"] and r.json()["comment"]["rating"] == "良好"
    # Rewriting keeps one comment.
    r = api.client.put(url, json={"rating": "优秀", "text": GOOD + "补充。"}, headers=auth)
    assert r.status_code == 200 and r.json()["comment"]["rating"] == "优秀"
    with api.transaction() as s:
        progress = peer_progress(s, [d.teachers["T002"]])[d.teachers["T002"]]
    assert progress == PeerProgress(assigned=3, counted_views=1, comments=1, pending=2)


def test_the_author_reads_feedback_and_the_leader_the_groups_participation(api):
    d, works = _world(api)
    _push(api, d)
    a = _mine(api)[0]
    _report(api, a["id"], [(0, 240, 240)])
    api.client.put(
        f"/api/peer/assignments/{a['id']}/comment", json={"rating": "良好", "text": GOOD}, headers=api.auth("teacher")
    )
    # The author of that lesson: give their account and read their feedback.
    author_staff = next(s for s, sid in works.items() if sid == a["submission_id"])
    with api.transaction() as s:
        from db.models import Teacher

        author = rf.user(s, "teacher", teacher=s.get(Teacher, d.teachers[author_staff]))
    feedback = api.client.get("/api/peer/feedback", headers=api.auth(author)).json()
    assert [(f["submission_id"], f["rating"], f["text"], f["viewer_name"]) for f in feedback] == [
        (a["submission_id"], "良好", GOOD, "李娜")
    ]
    assert api.client.get("/api/peer/feedback", headers=api.auth("teacher")).json() == []  # 李娜's own work got none
    # The 语文 leader reads 语文's participation; not 数学's.
    rows = api.client.get(f"/api/peer/groups/{d.chinese_group_id}/participation", headers=api.auth("leader")).json()
    by_staff = {r["staff_id"]: r for r in rows}
    assert (by_staff["T002"]["assigned"], by_staff["T002"]["counted_views"], by_staff["T002"]["comments"]) == (3, 1, 1)
    assert by_staff["T002"]["pending"] == 2 and by_staff["T002"]["overdue"] == 0
    assert by_staff["T001"]["assigned"] == 3 and by_staff["T001"]["pending"] == 3
    other = api.client.get(f"/api/peer/groups/{d.math_group_id}/participation", headers=api.auth("leader"))
    assert other.status_code == 404
    assert (
        api.client.get(f"/api/peer/groups/{d.math_group_id}/participation", headers=api.auth("schooladmin")).status_code
        == 200
    )


def test_nobody_else_reads_or_reports_on_an_assignment(api):
    d, _ = _world(api)
    _push(api, d)
    a = _mine(api)[0]["id"]
    for user in ("leader", "schooladmin"):
        assert api.client.get(f"/api/peer/assignments/{a}", headers=api.auth(user)).status_code in (403, 404)
        assert _report(api, a, [(0, 10, 10)], user=user).status_code in (403, 404)
    r = api.client.get("/api/peer/assignments", headers=api.auth("reviewer"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "peer.not_a_teacher"


def test_the_rules_the_ui_reads_are_the_settings(api):
    r = api.client.get("/api/peer/rules", headers=api.auth("teacher")).json()
    assert r["rating_levels"] == ["优秀", "良好", "合格", "待改进"]
    assert (r["per_teacher"], r["pool"], r["due_days"], r["count_fraction"], r["max_rate"]) == (
        3,
        "school",
        14,
        0.8,
        2.0,
    )
    assert r["comment_min_chars"] == 20


def test_each_teacher_pushed_something_new_is_told_once(api):
    d, _ = _world(api)
    _push(api, d)
    notes = api.client.get("/api/notifications", headers=api.auth("teacher")).json()["items"]
    pushed = [n for n in notes if n["kind"] == "peer_pushed"]
    assert len(pushed) == 1 and "新推送 3 个" in pushed[0]["text_zh"] and "3 new" in pushed[0]["text_en"]
    assert pushed[0]["link"] == "/"
    _push(api, d)  # nothing new: no second notice
    again = api.client.get("/api/notifications", headers=api.auth("teacher")).json()["items"]
    assert len([n for n in again if n["kind"] == "peer_pushed"]) == 1


def test_a_report_of_thousands_of_scraps_is_refused(api):
    d, _ = _world(api)
    _push(api, d)
    a = _mine(api)[0]["id"]
    for n in range(2):  # 2 × 500 disjoint scraps of 0.1 s reach the cap; the third report passes it
        r = _report(api, a, [(k * 0.2 + n * 0.1 / 2, k * 0.2 + n * 0.1 / 2 + 0.01, 1) for k in range(500)])
        assert r.status_code == 200, r.text
    r = _report(api, a, [(100 + k * 0.2, 100 + k * 0.2 + 0.01, 1) for k in range(500)])
    assert r.status_code == 422 and r.json()["error"]["code"] == "peer.too_fragmented"
    assert len(_mine(api)[0]["played"]) <= 1000


def test_past_the_deadline_and_not_done_is_overdue(api):
    from datetime import timedelta

    from db.base import utcnow
    from db.models import PeerAssignment

    d, _ = _world(api)
    _push(api, d)
    first, second = _mine(api)[:2]
    with api.transaction() as s:
        for a in (first, second):
            s.get(PeerAssignment, a["id"]).due_at = utcnow() - timedelta(days=1)
    _report(api, first["id"], [(0, 240, 240)])
    api.client.put(
        f"/api/peer/assignments/{first['id']}/comment",
        json={"rating": "合格", "text": GOOD},
        headers=api.auth("teacher"),
    )
    mine = {a["id"]: a for a in _mine(api)}
    assert not mine[first["id"]]["overdue"] and mine[first["id"]]["done"]  # done late is done
    assert mine[second["id"]]["overdue"] and not mine[second["id"]]["done"]
    rows = api.client.get(f"/api/peer/groups/{d.chinese_group_id}/participation", headers=api.auth("leader")).json()
    assert next(r for r in rows if r["staff_id"] == "T002")["overdue"] == 1

"""The province's calibration: per school or group, sampled 优秀 confirmed, downgraded or pending,
and how the leaders' criterion levels agree with the province's latest review.

Demo school: 语文 T001–T005, 数学 T006–T010. A second school has one group of two teachers.
"""

from __future__ import annotations

from tests import factories
from tests import review_factories as rf
from tests.api.review.calibration import factories as pf

E, P, F = "excellent", "pass", "fail"


def _calibration(h, by: str | None = None, username: str = "reviewer"):
    params = {"by": by} if by else {}
    return h.client.get("/api/province/calibration", params=params, headers=h.auth(username))


def _arrange(h):
    """Returns (demo ids, second school id, its group id)."""
    d = rf.demo(h)
    t = d.teachers
    with h.transaction() as s:
        confirmed = pf.graded(rf.submission(s, t["T002"], state="confirmed"), {"a": E, "b": E})
        downgraded = pf.graded(rf.submission(s, t["T003"], state="downgraded"), {"a": E, "b": E})
        pending = pf.graded(rf.submission(s, t["T006"], state="sampled"), {"a": E, "b": E})
        direct = pf.graded(rf.submission(s, t["T007"], state="confirmed"), {"a": P, "b": E})  # not drawn
        pf.graded(rf.submission(s, t["T008"], state="forwarded"), {"a": E})  # neither drawn nor reviewed
        pf.sampling_round(s, [confirmed, downgraded, pending])
        pf.province_review(s, confirmed, "confirm", {"a": E, "b": E})
        pf.province_review(s, downgraded, "confirm", {"a": E, "b": E})  # an earlier review: the latest counts
        pf.province_review(s, downgraded, "downgrade", {"a": P, "b": E})
        pf.province_review(s, direct, "confirm", {"a": P, "b": P})

        school = factories.make_school(s, name="第二中学")
        group = factories.make_group(s, school, name="物理教研组")
        first, second = (factories.make_teacher(s, school, group) for _ in range(2))
        same = pf.graded(rf.submission(s, first.id, state="downgraded"), {"a": E})
        other_rubric = pf.graded(rf.submission(s, second.id, state="downgraded"), {"a": E})
        pf.sampling_round(s, [same, other_rubric], seed="round-2")
        pf.province_review(s, same, "downgrade", {"a": F})
        pf.province_review(s, other_rubric, "downgrade", {"a": F}, rubric_version=2)  # not compared
        ids = (school.id, group.id)
    return d, *ids


def test_calibration_by_school_counts_outcomes_and_agreement_exactly(api):
    d, school2, _ = _arrange(api)
    response = _calibration(api)
    assert response.status_code == 200, response.text
    assert response.json() == [
        {
            "school_id": d.school_id,
            "school_name": "示范中学",
            "group_id": None,
            "group_name": None,
            "sampled": 3,
            "confirmed": 1,
            "downgraded": 1,
            "pending": 1,
            "confirmation_rate": 0.5,
            # (E,E) (E,E) | (E,P) (E,E) | (P,P) (E,P): 4 of 6; leader E5 P1, province E3 P3 → p_e 1/2
            "criteria_compared": 6,
            "agreement": 4 / 6,
            "kappa": 1 / 3,
            "lower_criteria": [
                {"capability_code": "A1", "key": "a", "count": 1},
                {"capability_code": "A1", "key": "b", "count": 1},
            ],
        },
        {
            "school_id": school2,
            "school_name": "第二中学",
            "group_id": None,
            "group_name": None,
            "sampled": 2,
            "confirmed": 0,
            "downgraded": 2,
            "pending": 0,
            "confirmation_rate": 0.0,
            "criteria_compared": 1,
            "agreement": 0.0,
            "kappa": 0.0,
            "lower_criteria": [{"capability_code": "A1", "key": "a", "count": 1}],
        },
    ]
    assert _calibration(api, "school").json() == response.json()


def test_calibration_by_group(api):
    d, school2, group2 = _arrange(api)
    rows = _calibration(api, "group").json()
    assert [(r["school_id"], r["group_id"], r["group_name"]) for r in rows] == [
        (d.school_id, d.chinese_group_id, "语文教研组"),
        (d.school_id, d.math_group_id, "数学教研组"),
        (school2, group2, "物理教研组"),
    ]
    chinese, math, physics = ({k: v for k, v in r.items() if k not in ("school_id", "group_id")} for r in rows)
    assert chinese == {
        "school_name": "示范中学",
        "group_name": "语文教研组",
        "sampled": 2,
        "confirmed": 1,
        "downgraded": 1,
        "pending": 0,
        "confirmation_rate": 0.5,
        "criteria_compared": 4,
        "agreement": 0.75,
        "kappa": 0.0,  # leader all 优秀: p_e = 3/4 = p_o
        "lower_criteria": [{"capability_code": "A1", "key": "a", "count": 1}],
    }
    assert math == {
        "school_name": "示范中学",
        "group_name": "数学教研组",
        "sampled": 1,
        "confirmed": 0,
        "downgraded": 0,
        "pending": 1,
        "confirmation_rate": None,  # nothing decided yet
        "criteria_compared": 2,
        "agreement": 0.5,
        "kappa": 0.0,
        "lower_criteria": [{"capability_code": "A1", "key": "b", "count": 1}],
    }
    assert (physics["sampled"], physics["downgraded"], physics["criteria_compared"], physics["kappa"]) == (
        2,
        2,
        1,
        0.0,
    )


def test_no_sampled_or_reviewed_work_gives_no_rows(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.submission(s, d.teachers["T002"], state="forwarded")
    assert _calibration(api).json() == []
    assert _calibration(api, "group").json() == []


def test_one_level_throughout_gives_full_agreement_and_no_kappa(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = pf.graded(rf.submission(s, d.teachers["T002"], state="confirmed"), {"a": E, "b": E})
        pf.sampling_round(s, [work])
        pf.province_review(s, work, "confirm", {"a": E, "b": E})
    (row,) = _calibration(api).json()
    assert (row["criteria_compared"], row["agreement"], row["kappa"], row["confirmation_rate"]) == (2, 1.0, None, 1.0)


def test_a_review_without_criteria_keeps_the_levels_of_the_one_before(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = pf.graded(rf.submission(s, d.teachers["T002"], state="confirmed"), {"a": E, "b": E})
        pf.sampling_round(s, [work])
        pf.province_review(s, work, "downgrade", {"a": P, "b": E})
        pf.province_review(s, work, "confirm", {}, reason="复核后恢复优秀")  # re-confirmed, no criteria
    (row,) = _calibration(api).json()
    assert (row["confirmed"], row["downgraded"], row["criteria_compared"], row["agreement"]) == (1, 0, 2, 0.5)
    assert row["lower_criteria"] == [{"capability_code": "A1", "key": "a", "count": 1}]


def test_a_criterion_key_is_counted_per_point(api):
    # ``c1`` of A1 and ``c1`` of A2 are different criteria of different rubrics.
    d = rf.demo(api)
    with api.transaction() as s:
        works = [
            pf.graded(rf.submission(s, d.teachers[staff], code=code, state="downgraded"), {"c1": E})
            for staff, code in (("T002", "A1"), ("T002", "A2"), ("T003", "A2"))
        ]
        pf.sampling_round(s, works)
        for work in works:
            pf.province_review(s, work, "downgrade", {"c1": P})
    (row,) = _calibration(api).json()
    assert row["lower_criteria"] == [
        {"capability_code": "A2", "key": "c1", "count": 2},
        {"capability_code": "A1", "key": "c1", "count": 1},
    ]


def test_only_the_province_and_the_admin_read_calibration(api):
    for username in ("teacher", "leader", "schooladmin"):
        refused = _calibration(api, username=username)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "auth.forbidden" and refused.json()["error"]["message_zh"]
    assert _calibration(api, username="admin").status_code == 200
    assert _calibration(api, "teachers").status_code == 422

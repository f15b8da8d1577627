"""A round's drawn works move in batches: a fixed number of statements per batch, whatever the
number drawn (a round over 100,000 candidates took minutes one work at a time), with every work
sampled, audited and its author told exactly as a single move does."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from api.review.province import rounds
from db.models import AuditEntry, Notification, Submission, User
from tests import review_factories as rf


def _statements_of_a_round(h, count: int) -> tuple[int, dict]:
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        response = h.client.post(
            "/api/province/rounds",
            json={"mode": "count", "count": count, "seed": f"b{count}"},
            headers=h.auth("reviewer"),
        )
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    assert response.status_code == 201, response.text
    return len(seen), response.json()


def test_a_round_costs_the_same_statements_for_two_works_as_for_twelve(api):
    rf.forwarded_works(api, 24)
    api.auth("reviewer")  # signed in before counting
    two, _ = _statements_of_a_round(api, 2)
    twelve, drawn = _statements_of_a_round(api, 12)
    assert len(drawn["drawn"]) == 12 and twelve == two


def test_batches_smaller_than_the_round_sample_every_drawn_work_once(api, monkeypatch):
    monkeypatch.setattr(rounds, "_BATCH", 4)  # three batches for ten works, the last one short
    ids = rf.forwarded_works(api, 14)
    response = api.client.post(
        "/api/province/rounds", json={"mode": "count", "count": 10, "seed": "batches"}, headers=api.auth("reviewer")
    )
    assert response.status_code == 201, response.text
    drawn = response.json()
    with api.transaction() as s:
        rows = {r.id: r for r in s.scalars(select(Submission).where(Submission.id.in_(ids)))}
        sampled = {i for i, r in rows.items() if r.state == "sampled"}
        assert sampled == set(drawn["drawn"]) and len(sampled) == 10
        assert {rows[i].sampling_round_id for i in sampled} == {drawn["id"]}
        assert {rows[i].state for i in set(ids) - sampled} == {"forwarded"}
        assert {rows[i].version for i in sampled} == {2} and {rows[i].version for i in set(ids) - sampled} == {1}
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "submission", AuditEntry.action == "sample")
        ).all()
        assert sorted(int(e.entity_id) for e in entries) == sorted(drawn["drawn"])
        assert all(
            (e.from_state, e.to_state) == ("forwarded", "sampled") and "seed=batches" in e.reason for e in entries
        )
        told = s.execute(
            select(Notification.submission_id, Notification.user_id).where(Notification.submission_id.in_(ids))
        ).all()
        accounts = dict(s.execute(select(User.teacher_id, User.id).where(User.teacher_id.is_not(None))).all())
        authors_with_accounts = {i for i in sampled if rows[i].teacher_id in accounts}
        assert authors_with_accounts  # the demo's teachers who sign in
        assert {(sid, uid) for sid, uid in told} == {(i, accounts[rows[i].teacher_id]) for i in authors_with_accounts}

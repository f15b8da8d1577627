"""``db.bulk``: one array parameter per column on PostgreSQL (``= ANY``, ``unnest``, ``COPY``), the plain
forms on SQLite, and on both exactly what the ordinary statements would have written."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from db import bulk
from db.models import AuditEntry, Notification, Submission, User
from tests import review_factories as rf

STAMP = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)
AWKWARD = 'tab\there, new\nline, back\\slash, "quotes", \\N, 中文，emoji 🎓'


def test_ids_in_finds_exactly_the_ids_however_many(api):
    ids = rf.forwarded_works(api, 6)
    with api.transaction() as s:
        asked = set(ids[::2]) | set(range(10**6, 10**6 + 5_000))  # most of them nowhere
        found = s.scalars(select(Submission.id).where(bulk.ids_in(s, Submission.id, asked)))
        assert sorted(found) == ids[::2]
        assert list(s.scalars(select(Submission.id).where(bulk.ids_in(s, Submission.id, [])))) == []


def test_insert_all_writes_text_json_and_times_as_an_insert_would(api):
    rf.demo(api)
    with api.transaction() as s:
        user_id = s.scalar(select(User.id).order_by(User.id).limit(1))
        entries = [
            {
                "entity_type": "submission",
                "entity_id": str(i),
                "actor_id": None if i % 2 else user_id,
                "action": "sample",
                "from_state": "forwarded",
                "to_state": None,
                "reason": AWKWARD,
                "at": STAMP,
            }
            for i in range(3)
        ]
        bulk.insert_all(s, AuditEntry.__table__, entries)
        payload = {"teacher": "李娜", "reason": AWKWARD, "nested": {"n": [1, 2.5, None, True]}}
        notice = {"user_id": user_id, "kind": "sampled", "submission_id": None, "group_id": None}
        bulk.insert_all(
            s, Notification.__table__, [{**notice, "actor_id": None, "payload": payload, "created_at": STAMP}]
        )
    with api.transaction() as s:
        written = s.scalars(select(AuditEntry).where(AuditEntry.action == "sample").order_by(AuditEntry.id)).all()
        assert [(e.entity_id, e.actor_id, e.to_state, e.reason, e.at) for e in written] == [
            ("0", user_id, None, AWKWARD, STAMP),
            ("1", None, None, AWKWARD, STAMP),
            ("2", user_id, None, AWKWARD, STAMP),
        ]
        told = s.scalars(select(Notification).where(Notification.kind == "sampled")).one()
        assert told.payload == payload and told.created_at == STAMP and told.read_at is None


def test_insert_all_refuses_a_naive_time_like_an_insert(api):
    with pytest.raises((ValueError, StatementError), match="naive datetime"):  # SQLAlchemy wraps it
        with api.transaction() as s:
            row = {"entity_type": "x", "entity_id": "1", "actor_id": None, "action": "a", "at": datetime(2026, 1, 1)}
            bulk.insert_all(s, AuditEntry.__table__, [row])


def test_update_matched_writes_only_rows_that_still_match(api):
    ids = rf.forwarded_works(api, 4)
    with api.transaction() as s:
        query = select(Submission.id, Submission.version).where(Submission.id.in_(ids))
        versions = {i: v for i, v in s.execute(query).all()}
        stale = [versions[i] + (1 if i == ids[1] else 0) for i in ids]  # the second as if read before a change
        written = bulk.update_matched(
            s,
            Submission.__table__,
            {"id": ids, "version": stale},
            {"state": ["sampled"] * 4, "version": [v + 1 for v in stale]},
            {"updated_at": STAMP},
        )
        assert written == 3
        assert bulk.update_matched(s, Submission.__table__, {"id": []}, {"state": []}, {}) == 0
    with api.transaction() as s:
        rows = {r.id: r for r in s.scalars(select(Submission).where(Submission.id.in_(ids)))}
        assert rows[ids[1]].state == "forwarded" and rows[ids[1]].version == versions[ids[1]]
        assert {(rows[i].state, rows[i].version - versions[i], rows[i].updated_at) for i in ids if i != ids[1]} == {
            ("sampled", 1, STAMP)
        }

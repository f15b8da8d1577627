"""keyset_indexes: the indexes the lists paged by cursor need (issue 21 item 2)

``GET /api/recordings`` reads newest first by (created_at, id) and pages past the last row's key
(``WHERE (created_at, id) < (:created_at, :id)``); without an index on that pair, every page of the
whole province's list sorts all 1,000,000 recordings. The other keyset lists page by a primary key
(submissions, audit entries). A school administrator's audit log keeps the entries its school's
people made (``actor_id IN (SELECT id FROM users WHERE school_id = :s)``): without users.school_id,
every page scans all 300,000 accounts. Both justified by plans in tests/bench/test_hot_query_plans.py.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 17:40:00.000000
"""

from alembic import op


revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_recordings_created_at_id", "recordings", ["created_at", "id"])
    op.create_index("ix_users_school_id", "users", ["school_id"])


def downgrade() -> None:
    op.drop_index("ix_users_school_id", table_name="users")
    op.drop_index("ix_recordings_created_at_id", table_name="recordings")

"""province_indexes: indexes the hot pages' plans need at province scale (issue 21)

Each is justified by a plan in tests/bench/test_hot_query_plans.py, which fails when a hot page's
query scans a big table whole on a generated province (bench/province.py).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 13:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ACCEPTED_DESPITE_CHECKS = "kind = 'group_session' AND accepted_at IS NOT NULL AND checks_ok IS false"


def upgrade() -> None:
    # Every submissions list asks which of its authors lead a group (users by teacher_id): without
    # it, a scan of all 300,000 accounts per page.
    op.create_index("ix_users_teacher_id", "users", ["teacher_id"])
    # The province's list marks work whose group session counted on a leader's word despite failed
    # checks (an EXISTS per row on recordings): without it, every page hashes all 1,000,000
    # recordings; the few such sessions fit a small partial index.
    op.create_index(
        "ix_recordings_accepted_despite_checks",
        "recordings",
        ["group_id"],
        postgresql_where=sa.text(ACCEPTED_DESPITE_CHECKS),
        sqlite_where=sa.text(ACCEPTED_DESPITE_CHECKS),
    )


def downgrade() -> None:
    op.drop_index("ix_recordings_accepted_despite_checks", table_name="recordings")
    op.drop_index("ix_users_teacher_id", table_name="users")

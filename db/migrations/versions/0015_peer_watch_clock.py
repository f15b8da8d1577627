"""peer_watch_clock: peer_assignments.watch_clock_at, the server's own clock for played time

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 12:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("peer_assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("watch_clock_at", db.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("peer_assignments", schema=None) as batch_op:
        batch_op.drop_column("watch_clock_at")

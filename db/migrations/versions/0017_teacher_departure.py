"""teacher_departure: teachers.left_at and left_note, a teacher who left the school (离校)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 17:20:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("left_note", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.drop_column("left_note")
        batch_op.drop_column("left_at")

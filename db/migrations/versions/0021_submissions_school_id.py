"""submissions.school_id: the author's school on the row, indexed with the state, for a school's lists;
audit_log (action, at): a school's forwards and downgrades since its hand-over; flagged lessons

A school admin's lists filtered a school's work by joining every one of its teachers (6,366 in the
generated province's largest school): 30-40 ms a count, 436 ms for a page of one state. The column
is filled from the authors here and set on every insert (``db.models._author_school``). The
hand-over card's two counts of moves since the hand-over scanned the 10,000,000-row log (0.2-0.8 s).
recordings (id) WHERE duplicate_flagged: the province's duplicate filter counts over the flagged few.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 00:05:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE submissions SET school_id = (SELECT teachers.school_id FROM teachers WHERE teachers.id = submissions.teacher_id)"
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column("school_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_submissions_school_id_schools"), "schools", ["school_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index("ix_submissions_school_state_id", ["school_id", "state", "id"], unique=False)
    op.create_index("ix_audit_log_action_at", "audit_log", ["action", "at"], unique=False)
    op.create_index(
        "ix_recordings_duplicate",
        "recordings",
        ["id"],
        unique=False,
        postgresql_where=sa.text("duplicate_flagged"),
        sqlite_where=sa.text("duplicate_flagged"),
    )


def downgrade() -> None:
    op.drop_index("ix_recordings_duplicate", table_name="recordings")
    op.drop_index("ix_audit_log_action_at", table_name="audit_log")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_school_state_id")
        batch_op.drop_constraint(batch_op.f("fk_submissions_school_id_schools"), type_="foreignkey")
        batch_op.drop_column("school_id")

"""school_results_counted: each school's teachers by overall result, for a large school's results card;
recording_participants (teacher_id): a teacher's sessions, which the 学时 ledger counts

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 23:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_results_counted",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("in_progress", sa.Integer(), nullable=False),
        sa.Column("passed_teachers", sa.Integer(), nullable=False),
        sa.Column("excellent", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("points_passed", sa.Integer(), nullable=False),
        sa.Column("points_chosen", sa.Integer(), nullable=False),
        sa.Column("computed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_school_results_counted_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_school_results_counted")),
    )
    with op.batch_alter_table("recording_participants", schema=None) as batch_op:
        batch_op.create_index("ix_recording_participants_teacher_id", ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("recording_participants", schema=None) as batch_op:
        batch_op.drop_index("ix_recording_participants_teacher_id")
    op.drop_table("school_results_counted")

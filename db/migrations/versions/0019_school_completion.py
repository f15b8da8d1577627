"""school_completion: each school's counted 学时 completion by cohort year, for the province's view

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 17:40:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_completion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("cohort_year", sa.Integer(), nullable=True),
        sa.Column("teachers", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Integer(), nullable=False),
        sa.Column("computed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_school_completion_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_completion")),
    )
    with op.batch_alter_table("school_completion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_completion_school_id"), ["school_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("school_completion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_completion_school_id"))
    op.drop_table("school_completion")

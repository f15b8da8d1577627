"""schools declare several environments (school_setups.environments replaces .environment)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 05:10:00.000000
"""

import json

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Literal values on purpose: a migration is a snapshot. A single declared environment used to
# allow its own points and those of the simpler ones, so that is what it becomes.
_ORDER = ("multimedia", "hybrid", "smart")


def upgrade() -> None:
    with op.batch_alter_table("school_setups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("environments", sa.JSON(), nullable=True))
    table = sa.table("school_setups", sa.column("school_id", sa.Integer), sa.column("environment", sa.String))
    bind = op.get_bind()
    for school_id, environment in bind.execute(sa.select(table.c.school_id, table.c.environment)).all():
        declared = list(_ORDER[: _ORDER.index(environment) + 1]) if environment in _ORDER else []
        bind.execute(
            sa.text("UPDATE school_setups SET environments = :envs WHERE school_id = :id"),
            {"envs": json.dumps(declared), "id": school_id},
        )
    with op.batch_alter_table("school_setups", schema=None) as batch_op:
        batch_op.alter_column("environments", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("environment")


def downgrade() -> None:
    with op.batch_alter_table("school_setups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("environment", sa.String(length=16), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT school_id, environments FROM school_setups")).all()
    for school_id, environments in rows:
        declared = json.loads(environments) if isinstance(environments, str) else (environments or [])
        richest = max((e for e in declared if e in _ORDER), key=_ORDER.index, default="multimedia")
        bind.execute(
            sa.text("UPDATE school_setups SET environment = :env WHERE school_id = :id"),
            {"env": richest, "id": school_id},
        )
    with op.batch_alter_table("school_setups", schema=None) as batch_op:
        batch_op.alter_column("environment", existing_type=sa.String(length=16), nullable=False)
        batch_op.drop_column("environments")

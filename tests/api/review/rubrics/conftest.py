"""The rubric tests' PostgreSQL-only app for races: the workflow tests' fixture."""

from tests.api.review.workflow.conftest import pg_api  # noqa: F401

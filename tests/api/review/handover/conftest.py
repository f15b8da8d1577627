"""The race test needs the demo app on PostgreSQL (row locks): the workflow tests' fixture."""

from tests.api.review.workflow.conftest import pg_api, pytest_collection_modifyitems

__all__ = ["pg_api", "pytest_collection_modifyitems"]

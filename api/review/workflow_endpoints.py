"""The review workflow's routes, gathered into the one router ``api.main`` registers.

Each area keeps its own module (selection, submissions, review moves and group submission, comments);
routes stay thin: parse, call the service (which authorises), return.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.review import comment_endpoints, review_endpoints, selection_endpoints, submission_endpoints

router = APIRouter(tags=["review"])
for _module in (selection_endpoints, submission_endpoints, review_endpoints, comment_endpoints):
    router.include_router(_module.router)

"""Every review route, gathered into the one router ``api.main`` registers.

Each review domain keeps its own package (endpoints, service, repository, schemas); routes
stay thin: parse, call the service (which authorises), return.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.review.admin.endpoints import router as admin
from api.review.calibration.endpoints import router as calibration
from api.review.catalogue.endpoints import router as catalogue
from api.review.comments.endpoints import router as comments
from api.review.desk.endpoints import router as desk
from api.review.grading.endpoints import router as grading
from api.review.groups.endpoints import router as groups
from api.review.handover.endpoints import router as handover
from api.review.province.endpoints import router as province
from api.review.quotas.endpoints import router as quotas
from api.review.results.endpoints import router as results
from api.review.roster.endpoints import router as roster
from api.review.rubrics.endpoints import router as rubrics
from api.review.selection.endpoints import router as selection
from api.review.selection.endpoints import school_router as school_selections
from api.review.submissions.endpoints import router as submissions

router = APIRouter()
for _domain in (
    selection,
    school_selections,
    submissions,
    grading,
    groups,
    desk,
    handover,
    province,
    calibration,
    comments,
    quotas,
    results,
    catalogue,
    roster,
    rubrics,
    admin,
):
    router.include_router(_domain)

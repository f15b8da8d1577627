"""``GET /api/rules``: the review rules for any signed-in user; the UI reads every rule from here."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Context, CurrentActor
from api.rules import service
from api.rules.schemas import RulesOut

router = APIRouter(prefix="/api/rules", tags=["rules"])


@router.get("", response_model=RulesOut)
def get_rules(ctx: Context, actor: CurrentActor) -> RulesOut:
    """Counts, lines, quotas and workflow states as this server applies them (settings + domain)."""
    return service.rules(ctx.settings)

"""Review workflow routes (filled in by the review-workflow work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["review"])

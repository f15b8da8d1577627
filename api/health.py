"""Liveness and readiness: the database answers and the object store is reachable."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import Context
from db.session import ping

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz(ctx: Context) -> JSONResponse:
    def check() -> dict[str, str]:
        result = {}
        try:
            ping(ctx.sessions)
            result["database"] = "ok"
        except Exception as exc:  # reported, not raised: this is the health check
            result["database"] = f"error: {type(exc).__name__}"
        try:
            ctx.store.ensure_ready()
            result["storage"] = "ok"
        except Exception as exc:
            result["storage"] = f"error: {type(exc).__name__}"
        return result

    result = await run_in_threadpool(check)
    healthy = all(v == "ok" for v in result.values())
    return JSONResponse({"status": "ok" if healthy else "degraded", **result}, status_code=200 if healthy else 503)

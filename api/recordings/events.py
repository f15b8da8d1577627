"""Server-sent events: stage changes of one recording as they happen.

Workers write stage state to the database from other processes, so the stream polls the
job rows (cheap: one indexed query a second) and emits each stage whose ``updated_at``
moved. It ends once every stage is done or failed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable

from starlette.concurrency import run_in_threadpool

from api.recordings.schemas import StageOut
from domain.stages import StageState, is_terminal

KEEPALIVE_EVERY_S = 15.0


def _event(name: str, payload: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False, default=str)}\n\n"


async def stage_events(
    load: Callable[[], tuple[list[StageOut], str]],
    is_disconnected: Callable[[], "asyncio.Future[bool]"],
    *,
    poll_s: float = 1.0,
) -> AsyncIterator[str]:
    seen: dict[str, tuple] = {}
    idle = 0.0
    while True:
        stages, status = await run_in_threadpool(load)
        for stage in stages:
            fingerprint = (stage.state, stage.percent, stage.updated_at)
            if seen.get(stage.stage) != fingerprint:
                seen[stage.stage] = fingerprint
                idle = 0.0
                yield _event("stage", stage.model_dump(mode="json"))
        if stages and all(is_terminal(StageState(s.state)) for s in stages):
            yield _event("end", {"status": status})
            return
        if await is_disconnected():
            return
        await asyncio.sleep(poll_s)
        idle += poll_s
        if idle >= KEEPALIVE_EVERY_S:
            idle = 0.0
            yield ": keep-alive\n\n"

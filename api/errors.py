"""API errors: every refusal carries a reason code and a Chinese + English message.

    ApiError                  (status, reason)
    ├── BadRequest            400  malformed or rejected input (empty file, not a video…)
    ├── Unauthenticated       401
    ├── Forbidden             403
    ├── NotFound              404
    ├── Conflict              409  the upload is no longer open, parts missing, a lost race…
    ├── PayloadTooLarge       413
    ├── UnsupportedMedia      415  the bytes are not a supported video container
    └── Unprocessable         422  the request breaks domain rules; ``violations`` lists each one

Outages are not refusals: object storage or the database out of reach answers 503 with
``Retry-After`` in the same shape, so a client (the UI's uploader) waits and sends the same request
again; nothing the request carried was half-stored, since its transaction rolled back.

One handler renders them all as ``{"error": {"code", "message_zh", "message_en"}}`` (plus
``violations`` and other details where the refusal has them, see ``api.shared.refusals``).
"""

from __future__ import annotations

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from domain import input_reasons, reasons
from domain.reasons import Reason
from storage.errors import StorageUnavailable

log = structlog.get_logger(__name__)


class ApiError(Exception):
    status_code = 400

    def __init__(self, reason: Reason, *, extra: dict | None = None, keep_changes: bool = False):
        super().__init__(reason.en)
        self.reason = reason
        self.extra = extra or {}
        # A refusal that must still be recorded (an upload marked rejected) commits the
        # request's transaction before the error response goes out.
        self.keep_changes = keep_changes


class BadRequest(ApiError):
    status_code = 400


class Unauthenticated(ApiError):
    status_code = 401

    def __init__(self, reason: Reason = reasons.NOT_AUTHENTICATED, **kw):
        super().__init__(reason, **kw)


class Forbidden(ApiError):
    status_code = 403

    def __init__(self, reason: Reason = reasons.FORBIDDEN, **kw):
        super().__init__(reason, **kw)


class NotFound(ApiError):
    status_code = 404

    def __init__(self, what_zh: str, what_en: str):
        super().__init__(reasons.NOT_FOUND.format(what=what_zh, what_en=what_en))


class Conflict(ApiError):
    status_code = 409


class PayloadTooLarge(ApiError):
    status_code = 413


class Unprocessable(ApiError):
    status_code = 422


class UnsupportedMedia(ApiError):
    status_code = 415


def error_body(reason: Reason, extra: dict | None = None) -> dict:
    return {"error": {**reason.as_dict(), **(extra or {})}}


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts)


def http_error(exc: StarletteHTTPException, method: str) -> JSONResponse:
    """Routing refusals (405, and any other HTTPException) in the project's error shape."""
    if exc.status_code == 405:
        reason = input_reasons.METHOD_NOT_ALLOWED.format(method=method)
    elif exc.status_code == 400:  # FastAPI's "There was an error parsing the body" (e.g. not UTF-8)
        reason = input_reasons.BODY_UNREADABLE
    else:
        reason = input_reasons.HTTP_REFUSED.format(status=exc.status_code)
    return JSONResponse(error_body(reason), status_code=exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = getattr(exc, "headers", None)  # e.g. Retry-After on a throttled sign-in
        return JSONResponse(error_body(exc.reason, exc.extra), status_code=exc.status_code, headers=headers)

    @app.exception_handler(ClientDisconnect)
    async def _client_gone(request: Request, _exc: ClientDisconnect) -> JSONResponse:
        # A browser reload or a cancelled part upload: routine, not a server error. Nothing was
        # stored (the body never completed), so the client may simply send it again.
        log.info("request.client_gone", method=request.method, path=request.url.path)
        return JSONResponse(error_body(reasons.CLIENT_GONE), status_code=400)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = _describe_validation(exc)
        return JSONResponse(error_body(reasons.INVALID_REQUEST.format(detail=detail)), status_code=422)

    @app.exception_handler(DataError)
    async def _not_storable(request: Request, exc: DataError) -> JSONResponse:
        # The last line of defence: the database refused a value the request carried (PostgreSQL
        # stores no NUL in text and no integer beyond its column). The request's transaction has
        # been rolled back by the session dependency; nothing was stored.
        log.warning("request.value_not_storable", method=request.method, path=request.url.path, error=str(exc.orig))
        return JSONResponse(error_body(input_reasons.VALUE_NOT_STORABLE), status_code=422)

    @app.exception_handler(StorageUnavailable)
    async def _storage_down(request: Request, exc: StorageUnavailable) -> JSONResponse:
        log.warning("request.storage_unavailable", method=request.method, path=request.url.path, error=str(exc))
        return _outage(reasons.STORAGE_UNAVAILABLE)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def _database_down(request: Request, exc: Exception) -> JSONResponse:
        # A dropped connection, a restarting server, SQLite busy past its timeout. The pool
        # pings before lending a connection again, so the retry gets a live one.
        log.warning("request.database_unavailable", method=request.method, path=request.url.path, error=str(exc))
        return _outage(reasons.DATABASE_UNAVAILABLE)


OUTAGE_RETRY_AFTER_S = 5


def _outage(reason: Reason) -> JSONResponse:
    return JSONResponse(error_body(reason), status_code=503, headers={"Retry-After": str(OUTAGE_RETRY_AFTER_S)})

"""Middleware of the API: request ids, one access-log line, JSON errors under /api/."""

import logging
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse

from mysphere_core.errors import ErrorCode

access_logger = logging.getLogger("mysphere.access")
REQUEST_ID_HEADER = "X-Request-ID"
# Paths that answer JSON only, whatever went wrong and whatever DEBUG says.
JSON_PREFIXES = ("/api/", "/health/", "/ready/")
_ERROR_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.PERMISSION_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.REQUEST_TOO_LARGE,
    429: ErrorCode.THROTTLED,
}


def _is_json(response: HttpResponse) -> bool:
    """True when the response already carries JSON (or streams a download)."""
    kind = response.get("Content-Type", "")
    return kind.startswith("application/json") or response.streaming


def json_error(status: int, detail: str | None = None) -> JsonResponse:
    """The house error shape for a status: `{"detail": ..., "code": ...}`."""
    fallback = ErrorCode.SERVER_ERROR if status >= 500 else ErrorCode.ERROR
    code = _ERROR_CODES.get(status, fallback).value
    if detail is None:
        detail = HTTPStatus(status).phrase.capitalize() + "."
        if status >= 500:
            detail = "Something went wrong on our side."
    return JsonResponse({"detail": detail, "code": code}, status=status)


class RequestContextMiddleware:
    """Gives every request an id (kept from `X-Request-ID` when the client sends a
    sane one), echoes it, logs one access line, and keeps `/api/` errors JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Handle the request, then tag, convert and log its response."""
        started = time.monotonic()
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = given if _valid_id(given) else uuid.uuid4().hex
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(JSON_PREFIXES)
            and not _is_json(response)
        ):
            response = json_error(response.status_code)
        response[REQUEST_ID_HEADER] = request.request_id
        _log_access(request, response, time.monotonic() - started)
        return response


def _valid_id(value: str) -> bool:
    """A client's request id is kept when short and made of safe characters."""
    return 0 < len(value) <= 64 and all(c.isalnum() or c in "-_." for c in value)


def _log_access(request: HttpRequest, response: HttpResponse, seconds: float) -> None:
    """One line per request: method, path, status, duration, user id, request id."""
    user = getattr(request, "user", None)
    access_logger.info(
        "%s %s %s %.1fms",
        request.method,
        request.path,
        response.status_code,
        seconds * 1000,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": getattr(user, "pk", None),
            "request_id": request.request_id,
        },
    )

"""The one exception handler of the API.

Validation errors keep DRF's field map (`{"amount": ["..."]}`); every other error is
`{"detail": "...", "code": "..."}` with the right status. The domain errors services
raise live in `errors.py` (no DRF there) and are re-exported here; a `DomainError`
is rendered by its own `body()` with its code's status.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.csrf import csrf_failure
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from mysphere_core.errors import (
    ConflictError,
    DomainError,
    ErrorCode,
    FeatureDisabledError,
    LimitExceededError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    StorageFullError,
)
from mysphere_core.middleware import json_error

__all__ = [
    "ConflictError",
    "DomainError",
    "ErrorCode",
    "FeatureDisabledError",
    "LimitExceededError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "StorageFullError",
    "exception_handler",
]

logger = logging.getLogger(__name__)


DISK_FULL_SQLSTATE = "53100"  # PostgreSQL's disk_full


def _storage_full(exc: Exception) -> bool:
    """A database error saying its disk is full (SQLite's or PostgreSQL's)."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code == DISK_FULL_SQLSTATE or "database or disk is full" in str(exc)


def _first_text(value: Any) -> str:
    """The first message of a DRF error structure, as a string."""
    if isinstance(value, (list, tuple)) and value:
        return _first_text(value[0])
    if isinstance(value, dict) and value:
        return _first_text(next(iter(value.values())))
    return str(value)


def _translated(exc: Exception) -> Exception:
    """Django's and the database's errors as the API's own (others unchanged)."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLargeError()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=as_serializer_error(exc))
    if isinstance(exc, Http404):
        return NotFoundError()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, IntegrityError):
        logger.warning("Integrity error mapped to 409: %s", exc)
        return ConflictError()
    if _storage_full(exc):
        logger.error("Write refused, the database's disk is full: %s", exc)
        return StorageFullError()
    return exc


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Map every error to the house shape; unknown exceptions stay 500s."""
    exc = _translated(exc)
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(exc.body(), status=exc.status)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        if isinstance(response.data, dict):
            return response
        response.data = {"detail": _first_text(response.data), "code": "invalid"}
        return response

    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    if isinstance(detail, dict) and "detail" in detail:
        code = str(detail.get("code", getattr(detail["detail"], "code", "error")))
        detail = detail["detail"]
    else:
        code = getattr(detail, "code", None) or "error"
    data = {"detail": _first_text(detail), "code": str(code)}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        data["retry_after_seconds"] = int(exc.wait)
    response.data = data
    return response


def json_bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 (413 for a body over the limit) as JSON: bad Host, oversized bodies…"""
    if isinstance(exception, RequestDataTooBig):
        return json_error(413, PayloadTooLargeError.default_detail)
    if request.path.startswith("/admin/"):
        return defaults.bad_request(request, exception)
    return json_error(400, "The request could not be understood.")


def json_csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A CSRF failure as JSON (the admin keeps Django's page)."""
    if request.path.startswith("/admin/"):
        return csrf_failure(request, reason)
    return JsonResponse(
        {"detail": f"CSRF check failed: {reason}", "code": "csrf_failed"}, status=403
    )


def json_page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matches: the house JSON shape (HTML under /admin/)."""
    if request.path.startswith("/admin/"):
        return defaults.page_not_found(request, exception)
    return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)


def json_server_error(request: HttpRequest) -> HttpResponse:
    """500 as JSON, with nothing of the failure shown to the client."""
    if request.path.startswith("/admin/"):
        return defaults.server_error(request)
    return JsonResponse(
        {"detail": "Something went wrong on our side.", "code": "server_error"},
        status=500,
    )

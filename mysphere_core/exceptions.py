"""The one exception handler of the API and the domain errors services raise.

Validation errors keep DRF's field map (`{"amount": ["..."]}`); every other error is
`{"detail": "...", "code": "..."}` with the right status.
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
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from mysphere_core.middleware import json_error

logger = logging.getLogger(__name__)


class DomainError(exceptions.APIException):
    """A business rule said no: 400 with a message a person can act on."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request breaks a business rule."
    default_code = "invalid"

    def __init__(self, detail: str | None = None, code: str | None = None) -> None:
        super().__init__(detail=detail, code=code)


class NotFoundError(DomainError):
    """The object does not exist for this user (other users' data included)."""

    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "Not found."
    default_code = "not_found"


class FeatureDisabledError(NotFoundError):
    """The feature is turned off on this server: its whole API is a 404."""

    default_detail = "This feature is turned off on this server."
    default_code = "feature_disabled"


class ConflictError(DomainError):
    """The request conflicts with the current state (duplicates, races)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with existing data."
    default_code = "conflict"


class PayloadTooLargeError(DomainError):
    """The request body is over the upload limit."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large (at most 2.5 MB)."
    default_code = "request_too_large"


class StorageFullError(DomainError):
    """The database cannot store anything now (its disk is full)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The server cannot store anything right now; try again later."
    default_code = "storage_full"


DISK_FULL_SQLSTATE = "53100"  # PostgreSQL's disk_full


def _storage_full(exc: Exception) -> bool:
    """A database error saying its disk is full (SQLite's or PostgreSQL's)."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code == DISK_FULL_SQLSTATE or "database or disk is full" in str(exc)


class LimitExceededError(DomainError):
    """A per-user limit (count, size) has been reached."""

    default_detail = "A limit has been reached."
    default_code = "limit_exceeded"


def _first_text(value: Any) -> str:
    """The first message of a DRF error structure, as a string."""
    if isinstance(value, (list, tuple)) and value:
        return _first_text(value[0])
    if isinstance(value, dict) and value:
        return _first_text(next(iter(value.values())))
    return str(value)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Map every error to the house shape; unknown exceptions stay 500s."""
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLargeError()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = NotFoundError()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError):
        logger.warning("Integrity error mapped to 409: %s", exc)
        exc = ConflictError()
    elif _storage_full(exc):
        logger.error("Write refused, the database's disk is full: %s", exc)
        exc = StorageFullError()

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

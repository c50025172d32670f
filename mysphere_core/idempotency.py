"""Idempotency keys: a write sent twice with the same `Idempotency-Key` writes once.

A client (the web app's offline queue) sends `Idempotency-Key: <any string>` with a
create or any action that writes. The first request with a key claims it for its
user (a unique row in the database, so it holds across worker processes and
servers) and its answer is kept; the same key from the same user within
`IDEMPOTENCY_TTL` gets that answer again (`Idempotent-Replayed: true`) and the view
never runs. A different request with the same key is a 422; a retry while the first
is still running is a 409. An answer of 500 or more is not kept: the key may be used
again. `IdempotencyMiddleware` (below, in MIDDLEWARE) applies it to every unsafe method
under `/api/`.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

from mysphere_core.errors import ErrorCode, PayloadTooLargeError
from mysphere_core.middleware import json_error
from mysphere_core.models import IdempotencyKeyModel

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_TTL = timedelta(hours=24)
KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, no spaces
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def error(code: ErrorCode, detail: str) -> JsonResponse:
    """The house error shape with its own code (and the code's status)."""
    return JsonResponse({"detail": detail, "code": code.value}, status=code.status)


INVALID_KEY = (
    ErrorCode.INVALID_IDEMPOTENCY_KEY,
    f"{HEADER} must be 1 to 255 visible ASCII characters (no spaces).",
)
REUSED = (
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    f"This {HEADER} was already used with a different request: use a new key "
    "for a new request.",
)
IN_PROGRESS = (
    ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
    f"A request with this {HEADER} is still being processed: retry in a moment.",
)


def valid_key(key: str) -> bool:
    """True for 1-255 visible ASCII characters."""
    return KEY_PATTERN.fullmatch(key) is not None


def fingerprint(request: HttpRequest) -> str:
    """The sha256 of what a request asks: method, path, query and body. A multipart
    body counts by its fields and each file's content (a client draws a new
    boundary for each retry, and files may exceed the in-memory body limit)."""
    digest = hashlib.sha256()
    kind = request.META.get("CONTENT_TYPE", "")
    for part in (request.method, request.get_full_path(), kind.split(";")[0]):
        digest.update(part.encode() + b"\0")
    if not kind.startswith("multipart/form-data"):
        digest.update(request.body)
        return digest.hexdigest()
    for name, values in sorted(request.POST.lists()):
        digest.update(repr((name, values)).encode())
    for name, files in sorted(request.FILES.lists()):
        for upload in files:
            digest.update(repr((name, upload.name, upload.size)).encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a key: the row to complete (a first request), or
    the response to give at once (a replay or an error)."""

    row: IdempotencyKeyModel | None = None
    response: HttpResponse | None = None


def claim(*, user: AbstractBaseUser, key: str, digest: str) -> Claim:
    """Claim `key` for this request, or say what to answer instead."""
    rows = IdempotencyKeyModel.objects.filter(user=user, key=key)
    rows.filter(created_at__lt=timezone.now() - IDEMPOTENCY_TTL).delete()
    try:
        with transaction.atomic():
            row = IdempotencyKeyModel.objects.create(
                user=user, key=key, fingerprint=digest
            )
        return Claim(row=row)
    except IntegrityError:
        first = rows.first()
    if first is None:  # the first request failed and let the key go meanwhile
        return Claim(response=error(*IN_PROGRESS))
    if first.fingerprint != digest:
        return Claim(response=error(*REUSED))
    if first.status_code is None:
        return Claim(response=error(*IN_PROGRESS))
    replay = HttpResponse(
        bytes(first.content), status=first.status_code, content_type=first.content_type
    )
    replay[REPLAYED_HEADER] = "true"
    return Claim(response=replay)


def complete(row: IdempotencyKeyModel, response: HttpResponse) -> None:
    """Keep the first answer for the retries; let the key go after a server error
    (or a streamed answer, which is not kept)."""
    if response.status_code >= 500 or response.streaming:
        row.delete()
        return
    row.status_code = response.status_code
    row.content_type = response.get("Content-Type", "")
    row.content = response.content
    row.save(update_fields=["status_code", "content_type", "content"])


def forget_expired() -> int:
    """Delete the keys older than `IDEMPOTENCY_TTL` (a daily job); how many."""
    cutoff = timezone.now() - IDEMPOTENCY_TTL
    return IdempotencyKeyModel.objects.filter(created_at__lt=cutoff).delete()[0]


def _api_user(request: HttpRequest) -> Any:
    """The user the API's authentication finds in the request, else None (the view
    answers 401 itself)."""
    drf_request = Request(request)
    for authenticator in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        try:
            found = authenticator().authenticate(drf_request)
        except APIException:
            return None
        if found is not None:
            return found[0]
    return None


class IdempotencyMiddleware:
    """`Idempotency-Key` on every unsafe method under `/api/`: the first answer of
    a key is kept and given again to its retries."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Replay, refuse, or run the request and keep its answer."""
        key = request.headers.get(HEADER)
        if (
            key is None
            or request.method not in UNSAFE_METHODS
            or not request.path.startswith("/api/")
        ):
            return self.get_response(request)
        if not valid_key(key):
            return error(*INVALID_KEY)
        user = _api_user(request)
        if user is None:
            return self.get_response(request)
        try:
            digest = fingerprint(request)
        except RequestDataTooBig:
            return json_error(413, PayloadTooLargeError.default_detail)
        except (MultiPartParserError, SuspiciousOperation):
            return json_error(400, "The request body could not be read.")
        claimed = claim(user=user, key=key, digest=digest)
        if claimed.response is not None:
            return claimed.response
        response = self.get_response(request)
        complete(claimed.row, response)
        return response

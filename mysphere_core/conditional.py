"""Conditional reads for polled screens: an ETag naming the version of what a
response shows, and `304 Not Modified` (nothing rendered) when the client already has
that version. The version is computed from the database on every request, so every
process and server agrees on it; nothing is kept in memory."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

# The client revalidates every time (it polls); no shared cache keeps a user's answer.
REVALIDATE_PRIVATE = "private, no-cache"

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The `ETag` of the answer you have: 304 with no body while it holds.",
)
NOT_MODIFIED = OpenApiResponse(
    description="Not Modified: the version named by `If-None-Match` is still current."
)


def version_etag(*parts: Any) -> str:
    """A weak ETag from what identifies one version of a response (its user, path,
    timestamps, counts): the same parts give the same tag."""
    text = "\x1f".join(str(part) for part in parts)
    return f'W/"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def conditional_get(
    request: HttpRequest, etag: str, render: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """304 when the request's `If-None-Match` names `etag` (`render` is not called),
    else `render()`; either way with the ETag, revalidated on every use."""
    response = get_conditional_response(request, etag=etag) or render()
    response["ETag"] = etag
    response["Cache-Control"] = REVALIDATE_PRIVATE
    return response

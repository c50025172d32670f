"""ReDoc served with a policy that keeps the browser on this server (see openapi.py)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView

# Images from this server (and inline ones) only; nothing else is restricted.
REDOC_CSP = "img-src 'self' data: blob:"


class LocalRedocView(SpectacularRedocView):
    """ReDoc, with a policy that keeps the browser from fetching Redocly's logo."""

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The ReDoc page, with `Content-Security-Policy: img-src 'self' ...`."""
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_CSP
        return response

"""The web app at `/`, on the API's own origin.

whitenoise serves the build's files (`WEB_APP_DIR`, set as `WHITENOISE_ROOT`): the
hashed `assets/` for good, the rest revalidated (`webapp_headers.py`). Every app route
(a path the browser app routes itself, such as `/login` or `/expenses/123`) answers the
build's `index.html` from the catch-all below, placed last in the URL conf. Paths under
`api/`, `admin/`, `static/`, `assets/`, `health/` and `ready/`, and paths whose last
segment has a dot, never reach it: they keep their JSON 404.
"""

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.utils.cache import get_conditional_response, set_response_etag
from django.views.decorators.csrf import csrf_exempt

from mysphere_core.middleware import json_error
from mysphere_core.webapp_headers import APP_PAGE_HEADERS, REVALIDATE

EXCLUDED_PREFIXES = ("api", "admin", "static", "assets", "health", "ready")
# Not an excluded prefix; segments with no dot in the last one; optional final slash.
APP_ROUTE = (
    rf"^(?!(?:{'|'.join(EXCLUDED_PREFIXES)})(?:/|$))" r"(?:(?:[^/]+/)*[^/.]+/?)?$"
)
NOT_BUILT_PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MY SPHERE</title></head>
<body><h1>The web app is not built yet</h1>
<p>Run <code>make web</code> (or <code>make run</code>, which builds it) and reload
this page. The API works meanwhile: <a href="/api/docs/">/api/docs/</a>.</p>
</body></html>
"""


def _read_index() -> bytes | None:
    """The build's `index.html`, or None when the app is not built (or mid-build)."""
    try:
        return (Path(settings.WEB_APP_DIR) / "index.html").read_bytes()
    except OSError:
        return None


def _page(content: bytes, status: int = 200) -> HttpResponse:
    """An HTML page of the app: revalidated on every use, with its security headers."""
    response = HttpResponse(
        content, status=status, content_type="text/html; charset=utf-8"
    )
    response["Cache-Control"] = REVALIDATE
    for name, value in APP_PAGE_HEADERS.items():
        response[name] = value
    return response


@csrf_exempt
def app_page(request: HttpRequest) -> HttpResponse:
    """GET/HEAD of an app route: the app's `index.html` (304 when the browser's copy
    is current); 503 with a short page when the app is not built; 405 for any other
    method."""
    if request.method not in ("GET", "HEAD"):
        response = json_error(405)
        response["Allow"] = "GET, HEAD"
        return response
    index = _read_index()
    if index is None:
        return _page(NOT_BUILT_PAGE, status=503)
    response = _page(index)
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def app_urlpatterns() -> list[URLPattern]:
    """The catch-all of the app's routes: goes last in the root URL conf."""
    return [re_path(APP_ROUTE, app_page, name="web-app")]

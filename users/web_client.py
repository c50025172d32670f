"""The web app's sign-in: its refresh token lives in an HttpOnly cookie.

The browser app sends `X-MySphere-Client: web` on its auth calls. Login and register
then answer the access token alone and set the refresh token as the cookie
`mysphere_refresh` (HttpOnly, SameSite=Strict, path `/api/users/token/`, Secure under
HTTPS): no script can read it and the browser sends it to the refresh and logout
endpoints only. Those read the cookie only with the header (a cross-site form cannot
send one) and, when the browser names an `Origin`, only from this server's own origin
or one of `CSRF_TRUSTED_ORIGINS`. API clients, without the header, keep getting both
tokens in the JSON body.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import is_same_domain
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework_simplejwt.settings import api_settings as jwt_settings

CLIENT_HEADER = "X-MySphere-Client"
WEB_CLIENT = "web"
REFRESH_COOKIE = "mysphere_refresh"
REFRESH_COOKIE_PATH = "/api/users/token/"

CLIENT_PARAMETER = OpenApiParameter(
    name=CLIENT_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    enum=[WEB_CLIENT],
    description=(
        "`web` for the browser app: the refresh token travels in the HttpOnly cookie "
        f"`{REFRESH_COOKIE}` (path `{REFRESH_COOKIE_PATH}`), never in a JSON body."
    ),
)


def is_web_client(request: HttpRequest) -> bool:
    """True when the request comes from the web app (`X-MySphere-Client: web`)."""
    return request.headers.get(CLIENT_HEADER, "").strip().lower() == WEB_CLIENT


def require_web_client(request: HttpRequest) -> None:
    """Refuse (403) a cookie call without the web client's header or from a foreign
    origin: a cross-site page can make the browser send the cookie, not the header."""
    if not is_web_client(request):
        raise exceptions.PermissionDenied(
            f"Send the header {CLIENT_HEADER}: {WEB_CLIENT} to use the sign-in cookie.",
            code="web_client_required",
        )
    origin = request.headers.get("Origin")
    if origin is not None and not _origin_allowed(request, origin):
        raise exceptions.PermissionDenied(
            f"Requests from {origin} may not use the sign-in cookie.",
            code="origin_not_allowed",
        )


def _origin_allowed(request: HttpRequest, origin: str) -> bool:
    """This server's own origin, or one of `CSRF_TRUSTED_ORIGINS` (`*.` wildcards as
    Django reads them)."""
    scheme = "https" if request.is_secure() else "http"
    if origin == f"{scheme}://{request.get_host()}":
        return True
    origin_scheme, _, origin_netloc = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if trusted == origin:
            return True
        trusted_scheme, _, trusted_netloc = trusted.partition("://")
        if (
            "*" in trusted_netloc
            and trusted_scheme == origin_scheme
            and is_same_domain(origin_netloc, trusted_netloc.lstrip("*"))
        ):
            return True
    return False


def cookie_refresh(request: HttpRequest) -> str:
    """The refresh token of the cookie; 401 `not_authenticated` when there is none."""
    refresh = request.COOKIES.get(REFRESH_COOKIE, "")
    if not refresh:
        raise exceptions.NotAuthenticated(
            "You are not signed in on this browser: log in again.",
            code="not_authenticated",
        )
    return refresh


def _set_cookie(
    response: HttpResponse, request: HttpRequest, value: str, max_age: int
) -> None:
    """The cookie with its fixed attributes."""
    response.set_cookie(
        REFRESH_COOKIE,
        value,
        max_age=max_age,
        path=REFRESH_COOKIE_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Strict",
    )


def clear_refresh_cookie(response: HttpResponse, request: HttpRequest) -> None:
    """Tell the browser to forget the cookie (same name and path, Max-Age 0)."""
    _set_cookie(response, request, "", 0)


def tokens_response(
    request: HttpRequest, body: dict[str, Any], status: int = 200
) -> Response:
    """`body` as the client should see it: for the web app, its `refresh` moved from
    the body into the cookie; for API clients, unchanged."""
    if not is_web_client(request):
        return Response(body, status=status)
    body = dict(body)
    refresh = body.pop("refresh")
    response = Response(body, status=status)
    lifetime = int(jwt_settings.REFRESH_TOKEN_LIFETIME.total_seconds())
    _set_cookie(response, request, refresh, lifetime)
    return response

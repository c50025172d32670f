"""Thin views of the users feature: validate, call one service method, render."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mysphere_core.schema import ErrorSerializer
from mysphere_core.serializers import validated
from users import serializers as s
from users import web_client
from users.services import UserService

WEB_COOKIE_NOTE = (
    "\n\nWith `X-MySphere-Client: web` (the browser app) the body has no `refresh`: "
    "the refresh token is set as the cookie `mysphere_refresh` (HttpOnly, "
    "SameSite=Strict, Path=/api/users/token/, Max-Age the refresh lifetime, Secure "
    "under HTTPS)."
)
COOKIE_REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="The cookie call came without `X-MySphere-Client: web` "
    "(`web_client_required`) or from a foreign `Origin` (`origin_not_allowed`).",
)


def _auth_response(
    request: Request, user: object, code: int = status.HTTP_200_OK
) -> Response:
    """Tokens plus the user (the web app's refresh token in its cookie)."""
    body = {**UserService.tokens_for(user=user), "user": s.UserSerializer(user).data}
    return web_client.tokens_response(request, body, code)


class _PublicAuthView(APIView):
    """Anonymous endpoints under the strict `auth` throttle scope."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_scope = "auth"

    def get_authenticate_header(self, request: Request) -> str:
        """Failed credentials answer 401 with a Bearer challenge, not 403."""
        return 'Bearer realm="api"'


class RegisterView(_PublicAuthView):
    """Create an account and log in at once."""

    @extend_schema(
        description="Create an account and log in at once." + WEB_COOKIE_NOTE,
        parameters=[web_client.CLIENT_PARAMETER],
        request=s.RegisterSerializer,
        responses={201: s.AuthResponseSerializer},
    )
    def post(self, request: Request) -> Response:
        """Register a new user."""
        body = validated(s.RegisterSerializer, request.data)
        user = UserService.register(**body)
        return _auth_response(request, user, status.HTTP_201_CREATED)


class LoginView(_PublicAuthView):
    """Log in with username or email."""

    @extend_schema(
        description="Exchange credentials for an access and a refresh token."
        + WEB_COOKIE_NOTE,
        parameters=[web_client.CLIENT_PARAMETER],
        request=s.LoginSerializer,
        responses={200: s.AuthResponseSerializer},
    )
    def post(self, request: Request) -> Response:
        """Exchange credentials for an access and a refresh token."""
        data = validated(s.LoginSerializer, request.data)
        user = UserService.authenticate(login=data["login"], password=data["password"])
        return _auth_response(request, user)


class _CookieErrorsMixin:
    """A web call refused for its cookie (401) also clears the cookie."""

    def handle_exception(self, exc: Exception) -> Response:
        """The error response, with the cookie cleared when it was the problem."""
        response = super().handle_exception(exc)
        unauthorized = response.status_code == status.HTTP_401_UNAUTHORIZED
        if unauthorized and web_client.is_web_client(self.request):
            web_client.clear_refresh_cookie(response, self.request)
        return response


class RefreshView(_CookieErrorsMixin, _PublicAuthView):
    """Rotate a refresh token: the old one is blacklisted."""

    throttle_scope = "refresh"

    @extend_schema(
        description=(
            "Rotate a refresh token: a new access token and refresh token, the old "
            "refresh token blacklisted. API clients send `refresh` in the body and "
            "get both tokens back. The web app sends `X-MySphere-Client: web` and no "
            "body: the refresh token is read from the cookie `mysphere_refresh`, the "
            "answer is `{access}` and the new refresh token replaces the cookie; no "
            "cookie or a dead one is a 401 that also clears the cookie."
        ),
        parameters=[web_client.CLIENT_PARAMETER],
        request=s.TokenRefreshSerializer,
        responses={200: s.TokenRefreshSerializer, 403: COOKIE_REFUSED},
    )
    def post(self, request: Request) -> Response:
        """Rotate the body's refresh token, or the cookie's for the web app."""
        if web_client.is_web_client(request):
            web_client.require_web_client(request)
            refresh = web_client.cookie_refresh(request)
        else:
            refresh = validated(s.RefreshSerializer, request.data)["refresh"]
        tokens = UserService.refresh_tokens(refresh=refresh)
        return web_client.tokens_response(request, tokens)


class CookieLogoutView(_PublicAuthView):
    """The web app's logout: ends the session of the refresh cookie."""

    throttle_scope = "refresh"

    @extend_schema(
        description=(
            "Log out the web app (`X-MySphere-Client: web` required; no Authorization "
            "needed, the access token may have expired): the refresh token of the "
            "cookie `mysphere_refresh` is blacklisted, its session's access tokens are "
            "refused at once, and the cookie is cleared (Max-Age 0). Idempotent: "
            "without a cookie (or with a dead one) the answer is the same."
        ),
        parameters=[web_client.CLIENT_PARAMETER],
        request=None,
        responses={200: s.MessageSerializer, 403: COOKIE_REFUSED},
    )
    def post(self, request: Request) -> Response:
        """End the cookie's session and clear the cookie."""
        web_client.require_web_client(request)
        refresh = request.COOKIES.get(web_client.REFRESH_COOKIE)
        if refresh:
            UserService.end_session(refresh=refresh)
        response = Response({"detail": "Logged out."})
        web_client.clear_refresh_cookie(response, request)
        return response


class LogoutView(APIView):
    """Blacklist a refresh token."""

    @extend_schema(request=s.RefreshSerializer, responses={200: s.MessageSerializer})
    def post(self, request: Request) -> Response:
        """Log out: the given refresh token stops working."""
        body = validated(s.RefreshSerializer, request.data)
        UserService.logout(user=request.user, refresh=body["refresh"])
        return Response({"detail": "Logged out."})


class LogoutEverywhereView(APIView):
    """End every session of the user, this one included."""

    @extend_schema(
        description=(
            "Log out on every device: every refresh token of the user is blacklisted "
            "and every session's access tokens are refused at once; the web app's "
            "refresh cookie is cleared (Max-Age 0). Each device must log in again."
        ),
        request=None,
        responses={200: s.LogoutEverywhereSerializer},
    )
    def post(self, request: Request) -> Response:
        """End all the user's sessions and clear this browser's cookie."""
        ended = UserService.logout_everywhere(user=request.user)
        body = {"detail": "Logged out everywhere.", "sessions_ended": ended}
        response = Response(body)
        web_client.clear_refresh_cookie(response, request)
        return response


class MeView(APIView):
    """The logged-in user: read, update, deactivate."""

    @extend_schema(responses={200: s.UserSerializer})
    def get(self, request: Request) -> Response:
        """The user and their profile."""
        UserService.profile_for(user=request.user)
        return Response(s.UserSerializer(request.user).data)

    @extend_schema(request=s.UserUpdateSerializer, responses={200: s.UserSerializer})
    def patch(self, request: Request) -> Response:
        """Update names and profile settings."""
        body = validated(s.UserUpdateSerializer, request.data, partial=True)
        user = UserService.update_profile(user=request.user, data=body)
        return Response(s.UserSerializer(user).data)

    @extend_schema(
        parameters=[s.EraseAccountQuerySerializer],
        request=s.EraseAccountSerializer,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        """Deactivate the account (the data stays); with `?erase=true` and the
        password in the body, erase the account and all its data for good
        (export it first: `GET /api/integrations/export/`)."""
        query = validated(s.EraseAccountQuerySerializer, request.query_params)
        if query["erase"]:
            body = validated(s.EraseAccountSerializer, request.data)
            UserService.erase(user=request.user, **body)
        else:
            UserService.deactivate(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChangePasswordView(APIView):
    """Change the password; every refresh token is revoked."""

    @extend_schema(
        request=s.ChangePasswordSerializer, responses={200: s.MessageSerializer}
    )
    def post(self, request: Request) -> Response:
        """Change the password of the logged-in user."""
        body = validated(s.ChangePasswordSerializer, request.data)
        UserService.change_password(user=request.user, **body)
        return Response({"detail": "Password changed. Log in again on other devices."})


class PasswordResetView(_PublicAuthView):
    """Ask for a reset email (always 200, whether the email is known or not)."""

    @extend_schema(
        request=s.PasswordResetSerializer, responses={200: s.MessageSerializer}
    )
    def post(self, request: Request) -> Response:
        """Send a reset link if the email belongs to an account."""
        body = validated(s.PasswordResetSerializer, request.data)
        UserService.request_password_reset(
            email=body["email"],
            base_url=request.build_absolute_uri("/"),
        )
        return Response(
            {"detail": "If an account has this email, a reset link is on its way."}
        )


class PasswordResetConfirmView(_PublicAuthView):
    """Set a new password with the uid and token from the email."""

    @extend_schema(
        request=s.PasswordResetConfirmSerializer, responses={200: s.MessageSerializer}
    )
    def post(self, request: Request) -> Response:
        """Confirm a password reset."""
        body = validated(s.PasswordResetConfirmSerializer, request.data)
        UserService.confirm_password_reset(**body)
        return Response({"detail": "Password has been reset. You can log in now."})

"""Thin views of the users feature: validate, call one service method, render."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from users import serializers as s
from users.services import UserService


def _auth_response(user: object, code: int = status.HTTP_200_OK) -> Response:
    """Tokens plus the user."""
    body = {**UserService.tokens_for(user=user), "user": s.UserSerializer(user).data}
    return Response(body, status=code)


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
        request=s.RegisterSerializer, responses={201: s.AuthResponseSerializer}
    )
    def post(self, request: Request) -> Response:
        """Register a new user."""
        serializer = s.RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = UserService.register(**serializer.validated_data)
        return _auth_response(user, status.HTTP_201_CREATED)


class LoginView(_PublicAuthView):
    """Log in with username or email."""

    @extend_schema(request=s.LoginSerializer, responses={200: s.AuthResponseSerializer})
    def post(self, request: Request) -> Response:
        """Exchange credentials for an access and a refresh token."""
        serializer = s.LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = UserService.authenticate(login=data["login"], password=data["password"])
        return _auth_response(user)


class RefreshView(TokenRefreshView):
    """Rotate a refresh token: the old one is blacklisted."""

    throttle_scope = "refresh"


class LogoutView(APIView):
    """Blacklist a refresh token."""

    @extend_schema(request=s.RefreshSerializer, responses={200: s.MessageSerializer})
    def post(self, request: Request) -> Response:
        """Log out: the given refresh token stops working."""
        serializer = s.RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        UserService.logout(
            user=request.user, refresh=serializer.validated_data["refresh"]
        )
        return Response({"detail": "Logged out."})


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
        serializer = s.UserUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = UserService.update_profile(
            user=request.user, data=serializer.validated_data
        )
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
        query = s.EraseAccountQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if query.validated_data["erase"]:
            body = s.EraseAccountSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            UserService.erase(user=request.user, **body.validated_data)
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
        serializer = s.ChangePasswordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        UserService.change_password(user=request.user, **serializer.validated_data)
        return Response({"detail": "Password changed. Log in again on other devices."})


class PasswordResetView(_PublicAuthView):
    """Ask for a reset email (always 200, whether the email is known or not)."""

    @extend_schema(
        request=s.PasswordResetSerializer, responses={200: s.MessageSerializer}
    )
    def post(self, request: Request) -> Response:
        """Send a reset link if the email belongs to an account."""
        serializer = s.PasswordResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        UserService.request_password_reset(email=serializer.validated_data["email"])
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
        serializer = s.PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        UserService.confirm_password_reset(**serializer.validated_data)
        return Response({"detail": "Password has been reset. You can log in now."})

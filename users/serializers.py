"""Serializers of the users feature: validation in, rendering out."""

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mysphere_core.fields import CurrencyField
from mysphere_core.money import validate_timezone
from mysphere_core.serializers import StrictSerializer
from users.models import UserProfileModel
from users.roles import role_of
from users.services import UserService

User = get_user_model()


USERNAME_FIELD = {
    "regex": r"^[\w.+-]+\Z",
    "max_length": 150,
    "error_messages": {
        "invalid": "Use letters, digits and ./+/-/_ only in the username "
        "(no @: that is how a login is told apart from an email)."
    },
}


MAX_PASSWORD = 128  # characters; longer is refused, never hashed


class PasswordField(serializers.CharField):
    """A password in: write-only, at most MAX_PASSWORD characters."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("write_only", True)
        kwargs.setdefault("max_length", MAX_PASSWORD)
        kwargs.setdefault("style", {"input_type": "password"})
        super().__init__(**kwargs)


class UserProfileSerializer(StrictSerializer, serializers.ModelSerializer):
    """The profile: currency, time zone, income, goals, risk, notifications."""

    currency = CurrencyField(required=False)
    timezone = serializers.CharField(
        max_length=64, validators=[validate_timezone], required=False
    )
    monthly_income = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, allow_null=True, required=False
    )
    financial_goals = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=20, required=False
    )

    class Meta:
        model = UserProfileModel
        fields = list(UserProfileModel.EDITABLE_FIELDS)


class UserSerializer(serializers.ModelSerializer):
    """A user as the API shows it, profile nested."""

    user_id = serializers.IntegerField(source="id", read_only=True)
    profile = UserProfileSerializer(read_only=True)

    class Meta:
        model = User
        fields = [
            "user_id",
            "username",
            "email",
            "first_name",
            "last_name",
            "date_joined",
            "last_login",
            "profile",
        ]
        read_only_fields = fields


class UserUpdateSerializer(StrictSerializer):
    """PATCH /me/: names, profile settings, and (with the current password) the
    username or email. Unknown fields are a 400, never silently ignored."""

    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    username = serializers.RegexField(required=False, **USERNAME_FIELD)
    email = serializers.EmailField(required=False)
    current_password = PasswordField(
        required=False,
        help_text="Needed to change the username or the email.",
    )
    profile = UserProfileSerializer(required=False)


class RegisterSerializer(serializers.Serializer):
    """New account: username, email, password, optional names and profile."""

    username = serializers.RegexField(**USERNAME_FIELD)
    email = serializers.EmailField()
    password = PasswordField()
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    profile = UserProfileSerializer(required=False)


class LoginSerializer(serializers.Serializer):
    """Username or email, and the password."""

    username = serializers.CharField(
        required=False, help_text="Username, or the email address."
    )
    email = serializers.EmailField(required=False)
    password = PasswordField()

    def validate(self, attrs: dict) -> dict:
        """Exactly one way to name the account is needed."""
        login = attrs.get("username") or attrs.get("email")
        if not login:
            raise serializers.ValidationError(
                {"username": ["Give your username or your email."]}
            )
        attrs["login"] = login
        return attrs


COOKIE_REFRESH_HELP = (
    "Absent for the web app (`X-MySphere-Client: web`): its refresh token is in "
    "the HttpOnly cookie `mysphere_refresh` instead."
)


class AuthResponseSerializer(serializers.Serializer):
    """Tokens and the user, as register and login return them."""

    access = serializers.CharField()
    refresh = serializers.CharField(required=False, help_text=COOKIE_REFRESH_HELP)
    user = UserSerializer()


class RefreshSerializer(serializers.Serializer):
    """A refresh token."""

    refresh = serializers.CharField()


@extend_schema_serializer(component_name="TokenRefresh")
class TokenRefreshSerializer(serializers.Serializer):
    """In: the refresh token (none from the web app: the cookie carries it).
    Out: a new access token, and the new refresh token for API clients."""

    refresh = serializers.CharField(
        required=False,
        help_text="Required for API clients. " + COOKIE_REFRESH_HELP,
    )
    access = serializers.CharField(read_only=True)


class ChangePasswordSerializer(serializers.Serializer):
    """The current password and the new one."""

    old_password = PasswordField()
    new_password = PasswordField()


class EraseAccountQuerySerializer(serializers.Serializer):
    """`?erase=true`: delete every piece of data for good, not just deactivate."""

    erase = serializers.BooleanField(required=False, default=False)


class EraseAccountSerializer(serializers.Serializer):
    """The password, confirming the erasure."""

    password = PasswordField(
        error_messages={
            "required": "Confirm with your password. Nothing can be recovered: "
            "export your data first (GET /api/integrations/export/)."
        },
    )


class PasswordResetSerializer(serializers.Serializer):
    """The email to send a reset link to."""

    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    """The uid and token from the email, and the new password."""

    uid = serializers.CharField()
    token = serializers.CharField()
    new_password = PasswordField()


class MessageSerializer(serializers.Serializer):
    """A plain confirmation."""

    detail = serializers.CharField()


class LogoutEverywhereSerializer(MessageSerializer):
    """Every session ended: how many were live."""

    sessions_ended = serializers.IntegerField()


class AdminUserSerializer(serializers.ModelSerializer):
    """An account as administrators see it."""

    user_id = serializers.IntegerField(source="id", read_only=True)
    role = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "user_id",
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "role",
            "currency",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields

    def get_role(self, user: Any) -> str:
        """`user`, `support` or `admin`."""
        return role_of(user)

    def get_currency(self, user: Any) -> str:
        """The user's default currency (USD for an account without a profile)."""
        return UserService.currency_for(user=user)


class FeatureCallsSerializer(serializers.Serializer):
    """AI calls made today for one feature."""

    feature = serializers.CharField()
    calls = serializers.IntegerField()


class PlatformCountsSerializer(serializers.Serializer):
    """Platform counts for administrators."""

    users = serializers.IntegerField()
    active_users = serializers.IntegerField()
    active_this_week = serializers.IntegerField(help_text="Logged in the last 7 days.")
    day = serializers.DateField()
    ai_calls_today = FeatureCallsSerializer(many=True)

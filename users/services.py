"""All business logic of the users feature: accounts, tokens, profiles, passwords."""

import logging
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group, update_last_login
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)
from rest_framework_simplejwt.tokens import RefreshToken

from mysphere_core import events, outbound, userdata
from mysphere_core.errors import DomainError, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from mysphere_core.models import AIUsageModel
from users import roles, sessions
from users.ai_insights import profile_prompt_context
from users.models import UserProfileModel
from users.tasks import send_password_reset_email

logger = logging.getLogger(__name__)
User = get_user_model()

USER_FIELDS = ("first_name", "last_name")
IDENTITY_FIELDS = ("username", "email")


class UserService:
    """Accounts, JWT tokens, profiles and password flows."""

    # --- accounts -------------------------------------------------------------------

    @staticmethod
    @transaction.atomic
    def register(
        *,
        username: str,
        email: str,
        password: str,
        first_name: str = "",
        last_name: str = "",
        profile: dict[str, Any] | None = None,
    ) -> AbstractBaseUser:
        """Create a user and their profile; email and username unique, any case."""
        email = User.objects.normalize_email(email).strip()
        errors: dict[str, list[str]] = {}
        if User.objects.filter(username__iexact=username).exists():
            errors["username"] = ["A user with that username already exists."]
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = ["A user with that email already exists."]
        if errors:
            raise InvalidInput(errors=errors)
        candidate = User(
            username=username, email=email, first_name=first_name, last_name=last_name
        )
        try:
            validate_password(password, user=candidate)
        except DjangoValidationError as exc:
            raise InvalidInput(errors={"password": list(exc.messages)})
        candidate.set_password(password)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError as exc:  # a concurrent registration won the race
            field = "email" if "email" in str(exc).lower() else "username"
            raise InvalidInput(
                errors={field: [f"A user with that {field} already exists."]}
            )
        UserProfileModel.objects.create(user=candidate, **(profile or {}))
        return candidate

    @staticmethod
    def authenticate(*, login: str, password: str) -> AbstractBaseUser:
        """The user whose username or email is `login` and whose password matches."""
        lookup = {"email__iexact": login} if "@" in login else {"username": login}
        user = User.objects.filter(**lookup).order_by("id").first()
        if user is None:
            make_password(password)  # same work as a real check: no timing oracle
            raise exceptions.AuthenticationFailed(
                "Invalid credentials.", code="invalid_credentials"
            )
        if not user.check_password(password):
            raise exceptions.AuthenticationFailed(
                "Invalid credentials.", code="invalid_credentials"
            )
        if not user.is_active:
            raise exceptions.AuthenticationFailed(
                "This account has been deactivated.", code="account_inactive"
            )
        update_last_login(None, user)
        return user

    @staticmethod
    def tokens_for(*, user: AbstractBaseUser) -> dict[str, str]:
        """A fresh access and refresh token pair: a new session (`sid`)."""
        refresh = RefreshToken.for_user(user)
        refresh[sessions.SESSION_CLAIM] = refresh[jwt_settings.JTI_CLAIM]
        return {"access": str(refresh.access_token), "refresh": str(refresh)}

    @staticmethod
    def refresh_tokens(*, refresh: str) -> dict[str, str]:
        """Rotate a refresh token: a new access and refresh token of the same session,
        the old refresh token blacklisted; 401 `token_not_valid` for a bad one."""
        serializer = TokenRefreshSerializer(data={"refresh": refresh})
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as exc:
            raise InvalidToken(exc.args[0]) from exc
        except User.DoesNotExist as exc:  # the account was erased since
            raise InvalidToken("The account of this token no longer exists.") from exc
        return serializer.validated_data

    @staticmethod
    def logout(*, user: AbstractBaseUser, refresh: str) -> None:
        """End one of the user's sessions: its refresh token is blacklisted and its
        access tokens are refused at once."""
        try:
            token = RefreshToken(refresh)
        except TokenError as exc:
            raise InvalidInput(str(exc), field="refresh")
        if str(token.get(jwt_settings.USER_ID_CLAIM)) != str(user.pk):
            raise InvalidInput(
                "This refresh token belongs to another session.", field="refresh"
            )
        UserService._end_session(user=user, token=token)

    @staticmethod
    def end_session(*, refresh: str) -> bool:
        """End the session of a refresh token alone (the web app's cookie, whose
        access token may have expired), as `logout` does. A token that is invalid,
        expired or already ended has nothing left to end: False."""
        try:
            token = RefreshToken(refresh)
        except TokenError:
            return False
        user_id = token.get(jwt_settings.USER_ID_CLAIM)
        user = User.objects.filter(**{jwt_settings.USER_ID_FIELD: user_id}).first()
        if user is None:
            return False
        UserService._end_session(user=user, token=token)
        return True

    @staticmethod
    @transaction.atomic
    def _end_session(*, user: AbstractBaseUser, token: RefreshToken) -> None:
        """Blacklist the refresh token and revoke its session (`sid`)."""
        token.blacklist()
        if sid := token.get(sessions.SESSION_CLAIM):
            sessions.revoke(user=user, sid=str(sid))

    @staticmethod
    def revoke_all_tokens(*, user: AbstractBaseUser) -> int:
        """Blacklist every outstanding refresh token of the user; returns how many."""
        pending = OutstandingToken.objects.filter(
            user=user, blacklistedtoken__isnull=True
        )
        rows = [BlacklistedToken(token=token) for token in pending]
        BlacklistedToken.objects.bulk_create(rows, ignore_conflicts=True)
        return len(rows)

    @staticmethod
    @transaction.atomic
    def logout_everywhere(*, user: AbstractBaseUser) -> int:
        """End every session of the user: every refresh token blacklisted and each
        live session revoked, so its access tokens are refused at once too (not
        only once they expire). Returns how many sessions were live."""
        live = OutstandingToken.objects.filter(
            user=user, blacklistedtoken__isnull=True, expires_at__gt=timezone.now()
        ).values_list("token", flat=True)
        sids = {sid for sid in map(sessions.sid_of, live) if sid}
        UserService.revoke_all_tokens(user=user)
        sessions.revoke_all(user=user, sids=sids)
        return len(sids)

    @staticmethod
    @transaction.atomic
    def deactivate(*, user: AbstractBaseUser) -> None:
        """Turn the account off: no login, no refresh; the data stays."""
        user.is_active = False
        user.save(update_fields=["is_active"])
        UserService.revoke_all_tokens(user=user)
        events.announce("user.deactivated", user=user)

    @staticmethod
    def erase(*, user: AbstractBaseUser, password: str) -> dict[str, dict[str, int]]:
        """Delete the account and every feature's data for good (the password
        confirms it): `userdata.erase_all`, atomically. Rows deleted per feature."""
        if not user.check_password(password):
            raise InvalidInput("The password is incorrect.", field="password")
        erased = userdata.erase_all(user)
        logger.info("Account %s erased: %s", user.pk, erased)
        return erased

    # --- profile --------------------------------------------------------------------

    @staticmethod
    def profile_for(*, user: AbstractBaseUser) -> UserProfileModel:
        """The user's profile, created with defaults if it is missing; read afresh and
        kept as `user.profile`, so what is changed is what the response shows."""
        profile, _ = UserProfileModel.objects.get_or_create(user=user)
        user.profile = profile
        return profile

    @staticmethod
    @transaction.atomic
    def update_profile(
        *, user: AbstractBaseUser, data: dict[str, Any]
    ) -> AbstractBaseUser:
        """Update names, identity (username, email) and profile settings.

        A new username or email needs `current_password` and stays unique in any case.
        """
        user_changes = {k: v for k, v in data.items() if k in USER_FIELDS}
        user_changes.update(UserService._identity_changes(user=user, data=data))
        for field, value in user_changes.items():
            setattr(user, field, value)
        if user_changes:
            user.save(update_fields=list(user_changes))
        profile_changes = {
            k: v
            for k, v in data.get("profile", {}).items()
            if k in UserProfileModel.EDITABLE_FIELDS
        }
        profile = UserService.profile_for(user=user)
        for field, value in profile_changes.items():
            setattr(profile, field, value)
        if profile_changes:
            profile.full_clean()
            profile.save()
        if user_changes or profile_changes:
            fields = sorted([*user_changes, *profile_changes])
            events.announce("user.profile_updated", user=user, fields=fields)
        return user

    @staticmethod
    def _identity_changes(
        *, user: AbstractBaseUser, data: dict[str, Any]
    ) -> dict[str, str]:
        """The new username/email of `data`, checked: password, uniqueness."""
        if "email" in data:
            data = {**data, "email": User.objects.normalize_email(data["email"])}
        changes = {
            f: data[f]
            for f in IDENTITY_FIELDS
            if f in data and data[f] != getattr(user, f)
        }
        if not changes:
            return {}
        if not user.check_password(data.get("current_password") or ""):
            raise InvalidInput(
                "Give your current password to change this.", field="current_password"
            )
        others = User.objects.exclude(pk=user.pk)
        taken = {
            f: [f"A user with that {f} already exists."]
            for f, value in changes.items()
            if others.filter(**{f"{f}__iexact": value}).exists()
        }
        if taken:
            raise InvalidInput(errors=taken)
        return changes

    @staticmethod
    def timezone_for(*, user: AbstractBaseUser) -> ZoneInfo:
        """The user's time zone (UTC when unknown)."""
        return ZoneInfo(_profile_setting(user, "timezone", "UTC"))

    @staticmethod
    def now_for(*, user: AbstractBaseUser) -> datetime:
        """The current moment in the user's time zone."""
        return timezone.now().astimezone(UserService.timezone_for(user=user))

    @staticmethod
    def today_for(*, user: AbstractBaseUser) -> date:
        """Today's date where the user lives."""
        return UserService.now_for(user=user).date()

    @staticmethod
    def currency_for(*, user: AbstractBaseUser) -> str:
        """The user's default currency."""
        return _profile_setting(user, "currency", "USD")

    @staticmethod
    def active_id_for_email(*, email: str) -> int | None:
        """The id of the active account with this email (any case), if any: for
        the server's own use (a notification), never for an answer."""
        if not email:
            return None
        users = User.objects.filter(email__iexact=email, is_active=True)
        return users.order_by("pk").values_list("pk", flat=True).first()

    @staticmethod
    def profile_context(*, user: AbstractBaseUser) -> dict[str, Any]:
        """What an AI prompt may know of the user: settings and goals, no identity."""
        return profile_prompt_context(getattr(user, "profile", None))

    # --- passwords ------------------------------------------------------------------

    @staticmethod
    @transaction.atomic
    def change_password(
        *, user: AbstractBaseUser, old_password: str, new_password: str
    ) -> None:
        """Check the old password, set the new one and revoke every refresh token."""
        if not user.check_password(old_password):
            raise InvalidInput(
                "The current password is incorrect.", field="old_password"
            )
        UserService._set_password(user=user, password=new_password)

    @staticmethod
    def request_password_reset(*, email: str, base_url: str) -> None:
        """Queue the reset: the task looks the address up and emails a known one a
        link under `FRONTEND_URL`, or under `base_url` (the origin the request came
        to) when that is not set.

        The request itself neither reads the users table nor sends anything (the
        task runs on a worker, or after the response), so it answers in the same
        time whether the address is known or not.
        """
        outbound.later(send_password_reset_email, email.strip(), base_url)

    @staticmethod
    @transaction.atomic
    def confirm_password_reset(*, uid: str, token: str, new_password: str) -> None:
        """Set a new password from an emailed uid + token (each link works once)."""
        invalid = InvalidInput(
            "The reset link is invalid or has expired.", field="token"
        )
        try:
            pk = force_str(urlsafe_base64_decode(uid))
            user = User.objects.get(pk=pk, is_active=True)
        except (ValueError, TypeError, OverflowError, User.DoesNotExist):
            raise invalid
        if not default_token_generator.check_token(user, token):
            raise invalid
        UserService._set_password(user=user, password=new_password)

    @staticmethod
    def _set_password(*, user: AbstractBaseUser, password: str) -> None:
        """Validate and store a new password, then revoke every refresh token."""
        try:
            validate_password(password, user=user)
        except DjangoValidationError as exc:
            raise InvalidInput(errors={"new_password": list(exc.messages)})
        user.set_password(password)
        user.save(update_fields=["password"])
        UserService.revoke_all_tokens(user=user)


class UserAdminService:
    """What administrators (and, read-only, support staff) do with accounts."""

    @staticmethod
    def queryset_for() -> QuerySet[AbstractBaseUser]:
        """Every account with its profile and groups, newest first."""
        users = User.objects.select_related("profile").prefetch_related("groups")
        return users.order_by("-date_joined", "-id")

    @staticmethod
    def get_for(*, pk: Any) -> AbstractBaseUser:
        """One account by id, or 404."""
        user = UserAdminService.queryset_for().filter(pk=parse_pk(pk) or 0).first()
        if user is None:
            raise NotFoundError("User not found.")
        return user

    @staticmethod
    @transaction.atomic
    def set_active(
        *, actor: AbstractBaseUser, pk: Any, active: bool
    ) -> AbstractBaseUser:
        """Deactivate (tokens revoked, data kept) or reactivate an account."""
        user = UserAdminService.get_for(pk=pk)
        if user.pk == actor.pk and not active:
            raise DomainError("You cannot deactivate your own account here.")
        if active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        else:
            UserService.deactivate(user=user)
        logger.info("Account %s %s by %s", user.pk, "on" if active else "off", actor.pk)
        return user

    @staticmethod
    def set_role(*, user: AbstractBaseUser, role: str) -> None:
        """Make the user a plain user, support staff or an administrator."""
        if role not in roles.ROLES:
            choices = ", ".join(roles.ROLES)
            raise DomainError(f"Unknown role '{role}'. Use one of: {choices}.")
        groups = {"support": [roles.SUPPORT], "admin": [roles.ADMINISTRATORS]}
        user.groups.set(Group.objects.filter(name__in=groups.get(role, [])))
        user.is_staff = role != "user"
        user.save(update_fields=["is_staff"])

    @staticmethod
    def platform_counts(*, today: date) -> dict[str, Any]:
        """Accounts, accounts active in the last 7 days, AI calls per feature today."""
        week_ago = timezone.now() - timedelta(days=7)
        accounts = User.objects.aggregate(
            users=Count("pk"),
            active_users=Count("pk", filter=Q(is_active=True)),
            active_this_week=Count("pk", filter=Q(last_login__gte=week_ago)),
        )
        calls = (
            AIUsageModel.objects.filter(day=today)
            .values("feature")
            .annotate(calls=Sum("calls"))
            .order_by("feature")
        )
        return {**accounts, "day": today, "ai_calls_today": list(calls)}


_UNREAD = object()


def _profile_setting(user: AbstractBaseUser, name: str, default: str) -> str:
    """A profile setting: from the profile when it is loaded, else as the query that
    authenticated the request read it (`users/sessions.py`), else from the profile
    (loaded now); `default` without a profile."""
    loaded = "profile" in getattr(getattr(user, "_state", None), "fields_cache", {})
    read = _UNREAD if loaded else getattr(user, f"profile_{name}", _UNREAD)
    if read is not _UNREAD:
        return read or default
    profile = getattr(user, "profile", None)
    return getattr(profile, name) if profile else default

"""The users feature's part of the data protocol (`mysphere_core.userdata`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from rest_framework_simplejwt.token_blacklist.models import (
    BlacklistedToken,
    OutstandingToken,
)

from mysphere_core import userdata
from mysphere_core.models import AIUsageModel, IdempotencyKeyModel
from users.models import RevokedSessionModel, UserProfileModel

User = get_user_model()

EXPORTED_USER_FIELDS = (
    "id",
    "username",
    "email",
    "first_name",
    "last_name",
    "date_joined",
    "last_login",
    "is_active",
)


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """The account (no password hash), profile, sessions, AI usage and the
    idempotency keys of recent writes (their answers left out)."""
    return {
        "users": User.objects.filter(pk=user.pk).values(*EXPORTED_USER_FIELDS),
        "user_profiles": UserProfileModel.objects.filter(user=user),
        "revoked_sessions": RevokedSessionModel.objects.filter(user=user),
        "ai_usage": AIUsageModel.objects.filter(user=user),
        "idempotency_keys": IdempotencyKeyModel.objects.filter(user=user).values(
            "key", "status_code", "created_at"
        ),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete them and the account itself, the account last (the kit runs
    this after every other feature)."""
    return userdata.erase_querysets(
        AIUsageModel.objects.filter(user=user),
        IdempotencyKeyModel.objects.filter(user=user),
        RevokedSessionModel.objects.filter(user=user),
        BlacklistedToken.objects.filter(token__user=user),
        OutstandingToken.objects.filter(user=user),
        UserProfileModel.objects.filter(user=user),
        User.objects.filter(pk=user.pk),
    )

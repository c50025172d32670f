"""Sessions: one login's tokens share an id (`sid`); logging out revokes it at once.

simplejwt refuses a blacklisted refresh token but accepts its access tokens until
they expire. `SessionJWTAuthentication` also refuses the access tokens of a revoked
session. Whether a session is revoked is read from the database, the source of
truth, in the same query that loads the token's user: one query per request, exact
across every worker the moment a logout commits. The same query reads the user's
cache generation (`mysphere_core/caching.py`) and the profile's time zone and
currency (two scalar subqueries: most requests need the user's today, and a second
query per request cost more; the profile model itself is not joined in).
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import BooleanField, CharField, IntegerField, Value
from django.db.models.expressions import RawSQL
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import (
    AuthenticationFailed,
    InvalidToken,
    TokenBackendError,
)
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.utils import get_md5_hash_password

from mysphere_core.caching import GENERATION_SQL
from users.models import RevokedSessionModel, UserProfileModel

SESSION_CLAIM = "sid"
# An EXISTS written once (an `Exists(queryset)` is a second query to compile on every
# request); the table name is the model's constant, the sid a bound parameter.
_REVOKED_TABLE = RevokedSessionModel._meta.db_table
REVOKED_SQL = f"EXISTS (SELECT 1 FROM {_REVOKED_TABLE} WHERE sid = %s)"  # noqa: S608
# The profile's settings every request may need (its time zone, its currency), read
# as two columns of the same query; `UserService.timezone_for` and `currency_for`
# use them unless the profile itself is loaded.
_PROFILES = UserProfileModel._meta.db_table
PROFILE_SQL = {
    name: f"(SELECT {name} FROM {_PROFILES} WHERE user_id = auth_user.id)"  # noqa: S608
    for name in ("timezone", "currency")
}
LOGGED_OUT = {"detail": "This session has been logged out.", "code": "token_not_valid"}


def revoke(*, user: Any, sid: str) -> None:
    """End the session: its access tokens are refused from now on."""
    RevokedSessionModel.objects.get_or_create(sid=sid, defaults={"user": user})


def revoke_all(*, user: Any, sids: set[str]) -> None:
    """End several sessions of the user at once (those already ended are skipped)."""
    rows = [RevokedSessionModel(sid=sid, user=user) for sid in sids]
    RevokedSessionModel.objects.bulk_create(rows, ignore_conflicts=True)


def sid_of(token: str) -> str | None:
    """The session id of one of our own stored refresh tokens (read, not verified:
    it comes from our database). A login's first token is stored before its `sid`
    is added, and that `sid` is its own `jti`."""
    try:
        payload = token_backend.decode(token, verify=False)
    except TokenBackendError:
        return None
    sid = payload.get(SESSION_CLAIM) or payload.get(jwt_settings.JTI_CLAIM)
    return str(sid) if sid else None


def is_revoked(sid: str) -> bool:
    """True for a logged-out session."""
    return RevokedSessionModel.objects.filter(sid=sid).exists()


class SessionJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication that also refuses tokens of a logged-out session."""

    def get_user(self, validated_token: Any) -> AbstractBaseUser:
        """The token's user, unless the session was revoked by a logout; then
        simplejwt's checks (unknown, inactive, password changed)."""
        try:
            user_id = validated_token[jwt_settings.USER_ID_CLAIM]
        except KeyError as exc:
            raise InvalidToken(
                "Token contained no recognizable user identification"
            ) from exc
        sid = validated_token.get(SESSION_CLAIM)
        revoked = Value(False)
        if sid:
            params = (str(sid),)
            revoked = RawSQL(REVOKED_SQL, params, BooleanField())  # noqa: S611
        generation = RawSQL(GENERATION_SQL, (), IntegerField())  # noqa: S611
        profile = {
            f"profile_{name}": RawSQL(sql, (), CharField())  # noqa: S611
            for name, sql in PROFILE_SQL.items()
        }
        found = self.user_model.objects.annotate(
            session_revoked=revoked, cache_generation=generation, **profile
        ).filter(**{jwt_settings.USER_ID_FIELD: user_id})[:1]
        user = next(iter(found), None)
        if user is None:
            if sid and is_revoked(str(sid)):
                raise InvalidToken(LOGGED_OUT)
            raise AuthenticationFailed("User not found", code="user_not_found")
        if user.session_revoked:
            raise InvalidToken(LOGGED_OUT)
        return self._checked(user, validated_token)

    @staticmethod
    def _checked(user: AbstractBaseUser, validated_token: Any) -> AbstractBaseUser:
        """simplejwt's own refusals: an inactive user, a changed password."""
        if jwt_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed("User is inactive", code="user_inactive")
        if jwt_settings.CHECK_REVOKE_TOKEN and validated_token.get(
            jwt_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                "The user's password has been changed.", code="password_changed"
            )
        return user


class SessionJWTScheme(SimpleJWTScheme):
    """The OpenAPI security scheme of `SessionJWTAuthentication`: a Bearer JWT."""

    target_class = "users.sessions.SessionJWTAuthentication"

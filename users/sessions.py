"""Sessions: one login's tokens share an id (`sid`); logging out revokes it at once.

simplejwt refuses a blacklisted refresh token but accepts its access tokens until
they expire. `SessionJWTAuthentication` also refuses the access tokens of a revoked
session. The state of a session is read from the shared cache ("live" or "revoked",
kept for an access token's lifetime) and, on a miss, from the database, the source of
truth: an evicted cache entry can never revive a revoked session.
"""

from typing import Any

from django.core.cache import cache
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from users.models import RevokedSessionModel

SESSION_CLAIM = "sid"
LIVE, REVOKED = "live", "revoked"


def _key(sid: str) -> str:
    return f"session_state_{sid}"


def _remember(sid: str, state: str) -> None:
    """Cache the session's state for as long as an access token lives."""
    lifetime = int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds())
    cache.set(_key(sid), state, lifetime)


def mark_live(sid: str) -> None:
    """A new session: known live, so its first requests need no database read."""
    _remember(sid, LIVE)


def revoke(*, user: Any, sid: str) -> None:
    """End the session: its access tokens are refused from now on."""
    RevokedSessionModel.objects.get_or_create(sid=sid, defaults={"user": user})
    _remember(sid, REVOKED)


def is_revoked(sid: str) -> bool:
    """True for a logged-out session (cache first, then the database)."""
    state = cache.get(_key(sid))
    if state is None:
        state = (
            REVOKED if RevokedSessionModel.objects.filter(sid=sid).exists() else LIVE
        )
        _remember(sid, state)
    return state == REVOKED


class SessionJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication that also refuses tokens of a logged-out session."""

    def get_validated_token(self, raw_token: bytes) -> Any:
        """The token, unless its session was revoked by a logout."""
        token = super().get_validated_token(raw_token)
        sid = token.get(SESSION_CLAIM)
        if sid and is_revoked(str(sid)):
            raise InvalidToken(
                {
                    "detail": "This session has been logged out.",
                    "code": "token_not_valid",
                }
            )
        return token


class SessionJWTScheme(SimpleJWTScheme):
    """The OpenAPI security scheme of `SessionJWTAuthentication`: a Bearer JWT."""

    target_class = "users.sessions.SessionJWTAuthentication"

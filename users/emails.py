"""Emails of the users feature, sent by its Celery tasks."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mysphere_core import outbound

logger = logging.getLogger(__name__)


def send_password_reset_email(*, email: str, base_url: str = "") -> bool:
    """Email the reset link (uid + one-time token) to the active user with this
    address (any case); False, sending nothing, when there is none. The link is
    `<FRONTEND_URL or base_url>/reset-password?uid=...&token=...`."""
    users = get_user_model().objects.filter(email__iexact=email, is_active=True)
    user = users.first()
    if user is None:
        logger.info("Password reset asked for an unknown email")
        return False
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    root = (settings.FRONTEND_URL or base_url).rstrip("/")
    link = f"{root}/reset-password?uid={uid}&token={token}"
    outbound.send_mail(
        subject="Reset your MY SPHERE password",
        message=(
            f"Hello {user.get_username()},\n\n"
            "Someone asked to reset the password of your MY SPHERE account. "
            f"If it was you, open this link:\n\n{link}\n\n"
            f"Or send uid={uid} and token={token} to "
            "/api/users/password-reset/confirm/.\n\n"
            "If it was not you, ignore this email: your password stays as it is."
        ),
        from_email=None,
        recipient_list=[user.email],
    )
    return True

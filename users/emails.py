"""Emails of the users feature, sent by its Celery tasks."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_password_reset_email(*, user_id: int) -> None:
    """Email the reset link (uid + one-time token) to an active user."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{settings.FRONTEND_URL}/reset-password?uid={uid}&token={token}"
    send_mail(
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

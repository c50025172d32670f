"""Celery tasks of the users feature."""

from celery import shared_task

from users import emails


@shared_task
def send_password_reset_email(user_id: int) -> None:
    """Send the password-reset email off the request path."""
    emails.send_password_reset_email(user_id=user_id)

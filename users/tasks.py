"""Celery tasks of the users feature."""

from smtplib import SMTPException

from celery import shared_task

from users import emails


@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=3,
)
def send_password_reset_email(email: str, base_url: str = "") -> bool:
    """Look the address up and send the reset email, off the request path; a mail
    server that fails is tried again 3 times with exponential backoff."""
    return emails.send_password_reset_email(email=email, base_url=base_url)

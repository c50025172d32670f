"""UserService on its own: registration rules, tokens, local dates."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from mysphere_core.errors import InvalidInput
from users.models import UserProfileModel
from users.services import UserService
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_register_creates_the_profile_with_given_settings():
    user = UserService.register(
        username="zoe",
        email="Zoe@Example.com",
        password="Sphere-Pass-2026!",
        profile={"currency": "EUR", "timezone": "Europe/Berlin"},
    )
    assert user.email == "Zoe@example.com"  # domain normalised
    assert user.profile.currency == "EUR"
    assert user.check_password("Sphere-Pass-2026!")


def test_register_refuses_a_weak_password_and_saves_nothing():
    with pytest.raises(InvalidInput) as exc:
        UserService.register(username="weak", email="w@example.com", password="abc")
    assert "password" in exc.value.detail
    assert not UserProfileModel.objects.exists()


def test_database_refuses_emails_differing_only_in_case():
    User = get_user_model()  # straight to the table, past the service's own check
    User.objects.create_user(username="one", email="same@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="two", email="SAME@example.com")


def test_database_refuses_usernames_differing_only_in_case():
    User = get_user_model()
    User.objects.create_user(username="Casey", email="c1@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="casey", email="c2@example.com")


def test_revoke_all_tokens_blacklists_each_outstanding_refresh_token():
    user = UserFactory()
    for _ in range(3):
        UserService.tokens_for(user=user)
    assert UserService.revoke_all_tokens(user=user) == 3
    assert BlacklistedToken.objects.count() == 3
    assert UserService.revoke_all_tokens(user=user) == 0


@pytest.mark.parametrize(
    "tz, expected",
    [("UTC", date(2026, 11, 22)), ("Pacific/Kiritimati", date(2026, 11, 23))],
)
def test_today_is_the_users_local_date(tz, expected):
    user = UserFactory()
    UserService.update_profile(user=user, data={"profile": {"timezone": tz}})
    user = type(user).objects.get(pk=user.pk)  # as a request would load it
    with time_machine.travel(datetime(2026, 11, 22, 12, 0, tzinfo=UTC), tick=False):
        assert UserService.today_for(user=user) == expected


def test_profile_for_creates_a_missing_profile():
    user = UserFactory()
    user.profile.delete()
    user.refresh_from_db()
    assert UserService.profile_for(user=user).currency == "USD"


def test_password_reset_request_reads_nothing_and_queues_the_address(
    django_assert_num_queries, monkeypatch, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker: the worker sends it
    queued: list[tuple[str, ...]] = []
    monkeypatch.setattr(
        "users.services.send_password_reset_email.delay", lambda *a: queued.append(a)
    )
    UserFactory(email="known@example.com")
    site = "https://sphere.example/"
    with django_assert_num_queries(0):
        UserService.request_password_reset(email=" known@example.com ", base_url=site)
        UserService.request_password_reset(email="nobody@example.com", base_url=site)
    assert queued == [("known@example.com", site), ("nobody@example.com", site)]


def test_the_reset_email_is_retried_when_the_mail_server_fails(monkeypatch):
    from smtplib import SMTPServerDisconnected

    from django.core import mail

    from users.tasks import send_password_reset_email

    UserFactory(email="known@example.com")
    attempts: list[int] = []
    real_send = mail.send_mail

    def flaky_send(*args, **kwargs):
        attempts.append(1)
        if len(attempts) < 3:
            raise SMTPServerDisconnected("down")
        return real_send(*args, **kwargs)

    monkeypatch.setattr("users.emails.outbound.send_mail", flaky_send)
    # As the embedded default runs it: eager, failures kept in the task (retried).
    monkeypatch.setitem(
        send_password_reset_email.app.conf, "task_eager_propagates", False
    )
    assert send_password_reset_email.delay("KNOWN@example.com").get() is True
    assert len(attempts) == 3
    assert mail.outbox[0].to == ["known@example.com"]

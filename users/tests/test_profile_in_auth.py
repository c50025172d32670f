"""The authenticating query reads the profile's time zone and currency, so a request
that needs the user's today or currency reads no profile row; a change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from users.models import UserProfileModel

pytestmark = pytest.mark.django_db


def test_home_reads_no_profile_row_and_follows_a_new_time_zone(
    frozen, auth_client, user
):
    UserProfileModel.objects.update_or_create(
        user=user, defaults={"timezone": "Pacific/Kiritimati"}
    )
    with CaptureQueriesContext(connection) as queries:
        body = auth_client.get("/api/dashboard/").json()
    assert body["date"] == "2026-11-23"  # UTC+14 at noon UTC
    assert not [q for q in queries if 'FROM "user_profiles"' in q["sql"]]
    changed = auth_client.patch(
        "/api/users/me/",
        {"profile": {"timezone": "America/Los_Angeles"}},
        format="json",
    )
    assert changed.status_code == 200, changed.content[:300]
    assert auth_client.get("/api/dashboard/").json()["date"] == "2026-11-22"


def test_the_default_currency_comes_from_the_profile(frozen, auth_client, user):
    UserProfileModel.objects.update_or_create(user=user, defaults={"currency": "EUR"})
    created = auth_client.post("/api/expenses/", {"amount": "3.00"}, format="json")
    assert created.json()["currency"] == "EUR"

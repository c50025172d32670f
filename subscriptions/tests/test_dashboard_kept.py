"""The subscriptions dashboard is kept, rendered, for the user's day: a repeat reads
no subscription, and every write through the API shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/api/subscriptions/dashboard/"
NEW = {
    "name": "Netflix",
    "provider": "Netflix",
    "amount": "15.49",
    "billing_cycle": "monthly",
    "start_date": "2026-11-01",
    "payment_method": "card",
}

pytestmark = pytest.mark.django_db


def _body(client):
    response = client.get(URL)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_repeat_reads_no_subscription_and_a_write_shows_at_once(
    frozen, auth_client, user
):
    new = dict(NEW)
    assert (
        auth_client.post("/api/subscriptions/", new, format="json").status_code == 201
    )
    assert _body(auth_client)["active_subscriptions"] == 1
    with CaptureQueriesContext(connection) as queries:
        again = _body(auth_client)
    assert again["active_subscriptions"] == 1
    assert not [q for q in queries if 'FROM "subscriptions"' in q["sql"]]
    new.update(name="Spotify", provider="Spotify")
    assert (
        auth_client.post("/api/subscriptions/", new, format="json").status_code == 201
    )
    assert _body(auth_client)["active_subscriptions"] == 2


def test_the_next_day_is_computed_afresh(frozen, auth_client, client_for, user):
    new = dict(NEW)
    assert (
        auth_client.post("/api/subscriptions/", new, format="json").status_code == 201
    )
    first = _body(auth_client)
    frozen.shift(86400 * 5)  # the renewal on 2026-12-01 is within a week now
    later = _body(client_for(user))
    assert later["active_subscriptions"] == first["active_subscriptions"] == 1
    assert later != first

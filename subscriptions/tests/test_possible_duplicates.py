"""'Netflix 15.99 monthly' while Netflix is active comes back as a possible
duplicate of it and creates nothing unless confirmed."""

import pytest

from subscriptions.models import SubscriptionModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
URL = "/api/subscriptions/parse_text/"
BODY = {"text": "Netflix 15.99 monthly"}


def test_an_active_subscription_named_again(auth_client, user):
    first = auth_client.post(URL, BODY, format="json")
    assert first.status_code == 201, first.json()
    made = first.json()["subscription"]
    again = auth_client.post(
        URL, BODY | {"text": "netflix 17.99 a month"}, format="json"
    )
    assert again.status_code == 200, again.json()
    assert again.json()["subscription"] is None
    match = again.json()["possible_duplicate"]
    assert (match["kind"], match["id"], match["name"]) == (
        "subscription",
        made["subscription_id"],
        "Netflix",
    )
    assert SubscriptionModel.objects.filter(user=user).count() == 1
    confirmed = auth_client.post(
        URL, BODY | {"confirm_duplicates": True}, format="json"
    )
    assert confirmed.status_code == 201
    assert SubscriptionModel.objects.filter(user=user).count() == 2


def test_a_cancelled_one_or_another_name_is_no_duplicate(auth_client, user):
    first = auth_client.post(URL, BODY, format="json").json()["subscription"]
    spotify = auth_client.post(URL, {"text": "Spotify 9.99 monthly"}, format="json")
    assert spotify.status_code == 201
    SubscriptionModel.objects.filter(pk=first["subscription_id"]).update(
        status="cancelled"
    )
    again = auth_client.post(URL, BODY, format="json")
    assert again.status_code == 201 and again.json()["possible_duplicate"] is None

"""`website_url` is null when unset, and the schema says it may be (the schema's
`format: uri` never meets an empty string)."""

import pytest

from subscriptions.models import SubscriptionModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"
NETFLIX = {
    "name": "Netflix",
    "provider": "Netflix Inc.",
    "amount": "15.99",
    "billing_cycle": "monthly",
    "start_date": "2024-01-01",
    "next_billing_date": "2024-02-01",
    "payment_method": "card",
}


class TestWebsiteUrl:
    """`website_url` is null when unset, and the schema says it may be."""

    def test_unset_is_null_and_a_url_round_trips(self, auth_client):
        body = auth_client.post(URL, NETFLIX, format="json").json()
        assert body["website_url"] is None
        sub_id = body["subscription_id"]
        url = "https://www.netflix.com/account"
        resp = auth_client.patch(f"{URL}{sub_id}/", {"website_url": url}, format="json")
        assert resp.json()["website_url"] == url
        for unset in ("", None):
            resp = auth_client.patch(
                f"{URL}{sub_id}/", {"website_url": unset}, format="json"
            )
            assert resp.status_code == 200, resp.json()
            assert resp.json()["website_url"] is None
        assert SubscriptionModel.objects.get(pk=sub_id).website_url == ""

    def test_schema_marks_it_nullable(self, api_client):
        schema = api_client.get("/api/schema/", {"format": "json"}).json()
        components = schema["components"]["schemas"]
        out = components["Subscription"]["properties"]["website_url"]
        assert out == {
            "type": "string",
            "format": "uri",
            "readOnly": True,
            "nullable": True,
            "example": "https://www.netflix.com",
        }
        given = components["SubscriptionCreateRequest"]["properties"]["website_url"]
        assert given["nullable"] is True
        assert {"type": "string", "format": "uri", "maxLength": 200} in given["oneOf"]

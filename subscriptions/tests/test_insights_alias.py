"""`GET insights/` (the rule book's path) is an alias of `GET ai_insights/`: the same
envelope, the same throttle scope and the same query bound."""

from decimal import Decimal

import pytest
from django.urls import resolve
from rest_framework.throttling import ScopedRateThrottle

from subscriptions.tests.factories import SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"


def test_insights_serves_the_same_envelope_as_ai_insights(auth_client, user):
    SubscriptionFactory(user=user, name="Netflix", amount=Decimal("15.49"))
    SubscriptionFactory(user=user, name="Hulu", amount=Decimal("7.99"))
    alias = auth_client.get(f"{URL}insights/")
    original = auth_client.get(f"{URL}ai_insights/")
    assert alias.status_code == original.status_code == 200
    assert alias.json() == original.json()
    assert alias.json()["source"] == "fallback"
    assert alias.json()["insights"]["cost_optimization"]["duplicate_services"] == [
        "Netflix",
        "Hulu",
    ]


def test_insights_shares_the_ai_throttle(auth_client, user, monkeypatch):
    assert resolve(f"{URL}insights/").func.initkwargs["throttle_scope"] == "ai"
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "ai": "2/minute"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    codes = [
        auth_client.get(f"{URL}{path}/").status_code
        for path in ("ai_insights", "insights", "insights", "ai_insights")
    ]
    assert codes == [200, 200, 429, 429]


def test_schema_documents_the_alias(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    alias = schema["paths"]["/api/subscriptions/insights/"]["get"]
    original = schema["paths"]["/api/subscriptions/ai_insights/"]["get"]
    assert "Alias of `GET /api/subscriptions/ai_insights/`" in alias["description"]
    assert alias["responses"]["200"] == original["responses"]["200"]

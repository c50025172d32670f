"""SUBSCRIPTION_TRACKING=False turns the whole feature off, not only its AI."""

from datetime import date

import pytest

from subscriptions.models import SubscriptionAlertModel
from subscriptions.tasks import daily_maintenance_task, generate_alerts_task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def turned_off(settings):
    settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "SUBSCRIPTION_TRACKING": False}


def test_its_api_answers_404_feature_disabled(auth_client, make_sub, user, turned_off):
    subscription = make_sub(user)
    for url in (
        "/api/subscriptions/",
        f"/api/subscriptions/{subscription.pk}/",
        "/api/subscriptions/dashboard/",
        "/api/subscriptions/ai_insights/",
        "/api/subscriptions/categories/",
        "/api/subscriptions/alerts/",
    ):
        resp = auth_client.get(url)
        assert resp.status_code == 404, url
        assert resp.json() == {
            "detail": "This feature is turned off on this server.",
            "code": "feature_disabled",
        }


def test_its_health_says_disabled(api_client, turned_off):
    body = api_client.get("/api/subscriptions/health/").json()
    assert body["status"] == "disabled"
    assert body["feature_flag"] == {"SUBSCRIPTION_TRACKING": False}


def test_its_beat_tasks_skip(make_sub, user, turned_off, frozen):
    make_sub(user, start_date=date(2026, 11, 23), billing_cycle="monthly")
    assert generate_alerts_task.delay().get() == {}
    assert daily_maintenance_task.delay().get() == {}
    assert not SubscriptionAlertModel.objects.exists()


def test_switched_on_again_it_answers(auth_client, settings, turned_off):
    assert auth_client.get("/api/subscriptions/").status_code == 404
    settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "SUBSCRIPTION_TRACKING": True}
    assert auth_client.get("/api/subscriptions/").status_code == 200

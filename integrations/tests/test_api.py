"""The /api/integrations/ routes: generated checks, then the notification centre."""

import pytest

from integrations.assistant.models import ChatMessageModel
from integrations.models import NotificationModel
from integrations.tests.factories import (
    DeliveryFactory,
    ImportFactory,
    NotificationFactory,
    WebhookFactory,
)
from mysphere_core.testing import FeatureAPITests

pytestmark = pytest.mark.django_db
URL = "/api/integrations/notifications/"


def _webhook_with_delivery(user):
    endpoint = WebhookFactory(user=user)
    DeliveryFactory(endpoint=endpoint)
    return endpoint


class TestIntegrationRoutes(FeatureAPITests):
    """Health, 401s, other users' 404s, query bounds and soft delete, generated."""

    feature = "integrations"
    factories = {
        "notification": lambda user: NotificationFactory(user=user),
        "webhook": lambda user: WebhookFactory(user=user),
        "webhook-deliveries": _webhook_with_delivery,
        "import": lambda user: ImportFactory(user=user),
        # the calendar and export routes are the user's own, not an object's
        "calendar": lambda user: user,
        "export": lambda user: user,
        "assistant": lambda user: ChatMessageModel.objects.create(
            user=user, role="user", content="hello"
        ),
    }
    url_kwargs = {"delivery_id": "1"}
    list_bounds = {
        "notification-list": 3,  # user + session state (JWT), count, page
        "notification-unread-count": 3,  # user, session, one grouped count
        "notification-preferences": 3,  # user, session, the chosen channels
        "webhook-list": 4,
        "webhook-deliveries": 5,  # user, session, the endpoint, count, page
        "import-list": 4,
        # user, session, the token (made on first use: savepoint, insert, release)
        "calendar-list": 5,
        "assistant-history": 3,  # user (JWT), count, page
        "assistant-assistant-settings": 3,  # user, the settings row
    }


class TestNotificationCentre:
    def test_list_newest_first_with_filters(self, auth_client, user, other_user):
        old = NotificationFactory(user=user, kind="todo_overdue")
        new = NotificationFactory(
            user=user, kind="budget_exceeded", severity="critical"
        )
        NotificationFactory(user=other_user)
        resp = auth_client.get(URL)
        assert resp.status_code == 200
        ids = [row["notification_id"] for row in resp.json()["results"]]
        assert ids == [new.pk, old.pk]
        row = resp.json()["results"][0]
        assert row["kind"] == "budget_exceeded" and row["is_read"] is False
        kind = auth_client.get(URL, {"kind": "todo_overdue"}).json()["results"]
        assert [r["notification_id"] for r in kind] == [old.pk]
        same = auth_client.get(URL, {"type": "todo_overdue"}).json()["results"]
        assert same == kind
        auth_client.post(f"{URL}{old.pk}/read/")
        unread = auth_client.get(URL, {"unread": "true"}).json()["results"]
        assert [r["notification_id"] for r in unread] == [new.pk]
        read = auth_client.get(URL, {"unread": "false"}).json()["results"]
        assert [r["notification_id"] for r in read] == [old.pk]

    def test_bad_filters_are_named(self, auth_client):
        resp = auth_client.get(URL, {"unread": "maybe", "kind": "weather"})
        assert resp.status_code == 400
        assert set(resp.json()) == {"unread", "kind"}
        assert auth_client.get(URL, {"colour": "red"}).status_code == 400

    def test_read_and_read_all_and_unread_count(self, auth_client, user):
        first = NotificationFactory(user=user, severity="critical")
        NotificationFactory(user=user)
        NotificationFactory(user=user)
        count = auth_client.get(f"{URL}unread_count/").json()
        assert count == {
            "unread": 3,
            "by_severity": {"info": 0, "warning": 2, "critical": 1},
        }
        resp = auth_client.post(f"{URL}{first.pk}/read/")
        assert resp.status_code == 200
        assert resp.json()["is_read"] is True and resp.json()["read_at"]
        assert auth_client.get(f"{URL}unread_count/").json()["unread"] == 2
        assert auth_client.post(f"{URL}read_all/").json() == {"marked": 2}
        assert auth_client.post(f"{URL}read_all/").json() == {"marked": 0}
        assert auth_client.get(f"{URL}unread_count/").json()["unread"] == 0

    def test_delete_is_soft_and_not_remade(self, auth_client, user):
        from mysphere_core import events

        events.announce(
            "todo.overdue", user=user, todo_id=1, title="x", due_date="2026-11-21"
        )
        notification = NotificationModel.objects.get()
        assert auth_client.delete(f"{URL}{notification.pk}/").status_code == 204
        events.announce(
            "todo.overdue", user=user, todo_id=1, title="x", due_date="2026-11-21"
        )
        assert NotificationModel.objects.count() == 1
        assert auth_client.get(URL).json()["count"] == 0

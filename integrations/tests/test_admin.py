"""The integrations admin: every page loads for staff, and secrets never show."""

import pytest
from django.test import Client

from integrations.models import CalendarTokenModel
from integrations.tests.factories import (
    DeliveryFactory,
    ImportFactory,
    NotificationFactory,
    WebhookFactory,
)

pytestmark = pytest.mark.django_db
PAGES = [
    "notificationmodel",
    "notificationpreferencemodel",
    "notificationdigestmodel",
    "webhookendpointmodel",
    "webhookdeliverymodel",
    "calendartokenmodel",
    "importmodel",
]


@pytest.fixture
def staff(django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize("page", PAGES)
def test_changelists_load(staff, user, page):
    NotificationFactory(user=user)
    DeliveryFactory(endpoint=WebhookFactory(user=user))
    ImportFactory(user=user)
    CalendarTokenModel.objects.create(user=user, token="calendar-secret-token")
    resp = staff.get(f"/admin/integrations/{page}/")
    assert resp.status_code == 200


def test_secrets_stay_hidden(staff, user):
    endpoint = WebhookFactory(user=user, secret="whsec_do_not_show")
    token = CalendarTokenModel.objects.create(user=user, token="calendar-secret-token")
    page = staff.get(f"/admin/integrations/webhookendpointmodel/{endpoint.pk}/change/")
    assert page.status_code == 200
    assert b"whsec_do_not_show" not in page.content
    page = staff.get(f"/admin/integrations/calendartokenmodel/{token.pk}/change/")
    assert b"calendar-secret-token" not in page.content

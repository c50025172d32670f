"""factory_boy factories of the integrations tests."""

import factory

from integrations.models import (
    ImportModel,
    Kind,
    NotificationModel,
    WebhookDeliveryModel,
    WebhookEndpointModel,
)
from users.tests.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread in-app notification."""

    class Meta:
        model = NotificationModel

    user = factory.SubFactory(UserFactory)
    kind = Kind.TODO_OVERDUE
    title = factory.Sequence(lambda n: f"Overdue: task {n}")
    body = "It was due yesterday."
    severity = NotificationModel.Severity.WARNING
    object_type = "todo"
    object_id = factory.Sequence(str)
    dedupe_key = factory.Sequence(lambda n: f"key-{n}")


class WebhookFactory(factory.django.DjangoModelFactory):
    """An endpoint (saved directly: its URL is not checked)."""

    class Meta:
        model = WebhookEndpointModel

    user = factory.SubFactory(UserFactory)
    # a closed local port the SSRF guard refuses anyway: never the network
    url = "http://127.0.0.1:9/hook"
    secret = factory.Sequence(lambda n: f"whsec_test_secret_{n}")


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A delivered event in an endpoint's log."""

    class Meta:
        model = WebhookDeliveryModel

    endpoint = factory.SubFactory(WebhookFactory)
    event_id = factory.Sequence(lambda n: f"event{n}")
    event_type = "expense.created"
    body = '{"id":"x","type":"expense.created","created_at":"","data":{}}'
    status = WebhookDeliveryModel.Status.SUCCEEDED
    attempts = 1
    response_code = 200


class ImportFactory(factory.django.DjangoModelFactory):
    """A past import."""

    class Meta:
        model = ImportModel

    user = factory.SubFactory(UserFactory)
    filename = "bank.csv"
    file_sha256 = "0" * 64
    rows = 3
    created = 3

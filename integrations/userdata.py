"""The integrations feature's part of the data protocol (`mysphere_core.userdata`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from integrations.models import (
    CalendarTokenModel,
    ImportModel,
    NotificationDigestModel,
    NotificationModel,
    NotificationPreferenceModel,
    WebhookDeliveryModel,
    WebhookEndpointModel,
)
from mysphere_core import userdata

WEBHOOK_EXPORT_FIELDS = (
    "webhook_id",
    "user_id",
    "url",
    "events",
    "description",
    "enabled",
    "consecutive_failures",
    "disabled_reason",
    "created_at",
    "updated_at",
    "is_active",
)


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every integrations table with the user's rows."""
    return {
        "integration_notifications": NotificationModel.objects.filter(user=user),
        "integration_notification_preferences": (
            NotificationPreferenceModel.objects.filter(user=user)
        ),
        "integration_notification_digests": (
            NotificationDigestModel.objects.filter(user=user)
        ),
        # the signing secret stays out of exports
        "integration_webhooks": WebhookEndpointModel.objects.filter(user=user).values(
            *WEBHOOK_EXPORT_FIELDS
        ),
        "integration_webhook_deliveries": WebhookDeliveryModel.objects.filter(
            endpoint__user=user
        ),
        "integration_calendar_tokens": CalendarTokenModel.objects.filter(user=user),
        "integration_imports": ImportModel.objects.filter(user=user),
        "assistant_chat_messages": ChatMessageModel.objects.filter(user=user),
        "assistant_settings": AssistantSettingsModel.objects.filter(user=user),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete them, deliveries before their endpoints."""
    return userdata.erase_querysets(
        WebhookDeliveryModel.objects.filter(endpoint__user=user),
        WebhookEndpointModel.objects.filter(user=user),
        NotificationModel.objects.filter(user=user),
        NotificationPreferenceModel.objects.filter(user=user),
        NotificationDigestModel.objects.filter(user=user),
        CalendarTokenModel.objects.filter(user=user),
        ImportModel.objects.filter(user=user),
        ChatMessageModel.objects.filter(user=user),
        AssistantSettingsModel.objects.filter(user=user),
    )

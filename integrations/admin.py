"""Admin: notifications, preferences and digests, webhooks with their delivery log,
calendar tokens and imports. Secrets are never shown."""

from django.contrib import admin
from django.db import models

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
from mysphere_core.admin import register_read_only


@admin.register(NotificationModel)
class NotificationAdmin(admin.ModelAdmin):
    """Notifications, filterable by kind, severity, channel and read state."""

    list_display = (
        "title",
        "user",
        "kind",
        "severity",
        "channel",
        "is_read",
        "created_at",
    )
    list_filter = ("kind", "severity", "channel", "is_read", "is_active")
    search_fields = ("title", "user__username", "object_id")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("event_type", "event_id", "dedupe_key", "emailed_at", "read_at")


@admin.register(NotificationPreferenceModel)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    """Each user's channel per kind."""

    list_display = ("user", "kind", "channel")
    list_filter = ("kind", "channel")
    search_fields = ("user__username",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(NotificationDigestModel)
class NotificationDigestAdmin(admin.ModelAdmin):
    """Digests sent, one per user and local day."""

    list_display = ("user", "day", "notification_count", "sent_at")
    list_filter = ("day",)
    search_fields = ("user__username",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


class DeliveryInline(admin.TabularInline):
    """The last deliveries on the endpoint's page (read-only)."""

    model = WebhookDeliveryModel
    extra = 0
    can_delete = False
    fields = (
        "event_type",
        "status",
        "attempts",
        "response_code",
        "error",
        "created_at",
    )
    readonly_fields = fields
    ordering = ("-created_at",)
    max_num = 0


@admin.register(WebhookEndpointModel)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Endpoints with their failure count; the secret stays hidden."""

    list_display = (
        "url",
        "user",
        "enabled",
        "consecutive_failures",
        "is_active",
        "created_at",
    )
    list_filter = ("enabled", "is_active")
    search_fields = ("url", "user__username", "description")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    exclude = ("secret",)
    readonly_fields = ("consecutive_failures", "disabled_reason")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [DeliveryInline]


@admin.register(WebhookDeliveryModel)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log of every endpoint."""

    list_display = (
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "response_code",
        "created_at",
    )
    list_filter = ("status", "event_type")
    search_fields = ("event_id", "endpoint__url")
    list_select_related = ("endpoint",)
    raw_id_fields = ("endpoint",)
    readonly_fields = ("body", "response_body")


@admin.register(CalendarTokenModel)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Who has a calendar feed (the token itself is not shown)."""

    list_display = ("user", "created_at", "updated_at")
    search_fields = ("user__username",)
    list_select_related = ("user",)
    exclude = ("token",)
    readonly_fields = ("user",)


@admin.register(ImportModel)
class ImportAdmin(admin.ModelAdmin):
    """Real imports with their counts."""

    list_display = (
        "filename",
        "user",
        "rows",
        "created",
        "duplicates",
        "errors",
        "created_at",
    )
    list_filter = ("created_at",)
    search_fields = ("filename", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("file_sha256", "expense_ids", "settings_used")


register_read_only(
    ChatMessageModel,
    list_display=("user", "role", "intent", "feature", "executed", "created_at"),
    list_filter=("role", "feature", "executed"),
    search_fields=("user__username", "intent"),
)
register_read_only(
    AssistantSettingsModel,
    list_display=("user", "act_directly", "updated_at"),
    list_filter=("act_directly",),
    search_fields=("user__username",),
)

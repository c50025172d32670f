"""Notifications, their preferences and digests, webhook endpoints and deliveries,
calendar tokens and expense imports: the integrations app's tables."""

from django.conf import settings
from django.db import models

from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from mysphere_core.models import BaseModel

__all__ = ["AssistantSettingsModel", "ChatMessageModel"]  # the assistant's tables


class Kind(models.TextChoices):
    """What a notification is about (one per kind of event occurrence)."""

    SUBSCRIPTION_RENEWAL = "subscription_renewal", "Subscription renewal due"
    SUBSCRIPTION_TRIAL_ENDING = "subscription_trial_ending", "Trial ending"
    SUBSCRIPTION_PRICE_INCREASE = "subscription_price_increase", "Price increase"
    SUBSCRIPTION_PAYMENT_DUE = "subscription_payment_due", "Payment due"
    SUBSCRIPTION_USAGE_LIMIT = "subscription_usage_limit", "Usage limit reached"
    SUBSCRIPTION_ENDING = "subscription_ending", "Subscription ending"
    SUBSCRIPTION_STATUS = "subscription_status", "Subscription paused, resumed or ended"
    BUDGET_THRESHOLD = "budget_threshold", "Budget threshold crossed"
    BUDGET_EXCEEDED = "budget_exceeded", "Budget exceeded"
    TODO_REMINDER = "todo_reminder", "Task reminder"
    TODO_OVERDUE = "todo_overdue", "Task overdue"
    LENDING_DUE_SOON = "lending_due_soon", "Loan due soon"
    LENDING_OVERDUE = "lending_overdue", "Loan overdue"
    LIST_SHARED = "list_shared", "List shared with you"
    LIST_COMPLETED = "list_completed", "Your list was shopped"
    WEBHOOK_DISABLED = "webhook_disabled", "Webhook disabled"


class Channel(models.TextChoices):
    """Where a kind of notification goes."""

    IN_APP = "in_app", "In the app"
    EMAIL = "email", "In the app and by email at once"
    DIGEST = "digest", "In the app and in the daily digest email"
    NONE = "none", "Nowhere"


class NotificationModel(BaseModel):
    """One notification of one user, made from one event occurrence."""

    class Severity(models.TextChoices):
        INFO = "info", "Info"
        WARNING = "warning", "Warning"
        CRITICAL = "critical", "Critical"

    notification_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    severity = models.CharField(
        max_length=10, choices=Severity.choices, default=Severity.INFO
    )
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    event_type = models.CharField(max_length=60, blank=True, default="")
    event_id = models.CharField(max_length=64, blank=True, default="")
    dedupe_key = models.CharField(
        max_length=200, help_text="The occurrence: one notification per kind and key."
    )
    channel = models.CharField(
        max_length=10, choices=Channel.choices, default=Channel.IN_APP
    )
    is_read = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        db_table = "integration_notifications"
        ordering = ["-created_at", "-notification_id"]
        indexes = [
            models.Index(
                fields=["user", "is_active", "is_read"], name="notif_user_read_idx"
            ),
            models.Index(fields=["user", "kind"], name="notif_user_kind_idx"),
            models.Index(
                fields=["user", "-created_at", "-notification_id"],
                name="notif_user_order_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "dedupe_key"], name="notif_once_per_occurrence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.title}"


class NotificationPreferenceModel(BaseModel):
    """Where one kind of a user's notifications goes (in-app when not set)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = "notification preference"
        db_table = "integration_notification_preferences"
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notif_pref_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} -> {self.channel}"


class NotificationDigestModel(models.Model):
    """A daily digest sent to a user for one local day (sent at most once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    notification_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "notification digest"
        db_table = "integration_notification_digests"
        ordering = ["-day", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} digest {self.day} ({self.notification_count})"


class WebhookEndpointModel(BaseModel):
    """A URL that receives the user's events, signed with its secret.

    `enabled` is the API's `is_active` (paused or disabled after failures);
    `is_active` (BaseModel) is the soft delete.
    """

    webhook_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100)
    events = models.JSONField(
        default=list, blank=True, help_text="Event names; empty means every event."
    )
    description = models.CharField(max_length=200, blank=True, default="")
    enabled = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_reason = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = "webhook endpoint"
        db_table = "integration_webhooks"
        ordering = ["-created_at", "-webhook_id"]
        indexes = [
            models.Index(
                fields=["user", "is_active", "enabled"], name="webhook_user_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.url}"

    @staticmethod
    def subscribed(events: list[str] | None, event_type: str) -> bool:
        """Whether an endpoint with this `events` list receives `event_type` (its
        list, or every event when the list is empty)."""
        return not events or event_type in events


class WebhookDeliveryModel(BaseModel):
    """One event sent (or to be sent) to one endpoint, with its attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Retrying"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    delivery_id = models.BigAutoField(primary_key=True)
    endpoint = models.ForeignKey(
        WebhookEndpointModel, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.CharField(max_length=64)
    event_type = models.CharField(max_length=60)
    body = models.TextField(help_text="The exact JSON body posted (signed as is).")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, default="")
    error = models.CharField(max_length=500, blank=True, default="")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        db_table = "integration_webhook_deliveries"
        ordering = ["-created_at", "-delivery_id"]
        indexes = [
            models.Index(
                fields=["endpoint", "-created_at", "-delivery_id"],
                name="delivery_endpoint_idx",
            ),
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="delivery_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} -> {self.endpoint_id}: {self.status}"


class CalendarTokenModel(BaseModel):
    """The secret in a user's calendar feed URL (one live token per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "calendar token"
        db_table = "integration_calendar_tokens"
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.user_id} calendar token"


class ImportModel(BaseModel):
    """One real import of a CSV file into expenses (dry runs are not kept)."""

    import_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True, default="")
    file_sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    expense_ids = models.JSONField(default=list, blank=True)
    settings_used = models.JSONField(
        default=dict, blank=True, help_text="Mapping, date format, decimal separator."
    )

    class Meta:
        verbose_name = "import"
        db_table = "integration_imports"
        ordering = ["-created_at", "-import_id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="import_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} import {self.filename}: {self.created} created"

"""Input and output shapes of the integrations API."""

import json
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from integrations import csv_layout
from integrations.models import (
    Channel,
    ImportModel,
    Kind,
    NotificationModel,
    WebhookDeliveryModel,
    WebhookEndpointModel,
)
from mysphere_core.events import catalogue
from mysphere_core.fields import CurrencyField, EnumField
from mysphere_core.serializers import (
    DuplicateMatchSerializer,
    FlatRowSerializer,
    StrictSerializer,
)

# --- notifications ------------------------------------------------------------------


class NotificationSerializer(FlatRowSerializer):
    """One notification."""

    class Meta:
        model = NotificationModel
        fields = (
            "notification_id",
            "kind",
            "title",
            "body",
            "severity",
            "object_type",
            "object_id",
            "event_type",
            "is_read",
            "read_at",
            "channel",
            "created_at",
        )
        read_only_fields = fields


class UnreadCountSerializer(serializers.Serializer):
    """Unread notifications in total and per severity."""

    unread = serializers.IntegerField()
    by_severity = serializers.DictField(child=serializers.IntegerField())


class MarkedSerializer(serializers.Serializer):
    """How many notifications were marked read."""

    marked = serializers.IntegerField()


@extend_schema_field(
    {"type": "string", "description": f"One of: {', '.join(Channel.values)}."}
)
class ChannelField(EnumField):
    """A channel: in_app, email, digest or none (one schema for every kind)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Channel.choices, label_text="channel", **kwargs)


class NotificationPreferencesSerializer(StrictSerializer):
    """Every kind of notification with its channel: in_app, email, digest, none."""

    def get_fields(self) -> dict[str, serializers.Field]:
        """One optional channel field per kind."""
        return {kind: ChannelField(required=False) for kind in Kind.values}


# --- webhooks -----------------------------------------------------------------------


class WebhookSerializer(serializers.ModelSerializer):
    """An endpoint as listed (its secret is never shown again)."""

    is_active = serializers.BooleanField(source="enabled", read_only=True)

    class Meta:
        model = WebhookEndpointModel
        fields = (
            "webhook_id",
            "url",
            "events",
            "description",
            "is_active",
            "consecutive_failures",
            "disabled_reason",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class WebhookSecretSerializer(WebhookSerializer):
    """An endpoint with its secret: the answer of create and rotate_secret only."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookSerializer.Meta):
        fields = (*WebhookSerializer.Meta.fields, "secret")
        read_only_fields = fields


class WebhookWriteSerializer(StrictSerializer):
    """What a client may set on an endpoint."""

    url = serializers.URLField(max_length=500)
    events = serializers.ListField(
        child=EnumField(sorted(catalogue()), label_text="event"),
        required=False,
        max_length=len(catalogue()),
        help_text="Event names to receive; empty or absent: every event.",
    )
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    is_active = serializers.BooleanField(source="enabled", required=False)

    def validate_events(self, value: list[str]) -> list[str]:
        """Each name once, in catalogue order."""
        return sorted(set(value))


class DeliverySerializer(serializers.ModelSerializer):
    """One delivery in an endpoint's log."""

    class Meta:
        model = WebhookDeliveryModel
        fields = (
            "delivery_id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "response_code",
            "response_body",
            "error",
            "next_attempt_at",
            "duration_ms",
            "delivered_at",
            "created_at",
        )
        read_only_fields = fields


# --- calendar -----------------------------------------------------------------------


class CalendarURLSerializer(serializers.Serializer):
    """The secret URL calendar apps subscribe to."""

    url = serializers.URLField()


# --- import -------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "description": 'JSON object: our field -> the CSV column, e.g. {"date": '
        '"Date", "amount": "Amount", "description": "Description"}.',
    }
)
class MappingField(serializers.Field):
    """A JSON object (or its text, from a form) of our field -> the CSV's column."""

    default_error_messages = {
        "invalid": 'Give a JSON object such as {{"date": "Date", "amount": "Amount"}}.'
    }

    def to_internal_value(self, data: Any) -> dict[str, str]:
        """The mapping, checked: known fields, column names as text."""
        if isinstance(data, str):
            try:
                data = json.loads(data) if data.strip() else {}
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, dict):
            self.fail("invalid")
        unknown = sorted(set(data) - set(csv_layout.FIELDS))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown field(s) {', '.join(unknown)}. Map any of: "
                f"{', '.join(csv_layout.FIELDS)}."
            )
        if not all(isinstance(v, str) and v.strip() for v in data.values()):
            raise serializers.ValidationError("Each column name must be text.")
        if "amount" in data and {"debit", "credit"} & set(data):
            raise serializers.ValidationError(
                "Map either amount or debit/credit, not both."
            )
        return data

    def to_representation(self, value: Any) -> Any:
        """As given."""
        return value


class ImportRequestSerializer(StrictSerializer):
    """A multipart upload: the CSV (or OFX/QFX statement) and how to read it."""

    file = serializers.FileField()
    mapping = MappingField(required=False, help_text="JSON object: field -> column.")
    date_format = serializers.CharField(
        required=False,
        max_length=32,
        help_text="'dd.mm.yyyy' or '%d.%m.%Y'; detected when absent.",
    )
    decimal_separator = EnumField(
        [".", ","], label_text="decimal separator", required=False
    )
    currency = CurrencyField(
        required=False, help_text="For rows without one; default: the profile's."
    )
    dry_run = serializers.BooleanField(default=True)
    confirm_duplicates = serializers.BooleanField(
        default=False,
        help_text="Import the rows that look like an existing expense or "
        "subscription payment too (exact duplicates are always skipped).",
    )

    def validate_date_format(self, value: str) -> str:
        """A format that can read a date."""
        directives = csv_layout.strftime_format(value)
        if not all(d in directives for d in ("%d", "%m")) or "%" not in directives:
            raise serializers.ValidationError(
                "Use day, month and year, e.g. dd.mm.yyyy or %d.%m.%Y."
            )
        return directives


class ImportRowSerializer(serializers.Serializer):
    """What happened to one line (row: its line number in the file)."""

    row = serializers.IntegerField()
    status = serializers.ChoiceField(
        ["new", "created", "duplicate", "possible_duplicate", "skipped", "error"]
    )
    date = serializers.DateField(allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    vendor = serializers.CharField()
    description = serializers.CharField()
    category = serializers.CharField()
    expense_type = serializers.CharField()
    expense_id = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()
    possible_duplicate = DuplicateMatchSerializer(allow_null=True)


class ImportDetectedSerializer(serializers.Serializer):
    """How the file was read."""

    delimiter = serializers.CharField()
    header_row = serializers.IntegerField()
    mapping = serializers.DictField(child=serializers.CharField())
    date_format = serializers.CharField()
    decimal_separator = serializers.CharField()


class ImportSummarySerializer(serializers.Serializer):
    """Rows per outcome."""

    rows = serializers.IntegerField()
    to_create = serializers.IntegerField()
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    possible_duplicates = serializers.IntegerField()
    skipped = serializers.IntegerField()
    errors = serializers.IntegerField()


class ImportReportSerializer(serializers.Serializer):
    """The outcome of an import or a dry run."""

    dry_run = serializers.BooleanField()
    import_id = serializers.IntegerField(allow_null=True)
    filename = serializers.CharField()
    summary = ImportSummarySerializer()
    detected = ImportDetectedSerializer()
    results = ImportRowSerializer(many=True)


class ImportRecordSerializer(serializers.ModelSerializer):
    """A past import."""

    class Meta:
        model = ImportModel
        fields = (
            "import_id",
            "filename",
            "rows",
            "created",
            "duplicates",
            "skipped",
            "errors",
            "settings_used",
            "created_at",
        )
        read_only_fields = fields


# --- export -------------------------------------------------------------------------


class ExportQuerySerializer(StrictSerializer):
    """`?format=json` (default) or `?format=csv` (a zip of CSV files)."""

    format = EnumField(["json", "csv"], label_text="format", required=False)


class RestoreRequestSerializer(StrictSerializer):
    """A multipart upload: the JSON export document."""

    file = serializers.FileField(help_text="The JSON export (GET export/).")


class RestoreReportSerializer(serializers.Serializer):
    """What a restore wrote."""

    restored = serializers.IntegerField(help_text="Rows written in all.")
    tables = serializers.DictField(
        child=serializers.IntegerField(), help_text="Rows written per table."
    )

"""Serializers of the todos feature: validation in, rendering out."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mysphere_core.fields import BoundedDateField, EnumField
from mysphere_core.limits import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE
from mysphere_core.serializers import (
    FlatRowSerializer,
    StrictSerializer,
    ai_envelope,
    parse_response,
)
from todos import recurrence
from todos.models import MAX_MINUTES, MAX_TAGS, MAX_TITLE, TodoModel
from todos.writes import MAX_BULK

MAX_TAG_LENGTH = 50
MAX_DESCRIPTION = 5000
MAX_RULE_TEXT = 40
PRIORITIES = TodoModel.Priority.values
STATUSES = TodoModel.Status.values


class TagsField(serializers.ListField):
    """Short words, stored lower case without '#', once each, in order."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", serializers.CharField(max_length=MAX_TAG_LENGTH))
        kwargs.setdefault("max_length", MAX_TAGS)
        kwargs.setdefault("error_messages", {"max_length": f"At most {MAX_TAGS} tags."})
        kwargs.setdefault(
            "help_text", f"Up to {MAX_TAGS} words of up to 50 characters."
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        """Lower-cased, '#' dropped, blanks refused, duplicates merged."""
        tags: list[str] = []
        for tag in super().to_internal_value(data):
            word = tag.strip().lstrip("#").lower()
            if not word or any(c.isspace() or c in ',#"' for c in word):
                raise serializers.ValidationError(
                    f'"{tag}" is not a tag: use one word without spaces or commas.'
                )
            if word not in tags:
                tags.append(word)
        return tags


# Named enum components: other features have `status` and `priority` fields too.
@extend_schema_field(
    {"type": "string", "enum": STATUSES}, component_name="TodoStatusEnum"
)
class TodoStatusField(EnumField):
    """pending, in_progress, completed or cancelled."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(STATUSES, label_text="status", **kwargs)


@extend_schema_field(
    {"type": "string", "enum": PRIORITIES}, component_name="TodoPriorityEnum"
)
class TodoPriorityField(EnumField):
    """low, medium, high or urgent."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(PRIORITIES, label_text="priority", **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class RecurrenceField(serializers.Field):
    """`none`, `daily`, `weekdays`, `weekly`, `monthly`, `yearly` or `every N
    days|weeks|months|years`; read as a `recurrence.Rule`, shown as its label."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", recurrence.HELP)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> recurrence.Rule:
        """The rule the text writes; 400 naming the field otherwise."""
        if not isinstance(data, str) or len(data) > MAX_RULE_TEXT:
            raise serializers.ValidationError(f"Use {recurrence.HELP}")
        try:
            return recurrence.parse_rule(data)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc))

    def to_representation(self, value: Any) -> str:
        """The rule's label (`weekly`, `every 2 weeks`)."""
        return value.label() if isinstance(value, recurrence.Rule) else str(value)


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
        "example": "17:00",
    }
)
class LocalTimeField(serializers.TimeField):
    """A local wall-clock time: HH:MM in (seconds accepted and dropped), HH:MM out."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> Any:
        """The time to the minute."""
        return super().to_internal_value(value).replace(second=0, microsecond=0)


class BoundedDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date-time in the years 1900-2999."""

    def to_internal_value(self, value: Any) -> Any:
        """The aware datetime, its day in range."""
        moment = super().to_internal_value(value)
        if not EARLIEST_DATE <= moment.date() <= LATEST_DATE:
            raise serializers.ValidationError(DATE_RANGE_MESSAGE)
        return moment


class TodoSerializer(FlatRowSerializer):
    """A todo as the API shows it and accepts it."""

    title = serializers.CharField(max_length=MAX_TITLE)
    description = serializers.CharField(
        max_length=MAX_DESCRIPTION, required=False, allow_blank=True
    )
    priority = TodoPriorityField(required=False)
    status = TodoStatusField(required=False)
    due_date = BoundedDateField(required=False, allow_null=True)
    due_time = LocalTimeField(
        required=False, allow_null=True, help_text="Local HH:MM; needs due_date."
    )
    reminder_at = BoundedDateTimeField(required=False, allow_null=True)
    tags = TagsField(required=False)
    estimated_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_MINUTES
    )
    recurrence = RecurrenceField(source="rule", required=False)
    parent = serializers.IntegerField(
        source="parent_id",
        required=False,
        allow_null=True,
        min_value=1,
        help_text="The id of one of your tasks; this one becomes its subtask.",
    )
    previous_todo_id = serializers.IntegerField(
        source="previous_instance_id", read_only=True, allow_null=True
    )

    class Meta:
        model = TodoModel
        fields = [
            "todo_id",
            "title",
            "description",
            "priority",
            "status",
            "due_date",
            "due_time",
            "reminder_at",
            "completed_at",
            "tags",
            "estimated_minutes",
            "recurrence",
            "parent",
            "position",
            "source_ref",
            "previous_todo_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["completed_at", "source_ref", "created_at", "updated_at"]


class TodoWriteSerializer(StrictSerializer, TodoSerializer):
    """Create and update input: unknown fields are a 400; `recurrence` and `parent`
    arrive under their own names."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        """The validated fields, `rule` as `recurrence`, `parent_id` as `parent`."""
        values = super().to_internal_value(data)
        if "rule" in values:
            values["recurrence"] = values.pop("rule")
        if "parent_id" in values:
            values["parent"] = values.pop("parent_id")
        return values

    class Meta(TodoSerializer.Meta):
        pass


class TodoCompleteSerializer(StrictSerializer):
    """Options of `complete/`."""

    force = serializers.BooleanField(
        default=False, help_text="Also complete the open subtasks."
    )


class TodoBulkFieldsSerializer(TodoWriteSerializer):
    """The fields `bulk_update/` may set on every task (all optional)."""

    class Meta(TodoWriteSerializer.Meta):
        fields = [
            "priority",
            "status",
            "due_date",
            "due_time",
            "tags",
            "estimated_minutes",
            "parent",
        ]


class TodoBulkUpdateSerializer(StrictSerializer):
    """`{"todo_ids": [...], "fields": {...}}`: all of them change, or none."""

    todo_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=MAX_BULK,
    )
    fields = TodoBulkFieldsSerializer()


class TodoReorderSerializer(StrictSerializer):
    """The ids in their new order."""

    todo_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=MAX_BULK,
    )


class TodoListResponseSerializer(serializers.Serializer):
    """The todos a bulk write or reorder touched."""

    todos = TodoSerializer(many=True)


class AgendaCountsSerializer(serializers.Serializer):
    """How many tasks are in each group of the agenda."""

    overdue = serializers.IntegerField()
    due_today = serializers.IntegerField()
    urgent = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    total = serializers.IntegerField()


class TodayAgendaSerializer(serializers.Serializer):
    """The user's local today: overdue, due today, urgent, in progress (first 50
    of each, sorted) with the counts."""

    date = serializers.DateField()
    counts = AgendaCountsSerializer()
    overdue = TodoSerializer(many=True)
    due_today = TodoSerializer(many=True)
    urgent = TodoSerializer(many=True)
    in_progress = TodoSerializer(many=True)


class CompletionRateSerializer(serializers.Serializer):
    """Of the tasks due in the window, how many are completed (rate 0-1 or null)."""

    due = serializers.IntegerField()
    completed = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class PriorityCountSerializer(serializers.Serializer):
    """Tasks of one priority by state."""

    priority = serializers.CharField()
    open = serializers.IntegerField()
    completed = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class LatenessSerializer(serializers.Serializer):
    """How late the tasks completed in the last 30 days were."""

    completed_with_due_date = serializers.IntegerField()
    late = serializers.IntegerField()
    average_days_late = serializers.FloatField(allow_null=True)


class TodoStatsSerializer(serializers.Serializer):
    """Completion, overdue, priorities, streak and lateness."""

    date = serializers.DateField()
    completion_rate_7_days = CompletionRateSerializer()
    completion_rate_30_days = CompletionRateSerializer()
    overdue = serializers.IntegerField()
    by_priority = PriorityCountSerializer(many=True)
    current_streak_days = serializers.IntegerField()
    lateness_30_days = LatenessSerializer()


class TodoParseTextSerializer(StrictSerializer):
    """Quick-add text: one task per line, indented lines are subtasks."""

    text = serializers.CharField(
        max_length=5000,
        help_text="e.g. 'Call mom tomorrow at 5pm !high #family every week'",
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="Only parse; do not create the tasks."
    )


class ParsedTodoSerializer(serializers.Serializer):
    """One task read from the text."""

    title = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    due_time = LocalTimeField(allow_null=True)
    priority = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    recurrence = serializers.CharField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    parent_index = serializers.IntegerField(
        allow_null=True, help_text="The index of its parent task in `tasks`."
    )


class ParsedTodosSerializer(serializers.Serializer):
    """Every task read from the text, in order."""

    tasks = ParsedTodoSerializer(many=True)


class CreatedTodosSerializer(serializers.ListSerializer):
    """The todos a quick add created (null on a dry run)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("child", TodoSerializer())
        super().__init__(*args, **kwargs)


class SuggestedTodoSerializer(serializers.Serializer):
    """One task of the plan, with why."""

    todo_id = serializers.IntegerField()
    title = serializers.CharField()
    priority = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    minutes = serializers.IntegerField()
    score = serializers.FloatField(help_text="Urgency x importance (1-20).")
    reason = serializers.CharField()


class DeferredTodoSerializer(SuggestedTodoSerializer):
    """A task that can wait, and the day suggested for it."""

    suggested_date = serializers.DateField()


class TodoSuggestionsSerializer(serializers.Serializer):
    """Today's plan within the available minutes, tasks to split, tasks to defer."""

    summary = serializers.CharField()
    available_minutes = serializers.IntegerField()
    planned_minutes = serializers.IntegerField()
    plan = SuggestedTodoSerializer(many=True)
    break_down = SuggestedTodoSerializer(many=True)
    defer = DeferredTodoSerializer(many=True)


class TodoSuggestionsQuerySerializer(StrictSerializer):
    """The query of `ai_suggestions/`."""

    available_minutes = serializers.IntegerField(
        required=False,
        min_value=5,
        max_value=1440,
        help_text="Minutes free today (default 240).",
    )


TodoSuggestionsEnvelopeSerializer = ai_envelope(
    "TodoSuggestionsEnvelopeSerializer", TodoSuggestionsSerializer
)
TodoParseTextResponseSerializer = parse_response(
    "TodoParseTextResponseSerializer",
    ParsedTodosSerializer,
    "todos",
    CreatedTodosSerializer,
)

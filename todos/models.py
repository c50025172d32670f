"""A todo: one task of a user, maybe timed, recurring, tagged, or a subtask."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from mysphere_core.limits import validate_bounded_date
from mysphere_core.models import BaseModel
from todos import recurrence as schedule

MAX_TITLE = 500
MAX_MINUTES = 10_080  # one week
MAX_TAGS = 50
MAX_POSITION = 1_000_000_000  # fits every database's integer, with room to add


class TodoModel(BaseModel):
    """A task: what, how important, when (all-day or timed), how it repeats."""

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        URGENT = "urgent", "Urgent"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Recurrence(models.TextChoices):
        NONE = schedule.NONE, "None"
        DAILY = schedule.DAILY, "Daily"
        WEEKDAYS = schedule.WEEKDAYS, "Weekdays"
        WEEKLY = schedule.WEEKLY, "Weekly"
        MONTHLY = schedule.MONTHLY, "Monthly"
        YEARLY = schedule.YEARLY, "Yearly"

    OPEN = (Status.PENDING, Status.IN_PROGRESS)

    todo_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="todos"
    )
    title = models.CharField(max_length=MAX_TITLE)
    description = models.TextField(blank=True, default="")
    priority = models.CharField(
        max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING
    )
    due_date = models.DateField(
        null=True, blank=True, validators=[validate_bounded_date]
    )
    due_time = models.TimeField(
        null=True, blank=True, help_text="Local time in the user's zone; none: all day."
    )
    reminder_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(schedule.MAX_INTERVAL)],
    )
    recurrence_anchor = models.DateField(
        null=True, blank=True, help_text="The series' first due date: its schedule."
    )
    previous_instance = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_instances",
        help_text="The completed task of the series this one follows.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subtasks",
    )
    position = models.IntegerField(
        default=0,
        validators=[
            MinValueValidator(-MAX_POSITION),
            MaxValueValidator(MAX_POSITION),
        ],
    )
    source_ref = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        verbose_name = "todo"
        db_table = "todos"
        ordering = ["position", "todo_id"]
        indexes = [
            models.Index(
                fields=["user", "status", "due_date"],
                name="todos_user_status_due",
                condition=Q(is_active=True),
            ),
            models.Index(
                fields=["user", "position", "todo_id"],
                name="todos_user_position",
                condition=Q(is_active=True),
            ),
            models.Index(fields=["user", "completed_at"], name="todos_user_completed"),
            models.Index(fields=["reminder_at"], name="todos_reminder_at"),
        ]
        constraints = [
            # One live todo per origin (a subscription trial makes one, however
            # often its alert is heard).
            models.UniqueConstraint(
                fields=["user", "source_ref"],
                name="todos_one_live_per_source",
                condition=Q(is_active=True) & ~Q(source_ref=""),
            ),
            # One live next instance per completed task of a series.
            models.UniqueConstraint(
                fields=["previous_instance"],
                name="todos_one_next_instance",
                condition=Q(is_active=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.status}, due {self.due_date or '-'})"

    @property
    def rule(self) -> schedule.Rule:
        """The recurrence as a rule."""
        return schedule.Rule(self.recurrence, self.recurrence_interval)


class TodoNotificationModel(models.Model):
    """A reminder or overdue notice sent for a todo: one per todo, kind and day."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        OVERDUE = "overdue", "Overdue"

    todo = models.ForeignKey(
        TodoModel, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField(help_text="The user's local day it was sent for.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "todo notice"
        db_table = "todo_notifications"
        ordering = ["-day", "todo_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["todo", "kind", "day"], name="todo_notification_once"
            )
        ]
        indexes = [models.Index(fields=["day"], name="todo_notifications_day")]

    def __str__(self) -> str:
        return f"{self.kind} of todo {self.todo_id} on {self.day}"

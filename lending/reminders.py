"""Beat-driven reminders: `lending.due_soon` 3 days before, `lending.overdue` once.

Each reminder is a row unique on (record, kind, due date), created with
`get_or_create` (which survives a race on the unique key): however often the task
runs, and however many workers run it at once, each record is announced once per
kind and due date (a moved due date is reminded of again). Days are the owner's
local days.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from lending.models import (
    OPEN_STATUSES,
    LendingModel,
    LendingReminderModel,
    ReminderKind,
)
from lending.records import payload
from mysphere_core import events
from users.services import UserService

DUE_SOON_DAYS = 3
EVENT_OF = {
    ReminderKind.DUE_SOON: "lending.due_soon",
    ReminderKind.OVERDUE: "lending.overdue",
}


def _candidates(now: datetime) -> QuerySet[LendingModel]:
    """Open records falling due within 3 days (on any time zone's today) or past
    due, that have not had their overdue reminder yet."""
    overdue_sent = LendingReminderModel.objects.filter(
        lending=OuterRef("pk"), kind=ReminderKind.OVERDUE, due_date=OuterRef("due_date")
    )
    latest = now.date() + timedelta(days=DUE_SOON_DAYS + 1)
    return (
        LendingModel.objects.filter(
            is_active=True, status__in=OPEN_STATUSES, due_date__lte=latest
        )
        .exclude(Exists(overdue_sent))
        .select_related("user__profile")
        .order_by("pk")
    )


def kind_due(due: date, today: date) -> str | None:
    """The reminder a record due on `due` calls for on `today`, if any."""
    if due < today:
        return ReminderKind.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return ReminderKind.DUE_SOON
    return None


def _remind(record: LendingModel, kind: str) -> bool:
    """Store the reminder and announce it; False when it was there already."""
    with transaction.atomic():
        _, created = LendingReminderModel.objects.get_or_create(
            lending=record, kind=kind, due_date=record.due_date
        )
        if created:
            events.announce(
                EVENT_OF[kind],
                user=record.user,
                outstanding=str(record.outstanding),
                **payload(record),
            )
    return created


def send(*, now: datetime | None = None) -> dict[str, int]:
    """Announce every reminder due now; counts of those newly announced per kind."""
    now = now or timezone.now()
    counts = {ReminderKind.DUE_SOON.value: 0, ReminderKind.OVERDUE.value: 0}
    for record in _candidates(now).iterator(chunk_size=500):
        today = now.astimezone(UserService.timezone_for(user=record.user)).date()
        kind = kind_due(record.due_date, today)
        if kind is not None and _remind(record, kind):
            counts[kind] += 1
    return counts

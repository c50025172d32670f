"""Alerts: reading them, raising them, their idempotent hourly generation and the daily
maintenance.

Every alert is also a notification of the one notification centre (the integrations
app hears `subscription.alert_raised`): the centre's channel for its kind decides
whether it is emailed (at once or in the daily digest), so an alert reaches the user
once. Read marks are shared: an alert read or dismissed here announces
`subscription.alerts_changed` and its notification is marked read; a notification
read or deleted in the centre reads or dismisses its alert (`read_from_centre`)."""

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mysphere_core import events
from mysphere_core.errors import NotFoundError
from mysphere_core.limits import parse_pk
from mysphere_core.money import format_money
from subscriptions.models import SubscriptionAlertModel, SubscriptionModel
from users.services import UserService

logger = logging.getLogger(__name__)

TRIAL_WARNING_DAYS = 3
MAX_REMINDER_DAYS = 60
DISMISSED_ALERT_RETENTION_DAYS = 30

Status = SubscriptionModel.Status
AlertType = SubscriptionAlertModel.AlertType


# --- reads and the user's own changes -----------------------------------------------


def alerts_of(
    user: AbstractBaseUser | None, include_dismissed: bool = False
) -> QuerySet[SubscriptionAlertModel]:
    """The user's alerts on live subscriptions, unread first, newest first."""
    queryset = SubscriptionAlertModel.objects.filter(
        user=user, is_active=True, subscription__is_active=True
    ).select_related("subscription")
    if not include_dismissed:
        queryset = queryset.filter(is_dismissed=False)
    return queryset.order_by("is_read", "-alert_date", "-id")


def alert_for(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
    """One alert of the user (dismissed ones too); NotFoundError (404) otherwise."""
    alert = alerts_of(user, include_dismissed=True).filter(pk=parse_pk(pk)).first()
    if alert is None:
        raise NotFoundError("Alert not found.")
    return alert


def _changed(user: AbstractBaseUser, alert_ids: list[int]) -> None:
    """`subscription.alerts_changed` for alerts read, dismissed or removed."""
    events.announce("subscription.alerts_changed", user=user, alert_ids=alert_ids)


def mark_read(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
    """Mark one alert read."""
    with transaction.atomic():
        alert = alert_for(user=user, pk=pk)
        alert.is_read = True
        alert.save(update_fields=["is_read", "updated_at"])
        _changed(user, [alert.pk])
    return alert


def dismiss(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
    """Dismiss one alert (it leaves the list; removed after 30 days)."""
    with transaction.atomic():
        alert = alert_for(user=user, pk=pk)
        alert.is_dismissed = True
        alert.is_read = True
        alert.save(update_fields=["is_dismissed", "is_read", "updated_at"])
        _changed(user, [alert.pk])
    return alert


def mark_all_read(*, user: AbstractBaseUser) -> int:
    """Mark every unread alert read; returns how many."""
    with transaction.atomic():
        unread = SubscriptionAlertModel.objects.filter(
            user=user, is_active=True, is_read=False
        )
        ids = list(unread.values_list("pk", flat=True))
        updated = unread.filter(pk__in=ids).update(
            is_read=True, updated_at=timezone.now()
        )
        if ids:
            _changed(user, ids)
    return updated


def read_from_centre(
    *, user: AbstractBaseUser, alert_ids: list[int], dismiss: bool = False
) -> int:
    """Mark these alerts of the user read (and dismissed when `dismiss`): their
    notifications were read or deleted in the notification centre. How many
    changed."""
    changes: dict[str, Any] = {"is_read": True}
    if dismiss:
        changes["is_dismissed"] = True
    with transaction.atomic():
        rows = SubscriptionAlertModel.objects.filter(user=user, pk__in=alert_ids)
        ids = list(rows.exclude(**changes).values_list("pk", flat=True))
        rows.filter(pk__in=ids).update(**changes, updated_at=timezone.now())
        if ids:
            _changed(user, ids)
    return len(ids)


# --- raising alerts -----------------------------------------------------------------


def _raised(user: AbstractBaseUser, alert: SubscriptionAlertModel) -> None:
    """`subscription.alert_raised` for a new (or refreshed) alert."""
    events.announce(
        "subscription.alert_raised",
        user=user,
        alert_id=alert.pk,
        subscription_id=alert.subscription_id,
        alert_type=alert.alert_type,
        title=alert.title,
        message=alert.message,
        email=alert.subscription.email_notifications,
    )


def status_change(
    *, subscription: SubscriptionModel, title: str, message: str, day: date
) -> SubscriptionAlertModel:
    """A status_change alert (any number per day)."""
    alert = SubscriptionAlertModel.objects.create(
        user_id=subscription.user_id,
        subscription=subscription,
        alert_type=AlertType.STATUS_CHANGE,
        title=title[:200],
        message=message,
        alert_date=timezone.now(),
        alert_day=day,
    )
    _raised(subscription.user, alert)
    return alert


def upsert(
    *,
    subscription: SubscriptionModel,
    alert_type: str,
    title: str,
    message: str,
    day: date,
) -> SubscriptionAlertModel:
    """The one alert of this type for the subscription today, made or refreshed (a
    refresh updates the words and keeps the read marks: its notification is the
    same occurrence)."""
    alert, _ = SubscriptionAlertModel.objects.update_or_create(
        subscription=subscription,
        alert_type=alert_type,
        alert_day=day,
        defaults={
            "user_id": subscription.user_id,
            "title": title[:200],
            "message": message,
            "alert_date": timezone.now(),
            "is_active": True,
        },
    )
    _raised(subscription.user, alert)
    return alert


# --- hourly generation --------------------------------------------------------------


def _candidates(now: datetime) -> QuerySet[SubscriptionModel]:
    """Active subscriptions that may call for an alert on some user's today."""
    latest_day = now.date() + timedelta(days=1)
    soon = latest_day + timedelta(days=MAX_REMINDER_DAYS)
    recent = latest_day - timedelta(days=2)
    return (
        SubscriptionModel.objects.filter(is_active=True, status=Status.ACTIVE)
        .filter(
            Q(next_billing_date__lte=soon)
            | Q(
                is_trial=True,
                trial_end_date__gte=recent,
                trial_end_date__lte=latest_day + timedelta(days=TRIAL_WARNING_DAYS),
            )
            | Q(end_date__gte=recent, end_date__lte=soon)
        )
        .select_related("user", "user__profile")
    )


def _saved(new: list[SubscriptionAlertModel]) -> list[SubscriptionAlertModel]:
    """The rows of `new` as stored (bulk_create with ignore_conflicts sets no ids)."""
    stored = SubscriptionAlertModel.objects.filter(
        subscription_id__in={a.subscription_id for a in new},
        alert_type__in={a.alert_type for a in new},
        alert_day__in={a.alert_day for a in new},
    ).select_related("subscription__user__profile")
    keys = {(a.subscription_id, a.alert_type, a.alert_day) for a in new}
    return [a for a in stored if (a.subscription_id, a.alert_type, a.alert_day) in keys]


def generate(*, now: datetime | None = None) -> dict[str, int]:
    """Renewal reminders, payments due or overdue, trials and planned ends.

    Idempotent: one alert per subscription, type and (user's local) day, however
    often it runs; a unique constraint in the database holds it under races.
    Each new alert becomes a notification (emailed as its kind's channel says).
    """
    now = now or timezone.now()
    wanted: list[SubscriptionAlertModel] = []
    for subscription in _candidates(now).iterator(chunk_size=500):
        zone = UserService.timezone_for(user=subscription.user)
        wanted += alerts_due(subscription, now.astimezone(zone).date(), now)
    if not wanted:
        return {"created": 0}
    existing = set(
        SubscriptionAlertModel.objects.filter(
            subscription_id__in={a.subscription_id for a in wanted},
            alert_day__in={a.alert_day for a in wanted},
        ).values_list("subscription_id", "alert_type", "alert_day")
    )
    new = [
        a
        for a in wanted
        if (a.subscription_id, a.alert_type, a.alert_day) not in existing
    ]
    SubscriptionAlertModel.objects.bulk_create(new, ignore_conflicts=True)
    saved = _saved(new) if new else []  # with their ids (bulk_create may not set them)
    for alert in saved:
        _raised(alert.subscription.user, alert)
    counts: dict[str, int] = defaultdict(int)
    for alert in new:
        counts[alert.alert_type] += 1
    return {"created": len(new), **counts}


class _Due:
    """Collects the unsaved alerts one subscription calls for today."""

    def __init__(self, subscription: SubscriptionModel, today: date, now: datetime):
        self.subscription, self.today, self.now = subscription, today, now
        self.alerts: list[SubscriptionAlertModel] = []
        self.price = format_money(subscription.amount, subscription.currency)

    def add(self, alert_type: str, title: str, message: str) -> None:
        """One more alert of this subscription today."""
        self.alerts.append(
            SubscriptionAlertModel(
                user_id=self.subscription.user_id,
                subscription=self.subscription,
                alert_type=alert_type,
                title=title[:200],
                message=message,
                alert_date=self.now,
                alert_day=self.today,
            )
        )

    def renewal(self) -> None:
        """Overdue, or renewing / due within the subscription's reminder days."""
        sub, price = self.subscription, self.price
        days = (sub.next_billing_date - self.today).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        if days < 0 and sub.auto_renewal:
            return  # the renewal job records its payment
        if days < 0:
            self.add(
                AlertType.PAYMENT_DUE,
                f"{sub.name} payment is overdue",
                f"The {price} payment for {sub.name} was due on "
                f"{sub.next_billing_date} ({-days} days ago). Record the payment "
                "or update the subscription.",
            )
        elif days <= sub.reminder_days and sub.auto_renewal:
            self.add(
                AlertType.RENEWAL_REMINDER,
                f"{sub.name} renews {when}",
                f"Your {sub.name} subscription ({price}) renews {when}, on "
                f"{sub.next_billing_date}.",
            )
        elif days <= sub.reminder_days:
            self.add(
                AlertType.PAYMENT_DUE,
                f"{sub.name} payment due {when}",
                f"Your {sub.name} subscription ({price}) does not renew by itself: "
                f"pay it by {sub.next_billing_date}.",
            )

    def trial(self) -> None:
        """A free trial ending within 3 days."""
        sub, trial_end = self.subscription, self.subscription.trial_end_date
        if not (sub.is_trial and trial_end):
            return
        left = (trial_end - self.today).days
        if 0 <= left <= TRIAL_WARNING_DAYS:
            ends = {0: "today", 1: "tomorrow"}.get(left, f"in {left} days")
            self.add(
                AlertType.TRIAL_ENDING,
                f"{sub.name} free trial ends {ends}",
                f"Your free trial of {sub.name} ends on {trial_end}. Cancel before "
                f"then unless you want to pay {self.price} per {sub.billing_cycle} "
                "cycle.",
            )

    def planned_end(self) -> None:
        """An end date within the subscription's reminder days."""
        sub = self.subscription
        if not sub.end_date:
            return
        left = (sub.end_date - self.today).days
        if 0 <= left <= sub.reminder_days:
            self.add(
                AlertType.CANCELLATION_REMINDER,
                f"{sub.name} ends on {sub.end_date}",
                f"{sub.name} is set to end on {sub.end_date}. Make sure it is "
                "cancelled with the provider so it does not renew.",
            )


def alerts_due(
    subscription: SubscriptionModel, today: date, now: datetime
) -> list[SubscriptionAlertModel]:
    """The alerts a subscription calls for today (unsaved)."""
    due = _Due(subscription, today, now)
    due.renewal()
    due.trial()
    due.planned_end()
    return due.alerts


# --- daily maintenance --------------------------------------------------------------


def _remove_old_dismissed(now: datetime) -> int:
    """Delete dismissed alerts older than 30 days, telling each user which."""
    cutoff = now - timedelta(days=DISMISSED_ALERT_RETENTION_DAYS)
    old = SubscriptionAlertModel.objects.filter(
        is_dismissed=True, created_at__lt=cutoff
    )
    by_user: dict[int, list[int]] = defaultdict(list)
    for user_id, alert_id in old.values_list("user_id", "pk"):
        by_user[user_id].append(alert_id)
    users = get_user_model().objects.in_bulk(list(by_user))
    with transaction.atomic():
        removed, _ = SubscriptionAlertModel.objects.filter(
            pk__in=[i for ids in by_user.values() for i in ids]
        ).delete()
        for user_id, ids in by_user.items():
            _changed(users[user_id], ids)
    return removed


def _expire(subscription: SubscriptionModel, today: date) -> None:
    """Mark an ended subscription expired, with a status_change alert."""
    previous = subscription.status
    with transaction.atomic():
        subscription.status = Status.EXPIRED
        subscription.save(update_fields=["status", "updated_at"])
        status_change(
            subscription=subscription,
            title=f"{subscription.name} expired",
            message=(
                f"Your {subscription.name} subscription ended on "
                f"{subscription.end_date} and is now expired."
            ),
            day=today,
        )
        events.announce(
            "subscription.status_changed",
            user=subscription.user,
            subscription_id=subscription.pk,
            status=Status.EXPIRED,
            previous_status=previous,
        )


def daily_maintenance(*, now: datetime | None = None) -> dict[str, int]:
    """Remove dismissed alerts older than 30 days; expire ended subscriptions."""
    now = now or timezone.now()
    removed = _remove_old_dismissed(now)
    expired = 0
    ending = SubscriptionModel.objects.filter(
        is_active=True,
        status__in=(Status.ACTIVE, Status.PAUSED, Status.CANCELLED),
        end_date__lt=now.date() + timedelta(days=1),
    ).select_related("user", "user__profile")
    for subscription in ending:
        zone = UserService.timezone_for(user=subscription.user)
        today = now.astimezone(zone).date()
        if subscription.end_date < today:
            _expire(subscription, today)
            expired += 1
    return {"alerts_removed": removed, "expired": expired}

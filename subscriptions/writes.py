"""A subscription's life: create, change, delete, pause, resume, cancel; its rules
(trial, custom cycle, dates), its anchored schedule and its price history."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from mysphere_core import events
from mysphere_core.errors import (
    DomainError,
    ErrorCode,
    InvalidInput,
    LimitExceededError,
)
from mysphere_core.money import format_money, percent
from subscriptions import alerts, billing, categories
from subscriptions.models import (
    PAID_STATUSES,
    SubscriptionAlertModel,
    SubscriptionModel,
    SubscriptionPriceChangeModel,
)
from subscriptions.queries import subscription_for, today_for, with_today
from users.services import UserService

Status = SubscriptionModel.Status

WRITABLE_FIELDS = (
    "name",
    "description",
    "provider",
    "amount",
    "currency",
    "billing_cycle",
    "custom_cycle_days",
    "interval_count",
    "interval_unit",
    "start_date",
    "next_billing_date",
    "end_date",
    "payment_method",
    "auto_renewal",
    "reminder_days",
    "email_notifications",
    "website_url",
    "notes",
    "usage_tracking",
    "is_trial",
    "trial_end_date",
)
# How a custom cycle is given: in days (older) or as an interval.
CYCLE_INPUT = ("custom_cycle_days", "interval_count", "interval_unit")
SCHEDULE_FIELDS = (
    "start_date",
    "billing_cycle",
    "interval_count",
    "interval_unit",
    "is_trial",
    "trial_end_date",
)
# What `subscription.updated` compares to name the fields that changed.
TRACKED_FIELDS = (*WRITABLE_FIELDS, "category_id", "billing_anchor_date")


# --- rules --------------------------------------------------------------------------


def _derive(subscription: SubscriptionModel, values: Mapping[str, Any]) -> None:
    """Giving `trial_end_date` alone makes (or ends) a trial."""
    if "trial_end_date" in values and "is_trial" not in values:
        subscription.is_trial = values["trial_end_date"] is not None


def _custom_interval(
    given: Mapping[str, Any], stored: billing.Interval | None
) -> tuple[billing.Interval | None, dict[str, list[str]]]:
    """A custom cycle's interval from `custom_cycle_days` or `interval_count` +
    `interval_unit` (what is not given is kept from a stored custom cycle)."""
    days = given.get("custom_cycle_days")
    count, unit = given.get("interval_count"), given.get("interval_unit")
    if days is not None:
        if count not in (None, days) or unit not in (None, billing.DAYS):
            message = "Give custom_cycle_days or interval_count and interval_unit."
            return None, {"custom_cycle_days": [message]}
        return billing.Interval(days, billing.DAYS), {}
    if count is None and unit is None and stored is None:
        return None, {"custom_cycle_days": ["Required for a custom billing cycle."]}
    count = count if count is not None else stored and stored.count
    unit = unit or (stored and stored.unit)
    if not count or not unit:
        missing = "interval_unit" if count else "interval_count"
        return None, {missing: ["Give interval_count and interval_unit together."]}
    longest = billing.MAX_INTERVAL[unit]
    if count > longest:
        return None, {"interval_count": [f"Must be between 1 and {longest} {unit}."]}
    return billing.Interval(count, unit), {}


def _set_interval(
    subscription: SubscriptionModel, given: Mapping[str, Any], was_custom: bool
) -> dict[str, list[str]]:
    """The exact interval: a named cycle's own, or the custom one given (or kept)."""
    cycle = subscription.billing_cycle
    if cycle in billing.NAMED_INTERVALS:
        interval, errors = billing.NAMED_INTERVALS[cycle], {}
    else:
        stored = subscription.interval if was_custom else None
        interval, errors = _custom_interval(given, stored)
    if interval is not None:
        subscription.interval_count, subscription.interval_unit = interval
    return errors


def _rule_errors(
    subscription: SubscriptionModel, explicit_next: bool
) -> dict[str, list[str]]:
    """Cross-field rules on the subscription as it would be saved."""
    errors: dict[str, list[str]] = {}
    start = subscription.start_date
    if explicit_next and subscription.next_billing_date < start:
        errors["next_billing_date"] = ["Cannot be before the start date."]
    if subscription.end_date and subscription.end_date < start:
        errors["end_date"] = ["Cannot be before the start date."]
    trial_end = subscription.trial_end_date
    if trial_end and trial_end < start:
        errors["trial_end_date"] = ["The trial cannot end before the start date."]
    if subscription.is_trial and not trial_end:
        errors["trial_end_date"] = ["Required for a free trial."]
    return errors


def _apply(
    subscription: SubscriptionModel,
    values: Mapping[str, Any],
    *,
    user: AbstractBaseUser,
    data: Mapping[str, Any],
) -> None:
    """Set the values, derive what follows from them, check the rules, the category."""
    was_custom = subscription.billing_cycle == billing.CUSTOM
    for field, value in values.items():
        if field not in CYCLE_INPUT:
            setattr(subscription, field, value)
    _derive(subscription, values)
    errors = _set_interval(
        subscription, {k: values[k] for k in CYCLE_INPUT if k in values}, was_custom
    )
    errors.update(_rule_errors(subscription, "next_billing_date" in values))
    if errors:
        raise InvalidInput(errors=errors)
    if "category_id" in data:
        subscription.category = categories.resolve(
            user=user, category_id=data["category_id"]
        )


def _schedule(
    subscription: SubscriptionModel,
    *,
    today: date,
    explicit_next: bool,
    previous_next: date | None = None,
) -> None:
    """Choose the billing anchor and next billing date.

    Given a next billing date on the start date's series, the start date is the
    anchor; given one off it, that date is. Otherwise the anchor is the start date
    (the trial end for trials) and the next date is the first one on or after
    today (on creation: a cycle due today is due, as on resume) or the first one
    not before the previous next date (on change).
    """
    cycle, interval = subscription.billing_cycle, subscription.interval
    start = subscription.start_date
    if explicit_next:
        nxt = subscription.next_billing_date
        on_series = billing.is_billing_date(start, cycle, interval, nxt)
        subscription.billing_anchor_date = start if on_series else nxt
        return
    anchor = (
        subscription.trial_end_date
        if subscription.is_trial and subscription.trial_end_date
        else start
    )
    subscription.billing_anchor_date = anchor
    not_before = previous_next if previous_next is not None else today
    subscription.next_billing_date = billing.first_billing_on_or_after(
        anchor, cycle, interval, max(anchor, not_before)
    )


# --- writes -------------------------------------------------------------------------


def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> SubscriptionModel:
    """Create a subscription: limit checked, currency defaulted, dates anchored."""
    limit = settings.MAX_SUBSCRIPTIONS_PER_USER
    today = today_for(user)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        if SubscriptionModel.objects.filter(user=user, is_active=True).count() >= limit:
            raise LimitExceededError(
                f"You can track at most {limit} subscriptions. Delete the ones "
                "you no longer pay for to add new ones."
            )
        values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
        subscription = SubscriptionModel(user=user)
        _apply(subscription, values, user=user, data=data)
        subscription.currency = values.get("currency") or UserService.currency_for(
            user=user
        )
        _schedule(
            subscription, today=today, explicit_next="next_billing_date" in values
        )
        subscription.full_clean(exclude=["user", "category"])
        subscription.save(force_insert=True)
        events.announce(
            "subscription.created",
            user=user,
            subscription_id=subscription.pk,
            name=subscription.name,
            amount=str(subscription.amount),
            currency=subscription.currency,
            billing_cycle=subscription.billing_cycle,
            next_billing_date=subscription.next_billing_date.isoformat(),
        )
    return with_today(subscription, today)


def update(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> SubscriptionModel:
    """Change fields; schedule re-anchored, amount changes kept as price history."""
    today = today_for(user)
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk, lock=True)
        before = {field: getattr(subscription, field) for field in TRACKED_FIELDS}
        values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
        _apply(subscription, values, user=user, data=data)
        schedule_changed = any(
            getattr(subscription, f) != before[f] for f in SCHEDULE_FIELDS
        )
        if "next_billing_date" in values or schedule_changed:
            _schedule(
                subscription,
                today=today,
                explicit_next="next_billing_date" in values,
                previous_next=before["next_billing_date"],
            )
        subscription.full_clean(exclude=["user", "category"])
        subscription.save()
        changed = [f for f in TRACKED_FIELDS if getattr(subscription, f) != before[f]]
        events.announce(
            "subscription.updated",
            user=user,
            subscription_id=subscription.pk,
            fields=changed,
        )
        if subscription.amount != before["amount"]:
            _record_price_change(
                subscription, before["amount"], before["currency"], today
            )
    return with_today(subscription, today)


def delete(*, user: AbstractBaseUser, pk: Any) -> None:
    """Soft-delete; its payments and their expenses stay as spending history."""
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk)
        subscription.soft_delete()
        events.announce(
            "subscription.deleted", user=user, subscription_id=subscription.pk
        )


def restore(*, user: AbstractBaseUser, pk: Any) -> SubscriptionModel:
    """Staff: bring back a soft-deleted subscription of `user`."""
    with transaction.atomic():
        subscription = SubscriptionModel.objects.get(user=user, pk=str(pk))
        subscription.is_active = True
        subscription.save(update_fields=["is_active", "updated_at"])
        events.announce(
            "subscription.restored", user=user, subscription_id=subscription.pk
        )
    return subscription


def set_status(*, user: AbstractBaseUser, pk: Any, status: str) -> SubscriptionModel:
    """Staff: put a subscription in any status (the API's transitions are stricter)."""
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk, lock=True)
        previous = subscription.status
        subscription.status = status
        subscription.save(update_fields=["status", "updated_at"])
        _status_changed(user, subscription, previous)
    return subscription


def _status_changed(
    user: AbstractBaseUser, subscription: SubscriptionModel, previous: str
) -> None:
    """`subscription.status_changed` from `previous` to its status now."""
    events.announce(
        "subscription.status_changed",
        user=user,
        subscription_id=subscription.pk,
        status=subscription.status,
        previous_status=previous,
    )


# --- status changes -----------------------------------------------------------------

# action -> (statuses it starts from, the status it leads to, the verb)
TRANSITIONS = {
    "pause": ((Status.ACTIVE,), Status.PAUSED, "paused"),
    "resume": ((Status.PAUSED,), Status.ACTIVE, "resumed"),
    "cancel": ((Status.ACTIVE, Status.PAUSED), Status.CANCELLED, "cancelled"),
}


def first_unpaid_on_or_after(subscription: SubscriptionModel, day: date) -> date:
    """The first anchored billing date >= `day` that no live paid payment covers.

    Resume bills from here: cycles paid before (or during) a pause stay paid.
    """
    candidate = billing.first_billing_on_or_after(*subscription.schedule, day)
    paid = set(
        subscription.payments.filter(
            is_active=True, status__in=PAID_STATUSES, due_date__gte=candidate
        ).values_list("due_date", flat=True)
    )
    while candidate in paid:
        candidate = billing.billing_date_after(*subscription.schedule, candidate)
    return candidate


def _enter(subscription: SubscriptionModel, today: date, end_date: date | None) -> str:
    """Set what the new status implies; the sentence the alert adds about it."""
    if subscription.status == Status.ACTIVE:
        subscription.next_billing_date = first_unpaid_on_or_after(
            subscription, max(today, subscription.start_date)
        )
        return f" Next billing date: {subscription.next_billing_date}."
    if subscription.status == Status.CANCELLED:
        end = end_date or today
        if end < subscription.start_date:
            raise InvalidInput(
                "The end date cannot be before the start date.", field="end_date"
            )
        subscription.cancelled_at = timezone.now()
        subscription.end_date = end
        return f" It ends on {end}."
    return ""


def transition(
    *, user: AbstractBaseUser, pk: Any, action: str, end_date: date | None = None
) -> SubscriptionModel:
    """Pause, resume or cancel, with a status_change alert; 400 from other statuses."""
    allowed, target, verb = TRANSITIONS[action]
    today = today_for(user)
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk, lock=True)
        previous = subscription.status
        if previous not in allowed:
            raise DomainError(
                f"Only a subscription that is {' or '.join(allowed)} can be {verb}; "
                f"'{subscription.name}' is {previous}.",
                code=ErrorCode.INVALID_TRANSITION,
            )
        subscription.status = target
        detail = _enter(subscription, today, end_date)
        subscription.save()
        alerts.status_change(
            subscription=subscription,
            title=f"{subscription.name} {verb}",
            message=f"Your {subscription.name} subscription has been {verb}.{detail}",
            day=today,
        )
        _status_changed(user, subscription, previous)
    return with_today(subscription, today)


# --- price history ------------------------------------------------------------------


def _record_price_change(
    subscription: SubscriptionModel,
    old_amount: Decimal,
    old_currency: str,
    today: date,
) -> None:
    """Price history row, and a price_increase alert when the price went up."""
    SubscriptionPriceChangeModel.objects.create(
        subscription=subscription,
        old_amount=old_amount,
        old_currency=old_currency,
        new_amount=subscription.amount,
        currency=subscription.currency,
        effective_date=today,
    )
    events.announce(
        "subscription.price_changed",
        user=subscription.user,
        subscription_id=subscription.pk,
        old_amount=str(old_amount),
        old_currency=old_currency,
        amount=str(subscription.amount),
        currency=subscription.currency,
    )
    if subscription.amount > old_amount and subscription.currency == old_currency:
        alerts.upsert(
            subscription=subscription,
            alert_type=SubscriptionAlertModel.AlertType.PRICE_INCREASE,
            title=f"{subscription.name} price went up",
            message=(
                f"{subscription.name} now costs "
                f"{format_money(subscription.amount, subscription.currency)} instead "
                f"of {format_money(old_amount, old_currency)} "
                f"(+{percent(subscription.amount - old_amount, old_amount)}%)."
            ),
            day=today,
        )

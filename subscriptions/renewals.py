"""Renewals that roll: an auto-renewing subscription pays itself on its renewal date.

The hourly job records the payment of every active, auto-renewing subscription whose
next billing date has come in its owner's time zone (with its expense, dated on the
renewal day), cycle after cycle up to today, through the same `payments.record` a
person uses, so the row lock and `already_paid` keep every cycle paid once however
often the job runs. The payment can be corrected, refunded or deleted like any other.
Only subscriptions that do not renew by themselves go overdue.
"""

import logging
from datetime import date, datetime, timedelta

from django.utils import timezone
from rest_framework import exceptions

from mysphere_core.errors import DomainError
from subscriptions import payments
from subscriptions.models import SubscriptionModel
from users.services import UserService

logger = logging.getLogger(__name__)

# Cycles one run records for one subscription (the next run goes on from there).
MAX_CYCLES_PER_RUN = 31
AUTOMATIC_NOTE = "Recorded automatically on its renewal date."


def renew_automatically(*, now: datetime | None = None) -> int:
    """Record the due payments of auto-renewing subscriptions; how many."""
    now = now or timezone.now()
    latest = (now + timedelta(days=1)).date()  # the furthest-ahead zone's today
    candidates = (
        SubscriptionModel.objects.filter(
            is_active=True,
            status=SubscriptionModel.Status.ACTIVE,
            auto_renewal=True,
            next_billing_date__lte=latest,
        )
        .select_related("user__profile")
        .order_by("next_billing_date", "pk")
    )
    recorded = 0
    for subscription in candidates.iterator(chunk_size=500):
        today = now.astimezone(UserService.timezone_for(user=subscription.user)).date()
        recorded += _renew(subscription, today)
    return recorded


def _renew(subscription: SubscriptionModel, today: date) -> int:
    """Pay each cycle of one subscription whose date came; how many were paid."""
    paid = 0
    due = subscription.next_billing_date
    while paid < MAX_CYCLES_PER_RUN and due <= today and _renews_on(subscription, due):
        data = {"due_date": due, "payment_date": due, "notes": AUTOMATIC_NOTE}
        try:
            payment = payments.record(
                user=subscription.user, pk=subscription.pk, data=data
            )
        except (DomainError, exceptions.ValidationError) as exc:
            logger.info("Renewal of %s not recorded: %s", subscription.pk, exc)
            break
        subscription = payment.subscription
        paid += 1
        due = subscription.next_billing_date
    return paid


def _renews_on(subscription: SubscriptionModel, due: date) -> bool:
    """True when the subscription still renews on `due` (not past its end)."""
    return subscription.end_date is None or due <= subscription.end_date

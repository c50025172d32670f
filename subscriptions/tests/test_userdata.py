"""The subscriptions feature's part of the data protocol and of the calendar feed."""

from datetime import date

import pytest

from mysphere_core.calendar import calendar_entries
from mysphere_core.userdata import rows
from subscriptions import userdata as app_data
from subscriptions.models import SubscriptionModel, SubscriptionPaymentModel
from subscriptions.tests.factories import (
    AlertFactory,
    CategoryFactory,
    PaymentFactory,
    PriceChangeFactory,
    SubscriptionFactory,
    UsageFactory,
)

pytestmark = pytest.mark.django_db


def _data(user):
    subscription = SubscriptionFactory(user=user, category=CategoryFactory(user=user))
    PaymentFactory(subscription=subscription)
    UsageFactory(subscription=subscription)
    PriceChangeFactory(subscription=subscription)
    AlertFactory(user=user, subscription=subscription)
    SubscriptionFactory(user=user, is_active=False)
    return subscription


def test_export_names_every_table(user, other_user):
    _data(user)
    _data(other_user)
    tables = app_data.export_tables(user=user)
    counts = {name: len(list(rows(qs))) for name, qs in tables.items()}
    assert counts == {
        "subscription_categories": 1,
        "subscriptions": 2,  # the soft-deleted one too
        "subscription_payments": 1,
        "subscription_usage": 1,
        "subscription_price_changes": 1,
        "subscription_alerts": 1,
    }


def test_erase_children_first_and_only_the_users(user, other_user):
    _data(user)
    theirs = _data(other_user)
    erased = app_data.erase(user=user)
    assert erased["subscriptions"] == 2
    assert erased["subscription_payments"] == 1
    assert not SubscriptionModel.objects.filter(user=user).exists()
    assert SubscriptionPaymentModel.objects.get().subscription == theirs


def test_calendar_entries_renewals_and_trials(user):
    monthly = SubscriptionFactory(user=user, name="Spotify", reminder_days=5)
    trial = SubscriptionFactory(
        user=user,
        name="Duolingo",
        is_trial=True,
        trial_end_date=date(2026, 12, 1),
        reminder_days=0,
    )
    SubscriptionFactory(user=user, status="cancelled")
    entries = {e.uid: e for _, e in calendar_entries(user)}
    assert set(entries) == {
        f"subscription-{monthly.pk}-renewal@mysphere",
        f"subscription-{trial.pk}-renewal@mysphere",
        f"subscription-{trial.pk}-trial@mysphere",
    }
    renewal = entries[f"subscription-{monthly.pk}-renewal@mysphere"]
    assert renewal.start == monthly.next_billing_date
    assert renewal.alarm_days_before == 5
    assert renewal.rrule == {"FREQ": "MONTHLY"}
    trial_end = entries[f"subscription-{trial.pk}-trial@mysphere"]
    assert trial_end.start == date(2026, 12, 1)
    assert trial_end.alarm_days_before is None


def test_feature_turned_off_puts_nothing_on_the_calendar(user, settings):
    SubscriptionFactory(user=user)
    settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "SUBSCRIPTION_TRACKING": False}
    assert list(calendar_entries(user)) == []

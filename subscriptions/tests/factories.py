"""factory_boy factories of the subscriptions tests."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from subscriptions import billing
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from users.tests.factories import UserFactory

TODAY = date(2026, 11, 22)  # the root `frozen` fixture's day, a Sunday


class CategoryFactory(factory.django.DjangoModelFactory):
    """A subscription category."""

    class Meta:
        model = SubscriptionCategoryModel

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    color = "#3B82F6"


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A subscription saved directly (hand-built data: the anchor is the start)."""

    class Meta:
        model = SubscriptionModel

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    provider = factory.LazyAttribute(lambda o: o.name)
    amount = Decimal("9.99")
    currency = "USD"

    class Params:
        custom_cycle_days = None  # a custom cycle of so many days

    billing_cycle = billing.MONTHLY
    interval_count = factory.LazyAttribute(
        lambda o: billing.interval_of(o.billing_cycle, o.custom_cycle_days).count
    )
    interval_unit = factory.LazyAttribute(
        lambda o: billing.interval_of(o.billing_cycle, o.custom_cycle_days).unit
    )
    start_date = date(2026, 1, 15)
    billing_anchor_date = factory.LazyAttribute(lambda o: o.start_date)
    next_billing_date = factory.LazyAttribute(
        lambda o: billing.nth_billing_date(
            o.billing_anchor_date,
            o.billing_cycle,
            billing.Interval(o.interval_count, o.interval_unit),
            1,
        )
    )
    payment_method = "card"


class PaymentFactory(factory.django.DjangoModelFactory):
    """A paid payment."""

    class Meta:
        model = SubscriptionPaymentModel

    subscription = factory.SubFactory(SubscriptionFactory)
    amount = factory.LazyAttribute(lambda o: o.subscription.amount)
    currency = factory.LazyAttribute(lambda o: o.subscription.currency)
    payment_date = date(2026, 11, 1)
    due_date = factory.LazyAttribute(lambda o: o.payment_date)
    status = "paid"
    payment_method = "card"


class UsageFactory(factory.django.DjangoModelFactory):
    """A usage log."""

    class Meta:
        model = SubscriptionUsageModel

    subscription = factory.SubFactory(SubscriptionFactory)
    usage_date = date(2026, 11, 20)
    usage_count = 1


class PriceChangeFactory(factory.django.DjangoModelFactory):
    """A price change."""

    class Meta:
        model = SubscriptionPriceChangeModel

    subscription = factory.SubFactory(SubscriptionFactory)
    old_amount = Decimal("9.99")
    new_amount = Decimal("11.99")
    currency = "USD"
    old_currency = factory.LazyAttribute(lambda change: change.currency)
    effective_date = date(2026, 11, 1)


class AlertFactory(factory.django.DjangoModelFactory):
    """An unread status_change alert (any number per day)."""

    class Meta:
        model = SubscriptionAlertModel

    subscription = factory.SubFactory(SubscriptionFactory)
    user = factory.LazyAttribute(lambda o: o.subscription.user)
    alert_type = "status_change"
    title = factory.LazyAttribute(lambda o: f"{o.subscription.name} paused")
    message = "Your subscription has been paused."
    alert_date = factory.LazyFunction(timezone.now)
    alert_day = TODAY

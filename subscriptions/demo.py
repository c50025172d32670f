"""Demo data of the subscriptions feature, written through the services.

`seed(user)` (called by `manage.py seed_demo`) gives the demo user a realistic set:
streaming, music, software, storage, a gym on a 28-day cycle, a weekly meal kit, a
newspaper in EUR, a free trial about to end, a paused game pass, a year of paid cycles
mirrored as expenses, a price increase, usage logs and today's alerts.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from subscriptions.models import SubscriptionModel
from subscriptions.services import (
    SubscriptionAlertService,
    SubscriptionCategoryService,
    SubscriptionService,
)
from users.services import UserService

CATEGORIES = {
    "Streaming": ("#E50914", "tv"),
    "Music": ("#1DB954", "music"),
    "Software": ("#FF0000", "code"),
    "Cloud Storage": ("#0061FF", "cloud"),
    "Fitness": ("#F59E0B", "dumbbell"),
    "News": ("#111827", "newspaper"),
    "Food": ("#10B981", "utensils"),
    "Gaming": ("#107C10", "gamepad"),
    "Education": ("#58CC02", "book"),
}


@dataclass(frozen=True)
class _Spec:
    name: str
    provider: str
    amount: str
    cycle: str
    days_ago: int
    category: str
    currency: str = "USD"
    custom_days: int | None = None
    payment_method: str = "card"
    website_url: str = ""


SPECS = (
    _Spec("Netflix", "Netflix", "13.99", "monthly", 420, "Streaming",
          website_url="https://www.netflix.com"),
    _Spec("Disney+", "Disney", "13.99", "monthly", 150, "Streaming"),
    _Spec("Spotify Premium", "Spotify", "11.99", "monthly", 700, "Music",
          payment_method="paypal"),
    _Spec("Adobe Creative Cloud", "Adobe", "59.99", "monthly", 300, "Software"),
    _Spec("Dropbox Plus", "Dropbox", "119.88", "yearly", 500, "Cloud Storage"),
    _Spec("iCloud+", "Apple", "2.99", "monthly", 800, "Cloud Storage"),
    _Spec("FitClub Gym", "FitClub", "39.00", "custom", 200, "Fitness",
          custom_days=28, payment_method="bank_transfer"),
    _Spec("HelloFresh", "HelloFresh", "59.94", "weekly", 60, "Food"),
    _Spec("Le Monde", "Le Monde", "9.99", "monthly", 240, "News", currency="EUR"),
    _Spec("The Economist", "The Economist", "54.00", "quarterly", 380, "News",
          currency="EUR"),
    _Spec("Xbox Game Pass", "Microsoft", "16.99", "monthly", 120, "Gaming"),
)  # fmt: skip


def seed(user: AbstractBaseUser) -> str:
    """Create the demo subscriptions of `user`; returns a one-line summary."""
    today = UserService.today_for(user=user)
    categories = {
        name: SubscriptionCategoryService.create(
            user=user, data={"name": name, "color": color, "icon": icon}
        )
        for name, (color, icon) in CATEGORIES.items()
    }
    subscriptions: dict[str, SubscriptionModel] = {}
    payments = 0
    for spec in SPECS:
        subscription = _create(user, spec, today, categories[spec.category].pk)
        subscriptions[spec.name] = subscription
        payments += _pay_until(user, subscription, today)

    netflix = subscriptions["Netflix"]
    SubscriptionService.update(
        user=user, pk=netflix.pk, data={"amount": Decimal("15.49")}
    )
    payments += _pay_until(user, netflix, today)
    SubscriptionService.pause(user=user, pk=subscriptions["Xbox Game Pass"].pk)
    SubscriptionService.create(
        user=user,
        data={
            "name": "Duolingo Super",
            "provider": "Duolingo",
            "amount": Decimal("12.99"),
            "billing_cycle": "monthly",
            "start_date": today - timedelta(days=11),
            "is_trial": True,
            "trial_end_date": today + timedelta(days=3),
            "category_id": categories["Education"].pk,
        },
    )
    usage = _log_usage(user, subscriptions, today)
    alerts = SubscriptionAlertService.generate()["created"]
    return (
        f"{len(SPECS) + 1} subscriptions in USD and EUR (1 free trial, 1 paused), "
        f"{payments} paid cycles mirrored as expenses, {usage} usage logs, "
        f"{alerts} alerts"
    )


def _create(
    user: AbstractBaseUser, spec: _Spec, today: date, category_id: int
) -> SubscriptionModel:
    """One demo subscription, started `spec.days_ago` days ago."""
    start = today - timedelta(days=spec.days_ago)
    return SubscriptionService.create(
        user=user,
        data={
            "name": spec.name,
            "provider": spec.provider,
            "amount": Decimal(spec.amount),
            "currency": spec.currency,
            "billing_cycle": spec.cycle,
            "custom_cycle_days": spec.custom_days,
            "start_date": start,
            "next_billing_date": start,
            "payment_method": spec.payment_method,
            "category_id": category_id,
            "website_url": spec.website_url,
        },
    )


def _log_usage(
    user: AbstractBaseUser, subscriptions: dict[str, SubscriptionModel], today: date
) -> int:
    """A month of usage: heavy, light and none at all; returns how many logs."""
    usage = 0
    for name, days_ago in (
        ("Netflix", (1, 3, 4, 8, 12, 15, 21, 26)),
        ("Spotify Premium", tuple(range(0, 30, 2))),
        ("FitClub Gym", (6, 20)),
        ("Adobe Creative Cloud", (45, 60)),
    ):
        for days in days_ago:
            SubscriptionService.log_usage(
                user=user,
                pk=subscriptions[name].pk,
                data={
                    "usage_date": today - timedelta(days=days),
                    "usage_count": 1,
                    "usage_duration": timedelta(minutes=45),
                },
            )
            usage += 1
    return usage


def _pay_until(
    user: AbstractBaseUser, subscription: SubscriptionModel, today: date
) -> int:
    """Pay every cycle due up to today, each on its due date; returns how many."""
    paid = 0
    subscription.refresh_from_db()
    while subscription.next_billing_date <= today:
        due = subscription.next_billing_date
        SubscriptionService.record_payment(
            user=user,
            pk=subscription.pk,
            data={"payment_date": due, "transaction_id": f"demo-{due:%Y%m%d}"},
        )
        subscription.refresh_from_db()
        paid += 1
    return paid

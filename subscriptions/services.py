"""The front door of the subscriptions feature: what views, tasks, the admin and other
apps call. The logic lives beside it, by concern:

- `writes.py`: create, change, delete, pause/resume/cancel, price history;
- `payments.py`: payments mirrored as expenses (`ExpenseService`), usage logs;
- `payment_changes.py`: corrections and refunds of payments (expenses follow);
- `analytics.py`: upcoming renewals, dashboard, analytics, calendar;
- `insights.py` + `fallback.py`: AI insights and the rule-based engine;
- `parsing.py`: plain-language entry; `categories.py`; `alerts.py`;
- `queries.py`: the reads they share.

Every write announces a domain event (`mysphere_core.events`); caches are forgotten
by the kit's receiver, never here. Money stays Decimal and is never summed across
currencies. Dates are the user's local dates (`UserService.today_for`).
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mysphere_core import ai
from subscriptions import (
    alerts,
    analytics,
    categories,
    insights,
    parsing,
    payment_changes,
    payments,
    queries,
    renewals,
    writes,
)
from subscriptions.fallback import FallbackInsightsEngine
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionUsageModel,
)
from subscriptions.writes import WRITABLE_FIELDS

__all__ = [
    "WRITABLE_FIELDS",
    "FallbackInsightsEngine",
    "SubscriptionAlertService",
    "SubscriptionCategoryService",
    "SubscriptionService",
]


class SubscriptionService:
    """Subscriptions of one user, their money and their dates."""

    # --- reads ------------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[SubscriptionModel]:
        """The user's live subscriptions (category joined, the user's today)."""
        return queries.subscriptions_of(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> SubscriptionModel:
        """One of the user's subscriptions; 404 for anybody else's or a deleted one."""
        return queries.subscription_for(user=user, pk=pk)

    @staticmethod
    def related_for(*, user: AbstractBaseUser, pk: Any, relation: str) -> QuerySet:
        """A subscription's live `payments`, `usage_logs` or `price_changes`,
        newest first; 404 when the subscription is not the user's."""
        return queries.related_for(user=user, pk=pk, relation=relation)

    # --- writes -----------------------------------------------------------------------

    @staticmethod
    def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> SubscriptionModel:
        """Create (at most MAX_SUBSCRIPTIONS_PER_USER live ones), dates anchored."""
        return writes.create(user=user, data=data)

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> SubscriptionModel:
        """Change fields; schedule re-anchored, amount changes kept as history."""
        return writes.update(user=user, pk=pk, data=data)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete; its payments and their expenses stay as spending history."""
        writes.delete(user=user, pk=pk)

    @staticmethod
    def pause(*, user: AbstractBaseUser, pk: Any) -> SubscriptionModel:
        """Active -> paused; a status_change alert says so."""
        return writes.transition(user=user, pk=pk, action="pause")

    @staticmethod
    def resume(*, user: AbstractBaseUser, pk: Any) -> SubscriptionModel:
        """Paused -> active; billing resumes on the first unpaid date >= today."""
        return writes.transition(user=user, pk=pk, action="resume")

    @staticmethod
    def cancel(
        *, user: AbstractBaseUser, pk: Any, end_date: date | None = None
    ) -> SubscriptionModel:
        """Active or paused -> cancelled; sets cancelled_at and end_date (or today)."""
        return writes.transition(user=user, pk=pk, action="cancel", end_date=end_date)

    @staticmethod
    def set_status(
        *, user: AbstractBaseUser, pk: Any, status: str
    ) -> SubscriptionModel:
        """Staff (admin): any status, announced like the API's transitions."""
        return writes.set_status(user=user, pk=pk, status=status)

    @staticmethod
    def restore(*, user: AbstractBaseUser, pk: Any) -> SubscriptionModel:
        """Staff (admin): bring back a soft-deleted subscription."""
        return writes.restore(user=user, pk=pk)

    # --- payments and usage -----------------------------------------------------------

    @staticmethod
    def record_payment(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> SubscriptionPaymentModel:
        """Record a payment (mirrored as an expense); paying the current cycle
        advances the next billing date."""
        return payments.record(user=user, pk=pk, data=data)

    @staticmethod
    def update_payment(
        *, user: AbstractBaseUser, pk: Any, payment_id: Any, data: Mapping[str, Any]
    ) -> SubscriptionPaymentModel:
        """Correct a payment (checked as when recording); its expense follows and
        the next billing date stays right."""
        return payment_changes.update(
            user=user, pk=pk, payment_id=payment_id, data=data
        )

    @staticmethod
    def refund_payment(
        *, user: AbstractBaseUser, pk: Any, payment_id: Any, data: Mapping[str, Any]
    ) -> SubscriptionPaymentModel:
        """Refund a paid payment (all or part, once) as a linked refund expense."""
        return payment_changes.refund(
            user=user, pk=pk, payment_id=payment_id, data=data
        )

    @staticmethod
    def delete_payment(*, user: AbstractBaseUser, pk: Any, payment_id: Any) -> None:
        """Soft-delete a payment and its expense; the cycle it paid is due again."""
        payments.delete(user=user, pk=pk, payment_id=payment_id)

    @staticmethod
    def log_usage(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> SubscriptionUsageModel:
        """Log usage; reaching the monthly limit raises a usage_limit alert."""
        return payments.log_usage(user=user, pk=pk, data=data)

    @staticmethod
    def payments_between(
        *, user: AbstractBaseUser, start: date, end: date
    ) -> QuerySet[SubscriptionPaymentModel]:
        """The user's paid payments dated from `start` to `end` (with their
        subscription), for the import's duplicate check."""
        return SubscriptionPaymentModel.objects.filter(
            subscription__user=user,
            is_active=True,
            status=SubscriptionPaymentModel.Status.PAID,
            payment_date__range=(start, end),
        ).select_related("subscription")

    # --- the portfolio ----------------------------------------------------------------

    @staticmethod
    def expense_category_for(*, subscription: SubscriptionModel) -> str:
        """The expense category its payments are recorded under."""
        return payments.expense_category_for(subscription)

    @staticmethod
    def upcoming(*, user: AbstractBaseUser, days: int) -> list[SubscriptionModel]:
        """Active subscriptions billing between today and today + days."""
        return analytics.upcoming(user=user, days=days)

    @staticmethod
    def dashboard(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Counts, costs per currency, renewals, categories, recent subscriptions."""
        return analytics.dashboard(user=user)

    @staticmethod
    def analytics(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Six-month cost trend, payment methods, averages, categories, lifetime."""
        return analytics.analytics(user=user)

    @staticmethod
    def calendar(
        *, user: AbstractBaseUser, month: date | None = None
    ) -> dict[str, Any]:
        """Every renewal date (and trial end) of active subscriptions in a month."""
        return analytics.calendar(user=user, month=month)

    # --- AI ---------------------------------------------------------------------------

    @staticmethod
    def parse_text(
        *,
        user: AbstractBaseUser,
        text: str,
        dry_run: bool = False,
        confirm_duplicates: bool = False,
    ) -> ai.ParseOutcome:
        """Read a subscription out of text; created unless `dry_run` or it repeats
        an active one (then `possible_duplicate`) and is not confirmed."""
        return parsing.parse_text(
            user=user,
            text=text,
            dry_run=dry_run,
            confirm_duplicates=confirm_duplicates,
        )

    @staticmethod
    def ai_insights(*, user: AbstractBaseUser) -> ai.AIResult:
        """AI insights (cached, rationed), rule-based when the AI cannot answer."""
        return insights.ai_insights(user=user)


class SubscriptionCategoryService:
    """The user's own subscription categories."""

    @staticmethod
    def queryset_for(
        *, user: AbstractBaseUser | None
    ) -> QuerySet[SubscriptionCategoryModel]:
        """The user's categories with how many subscriptions use each."""
        return categories.categories_of(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> SubscriptionCategoryModel:
        """One category of the user; 404 otherwise."""
        return categories.category_for(user=user, pk=pk)

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any]
    ) -> SubscriptionCategoryModel:
        """A new category; names are unique per user, in any case."""
        return categories.create(user=user, data=data)

    @staticmethod
    def get_or_create(
        *, user: AbstractBaseUser, name: str
    ) -> SubscriptionCategoryModel:
        """The user's category of this name (any case), created when missing."""
        return categories.get_or_create(user=user, name=name)

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> SubscriptionCategoryModel:
        """Rename or restyle a category."""
        return categories.update(user=user, pk=pk, data=data)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a category; its subscriptions become uncategorised."""
        categories.delete(user=user, pk=pk)


class SubscriptionAlertService:
    """Alerts: reading them, and generating them (idempotently) in the background."""

    @staticmethod
    def queryset_for(
        *, user: AbstractBaseUser | None
    ) -> QuerySet[SubscriptionAlertModel]:
        """The user's live alerts (not dismissed), unread first, newest first."""
        return alerts.alerts_of(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
        """One alert of the user (dismissed ones too); 404 otherwise."""
        return alerts.alert_for(user=user, pk=pk)

    @staticmethod
    def mark_read(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
        """Mark one alert read."""
        return alerts.mark_read(user=user, pk=pk)

    @staticmethod
    def dismiss(*, user: AbstractBaseUser, pk: Any) -> SubscriptionAlertModel:
        """Dismiss one alert (it leaves the list; removed after 30 days)."""
        return alerts.dismiss(user=user, pk=pk)

    @staticmethod
    def mark_all_read(*, user: AbstractBaseUser) -> int:
        """Mark every unread alert read; returns how many."""
        return alerts.mark_all_read(user=user)

    @staticmethod
    def generate(*, now: datetime | None = None) -> dict[str, int]:
        """Hourly: renewal, payment, trial and end alerts (idempotent per day)."""
        return alerts.generate(now=now)

    @staticmethod
    def read_from_centre(
        *, user: AbstractBaseUser, alert_ids: list[int], dismiss: bool = False
    ) -> int:
        """The notification centre read (or deleted) these alerts' notifications:
        mark the alerts read (or dismissed) too; how many changed."""
        return alerts.read_from_centre(user=user, alert_ids=alert_ids, dismiss=dismiss)

    @staticmethod
    def renew_automatically(*, now: datetime | None = None) -> int:
        """Hourly: record the payment of each auto-renewing subscription whose
        renewal date came (with its expense); how many were recorded."""
        return renewals.renew_automatically(now=now)

    @staticmethod
    def daily_maintenance(*, now: datetime | None = None) -> dict[str, int]:
        """Daily: drop old dismissed alerts, expire ended subscriptions."""
        return alerts.daily_maintenance(now=now)

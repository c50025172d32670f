"""All business logic of the subscriptions feature.

`SubscriptionService`: reads, writes, status changes, payments (mirrored as expenses),
usage, price history, dashboard, analytics, calendar, natural-language entry and AI
insights. `SubscriptionCategoryService`: the user's categories.
`SubscriptionAlertService`: alerts, their idempotent generation and the daily
maintenance. `FallbackInsightsEngine`: the rule-based insights served whenever the AI
cannot answer.

Money stays an unrounded Decimal until it is rendered (`_money`), and is never added up
across currencies. Dates are the user's local dates (`UserService.today_for`).
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Lower, TruncMonth
from django.utils import timezone
from rest_framework import exceptions

from expenses.services import ExpenseService
from mysphere_core import ai, caching
from mysphere_core.exceptions import DomainError, LimitExceededError, NotFoundError
from mysphere_core.money import to_cents
from subscriptions import billing, nlp_parser
from subscriptions.ai_insights import (
    INSIGHTS_SCHEMA,
    PARSE_SCHEMA,
    SubscriptionAIInsights,
)
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
    SubscriptionUsageModel,
)
from users.services import UserService

logger = logging.getLogger(__name__)

FEATURE = "subscriptions"
AI_FLAG = "SUBSCRIPTION_TRACKING"
MAX_SUBSCRIPTIONS_PER_USER = 100
MAX_CATEGORIES_PER_USER = 50
ANALYTICS_CACHE_TIMEOUT = 15 * 60
ANALYTICS_MONTHS = 6
DASHBOARD_UPCOMING_DAYS = 7
RECENT_SUBSCRIPTIONS = 5
TRIAL_WARNING_DAYS = 3
MAX_REMINDER_DAYS = 60
DISMISSED_ALERT_RETENTION_DAYS = 30
USAGE_WINDOW_DAYS = 30
LOW_USAGE_COUNT = 2
PRICE_INCREASE_WINDOW_DAYS = 90
ANNUAL_CHECK_MIN_DAYS = 180
ANNUAL_PLAN_MONTHS_SAVED = Decimal(2)
INCOME_SHARE_LIMIT = Decimal("0.10")
HIGH_MONTHLY_COST = Decimal("200")
UNCATEGORIZED = "Uncategorized"
MAX_BIGINT = 2**63

Status = SubscriptionModel.Status
AlertType = SubscriptionAlertModel.AlertType
PaymentStatus = SubscriptionPaymentModel.Status

WRITABLE_FIELDS = (
    "name",
    "description",
    "provider",
    "amount",
    "currency",
    "billing_cycle",
    "custom_cycle_days",
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
SCHEDULE_FIELDS = (
    "start_date",
    "billing_cycle",
    "custom_cycle_days",
    "is_trial",
    "trial_end_date",
)
EXPENSE_CATEGORY_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("streaming", "music", "gaming", "game", "video", "entertainment"),
        "Entertainment",
    ),
    (
        ("software", "cloud", "internet", "phone", "mobile", "utilities", "utility"),
        "Utilities",
    ),
    (("fitness", "health", "gym"), "Health"),
    (("education", "learning", "course"), "Education"),
    (("food", "meal"), "Food & Dining"),
)
EXPENSE_PAYMENT_METHODS = {
    "card": "card",
    "bank_transfer": "bank_transfer",
    "paypal": "mobile",
    "other": "other",
}

Money = dict[str, Decimal]


# --- small helpers ------------------------------------------------------------------


def _setting(name: str, default: Any) -> Any:
    """A setting of this app, with its default when the project does not set it."""
    return getattr(settings, name, default)


def _money(value: Decimal) -> str:
    """Money as the API shows it: a string rounded to cents."""
    return str(to_cents(value))


def _money_map(totals: Mapping[str, Decimal]) -> dict[str, str]:
    """{currency: Decimal} rendered as {currency: "12.34"}, currencies sorted."""
    return {currency: _money(totals[currency]) for currency in sorted(totals)}


def _pk(value: Any) -> int:
    """An integer primary key from user input; 0 (matches nothing) when out of range."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return 0
    return pk if 0 < pk < MAX_BIGINT else 0


def _today(user: AbstractBaseUser) -> date:
    return UserService.today_for(user=user)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def expense_category_for(subscription: SubscriptionModel) -> str:
    """The expense category matching the subscription's category (by keyword)."""
    label = subscription.category.name if subscription.category else ""
    if not label:
        service, _ = nlp_parser.detect_service(
            f"{subscription.name} {subscription.provider}"
        )
        label = service.category if service else ""
    lowered = label.lower()
    for keywords, category in EXPENSE_CATEGORY_KEYWORDS:
        if any(keyword in lowered for keyword in keywords):
            return category
    return "Other"


def _schedule(subscription: SubscriptionModel) -> tuple[date, str, int | None]:
    return (
        subscription.billing_anchor_date,
        subscription.billing_cycle,
        subscription.custom_cycle_days,
    )


# --- subscriptions ------------------------------------------------------------------


class SubscriptionService:
    """Subscriptions of one user, their money and their dates."""

    # --- reads ----------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser) -> QuerySet[SubscriptionModel]:
        """The user's subscriptions (not deleted), category joined."""
        return SubscriptionModel.objects.filter(
            user=user, is_active=True
        ).select_related("category")

    @staticmethod
    def get_for(
        *, user: AbstractBaseUser, subscription_id: str, lock: bool = False
    ) -> SubscriptionModel:
        """One of the user's subscriptions; 404 for anybody else's or a deleted one."""
        queryset = SubscriptionService.queryset_for(user=user)
        if lock:
            queryset = queryset.select_for_update(of=("self",))
        subscription = queryset.filter(pk=str(subscription_id)).first()
        if subscription is None:
            raise NotFoundError("Subscription not found.")
        return subscription

    # --- writes ---------------------------------------------------------------------

    @staticmethod
    def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> SubscriptionModel:
        """Create a subscription: limit checked, currency defaulted, dates anchored."""
        limit = _setting("MAX_SUBSCRIPTIONS_PER_USER", MAX_SUBSCRIPTIONS_PER_USER)
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
            if SubscriptionModel.objects.filter(user=user, is_active=True).count() >= (
                limit
            ):
                raise LimitExceededError(
                    f"You can track at most {limit} subscriptions. Delete the ones "
                    "you no longer pay for to add new ones."
                )
            values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
            subscription = SubscriptionModel(user=user, **values)
            subscription.currency = (
                values.get("currency") or UserService.currency_for(user=user)
            ).upper()
            subscription.category = SubscriptionCategoryService.resolve(
                user=user, category_id=data.get("category_id")
            )
            SubscriptionService._apply_schedule(
                subscription,
                today=_today(user),
                explicit_next="next_billing_date" in values,
                creating=True,
            )
            subscription.full_clean(exclude=["user", "category"])
            subscription.save(force_insert=True)
        SubscriptionService.invalidate_caches(user=user)
        return subscription

    @staticmethod
    def update(
        *, user: AbstractBaseUser, subscription_id: str, data: Mapping[str, Any]
    ) -> SubscriptionModel:
        """Change fields; schedule re-anchored, amount changes kept as price history."""
        today = _today(user)
        with transaction.atomic():
            subscription = SubscriptionService.get_for(
                user=user, subscription_id=subscription_id, lock=True
            )
            old_amount, old_currency = subscription.amount, subscription.currency
            old_next = subscription.next_billing_date
            values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
            schedule_changed = any(
                field in values and values[field] != getattr(subscription, field)
                for field in SCHEDULE_FIELDS
            )
            for field, value in values.items():
                setattr(subscription, field, value)
            subscription.currency = subscription.currency.upper()
            if "category_id" in data:
                subscription.category = SubscriptionCategoryService.resolve(
                    user=user, category_id=data["category_id"]
                )
            if "next_billing_date" in values or schedule_changed:
                SubscriptionService._apply_schedule(
                    subscription,
                    today=today,
                    explicit_next="next_billing_date" in values,
                    creating=False,
                    previous_next=old_next,
                )
            subscription.full_clean(exclude=["user", "category"])
            subscription.save()
            if subscription.amount != old_amount:
                SubscriptionService._record_price_change(
                    subscription, old_amount, old_currency, today
                )
        SubscriptionService.invalidate_caches(user=user)
        return subscription

    @staticmethod
    def delete(*, user: AbstractBaseUser, subscription_id: str) -> None:
        """Soft-delete; its payments and their expenses stay as spending history."""
        subscription = SubscriptionService.get_for(
            user=user, subscription_id=subscription_id
        )
        subscription.soft_delete()
        SubscriptionService.invalidate_caches(user=user)

    @staticmethod
    def pause(*, user: AbstractBaseUser, subscription_id: str) -> SubscriptionModel:
        """Active -> paused; a status_change alert says so."""
        return SubscriptionService._transition(
            user=user,
            subscription_id=subscription_id,
            allowed=(Status.ACTIVE,),
            target=Status.PAUSED,
            verb="paused",
        )

    @staticmethod
    def resume(*, user: AbstractBaseUser, subscription_id: str) -> SubscriptionModel:
        """Paused -> active; billing resumes on the first anchored date >= today."""
        return SubscriptionService._transition(
            user=user,
            subscription_id=subscription_id,
            allowed=(Status.PAUSED,),
            target=Status.ACTIVE,
            verb="resumed",
        )

    @staticmethod
    def cancel(
        *, user: AbstractBaseUser, subscription_id: str, end_date: date | None = None
    ) -> SubscriptionModel:
        """Active or paused -> cancelled; sets cancelled_at and end_date (or today)."""
        return SubscriptionService._transition(
            user=user,
            subscription_id=subscription_id,
            allowed=(Status.ACTIVE, Status.PAUSED),
            target=Status.CANCELLED,
            verb="cancelled",
            end_date=end_date,
        )

    # --- payments -------------------------------------------------------------------

    @staticmethod
    def payments_for(
        *, user: AbstractBaseUser, subscription_id: str
    ) -> QuerySet[SubscriptionPaymentModel]:
        """The subscription's payments, newest first."""
        subscription = SubscriptionService.get_for(
            user=user, subscription_id=subscription_id
        )
        return subscription.payments.filter(is_active=True)

    @staticmethod
    def record_payment(
        *, user: AbstractBaseUser, subscription_id: str, data: Mapping[str, Any]
    ) -> SubscriptionPaymentModel:
        """Record a payment; paying the current cycle advances the next billing date.

        A paid payment is mirrored by an expense (unless `create_expense` is False),
        linked both ways: the payment keeps `expense_id`, the expense `source_ref`.
        """
        today = _today(user)
        with transaction.atomic():
            subscription = SubscriptionService.get_for(
                user=user, subscription_id=subscription_id, lock=True
            )
            status = data.get("status") or PaymentStatus.PAID
            due_date = data.get("due_date") or subscription.next_billing_date
            payment_date = data.get("payment_date") or today
            SubscriptionService._check_payment(
                subscription, status, due_date, payment_date, today
            )
            payment = SubscriptionPaymentModel.objects.create(
                subscription=subscription,
                amount=data.get("amount") or subscription.amount,
                currency=subscription.currency,
                payment_date=payment_date,
                due_date=due_date,
                status=status,
                payment_method=data.get("payment_method")
                or subscription.payment_method,
                transaction_id=data.get("transaction_id") or "",
                notes=data.get("notes") or "",
            )
            if status == PaymentStatus.PAID:
                if due_date == subscription.next_billing_date:
                    subscription.next_billing_date = billing.billing_date_after(
                        *_schedule(subscription), due_date
                    )
                    subscription.save(update_fields=["next_billing_date", "updated_at"])
                if data.get("create_expense", True):
                    SubscriptionService._mirror_as_expense(user, subscription, payment)
        SubscriptionService.invalidate_caches(user=user)
        return payment

    @staticmethod
    def delete_payment(
        *, user: AbstractBaseUser, subscription_id: str, payment_id: int
    ) -> None:
        """Soft-delete a payment with its expense; the cycle it paid is due again.

        This also works on a deleted subscription: its payments' expenses name this
        path as the place to delete them (their `source_ref`), so it must stay valid.
        """
        with transaction.atomic():
            subscription = (
                SubscriptionModel.objects.select_for_update()
                .filter(user=user, pk=str(subscription_id))
                .first()
            )
            if subscription is None:
                raise NotFoundError("Subscription not found.")
            payment = subscription.payments.filter(
                is_active=True, pk=_pk(payment_id)
            ).first()
            if payment is None:
                raise NotFoundError("Payment not found.")
            payment.soft_delete()
            if payment.expense_id:
                try:
                    ExpenseService.delete(
                        user=user, expense_id=payment.expense_id, unlink=True
                    )
                except NotFoundError:
                    logger.info("Expense %s was already gone", payment.expense_id)
            schedule = _schedule(subscription)
            if (
                payment.status == PaymentStatus.PAID
                and payment.due_date >= subscription.start_date
                and billing.is_billing_date(*schedule, payment.due_date)
                and billing.billing_date_after(*schedule, payment.due_date)
                == subscription.next_billing_date
            ):
                subscription.next_billing_date = payment.due_date
                subscription.save(update_fields=["next_billing_date", "updated_at"])
        SubscriptionService.invalidate_caches(user=user)

    # --- usage and price history ----------------------------------------------------

    @staticmethod
    def usage_for(
        *, user: AbstractBaseUser, subscription_id: str
    ) -> QuerySet[SubscriptionUsageModel]:
        """The subscription's usage logs, newest first."""
        subscription = SubscriptionService.get_for(
            user=user, subscription_id=subscription_id
        )
        return subscription.usage_logs.filter(is_active=True)

    @staticmethod
    def log_usage(
        *, user: AbstractBaseUser, subscription_id: str, data: Mapping[str, Any]
    ) -> SubscriptionUsageModel:
        """Log usage; reaching the monthly limit of usage_tracking raises an alert."""
        today = _today(user)
        usage_date = data.get("usage_date") or today
        if usage_date > today:
            raise exceptions.ValidationError(
                {"usage_date": ["Usage cannot be logged for a future date."]}
            )
        with transaction.atomic():
            subscription = SubscriptionService.get_for(
                user=user, subscription_id=subscription_id, lock=True
            )
            usage = SubscriptionUsageModel.objects.create(
                subscription=subscription,
                usage_date=usage_date,
                usage_count=data.get("usage_count", 1),
                usage_duration=data.get("usage_duration"),
                usage_value=data.get("usage_value"),
                notes=data.get("notes") or "",
            )
            limit = (subscription.usage_tracking or {}).get("monthly_limit")
            if limit:
                month_start = _month_start(today)
                used = (
                    subscription.usage_logs.filter(
                        is_active=True, usage_date__gte=month_start
                    ).aggregate(total=Sum("usage_count"))["total"]
                    or 0
                )
                if used >= limit:
                    SubscriptionAlertService.upsert(
                        subscription=subscription,
                        alert_type=AlertType.USAGE_LIMIT,
                        title=f"{subscription.name} usage limit reached",
                        message=(
                            f"You used {subscription.name} {used} times this month; "
                            f"your limit is {limit}."
                        ),
                        day=today,
                    )
        SubscriptionService.invalidate_caches(user=user)
        return usage

    @staticmethod
    def price_history_for(
        *, user: AbstractBaseUser, subscription_id: str
    ) -> QuerySet[SubscriptionPriceChangeModel]:
        """Every change of the subscription's amount, newest first."""
        subscription = SubscriptionService.get_for(
            user=user, subscription_id=subscription_id
        )
        return subscription.price_changes.filter(is_active=True)

    # --- views of the whole portfolio -----------------------------------------------

    @staticmethod
    def upcoming(*, user: AbstractBaseUser, days: int) -> list[SubscriptionModel]:
        """Active subscriptions billing between today and today + days."""
        today = _today(user)
        return list(
            SubscriptionService.queryset_for(user=user).filter(
                status=Status.ACTIVE,
                next_billing_date__gte=today,
                next_billing_date__lte=today + timedelta(days=days),
            )
        )

    @staticmethod
    def dashboard(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Totals, costs by currency, upcoming renewals, categories, recent ones."""
        today = _today(user)
        subscriptions = list(SubscriptionService.queryset_for(user=user))
        active = [s for s in subscriptions if s.status == Status.ACTIVE]
        monthly: Money = defaultdict(Decimal)
        categories: dict[str, dict[str, Any]] = {}
        for subscription in active:
            monthly[subscription.currency] += subscription.monthly_cost
            name = subscription.category.name if subscription.category else None
            entry = categories.setdefault(
                name or UNCATEGORIZED,
                {
                    "category_id": subscription.category_id,
                    "count": 0,
                    "cost": defaultdict(Decimal),
                },
            )
            entry["count"] += 1
            entry["cost"][subscription.currency] += subscription.monthly_cost
        horizon = today + timedelta(days=DASHBOARD_UPCOMING_DAYS)
        by_status = defaultdict(int)
        for subscription in subscriptions:
            by_status[subscription.status] += 1
        recent = sorted(
            subscriptions, key=lambda s: (s.created_at, s.pk), reverse=True
        )[:RECENT_SUBSCRIPTIONS]
        return {
            "currency": UserService.currency_for(user=user),
            "total_subscriptions": len(subscriptions),
            "active_subscriptions": by_status[Status.ACTIVE],
            "paused_subscriptions": by_status[Status.PAUSED],
            "cancelled_subscriptions": by_status[Status.CANCELLED],
            "expired_subscriptions": by_status[Status.EXPIRED],
            "monthly_cost": _money_map(monthly),
            "yearly_cost": _money_map(
                {c: v * billing.MONTHS_PER_YEAR for c, v in monthly.items()}
            ),
            "upcoming_renewals": sum(
                1 for s in active if today <= s.next_billing_date <= horizon
            ),
            "overdue_payments": sum(1 for s in active if s.next_billing_date < today),
            "trials_ending_soon": sum(
                1
                for s in active
                if s.is_trial
                and s.trial_end_date
                and today
                <= s.trial_end_date
                <= today + timedelta(days=TRIAL_WARNING_DAYS)
            ),
            "categories": {
                name: {
                    "category_id": entry["category_id"],
                    "count": entry["count"],
                    "cost": _money_map(entry["cost"]),
                }
                for name, entry in sorted(categories.items())
            },
            "recent_subscriptions": recent,
        }

    @staticmethod
    def analytics(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Cost trend (6 months of payments), methods, averages, categories, lifetime.

        Cached 15 minutes per user; every write of the user's data invalidates it.
        """
        today = _today(user)
        return caching.cached(
            caching.versioned_key(user, FEATURE, "analytics", today),
            lambda: SubscriptionService._compute_analytics(user=user, today=today),
            _setting("SUBSCRIPTION_ANALYTICS_CACHE_TIMEOUT", ANALYTICS_CACHE_TIMEOUT),
        )

    @staticmethod
    def calendar(
        *, user: AbstractBaseUser, month: date | None = None
    ) -> dict[str, Any]:
        """Every renewal date (and trial end) of active subscriptions in a month."""
        first = _month_start(month or _today(user))
        last = billing.add_months(first, 1) - timedelta(days=1)
        events: list[dict[str, Any]] = []
        totals: Money = defaultdict(Decimal)
        subscriptions = SubscriptionService.queryset_for(user=user).filter(
            status=Status.ACTIVE
        )
        for subscription in subscriptions:
            until = min(last, subscription.end_date or last)
            base = {
                "subscription_id": subscription.pk,
                "name": subscription.name,
                "provider": subscription.provider,
                "amount": _money(subscription.amount),
                "currency": subscription.currency,
            }
            for day in billing.billing_dates_between(
                *_schedule(subscription), first, until
            ):
                events.append({"date": day, "type": "renewal", **base})
                totals[subscription.currency] += subscription.amount
            trial_end = subscription.trial_end_date
            if subscription.is_trial and trial_end and first <= trial_end <= last:
                events.append({"date": trial_end, "type": "trial_end", **base})
        events.sort(key=lambda e: (e["date"], e["type"] != "trial_end", e["name"]))
        return {
            "month": first.strftime("%Y-%m"),
            "start": first,
            "end": last,
            "events": events,
            "totals": _money_map(totals),
        }

    # --- natural language and AI ----------------------------------------------------

    @staticmethod
    def parse_text(
        *, user: AbstractBaseUser, text: str, dry_run: bool = False
    ) -> dict[str, Any]:
        """Read a subscription out of plain text (AI first, built-in parser otherwise).

        The subscription is created from what was read unless `dry_run` is True.
        """
        today = _today(user)
        cycle_phrase = nlp_parser.unsupported_cycle(text)
        if cycle_phrase:
            raise exceptions.ValidationError(
                {
                    "text": [
                        f"'{cycle_phrase}' is not a billing cycle we support: cycles "
                        "from 1 to 365 days are supported (e.g. 'every 4 weeks', "
                        "'every 30 days'), and monthly, quarterly or yearly."
                    ]
                }
            )
        currency = UserService.currency_for(user=user)
        result = ai.parse(
            user=user,
            feature=FEATURE,
            text=text,
            build_prompt=lambda t: SubscriptionAIInsights.parse_prompt(
                t, today=today, currency=currency
            ),
            schema=PARSE_SCHEMA,
            fallback_parser=lambda t: nlp_parser.parse_subscription_text(
                t, today=today, default_currency=currency
            ),
            clean=lambda answer: SubscriptionAIInsights.clean_parse_answer(
                answer, default_currency=currency
            ),
            context=f"{today.isoformat()}|{currency}",
            flag=AI_FLAG,
        )
        parsed = result.data
        if not parsed or not parsed.get("amount"):
            raise exceptions.ValidationError(
                {
                    "text": [
                        "No amount found in the text. Say what it costs, e.g. "
                        "'Netflix 15.99 monthly'."
                    ]
                }
            )
        subscription = (
            None
            if dry_run
            else SubscriptionService._create_from_parsed(
                user=user, parsed=parsed, text=text, today=today
            )
        )
        return result.response(dry_run=dry_run, subscription=subscription)

    @staticmethod
    def ai_insights(*, user: AbstractBaseUser) -> dict[str, Any]:
        """AI insights through the gateway, rule-based when the AI cannot answer."""
        data = SubscriptionService._insights_data(user=user)
        envelope = ai.insights(
            user=user,
            feature=FEATURE,
            build_prompt=lambda: SubscriptionAIInsights.insights_prompt(data["prompt"]),
            schema=INSIGHTS_SCHEMA,
            fallback=lambda: FallbackInsightsEngine.generate(data),
            flag=AI_FLAG,
        )
        envelope["insights"] = SubscriptionAIInsights.clean_insights(
            envelope["insights"]
        )
        SubscriptionService._remember_flags(data["subscriptions"], envelope)
        return envelope

    # --- caches ---------------------------------------------------------------------

    @staticmethod
    def invalidate_caches(*, user: AbstractBaseUser) -> None:
        """Forget the user's analytics and AI insights, now and after commit."""
        caching.invalidate_user_caches(user=user, feature=FEATURE)

    # --- helpers --------------------------------------------------------------------

    @staticmethod
    def _apply_schedule(
        subscription: SubscriptionModel,
        *,
        today: date,
        explicit_next: bool,
        creating: bool,
        previous_next: date | None = None,
    ) -> None:
        """Choose the billing anchor and next billing date.

        Given a next billing date on the start date's series, the start date is the
        anchor; given one off it, that date is. Otherwise the anchor is the start date
        (the trial end for trials) and the next date is the first one on or after
        today (on creation: a cycle due today is due, as on resume) or the first one
        not before the previous next date (on change).
        """
        if subscription.billing_cycle != billing.CUSTOM:
            subscription.custom_cycle_days = None
        cycle = subscription.billing_cycle
        days = subscription.custom_cycle_days
        start = subscription.start_date
        if explicit_next:
            nxt = subscription.next_billing_date
            on_series = billing.is_billing_date(start, cycle, days, nxt)
            subscription.billing_anchor_date = start if on_series else nxt
            return
        anchor = (
            subscription.trial_end_date
            if subscription.is_trial and subscription.trial_end_date
            else start
        )
        subscription.billing_anchor_date = anchor
        if creating:
            subscription.next_billing_date = billing.first_billing_on_or_after(
                anchor, cycle, days, max(anchor, today)
            )
        else:
            subscription.next_billing_date = billing.first_billing_on_or_after(
                anchor, cycle, days, max(anchor, previous_next or anchor)
            )

    @staticmethod
    def _transition(
        *,
        user: AbstractBaseUser,
        subscription_id: str,
        allowed: tuple[str, ...],
        target: str,
        verb: str,
        end_date: date | None = None,
    ) -> SubscriptionModel:
        """Move to `target` from one of `allowed`, with a status_change alert."""
        today = _today(user)
        with transaction.atomic():
            subscription = SubscriptionService.get_for(
                user=user, subscription_id=subscription_id, lock=True
            )
            if subscription.status not in allowed:
                wanted = " or ".join(allowed)
                raise DomainError(
                    f"Only a subscription that is {wanted} can be {verb}; "
                    f"'{subscription.name}' is {subscription.status}.",
                    code="invalid_transition",
                )
            subscription.status = target
            fields = ["status", "updated_at"]
            message = f"Your {subscription.name} subscription has been {verb}."
            if target == Status.ACTIVE:
                subscription.next_billing_date = billing.first_billing_on_or_after(
                    *_schedule(subscription), max(today, subscription.start_date)
                )
                fields.append("next_billing_date")
                message += f" Next billing date: {subscription.next_billing_date}."
            if target == Status.CANCELLED:
                end = end_date or today
                if end < subscription.start_date:
                    raise exceptions.ValidationError(
                        {"end_date": ["The end date cannot be before the start date."]}
                    )
                subscription.cancelled_at = timezone.now()
                subscription.end_date = end
                fields += ["cancelled_at", "end_date"]
                message += f" It ends on {end}."
            subscription.save(update_fields=fields)
            SubscriptionAlertService.status_change(
                subscription=subscription,
                title=f"{subscription.name} {verb}",
                message=message,
                day=today,
            )
        SubscriptionService.invalidate_caches(user=user)
        return subscription

    @staticmethod
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
        if subscription.amount > old_amount and subscription.currency == old_currency:
            increase = (subscription.amount - old_amount) / old_amount * 100
            SubscriptionAlertService.upsert(
                subscription=subscription,
                alert_type=AlertType.PRICE_INCREASE,
                title=f"{subscription.name} price went up",
                message=(
                    f"{subscription.name} now costs {_money(subscription.amount)} "
                    f"{subscription.currency} instead of {_money(old_amount)} "
                    f"(+{increase.quantize(Decimal('0.1'))}%)."
                ),
                day=today,
            )

    @staticmethod
    def _check_payment(
        subscription: SubscriptionModel,
        status: str,
        due_date: date,
        payment_date: date,
        today: date,
    ) -> None:
        """Future cycles, dates off the billing series, future paid dates and
        double payments -> 400."""
        if due_date > subscription.next_billing_date:
            raise exceptions.ValidationError(
                {
                    "due_date": [
                        f"The next cycle to pay is due on "
                        f"{subscription.next_billing_date}; later cycles cannot be "
                        "paid before it."
                    ]
                }
            )
        if due_date < subscription.start_date:
            raise exceptions.ValidationError(
                {"due_date": ["The due date cannot be before the start date."]}
            )
        schedule = _schedule(subscription)
        if not billing.is_billing_date(*schedule, due_date):
            nearest = [
                str(day)
                for day in (
                    billing.billing_date_before(*schedule, due_date),
                    billing.first_billing_on_or_after(
                        *schedule, max(due_date, schedule[0])
                    ),
                )
                if day is not None
            ]
            raise exceptions.ValidationError(
                {
                    "due_date": [
                        (
                            f"{due_date} is not a billing date of {subscription.name}; "
                            f"the nearest billing dates are {' and '.join(nearest)}."
                            if len(nearest) == 2
                            else f"{due_date} is not a billing date of "
                            f"{subscription.name}; the first billing date is "
                            f"{nearest[0]}."
                        )
                    ]
                }
            )
        if status == PaymentStatus.PAID and payment_date > today:
            raise exceptions.ValidationError(
                {"payment_date": ["A paid payment cannot be dated in the future."]}
            )
        if (
            status == PaymentStatus.PAID
            and subscription.payments.filter(
                is_active=True, status=PaymentStatus.PAID, due_date=due_date
            ).exists()
        ):
            raise DomainError(
                f"The cycle of {subscription.name} due on {due_date} is already paid.",
                code="already_paid",
            )

    @staticmethod
    def _mirror_as_expense(
        user: AbstractBaseUser,
        subscription: SubscriptionModel,
        payment: SubscriptionPaymentModel,
    ) -> None:
        """Create the payment's expense through ExpenseService and link the two."""
        data = {
            "amount": payment.amount,
            "currency": payment.currency,
            "category": expense_category_for(subscription),
            "vendor": subscription.provider,
            "transaction_date": payment.payment_date,
            "payment_method": EXPENSE_PAYMENT_METHODS[payment.payment_method],
            "notes": (
                f"{subscription.name} ({subscription.billing_cycle}) payment for the "
                f"cycle due {payment.due_date}."
            ),
            "raw_text": (
                f"Subscription payment: {subscription.name} "
                f"({subscription.subscription_id}), cycle due {payment.due_date}"
            ),
        }
        try:
            expense = ExpenseService.create(
                user=user, data=data, source_ref=payment.source_ref
            )
        except exceptions.ValidationError as exc:
            problems = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
            messages = [
                f"{field}: {message}" if field else str(message)
                for field, errors in problems.items()
                for message in (errors if isinstance(errors, list) else [errors])
            ]
            raise exceptions.ValidationError(
                {
                    "create_expense": [
                        "The matching expense could not be recorded ("
                        + "; ".join(messages)
                        + "). Send create_expense: false to record the payment only."
                    ]
                }
            )
        payment.expense_id = expense.pk
        payment.save(update_fields=["expense_id", "updated_at"])

    @staticmethod
    def _create_from_parsed(
        *, user: AbstractBaseUser, parsed: Mapping[str, Any], text: str, today: date
    ) -> SubscriptionModel:
        """Create the subscription `parse_text` read (category found or made).

        One transaction: a refused creation leaves no new category behind.
        """
        if not parsed.get("name"):
            raise exceptions.ValidationError(
                {"text": ["No service name found in the text, e.g. 'Netflix'."]}
            )
        is_trial = bool(parsed.get("is_trial"))
        trial_end = parsed.get("trial_end_date")
        if is_trial and not trial_end:
            raise exceptions.ValidationError(
                {
                    "text": [
                        "Say when the free trial ends, e.g. 'free trial until "
                        "March 15' or '14-day free trial'."
                    ]
                }
            )
        start = (
            date.fromisoformat(parsed["start_date"])
            if parsed.get("start_date")
            else today
        )
        data: dict[str, Any] = {
            "name": parsed["name"][:200],
            "provider": (parsed.get("provider") or parsed["name"])[:100],
            "amount": Decimal(parsed["amount"]),
            "currency": parsed.get("currency"),
            "billing_cycle": parsed.get("billing_cycle") or billing.MONTHLY,
            "custom_cycle_days": parsed.get("custom_cycle_days"),
            "start_date": start,
            "is_trial": is_trial,
            "trial_end_date": date.fromisoformat(trial_end) if trial_end else None,
            "payment_method": parsed.get("payment_method") or "card",
            "notes": f"Added from text: {text}"[:1000],
        }
        if data["trial_end_date"] and data["trial_end_date"] < start:
            data["start_date"] = data["trial_end_date"]
        if parsed.get("next_billing_date"):
            next_date = date.fromisoformat(parsed["next_billing_date"])
            data["next_billing_date"] = next_date
            data["start_date"] = min(data["start_date"], next_date)
        given = [
            data["start_date"],
            data["trial_end_date"],
            data.get("next_billing_date"),
        ]
        if any(
            day and not billing.EARLIEST_DATE <= day <= billing.LATEST_DATE
            for day in given
        ):
            raise exceptions.ValidationError(
                {"text": ["Use dates between 1900 and 2999."]}
            )
        with transaction.atomic():
            if parsed.get("category"):
                data["category_id"] = SubscriptionCategoryService.get_or_create(
                    user=user, name=parsed["category"]
                ).pk
            return SubscriptionService.create(user=user, data=data)

    @staticmethod
    def _compute_analytics(*, user: AbstractBaseUser, today: date) -> dict[str, Any]:
        """Analytics from the database (see `analytics`)."""
        subscriptions = list(SubscriptionService.queryset_for(user=user))
        active = [s for s in subscriptions if s.status == Status.ACTIVE]
        month_starts = [
            billing.add_months(_month_start(today), -k)
            for k in range(ANALYTICS_MONTHS - 1, -1, -1)
        ]
        paid = SubscriptionPaymentModel.objects.filter(
            subscription__user=user,
            subscription__is_active=True,
            is_active=True,
            status=PaymentStatus.PAID,
        )
        trend_rows = (
            paid.filter(payment_date__gte=month_starts[0], payment_date__lte=today)
            .annotate(month=TruncMonth("payment_date"))
            .values("month", "currency")
            .annotate(total=Sum("amount"), count=Count("id"))
        )
        trend = {
            start: {"totals": defaultdict(Decimal), "payments": 0}
            for start in month_starts
        }
        for row in trend_rows:
            month = row["month"]
            month = month.date() if isinstance(month, datetime) else month
            trend[month]["totals"][row["currency"]] += row["total"]
            trend[month]["payments"] += row["count"]
        lifetime_rows = paid.values("subscription_id", "currency").annotate(
            total=Sum("amount"), count=Count("id"), last=Max("payment_date")
        )
        lifetime: dict[str, dict[str, Any]] = {}
        for row in lifetime_rows:
            entry = lifetime.setdefault(
                row["subscription_id"],
                {"totals": defaultdict(Decimal), "count": 0, "last": None},
            )
            entry["totals"][row["currency"]] += row["total"]
            entry["count"] += row["count"]
            entry["last"] = max(filter(None, [entry["last"], row["last"]]))

        methods: dict[str, dict[str, Any]] = {}
        averages: dict[str, list[Decimal]] = defaultdict(list)
        for subscription in active:
            entry = methods.setdefault(
                subscription.payment_method,
                {"count": 0, "monthly_cost": defaultdict(Decimal)},
            )
            entry["count"] += 1
            entry["monthly_cost"][subscription.currency] += subscription.monthly_cost
            averages[subscription.currency].append(subscription.monthly_cost)

        categories: dict[str, dict[str, Any]] = {}
        for subscription in subscriptions:
            name = subscription.category.name if subscription.category else None
            entry = categories.setdefault(
                name or UNCATEGORIZED,
                {
                    "category_id": subscription.category_id,
                    "count": 0,
                    "monthly_cost": defaultdict(Decimal),
                    "lifetime_spent": defaultdict(Decimal),
                },
            )
            if subscription.status == Status.ACTIVE:
                entry["count"] += 1
                entry["monthly_cost"][
                    subscription.currency
                ] += subscription.monthly_cost
            for currency, total in (
                lifetime.get(subscription.pk, {}).get("totals", {}).items()
            ):
                entry["lifetime_spent"][currency] += total

        per_subscription = [
            {
                "subscription_id": s.pk,
                "name": s.name,
                "status": s.status,
                "currency": s.currency,
                "payments": lifetime.get(s.pk, {}).get("count", 0),
                "last_payment_date": lifetime.get(s.pk, {}).get("last"),
                "total_spent": _money_map(lifetime.get(s.pk, {}).get("totals", {})),
            }
            for s in subscriptions
        ]
        per_subscription.sort(
            key=lambda row: (
                -sum(Decimal(v) for v in row["total_spent"].values()),
                row["name"],
            )
        )
        return {
            "period": {"start": month_starts[0], "end": today},
            "cost_trend": [
                {
                    "month": start.strftime("%Y-%m"),
                    "totals": _money_map(trend[start]["totals"]),
                    "payments": trend[start]["payments"],
                }
                for start in month_starts
            ],
            "payment_methods": {
                method: {
                    "count": entry["count"],
                    "monthly_cost": _money_map(entry["monthly_cost"]),
                }
                for method, entry in sorted(methods.items())
            },
            "average_monthly_cost": _money_map(
                {c: sum(v, Decimal(0)) / len(v) for c, v in averages.items()}
            ),
            "category_spending": [
                {
                    "category": name,
                    "category_id": entry["category_id"],
                    "count": entry["count"],
                    "monthly_cost": _money_map(entry["monthly_cost"]),
                    "lifetime_spent": _money_map(entry["lifetime_spent"]),
                }
                for name, entry in sorted(categories.items())
            ],
            "lifetime_spent": per_subscription,
            "generated_at": timezone.now(),
        }

    @staticmethod
    def _insights_data(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Everything the prompt and the fallback rules look at, read once."""
        today = _today(user)
        profile = UserService.profile_for(user=user)
        subscriptions = list(SubscriptionService.queryset_for(user=user))
        active = [s for s in subscriptions if s.status == Status.ACTIVE]
        window_start = today - timedelta(days=USAGE_WINDOW_DAYS)
        usage_rows = (
            SubscriptionUsageModel.objects.filter(
                subscription__in=active, is_active=True
            )
            .values("subscription_id")
            .annotate(
                recent_entries=Count("id", filter=Q(usage_date__gte=window_start)),
                recent_count=Sum("usage_count", filter=Q(usage_date__gte=window_start)),
                entries=Count("id"),
                last_used=Max("usage_date"),
            )
        )
        usage = {row["subscription_id"]: row for row in usage_rows}
        price_changes = list(
            SubscriptionPriceChangeModel.objects.filter(
                subscription__in=active,
                is_active=True,
                effective_date__gte=today - timedelta(days=PRICE_INCREASE_WINDOW_DAYS),
            ).select_related("subscription")
        )
        payments = (
            SubscriptionPaymentModel.objects.filter(
                subscription__user=user,
                subscription__is_active=True,
                is_active=True,
                status=PaymentStatus.PAID,
                payment_date__gte=billing.add_months(_month_start(today), -5),
            )
            .annotate(month=TruncMonth("payment_date"))
            .values("month", "currency")
            .annotate(total=Sum("amount"))
            .order_by("month", "currency")
        )
        monthly: Money = defaultdict(Decimal)
        for subscription in active:
            monthly[subscription.currency] += subscription.monthly_cost
        spending: dict[str, dict[str, str]] = defaultdict(dict)
        for row in payments:
            month = row["month"]
            spending[month.strftime("%Y-%m")][row["currency"]] = _money(row["total"])
        prompt = {
            "today": today.isoformat(),
            "currency": profile.currency,
            "profile": UserService.profile_context(user=user),
            "total_subscriptions": len(subscriptions),
            "active_count": len(active),
            "monthly_cost": _money_map(monthly),
            "yearly_cost": _money_map(
                {c: v * billing.MONTHS_PER_YEAR for c, v in monthly.items()}
            ),
            "subscriptions": [
                _prompt_row(s, usage.get(s.pk), today) for s in subscriptions
            ],
            "spending_patterns": dict(spending),
            "price_changes": [
                {
                    "name": change.subscription.name,
                    "old_amount": _money(change.old_amount),
                    "old_currency": change.old_currency,
                    "new_amount": _money(change.new_amount),
                    "currency": change.currency,
                    "effective_date": change.effective_date.isoformat(),
                }
                for change in price_changes
            ],
        }
        return {
            "today": today,
            "currency": profile.currency,
            "monthly_income": profile.monthly_income,
            "subscriptions": subscriptions,
            "active": active,
            "monthly": monthly,
            "usage": usage,
            "price_changes": price_changes,
            "prompt": prompt,
        }

    @staticmethod
    def _remember_flags(
        subscriptions: Iterable[SubscriptionModel], envelope: Mapping[str, Any]
    ) -> None:
        """Store on each subscription what the latest insights said about it."""
        optimisation = envelope["insights"].get("cost_optimization", {})
        underused = {n.lower() for n in optimisation.get("underutilized_services", [])}
        duplicated = {n.lower() for n in optimisation.get("duplicate_services", [])}
        changed = []
        for subscription in subscriptions:
            flags = []
            if subscription.name.lower() in underused:
                flags.append("underutilized")
            if subscription.name.lower() in duplicated:
                flags.append("duplicate")
            value = {"flags": flags, "source": envelope["source"]} if flags else {}
            stored = {
                k: v for k, v in (subscription.ai_insights or {}).items() if k != "at"
            }
            if stored != value:
                subscription.ai_insights = (
                    {**value, "at": envelope["generated_at"]} if value else {}
                )
                changed.append(subscription)
        if changed:
            SubscriptionModel.objects.bulk_update(changed, ["ai_insights"])


def _prompt_row(
    subscription: SubscriptionModel, usage: Mapping[str, Any] | None, today: date
) -> dict[str, Any]:
    """One subscription as the AI prompt shows it."""
    return {
        "name": subscription.name,
        "provider": subscription.provider,
        "category": subscription.category.name if subscription.category else None,
        "amount": _money(subscription.amount),
        "currency": subscription.currency,
        "billing_cycle": subscription.billing_cycle,
        "custom_cycle_days": subscription.custom_cycle_days,
        "monthly_cost": _money(subscription.monthly_cost),
        "status": subscription.status,
        "start_date": subscription.start_date.isoformat(),
        "next_billing_date": subscription.next_billing_date.isoformat(),
        "is_trial": subscription.is_trial,
        "trial_end_date": (
            subscription.trial_end_date.isoformat()
            if subscription.trial_end_date
            else None
        ),
        "days_until_renewal": subscription.days_until_renewal(today),
        "usage_30d": (usage or {}).get("recent_count") or 0,
        "usage_entries_30d": (usage or {}).get("recent_entries") or 0,
        "last_used": (
            usage["last_used"].isoformat() if usage and usage["last_used"] else None
        ),
    }


# --- categories ---------------------------------------------------------------------


class SubscriptionCategoryService:
    """The user's own subscription categories."""

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser) -> QuerySet[SubscriptionCategoryModel]:
        """The user's categories with how many subscriptions use each."""
        return SubscriptionCategoryModel.objects.filter(
            user=user, is_active=True
        ).annotate(
            subscription_count=Count(
                "subscriptions", filter=Q(subscriptions__is_active=True)
            )
        )

    @staticmethod
    def get_for(
        *, user: AbstractBaseUser, category_id: int
    ) -> SubscriptionCategoryModel:
        """One category of the user; 404 otherwise."""
        category = (
            SubscriptionCategoryService.queryset_for(user=user)
            .filter(pk=_pk(category_id))
            .first()
        )
        if category is None:
            raise NotFoundError("Category not found.")
        return category

    @staticmethod
    def resolve(
        *, user: AbstractBaseUser, category_id: int | None
    ) -> SubscriptionCategoryModel | None:
        """The category a subscription is put in; 400 when it is not the user's."""
        if category_id is None:
            return None
        category = SubscriptionCategoryModel.objects.filter(
            user=user, is_active=True, pk=_pk(category_id)
        ).first()
        if category is None:
            raise exceptions.ValidationError(
                {"category_id": [f"You have no category with id {category_id}."]}
            )
        return category

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any]
    ) -> SubscriptionCategoryModel:
        """A new category; names are unique per user, in any case."""
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
            mine = SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
            if mine.count() >= MAX_CATEGORIES_PER_USER:
                raise LimitExceededError(
                    f"You can have at most {MAX_CATEGORIES_PER_USER} categories."
                )
            SubscriptionCategoryService._check_name(user, data["name"])
            category = SubscriptionCategoryModel(
                user=user,
                name=data["name"].strip(),
                color=data.get("color") or "#3B82F6",
                icon=data.get("icon") or "circle",
            )
            category.full_clean(exclude=["user"], validate_constraints=False)
            category.save()
        SubscriptionService.invalidate_caches(user=user)
        return category

    @staticmethod
    def get_or_create(
        *, user: AbstractBaseUser, name: str
    ) -> SubscriptionCategoryModel:
        """The user's category of this name (any case), created when missing."""
        existing = (
            SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
            .annotate(lowered=Lower("name"))
            .filter(lowered=Lower(Value(name.strip())))
            .first()
        )
        if existing:
            return existing
        return SubscriptionCategoryService.create(user=user, data={"name": name})

    @staticmethod
    def update(
        *, user: AbstractBaseUser, category_id: int, data: Mapping[str, Any]
    ) -> SubscriptionCategoryModel:
        """Rename or restyle a category."""
        with transaction.atomic():
            category = SubscriptionCategoryService.get_for(
                user=user, category_id=category_id
            )
            if "name" in data:
                SubscriptionCategoryService._check_name(
                    user, data["name"], exclude=category.pk
                )
                category.name = data["name"].strip()
            for field in ("color", "icon"):
                if field in data:
                    setattr(category, field, data[field])
            category.full_clean(exclude=["user"], validate_constraints=False)
            category.save()
        SubscriptionService.invalidate_caches(user=user)
        return category

    @staticmethod
    def delete(*, user: AbstractBaseUser, category_id: int) -> None:
        """Soft-delete a category; its subscriptions become uncategorised."""
        with transaction.atomic():
            category = SubscriptionCategoryService.get_for(
                user=user, category_id=category_id
            )
            SubscriptionModel.objects.filter(user=user, category=category).update(
                category=None, updated_at=timezone.now()
            )
            category.soft_delete()
        SubscriptionService.invalidate_caches(user=user)

    @staticmethod
    def _check_name(
        user: AbstractBaseUser, name: str, exclude: int | None = None
    ) -> None:
        taken = (
            SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
            .annotate(lowered=Lower("name"))
            .filter(lowered=Lower(Value(name.strip())))
            .exclude(pk=exclude)
            .exists()
        )
        if taken:
            raise exceptions.ValidationError(
                {"name": [f"You already have a category named '{name.strip()}'."]}
            )


# --- alerts -------------------------------------------------------------------------


class SubscriptionAlertService:
    """Alerts: reading them, and generating them (idempotently) in the background."""

    @staticmethod
    def queryset_for(
        *, user: AbstractBaseUser, include_dismissed: bool = False
    ) -> QuerySet[SubscriptionAlertModel]:
        """The user's alerts on live subscriptions, unread first, newest first."""
        queryset = SubscriptionAlertModel.objects.filter(
            user=user, is_active=True, subscription__is_active=True
        ).select_related("subscription")
        if not include_dismissed:
            queryset = queryset.filter(is_dismissed=False)
        return queryset.order_by("is_read", "-alert_date", "-id")

    @staticmethod
    def get_for(*, user: AbstractBaseUser, alert_id: int) -> SubscriptionAlertModel:
        """One alert of the user; 404 otherwise."""
        alert = (
            SubscriptionAlertService.queryset_for(user=user, include_dismissed=True)
            .filter(pk=_pk(alert_id))
            .first()
        )
        if alert is None:
            raise NotFoundError("Alert not found.")
        return alert

    @staticmethod
    def mark_read(*, user: AbstractBaseUser, alert_id: int) -> SubscriptionAlertModel:
        """Mark one alert read."""
        alert = SubscriptionAlertService.get_for(user=user, alert_id=alert_id)
        alert.is_read = True
        alert.save(update_fields=["is_read", "updated_at"])
        return alert

    @staticmethod
    def dismiss(*, user: AbstractBaseUser, alert_id: int) -> SubscriptionAlertModel:
        """Dismiss one alert (it leaves the list; removed after 30 days)."""
        alert = SubscriptionAlertService.get_for(user=user, alert_id=alert_id)
        alert.is_dismissed = True
        alert.is_read = True
        alert.save(update_fields=["is_dismissed", "is_read", "updated_at"])
        return alert

    @staticmethod
    def mark_all_read(*, user: AbstractBaseUser) -> int:
        """Mark every unread alert read; returns how many."""
        return SubscriptionAlertModel.objects.filter(
            user=user, is_active=True, is_read=False
        ).update(is_read=True, updated_at=timezone.now())

    @staticmethod
    def status_change(
        *, subscription: SubscriptionModel, title: str, message: str, day: date
    ) -> SubscriptionAlertModel:
        """A status_change alert (any number per day)."""
        return SubscriptionAlertModel.objects.create(
            user_id=subscription.user_id,
            subscription=subscription,
            alert_type=AlertType.STATUS_CHANGE,
            title=title[:200],
            message=message,
            alert_date=timezone.now(),
            alert_day=day,
        )

    @staticmethod
    def upsert(
        *,
        subscription: SubscriptionModel,
        alert_type: str,
        title: str,
        message: str,
        day: date,
    ) -> SubscriptionAlertModel:
        """The one alert of this type for the subscription today, made or refreshed."""
        alert, _ = SubscriptionAlertModel.objects.update_or_create(
            subscription=subscription,
            alert_type=alert_type,
            alert_day=day,
            defaults={
                "user_id": subscription.user_id,
                "title": title[:200],
                "message": message,
                "alert_date": timezone.now(),
                "is_read": False,
                "is_dismissed": False,
                "is_active": True,
            },
        )
        return alert

    @staticmethod
    def generate(
        *, now: datetime | None = None, send_emails: bool = True
    ) -> dict[str, int]:
        """Renewal reminders, payments due or overdue, trials and planned ends.

        Idempotent: one alert per subscription, type and (user's local) day, however
        often it runs; a unique constraint in the database holds it under races.
        New alerts are emailed, one email per user, unless `send_emails` is False.
        """
        now = now or timezone.now()
        latest_day = now.date() + timedelta(days=1)
        candidates = (
            SubscriptionModel.objects.filter(is_active=True, status=Status.ACTIVE)
            .filter(
                Q(next_billing_date__lte=latest_day + timedelta(days=MAX_REMINDER_DAYS))
                | Q(
                    is_trial=True,
                    trial_end_date__gte=latest_day - timedelta(days=2),
                    trial_end_date__lte=latest_day + timedelta(days=TRIAL_WARNING_DAYS),
                )
                | Q(
                    end_date__gte=latest_day - timedelta(days=2),
                    end_date__lte=latest_day + timedelta(days=MAX_REMINDER_DAYS),
                )
            )
            .select_related("user", "user__profile")
        )
        wanted: list[SubscriptionAlertModel] = []
        for subscription in candidates.iterator(chunk_size=500):
            today = now.astimezone(UserService.timezone_for(user=subscription.user))
            wanted += _alerts_due(subscription, today.date(), now)
        if not wanted:
            return {"created": 0, "emails": 0}
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
        counts: dict[str, int] = defaultdict(int)
        for alert in new:
            counts[alert.alert_type] += 1
        emails = _email_alerts(new) if send_emails else 0
        return {"created": len(new), "emails": emails, **counts}

    @staticmethod
    def daily_maintenance(*, now: datetime | None = None) -> dict[str, int]:
        """Remove dismissed alerts older than 30 days; expire ended subscriptions."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=DISMISSED_ALERT_RETENTION_DAYS)
        removed, _ = SubscriptionAlertModel.objects.filter(
            is_dismissed=True, created_at__lt=cutoff
        ).delete()
        expired = 0
        ending = SubscriptionModel.objects.filter(
            is_active=True,
            status__in=(Status.ACTIVE, Status.PAUSED, Status.CANCELLED),
            end_date__lt=now.date() + timedelta(days=1),
        ).select_related("user", "user__profile")
        for subscription in ending:
            user = subscription.user
            today = now.astimezone(UserService.timezone_for(user=user)).date()
            if subscription.end_date >= today:
                continue
            with transaction.atomic():
                subscription.status = Status.EXPIRED
                subscription.save(update_fields=["status", "updated_at"])
                SubscriptionAlertService.status_change(
                    subscription=subscription,
                    title=f"{subscription.name} expired",
                    message=(
                        f"Your {subscription.name} subscription ended on "
                        f"{subscription.end_date} and is now expired."
                    ),
                    day=today,
                )
            SubscriptionService.invalidate_caches(user=user)
            expired += 1
        return {"alerts_removed": removed, "expired": expired}


def _alerts_due(
    subscription: SubscriptionModel, today: date, now: datetime
) -> list[SubscriptionAlertModel]:
    """The alerts a subscription calls for today (unsaved)."""
    alerts: list[SubscriptionAlertModel] = []

    def add(alert_type: str, title: str, message: str) -> None:
        alerts.append(
            SubscriptionAlertModel(
                user_id=subscription.user_id,
                subscription=subscription,
                alert_type=alert_type,
                title=title[:200],
                message=message,
                alert_date=now,
                alert_day=today,
            )
        )

    name = subscription.name
    price = f"{_money(subscription.amount)} {subscription.currency}"
    days = (subscription.next_billing_date - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    if days < 0:
        add(
            AlertType.PAYMENT_DUE,
            f"{name} payment is overdue",
            f"The {price} payment for {name} was due on "
            f"{subscription.next_billing_date} ({-days} days ago). Record the payment "
            "or update the subscription.",
        )
    elif days <= subscription.reminder_days:
        if subscription.auto_renewal:
            add(
                AlertType.RENEWAL_REMINDER,
                f"{name} renews {when}",
                f"Your {name} subscription ({price}) renews {when}, on "
                f"{subscription.next_billing_date}.",
            )
        else:
            add(
                AlertType.PAYMENT_DUE,
                f"{name} payment due {when}",
                f"Your {name} subscription ({price}) does not renew by itself: pay "
                f"it by {subscription.next_billing_date}.",
            )
    trial_end = subscription.trial_end_date
    if subscription.is_trial and trial_end:
        left = (trial_end - today).days
        if 0 <= left <= TRIAL_WARNING_DAYS:
            ends = {0: "today", 1: "tomorrow"}.get(left, f"in {left} days")
            add(
                AlertType.TRIAL_ENDING,
                f"{name} free trial ends {ends}",
                f"Your free trial of {name} ends on {trial_end}. Cancel before then "
                f"unless you want to pay {price} per {subscription.billing_cycle} "
                "cycle.",
            )
    if subscription.end_date:
        left = (subscription.end_date - today).days
        if 0 <= left <= subscription.reminder_days:
            add(
                AlertType.CANCELLATION_REMINDER,
                f"{name} ends on {subscription.end_date}",
                f"{name} is set to end on {subscription.end_date}. Make sure it is "
                "cancelled with the provider so it does not renew.",
            )
    return alerts


def _email_alerts(alerts: list[SubscriptionAlertModel]) -> int:
    """One email per user listing their new alerts, when they want email."""
    by_user: dict[int, list[SubscriptionAlertModel]] = defaultdict(list)
    for alert in alerts:
        user = alert.subscription.user
        profile = getattr(user, "profile", None)
        wants = profile.email_notifications if profile else True
        if user.email and wants and alert.subscription.email_notifications:
            by_user[user.pk].append(alert)
    sent = 0
    for items in by_user.values():
        user = items[0].subscription.user
        lines = "\n".join(f"- {a.title}: {a.message}" for a in items)
        try:
            send_mail(
                subject=f"MY SPHERE: {len(items)} subscription alert(s)",
                message=f"Hello {user.get_username()},\n\n{lines}\n",
                from_email=None,
                recipient_list=[user.email],
            )
            sent += 1
        except OSError:
            logger.exception("Alert email to user %s failed", user.pk)
    return sent


# --- rule-based insights ------------------------------------------------------------


class FallbackInsightsEngine:
    """Rule-based insights from the user's real data, in the AI answer's shape."""

    @staticmethod
    def generate(data: Mapping[str, Any]) -> dict[str, Any]:
        """Run every rule; savings are monthly, in the user's currency."""
        savings: dict[str, Decimal] = {}
        insights: list[dict[str, Any]] = []
        underused: list[str] = []
        duplicated: list[str] = []
        rules: tuple[Callable[..., None], ...] = (
            FallbackInsightsEngine._high_total,
            FallbackInsightsEngine._overlaps,
            FallbackInsightsEngine._same_provider,
            FallbackInsightsEngine._usage,
            FallbackInsightsEngine._trials,
            FallbackInsightsEngine._price_increases,
            FallbackInsightsEngine._annual_billing,
        )
        for rule in rules:
            rule(data, insights, savings, underused, duplicated)
        order = {"high": 0, "medium": 1, "low": 2}
        insights.sort(key=lambda i: order[i["severity"]])
        total_savings = sum(savings.values(), Decimal(0))
        return {
            "summary": FallbackInsightsEngine._summary(data, insights),
            "insights": [
                {**i, "potential_savings": float(to_cents(i["potential_savings"]))}
                for i in insights
            ],
            "recommendations": [
                {
                    "title": i["title"],
                    "description": i["action"],
                    "impact": (
                        f"Save about {_money(i['potential_savings'])} "
                        f"{data['currency']} a month"
                        if i["potential_savings"]
                        else "Fewer surprises on your statements"
                    ),
                    "priority": i["severity"],
                }
                for i in insights[:5]
            ],
            "cost_optimization": {
                "potential_monthly_savings": float(to_cents(total_savings)),
                "currency": data["currency"],
                "underutilized_services": underused,
                "duplicate_services": duplicated,
            },
        }

    @staticmethod
    def _summary(data: Mapping[str, Any], insights: list[dict[str, Any]]) -> str:
        active = data["active"]
        if not active:
            return "You have no active subscriptions."
        costs = ", ".join(
            f"{_money(v)} {c}" for c, v in sorted(data["monthly"].items())
        )
        text = f"You have {len(active)} active subscriptions costing {costs} a month."
        if insights:
            text += f" Top finding: {insights[0]['title']}."
        return text

    @staticmethod
    def _saving(subscription: SubscriptionModel, data: Mapping[str, Any]) -> Decimal:
        """Monthly cost counted as a saving only in the user's currency."""
        if subscription.currency != data["currency"]:
            return Decimal(0)
        return subscription.monthly_cost

    @staticmethod
    def _high_total(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Total monthly cost high vs income (10%) or an absolute threshold."""
        currency = data["currency"]
        total = data["monthly"].get(currency, Decimal(0))
        income = data["monthly_income"]
        if income:
            share = total / income
            if share <= INCOME_SHARE_LIMIT:
                return
            description = (
                f"Your subscriptions cost {_money(total)} {currency} a month, "
                f"{(share * 100).quantize(Decimal('0.1'))}% of your monthly income "
                f"({_money(income)} {currency}); 10% is a sensible ceiling."
            )
            severity = "high" if share > 2 * INCOME_SHARE_LIMIT else "medium"
        else:
            threshold = _setting("SUBSCRIPTION_HIGH_MONTHLY_COST", HIGH_MONTHLY_COST)
            if total <= threshold:
                return
            description = (
                f"Your subscriptions cost {_money(total)} {currency} a month, above "
                f"{_money(threshold)} {currency}."
            )
            severity = "medium"
        insights.append(
            {
                "type": "cost_optimization",
                "severity": severity,
                "title": "High monthly subscription spending",
                "description": description,
                "action": "Review each subscription; cancel the ones you rarely use.",
                "potential_savings": Decimal(0),
            }
        )

    @staticmethod
    def _overlaps(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Two or more active services of one kind (video streaming, music...)."""
        groups: dict[str, list[SubscriptionModel]] = defaultdict(list)
        for subscription in data["active"]:
            service, _ = nlp_parser.detect_service(
                f"{subscription.name} {subscription.provider}"
            )
            if service:
                groups[service.group].append(subscription)
            elif subscription.category:
                groups[subscription.category.name.lower()].append(subscription)
        seen: set[frozenset[str]] = set()
        for label, members in sorted(groups.items()):
            ids = frozenset(s.pk for s in members)
            if len(members) < 2 or ids in seen:
                continue
            seen.add(ids)
            ranked = sorted(members, key=lambda s: s.monthly_cost, reverse=True)
            saving = sum(
                (FallbackInsightsEngine._saving(s, data) for s in ranked[1:]),
                Decimal(0),
            )
            for s in ranked[1:]:
                savings[s.pk] = max(
                    savings.get(s.pk, Decimal(0)),
                    FallbackInsightsEngine._saving(s, data),
                )
            names = [s.name for s in ranked]
            duplicated += [n for n in names if n not in duplicated]
            insights.append(
                {
                    "type": "duplicate",
                    "severity": "medium",
                    "title": f"{len(members)} overlapping {label} services",
                    "description": (
                        f"You pay for {', '.join(names)}, which do the same job."
                    ),
                    "action": (
                        "Keep the one you use most and cancel or rotate the others."
                    ),
                    "potential_savings": saving,
                }
            )

    @staticmethod
    def _same_provider(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """The same provider billing more than one active subscription."""
        providers: dict[str, list[SubscriptionModel]] = defaultdict(list)
        for subscription in data["active"]:
            providers[subscription.provider.strip().lower()].append(subscription)
        for members in providers.values():
            if len(members) < 2:
                continue
            names = [s.name for s in members]
            duplicated += [n for n in names if n not in duplicated]
            insights.append(
                {
                    "type": "duplicate",
                    "severity": "low",
                    "title": f"{members[0].provider} bills you {len(members)} times",
                    "description": (
                        f"{', '.join(names)} are all from {members[0].provider}."
                    ),
                    "action": (
                        "Check for a bundle or family plan that covers them, or a "
                        "duplicate you forgot."
                    ),
                    "potential_savings": Decimal(0),
                }
            )

    @staticmethod
    def _usage(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Tracked subscriptions with no or low usage logged in 30 days."""
        today = data["today"]
        for subscription in data["active"]:
            usage = data["usage"].get(subscription.pk)
            tracked = usage is not None or bool(subscription.usage_tracking)
            old_enough = subscription.start_date <= today - timedelta(
                days=USAGE_WINDOW_DAYS
            )
            if not tracked or not old_enough:
                continue
            entries = (usage or {}).get("recent_entries") or 0
            count = max((usage or {}).get("recent_count") or 0, entries)
            if count > LOW_USAGE_COUNT:
                continue
            saving = FallbackInsightsEngine._saving(subscription, data)
            savings[subscription.pk] = max(
                savings.get(subscription.pk, Decimal(0)), saving
            )
            underused.append(subscription.name)
            none = count == 0
            insights.append(
                {
                    "type": "usage",
                    "severity": "medium" if none else "low",
                    "title": (
                        f"No use of {subscription.name} in 30 days"
                        if none
                        else f"{subscription.name} used only {count} times in 30 days"
                    ),
                    "description": (
                        f"{subscription.name} costs "
                        f"{_money(subscription.monthly_cost)} "
                        f"{subscription.currency} a month and was "
                        + ("not used" if none else f"used {count} times")
                        + " in the last 30 days."
                    ),
                    "action": (
                        f"Pause or cancel {subscription.name} if you don't miss it."
                    ),
                    "potential_savings": saving,
                }
            )

    @staticmethod
    def _trials(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Free trials ending within 3 days."""
        today = data["today"]
        for subscription in data["active"]:
            end = subscription.trial_end_date
            if not subscription.is_trial or not end:
                continue
            left = (end - today).days
            if not 0 <= left <= TRIAL_WARNING_DAYS:
                continue
            saving = FallbackInsightsEngine._saving(subscription, data)
            savings[subscription.pk] = max(
                savings.get(subscription.pk, Decimal(0)), saving
            )
            insights.append(
                {
                    "type": "trial",
                    "severity": "high",
                    "title": f"{subscription.name} free trial ends on {end}",
                    "description": (
                        f"In {left} days the trial turns into a paid subscription of "
                        f"{_money(subscription.amount)} {subscription.currency} per "
                        f"{subscription.billing_cycle} cycle."
                    ),
                    "action": (
                        f"Cancel {subscription.name} before {end} unless you want to "
                        "keep it."
                    ),
                    "potential_savings": saving,
                }
            )

    @staticmethod
    def _price_increases(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Price increases in the last 90 days."""
        for change in data["price_changes"]:
            percent = change.change_percent
            if percent is None or percent <= 0:
                continue
            subscription = change.subscription
            insights.append(
                {
                    "type": "price_increase",
                    "severity": "medium",
                    "title": f"{subscription.name} raised its price",
                    "description": (
                        f"On {change.effective_date} {subscription.name} went from "
                        f"{_money(change.old_amount)} to {_money(change.new_amount)} "
                        f"{change.currency} (+{percent.quantize(Decimal('0.1'))}%)."
                    ),
                    "action": "Check whether a cheaper plan or a competitor fits you.",
                    "potential_savings": Decimal(0),
                }
            )

    @staticmethod
    def _annual_billing(
        data: Mapping[str, Any],
        insights: list[dict[str, Any]],
        savings: dict[str, Decimal],
        underused: list[str],
        duplicated: list[str],
    ) -> None:
        """Monthly plans kept for 6+ months: an annual plan is often cheaper."""
        today = data["today"]
        kept = [
            s
            for s in data["active"]
            if s.billing_cycle == billing.MONTHLY
            and s.start_date <= today - timedelta(days=ANNUAL_CHECK_MIN_DAYS)
            and s.pk not in savings
        ]
        if not kept:
            return
        for subscription in kept:
            savings[subscription.pk] = (
                FallbackInsightsEngine._saving(subscription, data)
                * ANNUAL_PLAN_MONTHS_SAVED
                / billing.MONTHS_PER_YEAR
            )
        estimate = sum((savings[s.pk] for s in kept), Decimal(0))
        insights.append(
            {
                "type": "cost_optimization",
                "severity": "low",
                "title": "Check annual billing",
                "description": (
                    f"You have paid monthly for 6+ months for "
                    f"{', '.join(s.name for s in kept)}. Annual plans often cost about "
                    "two months less per year."
                ),
                "action": "Compare the annual price of the ones you will keep.",
                "potential_savings": estimate,
            }
        )

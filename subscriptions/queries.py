"""Reads every module of the subscriptions feature shares: the user's rows, one of
them (404 for anybody else's), its payments, usage or price history, and today."""

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import DateField, QuerySet, Value

from mysphere_core.errors import NotFoundError
from subscriptions.models import SubscriptionModel
from users.services import UserService

# The related rows a subscription's detail routes list, by their related name.
RELATED = ("payments", "usage_logs", "price_changes")


def today_for(user: AbstractBaseUser) -> date:
    """The user's local date (profile time zone)."""
    return UserService.today_for(user=user)


def subscriptions_of(user: AbstractBaseUser | None) -> QuerySet[SubscriptionModel]:
    """The user's live subscriptions, category joined, with the user's today.

    `user_today` is annotated so that renewal countdowns are the user's, computed
    once here rather than by whoever renders the rows.
    """
    queryset = SubscriptionModel.objects.filter(user=user, is_active=True)
    queryset = queryset.select_related("category")
    if user is None:
        return queryset
    return queryset.annotate(user_today=Value(today_for(user), DateField()))


def with_today(subscription: SubscriptionModel, today: date) -> SubscriptionModel:
    """The subscription carrying the user's today, as `subscriptions_of` rows do."""
    subscription.user_today = today
    return subscription


def subscription_for(
    *, user: AbstractBaseUser, pk: Any, lock: bool = False
) -> SubscriptionModel:
    """One of the user's live subscriptions; NotFoundError (404) otherwise."""
    queryset = subscriptions_of(user)
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    subscription = queryset.filter(pk=str(pk)).first()
    if subscription is None:
        raise NotFoundError("Subscription not found.")
    return subscription


def related_for(*, user: AbstractBaseUser, pk: Any, relation: str) -> QuerySet:
    """The live `payments`, `usage_logs` or `price_changes` of one subscription."""
    if relation not in RELATED:
        raise ValueError(f"Unknown relation {relation!r}; use one of {RELATED}.")
    subscription = subscription_for(user=user, pk=pk)
    return getattr(subscription, relation).filter(is_active=True)

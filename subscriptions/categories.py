"""The user's own subscription categories: reads, writes and the name rule."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils import timezone

from mysphere_core import events
from mysphere_core.errors import InvalidInput, LimitExceededError, NotFoundError
from mysphere_core.limits import parse_pk
from subscriptions.models import SubscriptionCategoryModel, SubscriptionModel

DEFAULT_COLOR = "#3B82F6"
DEFAULT_ICON = "circle"


def categories_of(user: AbstractBaseUser | None) -> QuerySet[SubscriptionCategoryModel]:
    """The user's live categories with how many live subscriptions use each."""
    return (
        SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
        .annotate(
            subscription_count=Count(
                "subscriptions", filter=Q(subscriptions__is_active=True)
            )
        )
        .order_by("name", "id")
    )


def category_for(*, user: AbstractBaseUser, pk: Any) -> SubscriptionCategoryModel:
    """One category of the user; NotFoundError (404) otherwise."""
    category = categories_of(user).filter(pk=parse_pk(pk)).first()
    if category is None:
        raise NotFoundError("Category not found.")
    return category


def resolve(
    *, user: AbstractBaseUser, category_id: Any
) -> SubscriptionCategoryModel | None:
    """The category a subscription is put in; 400 when it is not the user's."""
    if category_id is None:
        return None
    category = SubscriptionCategoryModel.objects.filter(
        user=user, is_active=True, pk=parse_pk(category_id)
    ).first()
    if category is None:
        raise InvalidInput(
            f"You have no category with id {category_id}.", field="category_id"
        )
    return category


def _named(user: AbstractBaseUser, name: str) -> QuerySet[SubscriptionCategoryModel]:
    """The user's live categories called `name`, compared as the database does."""
    return (
        SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
        .annotate(lowered=Lower("name"))
        .filter(lowered=Lower(Value(name.strip())))
    )


def _check_name(user: AbstractBaseUser, name: str, exclude: int | None = None) -> None:
    """Names are unique per user in any case: a clear 400 otherwise."""
    if _named(user, name).exclude(pk=exclude).exists():
        raise InvalidInput(
            f"You already have a category named '{name.strip()}'.", field="name"
        )


def _announce(user: AbstractBaseUser, category_id: int, action: str) -> None:
    """`subscription.category_changed` with what happened to the category."""
    events.announce(
        "subscription.category_changed",
        user=user,
        category_id=category_id,
        action=action,
    )


def create(
    *, user: AbstractBaseUser, data: Mapping[str, Any]
) -> SubscriptionCategoryModel:
    """A new category (at most MAX_SUBSCRIPTION_CATEGORIES_PER_USER)."""
    limit = settings.MAX_SUBSCRIPTION_CATEGORIES_PER_USER
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        mine = SubscriptionCategoryModel.objects.filter(user=user, is_active=True)
        if mine.count() >= limit:
            raise LimitExceededError(f"You can have at most {limit} categories.")
        _check_name(user, data["name"])
        category = SubscriptionCategoryModel(
            user=user,
            name=data["name"].strip(),
            color=data.get("color") or DEFAULT_COLOR,
            icon=data.get("icon") or DEFAULT_ICON,
        )
        category.full_clean(exclude=["user"], validate_constraints=False)
        category.save()
        _announce(user, category.pk, "created")
    category.subscription_count = 0
    return category


def get_or_create(*, user: AbstractBaseUser, name: str) -> SubscriptionCategoryModel:
    """The user's category of this name (any case), created when missing."""
    existing = _named(user, name).first()
    return existing or create(user=user, data={"name": name})


def update(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> SubscriptionCategoryModel:
    """Rename or restyle a category."""
    with transaction.atomic():
        category = category_for(user=user, pk=pk)
        if "name" in data:
            _check_name(user, data["name"], exclude=category.pk)
            category.name = data["name"].strip()
        for field in ("color", "icon"):
            if field in data:
                setattr(category, field, data[field])
        category.full_clean(exclude=["user"], validate_constraints=False)
        category.save()
        _announce(user, category.pk, "updated")
    return category


def delete(*, user: AbstractBaseUser, pk: Any) -> None:
    """Soft-delete a category; its subscriptions become uncategorised."""
    with transaction.atomic():
        category = category_for(user=user, pk=pk)
        SubscriptionModel.objects.filter(user=user, category=category).update(
            category=None, updated_at=timezone.now()
        )
        category.soft_delete()
        _announce(user, category.pk, "deleted")

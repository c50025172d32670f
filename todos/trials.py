"""Subscription trials as todos: "Cancel or keep {name}? Trial ends {date}".

Todos hears the subscriptions' events (`receivers.py`) and reads the subscription
through `SubscriptionService`; subscriptions never import todos. One todo per
trial: its `source_ref` is unique among live todos, and a trial whose todo was
deleted is not asked about again.
"""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from mysphere_core.errors import NotFoundError
from subscriptions.services import SubscriptionService
from todos import writes
from todos.models import TodoModel
from users.services import UserService


def source_ref(subscription_id: str) -> str:
    """The `source_ref` of a subscription's trial todo."""
    return f"subscription:{subscription_id}:trial"


def _question(sub: Any, today: date) -> dict[str, Any]:
    """The fields of a trial's todo: the question, due the day before the trial
    ends (today at the earliest)."""
    ends = sub.trial_end_date
    return {
        "title": f"Cancel or keep {sub.name}? Trial ends {ends.isoformat()}",
        "description": (
            f"The free trial of {sub.name} ends on {ends.isoformat()}. Cancel it "
            "before then, or keep it and start paying."
        ),
        "due_date": max(ends - timedelta(days=1), today),
    }


def _refreshed(user: AbstractBaseUser, todo: TodoModel, asked: dict) -> TodoModel:
    """The open trial todo moved to the trial's current end (a trial extended
    after its todo was made); an answered one stays as it is."""
    if todo.status not in TodoModel.OPEN or todo.title == asked["title"]:
        return todo
    return writes.update(user=user, pk=todo.pk, data=asked)


def trial_ending(*, user: AbstractBaseUser, subscription_id: str) -> TodoModel | None:
    """The trial's todo, created once (and moved when the trial end moves); None
    when the subscription is gone or not on a trial, or its todo was deleted."""
    ref = source_ref(subscription_id)
    found = (
        TodoModel.objects.filter(user=user, source_ref=ref)
        .order_by("-is_active")
        .first()
    )
    if found is not None and not found.is_active:
        return None
    try:
        sub = SubscriptionService.get_for(user=user, pk=subscription_id)
    except NotFoundError:
        return found
    if not (sub.is_trial and sub.trial_end_date):
        return found
    asked = _question(sub, UserService.today_for(user=user))
    if found is not None:
        return _refreshed(user, found, asked)
    data = {**asked, "priority": TodoModel.Priority.HIGH, "tags": ["subscriptions"]}
    try:
        with transaction.atomic():
            return writes.create(user=user, data=data, source_ref=ref)
    except IntegrityError:  # another worker heard the same alert first
        return writes.live(user).filter(source_ref=ref).first()


def _open_trial_todo(user: AbstractBaseUser, subscription_id: str) -> TodoModel | None:
    """The subscription's trial todo while it is open."""
    return (
        writes.live(user)
        .filter(source_ref=source_ref(subscription_id), status__in=TodoModel.OPEN)
        .first()
    )


def subscription_cancelled(*, user: AbstractBaseUser, subscription_id: str) -> None:
    """Cancelling the subscription answers the question: its open trial todo is
    completed."""
    todo = _open_trial_todo(user, subscription_id)
    if todo is not None:
        writes.complete(user=user, pk=todo.pk, force=True)


def subscription_deleted(*, user: AbstractBaseUser, subscription_id: str) -> None:
    """A deleted subscription leaves nothing to decide: its open trial todo is
    cancelled."""
    todo = _open_trial_todo(user, subscription_id)
    if todo is not None:
        writes.update(
            user=user, pk=todo.pk, data={"status": TodoModel.Status.CANCELLED}
        )

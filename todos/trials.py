"""Subscription trials as todos: "Cancel or keep {name}? Trial ends {date}".

Todos hears the subscriptions' events (`receivers.py`) and reads the subscription
through `SubscriptionService`; subscriptions never import todos. One todo per
trial: its `source_ref` is unique among live todos, and a trial whose todo was
deleted is not asked about again.
"""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from mysphere_core.exceptions import NotFoundError
from subscriptions.services import SubscriptionService
from todos import writes
from todos.models import TodoModel
from users.services import UserService


def source_ref(subscription_id: int) -> str:
    """The `source_ref` of a subscription's trial todo."""
    return f"subscription:{subscription_id}:trial"


def trial_ending(*, user: AbstractBaseUser, subscription_id: int) -> TodoModel | None:
    """The trial's todo, created once, due the day before the trial ends (today at
    the earliest); None when the subscription is gone or not on a trial."""
    ref = source_ref(subscription_id)
    existing = TodoModel.objects.filter(user=user, source_ref=ref).order_by(
        "-is_active"
    )
    found = existing.first()
    if found is not None:
        return found if found.is_active else None
    try:
        sub = SubscriptionService.get_for(user=user, pk=subscription_id)
    except NotFoundError:
        return None
    if not (sub.is_trial and sub.trial_end_date):
        return None
    ends = sub.trial_end_date
    due = max(ends - timedelta(days=1), UserService.today_for(user=user))
    data = {
        "title": f"Cancel or keep {sub.name}? Trial ends {ends.isoformat()}",
        "description": (
            f"The free trial of {sub.name} ends on {ends.isoformat()}. Cancel it "
            "before then, or keep it and start paying."
        ),
        "priority": TodoModel.Priority.HIGH,
        "due_date": due,
        "tags": ["subscriptions"],
    }
    try:
        with transaction.atomic():
            return writes.create(user=user, data=data, source_ref=ref)
    except IntegrityError:  # another worker heard the same alert first
        return writes.live(user).filter(source_ref=ref).first()


def _open_trial_todo(user: AbstractBaseUser, subscription_id: int) -> TodoModel | None:
    """The subscription's trial todo while it is open."""
    return (
        writes.live(user)
        .filter(source_ref=source_ref(subscription_id), status__in=TodoModel.OPEN)
        .first()
    )


def subscription_cancelled(*, user: AbstractBaseUser, subscription_id: int) -> None:
    """Cancelling the subscription answers the question: its open trial todo is
    completed."""
    todo = _open_trial_todo(user, subscription_id)
    if todo is not None:
        writes.complete(user=user, pk=todo.pk, force=True)


def subscription_deleted(*, user: AbstractBaseUser, subscription_id: int) -> None:
    """A deleted subscription leaves nothing to decide: its open trial todo is
    cancelled."""
    todo = _open_trial_todo(user, subscription_id)
    if todo is not None:
        writes.update(
            user=user, pk=todo.pk, data={"status": TodoModel.Status.CANCELLED}
        )

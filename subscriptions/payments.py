"""Payments of billing cycles, each mirrored as an expense through `ExpenseService`,
and usage logs (with the monthly usage limit alert)."""

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Sum

from expenses.services import ExpenseService
from mysphere_core import events
from mysphere_core.dates import month_start
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from subscriptions import alerts, billing, nlp_parser, writes
from subscriptions.models import (
    PAID_STATUSES,
    SubscriptionAlertModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionUsageModel,
)
from subscriptions.queries import subscription_for, today_for, with_today

logger = logging.getLogger(__name__)

PaymentStatus = SubscriptionPaymentModel.Status

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


# --- checks -------------------------------------------------------------------------


def _off_series_message(subscription: SubscriptionModel, due_date: date) -> str:
    """Why `due_date` cannot be paid: the nearest billing dates of the series."""
    schedule = subscription.schedule
    nearest = [
        str(day)
        for day in (
            billing.billing_date_before(*schedule, due_date),
            billing.first_billing_on_or_after(*schedule, max(due_date, schedule[0])),
        )
        if day is not None
    ]
    if len(nearest) == 2:
        return (
            f"{due_date} is not a billing date of {subscription.name}; the nearest "
            f"billing dates are {' and '.join(nearest)}."
        )
    return (
        f"{due_date} is not a billing date of {subscription.name}; the first "
        f"billing date is {nearest[0]}."
    )


def _due_date_error(subscription: SubscriptionModel, due_date: date) -> str | None:
    """What is wrong with paying the cycle due on `due_date`, if anything."""
    if due_date > subscription.next_billing_date:
        return (
            f"The next cycle to pay is due on {subscription.next_billing_date}; "
            "later cycles cannot be paid before it."
        )
    if due_date < subscription.start_date:
        return "The due date cannot be before the start date."
    if not billing.is_billing_date(*subscription.schedule, due_date):
        return _off_series_message(subscription, due_date)
    return None


def check_payment(
    subscription: SubscriptionModel,
    status: str,
    due_date: date,
    payment_date: date,
    today: date,
    exclude_pk: int | None = None,
) -> None:
    """Future cycles, dates off the billing series, future paid dates and double
    payments -> 400 (`exclude_pk`: the payment being corrected)."""
    problem = _due_date_error(subscription, due_date)
    if problem:
        raise InvalidInput(problem, field="due_date")
    if status != PaymentStatus.PAID:
        return
    if payment_date > today:
        raise InvalidInput(
            "A paid payment cannot be dated in the future.", field="payment_date"
        )
    if (
        subscription.payments.filter(
            is_active=True, status__in=PAID_STATUSES, due_date=due_date
        )
        .exclude(pk=exclude_pk)
        .exists()
    ):
        raise DomainError(
            f"The cycle of {subscription.name} due on {due_date} is already paid.",
            code=ErrorCode.ALREADY_PAID,
        )


def cycle_to_pay(subscription: SubscriptionModel, status: str, today: date) -> date:
    """The cycle a payment without a due date is for: the next billing date. When
    that date is still ahead and the cycle before it is paid, a paid payment would
    pay ahead by accident (a double tap): refused with `already_paid`; paying ahead
    names the cycle's `due_date`."""
    due = subscription.next_billing_date
    if status != PaymentStatus.PAID or due <= today:
        return due
    current = billing.billing_date_before(*subscription.schedule, due)
    if current is not None and (
        subscription.payments.filter(
            is_active=True, status__in=PAID_STATUSES, due_date=current
        ).exists()
    ):
        raise DomainError(
            f"The current cycle of {subscription.name} (due {current}) is already "
            f"paid. To pay the next cycle ahead, send its due_date ({due}).",
            code=ErrorCode.ALREADY_PAID,
        )
    return due


# --- the expense --------------------------------------------------------------------


def expense_data(
    subscription: SubscriptionModel, payment: SubscriptionPaymentModel
) -> dict[str, Any]:
    """The expense that mirrors a paid payment."""
    return {
        "amount": payment.amount,
        "currency": payment.currency,
        "category": expense_category_for(subscription),
        "vendor": subscription.provider,
        "transaction_date": payment.payment_date,
        "payment_method": payment.payment_method,
        "notes": (
            f"{subscription.name} ({subscription.billing_cycle}) payment for the "
            f"cycle due {payment.due_date}."
        ),
        "raw_text": (
            f"Subscription payment: {subscription.name} "
            f"({subscription.subscription_id}), cycle due {payment.due_date}"
        ),
    }


def refusal_messages(exc: InvalidInput) -> str:
    """The expenses' refusal as one line: `field: message; ...`."""
    problems = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
    return "; ".join(
        f"{field}: {message}" if field else str(message)
        for field, errors in problems.items()
        for message in (errors if isinstance(errors, list) else [errors])
    )


def _refusal(exc: InvalidInput) -> InvalidInput:
    """The expenses' refusal, told under `create_expense`."""
    return InvalidInput(
        f"The matching expense could not be recorded ({refusal_messages(exc)})"
        ". Send create_expense: false to record the payment only.",
        field="create_expense",
    )


def mirror_as_expense(
    user: AbstractBaseUser,
    subscription: SubscriptionModel,
    payment: SubscriptionPaymentModel,
) -> None:
    """Create the payment's expense through ExpenseService and link the two."""
    try:
        expense = ExpenseService.create(
            user=user,
            data=expense_data(subscription, payment),
            source_ref=payment.source_ref,
        )
    except InvalidInput as exc:
        raise _refusal(exc) from exc
    payment.expense_id = expense.pk
    payment.save(update_fields=["expense_id", "updated_at"])


# --- writes -------------------------------------------------------------------------


def record(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> SubscriptionPaymentModel:
    """Record a payment; paying the current cycle advances the next billing date.

    A paid payment is mirrored by an expense (unless `create_expense` is False),
    linked both ways: the payment keeps `expense_id`, the expense `source_ref`.
    """
    today = today_for(user)
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk, lock=True)
        status = data.get("status") or PaymentStatus.PAID
        due_date = data.get("due_date") or cycle_to_pay(subscription, status, today)
        payment_date = data.get("payment_date") or today
        check_payment(subscription, status, due_date, payment_date, today)
        payment = SubscriptionPaymentModel.objects.create(
            subscription=subscription,
            amount=data.get("amount") or subscription.amount,
            currency=subscription.currency,
            payment_date=payment_date,
            due_date=due_date,
            status=status,
            payment_method=data.get("payment_method") or subscription.payment_method,
            transaction_id=data.get("transaction_id") or "",
            notes=data.get("notes") or "",
        )
        if status == PaymentStatus.PAID:
            advance(subscription, due_date)
            if data.get("create_expense", True):
                mirror_as_expense(user, subscription, payment)
        events.announce(
            "subscription.payment_recorded",
            user=user,
            subscription_id=subscription.pk,
            payment_id=payment.pk,
            amount=str(payment.amount),
            currency=payment.currency,
            due_date=due_date.isoformat(),
            status=status,
        )
    with_today(subscription, today)
    return payment


def advance(subscription: SubscriptionModel, due_date: date) -> None:
    """Paying the current cycle moves the next billing date on to the first cycle
    after it that is not paid yet."""
    if due_date == subscription.next_billing_date:
        subscription.next_billing_date = writes.first_unpaid_on_or_after(
            subscription, billing.billing_date_after(*subscription.schedule, due_date)
        )
        subscription.save(update_fields=["next_billing_date", "updated_at"])


def due_again(
    subscription: SubscriptionModel, payment: SubscriptionPaymentModel
) -> bool:
    """True when the payment (as it was) paid the cycle just before the next one:
    removing it (delete, full refund, correction) makes that cycle due again."""
    schedule = subscription.schedule
    return (
        payment.status in PAID_STATUSES
        and payment.due_date >= subscription.start_date
        and billing.is_billing_date(*schedule, payment.due_date)
        and billing.billing_date_after(*schedule, payment.due_date)
        == subscription.next_billing_date
    )


def delete(*, user: AbstractBaseUser, pk: Any, payment_id: Any) -> None:
    """Soft-delete a payment with its expense; the cycle it paid is due again.

    This also works on a deleted subscription: its payments' expenses name this
    path as the place to delete them (their `source_ref`), so it must stay valid.
    """
    with transaction.atomic():
        subscription = (
            SubscriptionModel.objects.select_for_update()
            .filter(user=user, pk=str(pk))
            .first()
        )
        if subscription is None:
            raise NotFoundError("Subscription not found.")
        payment = subscription.payments.filter(
            is_active=True, pk=parse_pk(payment_id)
        ).first()
        if payment is None:
            raise NotFoundError("Payment not found.")
        payment.soft_delete()
        for expense_id in filter(None, (payment.expense_id, payment.refund_expense_id)):
            drop_expense(user, expense_id)
        if due_again(subscription, payment):
            subscription.next_billing_date = payment.due_date
            subscription.save(update_fields=["next_billing_date", "updated_at"])
        events.announce(
            "subscription.payment_deleted",
            user=user,
            subscription_id=subscription.pk,
            payment_id=payment.pk,
        )


def drop_expense(user: AbstractBaseUser, expense_id: int) -> None:
    """Delete a payment's linked expense (it may be gone already)."""
    try:
        ExpenseService.delete(user=user, pk=expense_id, unlink=True)
    except NotFoundError:
        logger.info("Expense %s was already gone", expense_id)


# --- usage --------------------------------------------------------------------------


def log_usage(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> SubscriptionUsageModel:
    """Log usage; reaching the monthly limit of usage_tracking raises an alert."""
    today = today_for(user)
    usage_date = data.get("usage_date") or today
    if usage_date > today:
        raise InvalidInput(
            "Usage cannot be logged for a future date.", field="usage_date"
        )
    with transaction.atomic():
        subscription = subscription_for(user=user, pk=pk, lock=True)
        usage = SubscriptionUsageModel.objects.create(
            subscription=subscription,
            usage_date=usage_date,
            usage_count=data.get("usage_count", 1),
            usage_duration=data.get("usage_duration"),
            usage_value=data.get("usage_value"),
            notes=data.get("notes") or "",
        )
        events.announce(
            "subscription.usage_logged",
            user=user,
            subscription_id=subscription.pk,
            usage_id=usage.pk,
        )
        _check_usage_limit(subscription, today)
    return usage


def _check_usage_limit(subscription: SubscriptionModel, today: date) -> None:
    """A usage_limit alert (one a day) once the month's use reaches the limit."""
    limit = (subscription.usage_tracking or {}).get("monthly_limit")
    if not limit:
        return
    used = (
        subscription.usage_logs.filter(
            is_active=True, usage_date__gte=month_start(today)
        ).aggregate(total=Sum("usage_count"))["total"]
        or 0
    )
    if used >= limit:
        alerts.upsert(
            subscription=subscription,
            alert_type=SubscriptionAlertModel.AlertType.USAGE_LIMIT,
            title=f"{subscription.name} usage limit reached",
            message=(
                f"You used {subscription.name} {used} times this month; "
                f"your limit is {limit}."
            ),
            day=today,
        )

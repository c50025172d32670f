"""Corrections and refunds of recorded payments.

A correction (`PATCH payments/{id}/`) is checked like a new payment, and its linked
expense (the one it mirrored through `ExpenseService`, `source_ref`) follows in the
same transaction. A refund records a `refund` expense (counted negative by the
expenses) linked to the same payment. The next billing date stays right: a cycle
that stops being paid is due again when it was the last one paid.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from expenses.services import ExpenseService
from mysphere_core import events
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from mysphere_core.money import format_money
from subscriptions import payments
from subscriptions.models import (
    PAID_STATUSES,
    SubscriptionModel,
    SubscriptionPaymentModel,
)
from subscriptions.queries import subscription_for, today_for, with_today

PaymentStatus = SubscriptionPaymentModel.Status

CORRECTABLE = (
    "amount",
    "payment_date",
    "due_date",
    "status",
    "payment_method",
    "transaction_id",
    "notes",
)
# What a refunded payment keeps (its refund was computed from them).
KEPT_AFTER_REFUND = ("amount", "payment_date", "due_date", "status", "payment_method")
# The payment field an expense field's refusal is told under.
EXPENSE_FIELDS = {"amount": "amount", "transaction_date": "payment_date"}


def _payment_of(
    user: AbstractBaseUser, pk: Any, payment_id: Any
) -> tuple[SubscriptionModel, SubscriptionPaymentModel]:
    """The user's live subscription (locked) and one of its live payments; 404."""
    subscription = subscription_for(user=user, pk=pk, lock=True)
    payment = (
        subscription.payments.select_for_update()
        .filter(is_active=True, pk=parse_pk(payment_id))
        .first()
    )
    if payment is None:
        raise NotFoundError("Payment not found.")
    return subscription, payment


def _expense_refusal(exc: InvalidInput, date_field: str) -> InvalidInput:
    """The expenses' refusal, told under the payment field it is about."""
    problems = exc.detail if isinstance(exc.detail, dict) else {}
    fields = {**EXPENSE_FIELDS, "transaction_date": date_field}
    field = next((fields[f] for f in problems if f in fields), "expense")
    return InvalidInput(
        errors={
            field: [
                "The linked expense could not be changed to match ("
                f"{payments.refusal_messages(exc)})."
            ]
        }
    )


# --- corrections --------------------------------------------------------------------


def _check_refund_lock(
    payment: SubscriptionPaymentModel, values: Mapping[str, Any]
) -> None:
    """A refunded payment keeps what its refund was computed from."""
    if payment.status not in (PaymentStatus.REFUNDED, PaymentStatus.PARTIALLY_REFUNDED):
        return
    changed = [
        f for f in KEPT_AFTER_REFUND if f in values and values[f] != getattr(payment, f)
    ]
    if changed:
        raise InvalidInput(
            errors={
                field: [
                    "This payment has been refunded; delete it and record it again "
                    f"to change its {field}."
                ]
                for field in changed
            }
        )


def _sync_expense(
    user: AbstractBaseUser,
    subscription: SubscriptionModel,
    payment: SubscriptionPaymentModel,
    *,
    was_paid: bool,
    create_expense: bool,
) -> None:
    """The linked expense follows the payment: changed, created when it became
    paid, deleted when it no longer is."""
    if payment.status != PaymentStatus.PAID:
        if payment.expense_id and payment.status in (
            PaymentStatus.PENDING,
            PaymentStatus.FAILED,
        ):
            payments.drop_expense(user, payment.expense_id)
            payment.expense_id = None
            payment.save(update_fields=["expense_id", "updated_at"])
        return
    if payment.expense_id:
        data = payments.expense_data(subscription, payment)
        data.pop("category")
        try:
            ExpenseService.update(
                user=user,
                pk=payment.expense_id,
                data=data,
                source_ref=payment.source_ref,
            )
        except InvalidInput as exc:
            raise _expense_refusal(exc, "payment_date") from exc
    elif not was_paid and create_expense:
        payments.mirror_as_expense(user, subscription, payment)


def update(
    *, user: AbstractBaseUser, pk: Any, payment_id: Any, data: Mapping[str, Any]
) -> SubscriptionPaymentModel:
    """Correct a payment, checked as a new one would be; its expense follows.

    The payment is first taken out of the schedule (its cycle due again when it was
    the last one paid), then put back as corrected (paying the current cycle moves
    the next billing date on).
    """
    today = today_for(user)
    with transaction.atomic():
        subscription, payment = _payment_of(user, pk, payment_id)
        values = {k: data[k] for k in CORRECTABLE if k in data}
        _check_refund_lock(payment, values)
        before = {field: getattr(payment, field) for field in CORRECTABLE}
        was_paid = payment.status in PAID_STATUSES
        if payments.due_again(subscription, payment):
            subscription.next_billing_date = payment.due_date
        for field, value in values.items():
            setattr(payment, field, value)
        if {"status", "due_date", "payment_date"} & set(values):
            payments.check_payment(
                subscription,
                payment.status,
                payment.due_date,
                payment.payment_date,
                today,
                exclude_pk=payment.pk,
            )
        payment.save()
        subscription.save(update_fields=["next_billing_date", "updated_at"])
        if payment.status in PAID_STATUSES:
            payments.advance(subscription, payment.due_date)
        _sync_expense(
            user,
            subscription,
            payment,
            was_paid=was_paid,
            create_expense=data.get("create_expense", True),
        )
        events.announce(
            "subscription.payment_updated",
            user=user,
            subscription_id=subscription.pk,
            payment_id=payment.pk,
            fields=[f for f in CORRECTABLE if getattr(payment, f) != before[f]],
            amount=str(payment.amount),
            currency=payment.currency,
            due_date=payment.due_date.isoformat(),
            status=payment.status,
        )
    with_today(subscription, today)
    return payment


# --- refunds ------------------------------------------------------------------------


def _refund_values(
    payment: SubscriptionPaymentModel, data: Mapping[str, Any], today: date
) -> tuple[Any, date]:
    """The refund's amount (the whole payment by default) and date (today), checked."""
    if payment.status != PaymentStatus.PAID:
        raise DomainError(
            f"Only a paid payment can be refunded; this one is {payment.status}.",
            code=ErrorCode.NOT_REFUNDABLE,
        )
    amount = data.get("amount") or payment.amount
    if amount > payment.amount:
        raise InvalidInput(
            "A refund cannot be more than the payment "
            f"({format_money(payment.amount, payment.currency)}).",
            field="amount",
        )
    refund_date = data.get("refund_date") or today
    if refund_date > today:
        raise InvalidInput(
            "A refund cannot be dated in the future.", field="refund_date"
        )
    if refund_date < payment.payment_date:
        raise InvalidInput(
            "A refund cannot be dated before the payment " f"({payment.payment_date}).",
            field="refund_date",
        )
    return amount, refund_date


def _mirror_refund(
    user: AbstractBaseUser,
    subscription: SubscriptionModel,
    payment: SubscriptionPaymentModel,
) -> None:
    """The refund as a `refund` expense, linked to the payment like its expense."""
    reason = f": {payment.refund_reason}" if payment.refund_reason else ""
    data = {
        **payments.expense_data(subscription, payment),
        "amount": payment.refunded_amount,
        "transaction_date": payment.refund_date,
        "expense_type": "refund",
        "notes": (
            f"Refund of the {subscription.name} payment for the cycle due "
            f"{payment.due_date}{reason}"
        )[:1000],
        "raw_text": (
            f"Subscription refund: {subscription.name} "
            f"({subscription.subscription_id}), cycle due {payment.due_date}"
        ),
    }
    try:
        expense = ExpenseService.create(
            user=user, data=data, source_ref=payment.source_ref
        )
    except InvalidInput as exc:
        raise _expense_refusal(exc, "refund_date") from exc
    payment.refund_expense_id = expense.pk
    payment.save(update_fields=["refund_expense_id", "updated_at"])


def refund(
    *, user: AbstractBaseUser, pk: Any, payment_id: Any, data: Mapping[str, Any]
) -> SubscriptionPaymentModel:
    """Refund a paid payment, in full or in part (once), as a `refund` expense.

    A full refund leaves the cycle unpaid (due again when it was the last one
    paid); a partial refund keeps it paid.
    """
    today = today_for(user)
    with transaction.atomic():
        subscription, payment = _payment_of(user, pk, payment_id)
        amount, refund_date = _refund_values(payment, data, today)
        was_last = payments.due_again(subscription, payment)
        full = amount == payment.amount
        payment.refunded_amount = amount
        payment.refund_date = refund_date
        payment.refund_reason = data.get("reason") or ""
        payment.status = (
            PaymentStatus.REFUNDED if full else PaymentStatus.PARTIALLY_REFUNDED
        )
        payment.save()
        if payment.expense_id:
            _mirror_refund(user, subscription, payment)
        if full and was_last:
            subscription.next_billing_date = payment.due_date
            subscription.save(update_fields=["next_billing_date", "updated_at"])
        events.announce(
            "subscription.payment_refunded",
            user=user,
            subscription_id=subscription.pk,
            payment_id=payment.pk,
            amount=str(amount),
            currency=payment.currency,
            refund_date=refund_date.isoformat(),
            status=payment.status,
        )
    with_today(subscription, today)
    return payment

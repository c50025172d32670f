"""Renewals that roll: the scheduled job pays an auto-renewing subscription on its
renewal date (with its expense); only subscriptions that do not renew by themselves
go overdue; a double-tapped payment is refused with `already_paid`."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from subscriptions.models import SubscriptionModel
from subscriptions.services import SubscriptionAlertService
from subscriptions.tasks import renew_automatically_task

pytestmark = pytest.mark.django_db
URL = "/api/subscriptions/"
SIX_DAYS_AGO = date(2026, 11, 16)


def _renewing_six_days_ago(make_sub, user, **extra) -> SubscriptionModel:
    sub = make_sub(user, start_date=date(2026, 1, 16), **extra)
    assert sub.next_billing_date == date(2026, 12, 16)
    SubscriptionModel.objects.filter(pk=sub.pk).update(next_billing_date=SIX_DAYS_AGO)
    return sub


def test_the_job_pays_an_auto_renewing_subscription_on_its_date(
    frozen, auth_client, user, make_sub
):
    sub = _renewing_six_days_ago(make_sub, user)
    before = auth_client.get(f"{URL}dashboard/").json()
    assert before["overdue_payments"] == 0
    assert renew_automatically_task.delay().get() == 1
    assert SubscriptionAlertService.renew_automatically() == 0  # once per cycle
    body = auth_client.get(f"{URL}{sub.pk}/").json()
    assert body["next_billing_date"] == "2026-12-16"
    assert body["is_overdue"] is False
    (payment,) = auth_client.get(f"{URL}{sub.pk}/payments/").json()["results"]
    assert (payment["due_date"], payment["payment_date"]) == ("2026-11-16",) * 2
    assert payment["status"] == "paid"
    expense = ExpenseModel.objects.get(user=user)
    assert (expense.amount, expense.transaction_date) == (
        Decimal("15.99"),
        SIX_DAYS_AGO,
    )
    refund = auth_client.post(
        f"{URL}{sub.pk}/payments/{payment['payment_id']}/refund/", {}, format="json"
    )
    assert refund.status_code == 200, refund.json()  # still the user's to correct


def test_it_catches_up_cycle_by_cycle_and_stops_at_the_end_date(frozen, user, make_sub):
    sub = make_sub(
        user, start_date=date(2026, 8, 10), billing_cycle="monthly", amount="5.00"
    )
    SubscriptionModel.objects.filter(pk=sub.pk).update(
        next_billing_date=date(2026, 9, 10), end_date=date(2026, 10, 31)
    )
    assert SubscriptionAlertService.renew_automatically() == 2  # Sep 10, Oct 10
    dates = sorted(ExpenseModel.objects.values_list("transaction_date", flat=True))
    assert dates == [date(2026, 9, 10), date(2026, 10, 10)]


def test_a_subscription_that_does_not_renew_by_itself_goes_overdue(
    frozen, auth_client, user, make_sub
):
    sub = _renewing_six_days_ago(make_sub, user, auto_renewal=False)
    assert SubscriptionAlertService.renew_automatically() == 0
    assert auth_client.get(f"{URL}{sub.pk}/").json()["is_overdue"] is True
    assert auth_client.get(f"{URL}dashboard/").json()["overdue_payments"] == 1
    assert not ExpenseModel.objects.exists()


def test_a_double_tapped_payment_is_refused(frozen, auth_client, user, make_sub):
    sub = make_sub(user, start_date=date(2026, 1, 20))
    SubscriptionModel.objects.filter(pk=sub.pk).update(
        next_billing_date=date(2026, 11, 20)
    )
    paid = f"{URL}{sub.pk}/payments/"
    first = auth_client.post(paid, {"status": "paid"}, format="json")
    assert first.status_code == 201, first.json()
    again = auth_client.post(paid, {"status": "paid"}, format="json")
    assert again.status_code == 400
    assert again.json()["code"] == "already_paid"
    assert "2026-12-20" in again.json()["detail"]  # how to pay ahead
    assert ExpenseModel.objects.filter(user=user).count() == 1
    assert auth_client.get(f"{URL}{sub.pk}/").json()["next_billing_date"] == (
        "2026-12-20"
    )
    ahead = auth_client.post(
        paid, {"status": "paid", "due_date": "2026-12-20"}, format="json"
    )
    assert ahead.status_code == 201, ahead.json()
    assert ExpenseModel.objects.filter(user=user).count() == 2

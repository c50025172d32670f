"""The expenses admin: list, filters, search, totals, actions, writes through the
service (its rules, its events)."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/expenses/expensemodel/"


@pytest.fixture
def rows(user, other_user):
    return [
        ExpenseFactory(
            user=user, amount=Decimal("10.00"), vendor="Uber", category="Travel"
        ),
        ExpenseFactory(
            user=user, amount=Decimal("2.50"), vendor="Pret", currency="EUR"
        ),
        ExpenseFactory(user=other_user, amount=Decimal("7.25"), vendor="Costco"),
        ExpenseFactory(user=user, amount=Decimal("99.00"), is_active=False),
    ]


def test_list_shows_totals_per_currency_of_active_rows(admin_client, rows):
    resp = admin_client.get(LIST)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<strong>2.50 EUR</strong> (1)" in html
    assert "<strong>17.25 USD</strong> (2)" in html


@pytest.mark.parametrize(
    "params, expected_vendors",
    [
        ({"category": "Travel"}, {"Uber"}),
        ({"currency": "EUR"}, {"Pret"}),
        ({"q": "costco"}, {"Costco"}),
        ({"q": "bob"}, {"Costco"}),
        ({"transaction_date__year": "2026", "currency": "USD"}, {"Uber", "Costco"}),
    ],
)
def test_filters_and_search(admin_client, rows, params, expected_vendors):
    resp = admin_client.get(LIST, params)
    assert resp.status_code == 200
    shown = {e.vendor for e in resp.context["cl"].result_list if e.is_active}
    assert shown == expected_vendors


def test_soft_delete_and_restore_actions_forget_cached_analytics(
    admin_client, user, rows
):
    analytics = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}
    usd = ExpenseService.analytics(user=user, **analytics)["currencies"]
    assert {c["currency"]: c["total"] for c in usd}["USD"] == Decimal("10.00")
    admin_client.post(
        LIST, {"action": "soft_delete_selected", "_selected_action": [rows[0].pk]}
    )
    rows[0].refresh_from_db()
    assert rows[0].is_active is False
    currencies = ExpenseService.analytics(user=user, **analytics)["currencies"]
    assert [c["currency"] for c in currencies] == ["EUR"]
    admin_client.post(
        LIST, {"action": "restore_selected", "_selected_action": [rows[0].pk]}
    )
    rows[0].refresh_from_db()
    assert rows[0].is_active is True


def test_add_form_validates_and_forgets_cached_analytics(admin_client, user):
    analytics = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}
    assert ExpenseService.analytics(user=user, **analytics)["currencies"] == []
    form = {
        "user": user.pk,
        "amount": "12.00",
        "currency": "USD",
        "category": "Health",
        "vendor": "CVS",
        "transaction_date": "2026-11-05",
        "payment_method": "card",
        "expense_type": "expense",
        "is_active": "on",
    }
    bad = admin_client.post(f"{LIST}add/", {**form, "amount": "0"})
    assert bad.status_code == 200 and not ExpenseModel.objects.exists()
    assert "Amount must be greater than 0." in bad.content.decode()
    resp = admin_client.post(f"{LIST}add/", form)
    assert resp.status_code == 302
    assert ExpenseModel.objects.get().vendor == "CVS"
    currencies = ExpenseService.analytics(user=user, **analytics)["currencies"]
    assert currencies[0]["total"] == Decimal("12.00")


ANALYTICS = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}
CHANGE_FORM = {
    "amount": "9.99",
    "currency": "USD",
    "category": "Entertainment",
    "vendor": "Netflix",
    "transaction_date": "2026-11-05",
    "payment_method": "card",
    "expense_type": "expense",
    "notes": "",
    "raw_text": "",
}


def test_change_form_keeps_the_linked_expense_rule(admin_client, user):
    expense = ExpenseService.create(
        user=user,
        data={
            "amount": Decimal("9.99"),
            "category": "Food & Dining",
            "transaction_date": date(2026, 11, 5),
        },
        source_ref="payment 12",
    )
    url = f"{LIST}{expense.pk}/change/"
    refused = admin_client.post(url, {**CHANGE_FORM, "amount": "50.00"})
    assert refused.status_code == 200
    assert (
        "This expense was recorded by payment 12; its amount cannot be changed "
        "here. Change or delete it there instead." in refused.content.decode()
    )
    expense.refresh_from_db()
    assert (expense.amount, expense.vendor) == (Decimal("9.99"), "")

    assert ExpenseService.categories(user=user)[0]["count"] == 1  # Food; cached
    assert admin_client.post(url, CHANGE_FORM).status_code == 302
    expense.refresh_from_db()
    assert (expense.vendor, expense.category) == ("Netflix", "Entertainment")
    summary = {
        row["category"]: row["count"] for row in ExpenseService.categories(user=user)
    }
    assert (summary["Food & Dining"], summary["Entertainment"]) == (0, 1)


def test_change_form_validates_like_the_api(admin_client, user):
    expense = ExpenseFactory(user=user)
    url = f"{LIST}{expense.pk}/change/"
    resp = admin_client.post(url, {**CHANGE_FORM, "amount": "20000"})
    assert resp.status_code == 200
    assert "Amount cannot exceed 10000.00." in resp.content.decode()
    expense.refresh_from_db()
    assert expense.amount == Decimal("10.00")


def test_a_soft_deleted_expense_is_restored_before_it_is_changed(admin_client, user):
    expense = ExpenseFactory(user=user, is_active=False)
    resp = admin_client.post(f"{LIST}{expense.pk}/change/", CHANGE_FORM)
    assert resp.status_code == 200
    assert "restore it first" in resp.content.decode()
    expense.refresh_from_db()
    assert expense.vendor != "Netflix"


def test_delete_for_good_forgets_the_owners_cached_analytics(admin_client, user, rows):
    currencies = ExpenseService.analytics(user=user, **ANALYTICS)["currencies"]
    assert {c["currency"] for c in currencies} == {"EUR", "USD"}
    resp = admin_client.post(f"{LIST}{rows[0].pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302
    assert not ExpenseModel.objects.filter(pk=rows[0].pk).exists()
    currencies = ExpenseService.analytics(user=user, **ANALYTICS)["currencies"]
    assert [c["currency"] for c in currencies] == ["EUR"]

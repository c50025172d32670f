"""ExpenseService: the contract other apps rely on (create, get_for, delete)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from rest_framework.exceptions import ValidationError

from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from mysphere_core.exceptions import DomainError, NotFoundError

pytestmark = pytest.mark.django_db

VALID = {
    "amount": Decimal("12.50"),
    "currency": "EUR",
    "category": "Entertainment",
    "vendor": "Netflix",
    "transaction_date": date(2026, 11, 3),
    "payment_method": "card",
    "notes": "monthly plan",
    "raw_text": "",
}


class TestCreate:
    def test_creates_with_given_fields_and_source_ref(self, user):
        expense = ExpenseService.create(user=user, data=VALID, source_ref="pay_42")
        expense.refresh_from_db()
        assert expense.expense_id > 0
        assert expense.user == user
        assert expense.amount == Decimal("12.50")
        assert expense.currency == "EUR"
        assert expense.category == "Entertainment"
        assert expense.source_ref == "pay_42"
        assert expense.is_active

    @time_machine.travel("2026-11-22 03:00:00+00:00", tick=False)
    def test_defaults_currency_and_date_to_the_users(self, make_user):
        tokyo = make_user(
            "kenji", profile={"currency": "JPY", "timezone": "Asia/Tokyo"}
        )
        data = {"amount": Decimal("900"), "category": "Food & Dining"}
        expense = ExpenseService.create(user=tokyo, data=data)
        assert expense.currency == "JPY"
        assert expense.transaction_date == date(2026, 11, 22)
        honolulu = make_user("leilani", profile={"timezone": "Pacific/Honolulu"})
        assert ExpenseService.create(user=honolulu, data=data).transaction_date == date(
            2026, 11, 21
        )

    @pytest.mark.parametrize(
        "change, field, message",
        [
            ({"amount": Decimal("0")}, "amount", "Amount must be greater than 0."),
            ({"amount": Decimal("-3")}, "amount", "Amount must be greater than 0."),
            (
                {"amount": Decimal("10000.01")},
                "amount",
                "Amount cannot exceed 10000.00.",
            ),
            ({"amount": Decimal("1.005")}, "amount", "decimal places"),
            (
                {"category": "Food"},
                "category",
                "Category must be one of: Food & Dining",
            ),
            ({"currency": "XYZ"}, "currency", "not an ISO 4217 currency code"),
            ({"payment_method": "cheque"}, "payment_method", "not a valid choice"),
        ],
    )
    def test_rejects_what_the_api_rejects(self, user, change, field, message):
        with pytest.raises(ValidationError) as err:
            ExpenseService.create(user=user, data={**VALID, **change})
        assert message in str(err.value.detail[field][0])
        assert not ExpenseModel.objects.exists()

    def test_max_amount_follows_the_setting(self, user, settings):
        settings.MAX_EXPENSE_AMOUNT = "50000.00"
        expense = ExpenseService.create(user=user, data={**VALID, "amount": "20000"})
        assert expense.amount == Decimal("20000")

    def test_categories_are_the_rule_books_nine(self):
        assert ExpenseService.CATEGORIES == EXPENSE_CATEGORIES
        assert len(EXPENSE_CATEGORIES) == 9
        assert "Food & Dining" in EXPENSE_CATEGORIES and "Other" in EXPENSE_CATEGORIES


class TestGetAndDelete:
    def test_get_for_returns_own_active_expense(self, user):
        expense = ExpenseFactory(user=user)
        assert ExpenseService.get_for(user=user, expense_id=expense.pk) == expense

    @pytest.mark.parametrize("bad_id", [0, -1, 2**63, "abc", None])
    def test_get_for_unknown_ids_is_404(self, user, bad_id):
        with pytest.raises(NotFoundError):
            ExpenseService.get_for(user=user, expense_id=bad_id)

    def test_get_for_other_users_or_deleted_is_404(self, user, other_user):
        theirs = ExpenseFactory(user=other_user)
        deleted = ExpenseFactory(user=user, is_active=False)
        for expense in (theirs, deleted):
            with pytest.raises(NotFoundError):
                ExpenseService.get_for(user=user, expense_id=expense.pk)

    def test_delete_is_soft(self, user):
        expense = ExpenseFactory(user=user)
        ExpenseService.delete(user=user, expense_id=expense.pk)
        expense.refresh_from_db()
        assert expense.is_active is False
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_linked_expense_needs_unlink(self, user):
        expense = ExpenseService.create(user=user, data=VALID, source_ref="pay_7")
        with pytest.raises(DomainError) as err:
            ExpenseService.delete(user=user, expense_id=expense.pk)
        assert err.value.detail == (
            "This expense was recorded by pay_7; delete it there instead."
        )
        assert err.value.detail.code == "linked_expense"
        ExpenseService.delete(user=user, expense_id=expense.pk, unlink=True)
        expense.refresh_from_db()
        assert not expense.is_active

    def test_delete_of_other_users_expense_is_404(self, user, other_user):
        theirs = ExpenseFactory(user=other_user)
        with pytest.raises(NotFoundError):
            ExpenseService.delete(user=user, expense_id=theirs.pk, unlink=True)
        theirs.refresh_from_db()
        assert theirs.is_active

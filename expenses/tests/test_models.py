"""ExpenseModel: table, ordering, indexes, string form and field validators."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from expenses.models import ExpenseModel, validate_category, validate_expense_amount
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


def test_meta_table_ordering_and_indexes():
    meta = ExpenseModel._meta
    assert meta.db_table == "expenses"
    assert meta.ordering[:2] == ["-transaction_date", "-created_at"]
    indexed = {tuple(index.fields) for index in meta.indexes}
    assert ("user", "transaction_date") in indexed
    covering = next(i for i in meta.indexes if i.name == "expenses_user_covering")
    assert covering.fields[:4] == [
        "user",
        "transaction_date",
        "created_at",
        "expense_id",
    ]
    assert ("category",) in indexed
    assert meta.get_field("created_at").db_index
    assert meta.get_field("source_ref").db_index
    assert meta.pk.name == "expense_id"


def test_str_names_user_amount_currency_category_and_day(user):
    expense = ExpenseFactory(user=user, amount=Decimal("25.50"))
    assert str(expense) == "alice - 25.50 USD - Food & Dining (2026-11-10)"
    refund = ExpenseFactory(user=user, amount=Decimal("5.00"), expense_type="refund")
    assert str(refund).startswith("alice - -5.00 USD")


def test_newest_first(user):
    old = ExpenseFactory(user=user, transaction_date=date(2026, 1, 1))
    new = ExpenseFactory(user=user, transaction_date=date(2026, 2, 1))
    assert list(ExpenseModel.objects.filter(user=user)) == [new, old]


@pytest.mark.parametrize("value", [Decimal("0"), Decimal("-0.01"), Decimal("10000.01")])
def test_amount_validator_rejects(value):
    with pytest.raises(ValidationError):
        validate_expense_amount(value)


@pytest.mark.parametrize("value", [Decimal("0.01"), Decimal("10000.00")])
def test_amount_validator_accepts_the_bounds(value):
    validate_expense_amount(value)


def test_category_validator_names_the_valid_ones():
    with pytest.raises(ValidationError) as err:
        validate_category("Food")
    assert "Food & Dining, Groceries, Shopping, Travel, Entertainment" in str(err.value)
    validate_category("Groceries")

"""factory_boy factories of the expenses tests."""

from datetime import date
from decimal import Decimal

import factory

from expenses.models import ExpenseModel


class ExpenseFactory(factory.django.DjangoModelFactory):
    """A plain card expense in USD, bypassing the service (for arranging data)."""

    class Meta:
        model = ExpenseModel

    amount = Decimal("10.00")
    currency = "USD"
    category = "Food & Dining"
    vendor = factory.Sequence(lambda n: f"Vendor {n}")
    transaction_date = date(2026, 11, 10)
    payment_method = ExpenseModel.PaymentMethod.CARD

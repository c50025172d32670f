"""factory_boy factories of the expenses tests."""

from datetime import date
from decimal import Decimal

import factory
from django.db import transaction

from expenses import rollups
from expenses.models import ExpenseModel


class ExpenseFactory(factory.django.DjangoModelFactory):
    """A plain card expense in USD, bypassing the service (for arranging data); the
    monthly rollups count it, as they count every write."""

    class Meta:
        model = ExpenseModel

    amount = Decimal("10.00")
    currency = "USD"
    category = "Food & Dining"
    vendor = factory.Sequence(lambda n: f"Vendor {n}")
    transaction_date = date(2026, 11, 10)
    payment_method = ExpenseModel.PaymentMethod.CARD

    @classmethod
    def _create(cls, model_class: type, *args, **kwargs) -> ExpenseModel:
        """Save the row and count it in the rollups, in one transaction."""
        with transaction.atomic():
            expense = super()._create(model_class, *args, **kwargs)
            rollups.record(after=[rollups.state_of(expense)])
        return expense

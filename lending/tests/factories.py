"""factory_boy factories of the lending tests (arranging data, not the service)."""

from datetime import date
from decimal import Decimal

import factory

from lending.models import LendingModel, RepaymentModel
from lending.records import recomputed_status
from lending.validators import counterparty_key


class LendingFactory(factory.django.DjangoModelFactory):
    """Money lent to Sam: 50.00 USD on 2026-11-01, nothing repaid."""

    class Meta:
        model = LendingModel

    direction = "lent"
    counterparty_name = "Sam"
    counterparty_key = factory.LazyAttribute(
        lambda o: counterparty_key(o.counterparty_name)
    )
    amount = Decimal("50.00")
    currency = "USD"
    lent_date = date(2026, 11, 1)


class RepaymentFactory(factory.django.DjangoModelFactory):
    """A repayment of 10.00 on a record, its `repaid_amount` and status kept."""

    class Meta:
        model = RepaymentModel

    lending = factory.SubFactory(LendingFactory)
    amount = Decimal("10.00")
    date = date(2026, 11, 10)

    @classmethod
    def _create(cls, model_class: type, *args, **kwargs) -> RepaymentModel:
        """Save the repayment and move the record's sum and status with it."""
        repayment = super()._create(model_class, *args, **kwargs)
        record = repayment.lending
        record.repaid_amount += repayment.amount
        record.status = recomputed_status(record)
        record.save()
        return repayment

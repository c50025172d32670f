"""Fixtures of the subscriptions tests: a subscription made through the service.

Time is the root `frozen` fixture (2026-11-22 12:00 UTC); the test modules opt in.
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from subscriptions.models import SubscriptionModel
from subscriptions.services import SubscriptionService


@pytest.fixture
def make_sub(frozen) -> Callable[..., SubscriptionModel]:
    """Create a subscription through the service (today is 2026-11-22)."""

    def _make(user: Any, **overrides: Any) -> SubscriptionModel:
        data = {
            "name": "Netflix",
            "provider": "Netflix",
            "amount": Decimal("15.99"),
            "billing_cycle": "monthly",
            "start_date": date(2026, 1, 10),
            "payment_method": "card",
            **overrides,
        }
        subscription = SubscriptionService.create(user=user, data=data)
        frozen.shift(timedelta(seconds=1))  # distinct created_at, same day
        return subscription

    return _make

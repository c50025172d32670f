"""Fixtures of the subscriptions tests: frozen time and a service-made subscription."""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from subscriptions.models import SubscriptionModel
from subscriptions.services import SubscriptionService

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    """Time stands at 2026-11-22 12:00 UTC (a Sunday) before any token is made."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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

"""Fixtures of the lending tests: records made through the service, and the
domain events announced."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from lending.models import LendingModel
from lending.serializers import LendingWriteSerializer
from lending.services import LendingService
from mysphere_core.events import DomainEvent, domain_event


@pytest.fixture
def lend(user) -> Callable[..., LendingModel]:
    """`lend(**fields)`: a record of `user` (or `owner=`) made through the API's
    serializer and the service: 50.00 USD lent to Sam on 2026-11-01 by default."""

    def _lend(owner: Any = None, **fields: Any) -> LendingModel:
        data = {
            "direction": "lent",
            "counterparty_name": "Sam",
            "amount": "50.00",
            "currency": "USD",
            "lent_date": "2026-11-01",
            **fields,
        }
        serializer = LendingWriteSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        return LendingService.create(user=owner or user, data=serializer.validated_data)

    return _lend


@pytest.fixture
def announced() -> Iterator[list[DomainEvent]]:
    """Every domain event sent (after its commit) while the test runs."""
    seen: list[DomainEvent] = []

    def _hear(sender: object, event: DomainEvent, **kwargs: Any) -> None:
        seen.append(event)

    domain_event.connect(_hear, dispatch_uid="lending-tests-announced")
    yield seen
    domain_event.disconnect(dispatch_uid="lending-tests-announced")

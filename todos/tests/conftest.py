"""Fixtures of the todos tests."""

from collections.abc import Iterator

import pytest

from mysphere_core.events import DomainEvent, domain_event


@pytest.fixture
def announced() -> Iterator[list[DomainEvent]]:
    """Every domain event dispatched during the test, in order."""
    seen: list[DomainEvent] = []

    def _hear(sender: object, event: DomainEvent, **kwargs: object) -> None:
        seen.append(event)

    domain_event.connect(_hear, dispatch_uid="todos.tests.announced")
    yield seen
    domain_event.disconnect(dispatch_uid="todos.tests.announced")


def names(events: list[DomainEvent], prefix: str = "todo.") -> list[str]:
    """The names of the events starting with `prefix`."""
    return [e.name for e in events if e.name.startswith(prefix)]

"""Domain events: services announce what happened; receivers act after the commit.

    events.announce("expense.created", user=user, expense_id=7, amount="9.50", ...)

Each app declares its events in its own `events.py` (`EVENTS`: name -> (the
payload's fields, what happened)); `catalogue()` assembles them from the installed
apps and `feature_of(name)` names the declaring feature: this module names none.
`announce` checks the name and the payload against the catalogue and calls the
receivers once the surrounding transaction commits, so nothing hears of a write
that rolled back. Receivers subscribe by name (`@on("expense.created", ...)` in
their app's `receivers.py`, imported by the kit); the kit's cache versions and
audit log and the webhook outbox hear every event (`@on_every`), the outbox inside
the transaction (a delivery row committed with the write). A feature never imports
another feature's receivers, and payloads hold JSON-ready values only (ids,
strings, numbers), never model objects.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from mysphere_core.features import app_declarations

logger = logging.getLogger(__name__)

# Receivers get `event=DomainEvent(...)`. `domain_event`: every event, after the
# commit (the kit's cache versions and audit log; tests listen here too).
domain_event = Signal()
# Every event, inside the announcing transaction, for receivers that write an
# outbox row (a webhook delivery) atomically with the write; such a receiver does
# database work only, and its failure fails the write.
domain_event_recorded = Signal()
# One signal per event name, for the receivers that subscribe to it (`on`).
_named: dict[str, Signal] = {}

# The money fields of a payload, as the apps' declarations spell them.
MONEY = ("amount", "currency")
# An app's declarations: name -> (the payload's fields, what happened).
EventDeclarations = dict[str, tuple[tuple[str, ...], str]]
Receiver = Callable[..., None]


@dataclass(frozen=True)
class _Catalogue:
    """Every installed app's declared events, and the feature each belongs to."""

    events: EventDeclarations
    feature_of: dict[str, str]


@cache
def _assembled() -> _Catalogue:
    """The declarations of every installed app's `events.py` (its `EVENTS`), read
    once the apps are loaded; a name declared twice is a configuration error."""
    events: EventDeclarations = {}
    feature_of: dict[str, str] = {}
    for config, declared in app_declarations("events", "EVENTS"):
        for name, declaration in declared.items():
            if name in events:
                raise ImproperlyConfigured(f"Event '{name}' is declared twice.")
            events[name] = declaration
            feature_of[name] = getattr(config, "feature", "") or config.label
    return _Catalogue(events=events, feature_of=feature_of)


def catalogue() -> EventDeclarations:
    """Every event of the installed apps: name -> (the payload's fields, what
    happened)."""
    return _assembled().events


def feature_of(name: str) -> str:
    """The feature (app) that declares event `name` (`expenses` for
    `expense.created`)."""
    return _assembled().feature_of[name]


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened to one user's data, ready to be serialised."""

    name: str
    user_id: int
    payload: dict[str, Any]
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    occurred_at: datetime = field(default_factory=timezone.now)

    @property
    def feature(self) -> str:
        """The feature app that announced it (`expenses` for `expense.created`)."""
        return feature_of(self.name)


def _uid(receiver: Receiver) -> str:
    """The receiver's dispatch uid: its dotted path (`todos.receivers.open_trial`)."""
    return f"{receiver.__module__}.{receiver.__qualname__}"


def on(*names: str) -> Callable[[Receiver], Receiver]:
    """Subscribe the decorated receiver to the named events, after the commit:

        @events.on("subscription.deleted")
        def cancel_trial_todo(sender: object, event: DomainEvent, **kwargs) -> None:

    An app's receivers live in its `receivers.py`, which the kit imports when the
    app is ready. A name no installed app declares is a configuration error."""

    def subscribe(receiver: Receiver) -> Receiver:
        unknown = sorted(set(names) - set(catalogue()))
        if unknown or not names:
            raise ImproperlyConfigured(f"{_uid(receiver)}: unknown events {unknown}.")
        for name in names:
            signal = _named.setdefault(name, Signal())
            signal.connect(receiver, dispatch_uid=_uid(receiver))
        return receiver

    return subscribe


def on_every(*, in_transaction: bool = False) -> Callable[[Receiver], Receiver]:
    """Subscribe the decorated receiver to every event: after the commit (the
    kit's cache versions, the audit log), or `in_transaction` (the webhook
    outbox: database work only, its failure fails the write)."""
    signal = domain_event_recorded if in_transaction else domain_event

    def subscribe(receiver: Receiver) -> Receiver:
        signal.connect(receiver, dispatch_uid=_uid(receiver))
        return receiver

    return subscribe


def signals() -> tuple[Signal, ...]:
    """Every signal a receiver listens on: every event's (after the commit, in the
    transaction) and each subscribed name's."""
    return (domain_event, domain_event_recorded, *_named.values())


def disconnect(dispatch_uid: str) -> bool:
    """Turn a receiver off wherever it listens (a benchmark weighs each one);
    False when none has that uid."""
    found = [signal.disconnect(dispatch_uid=dispatch_uid) for signal in signals()]
    return any(found)


def announce(name: str, /, *, user: AbstractBaseUser, **payload: Any) -> DomainEvent:
    """Send `name` with `payload` to every receiver once the transaction commits.

    `name` is positional-only, so a payload may carry a `name` field too
    (`subscription.created`). An unknown name or a payload whose fields differ from
    the catalogue's is a programming error (ValueError), caught by the tests of the
    announcing service.
    """
    declared = catalogue()
    if name not in declared:
        raise ValueError(
            f"Unknown domain event '{name}': declare it in its app's events.py."
        )
    expected = set(declared[name][0])
    if set(payload) != expected:
        raise ValueError(
            f"Event '{name}' carries {sorted(payload)}; the catalogue says "
            f"{sorted(expected)}."
        )
    event = DomainEvent(name=name, user_id=user.pk, payload=payload)
    domain_event_recorded.send(sender=DomainEvent, event=event)
    transaction.on_commit(lambda: _dispatch(event))
    return event


def _dispatch(event: DomainEvent) -> None:
    """Call the receivers of every event, then those subscribed to this one; one
    that fails is logged and does not stop the others."""
    signal = _named.get(event.name)
    results = domain_event.send_robust(sender=DomainEvent, event=event)
    if signal is not None:
        results += signal.send_robust(sender=DomainEvent, event=event)
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error(
                "Receiver %s failed on %s",
                getattr(receiver, "__qualname__", receiver),
                event.name,
                exc_info=result,
            )

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

A receiver with nothing to do for most users (the webhook outbox: most have no
endpoint) may declare `wanted`, an SQL test of whether it has work. A writer that
wants to know before it writes calls `probe(name, user=..., **known)`: every such
test of the event's receivers in one statement; `announce(..., probed=...)` then
skips the receivers that had none, and `Probed.in_transaction` says whether a
receiver must run inside the write's transaction at all.
"""

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
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
# From the user's id, the event's name and the payload fields known before the
# write: one SQL boolean expression and its parameters, true when the receiver has
# work (a false one must mean "nothing to do": the receiver is then skipped).
Wanted = Callable[[int, str, Mapping[str, Any]], tuple[str, list[Any]]]


@dataclass(frozen=True)
class _Probe:
    """A receiver's `wanted` test, the events it hears (None: every one) and
    whether it runs inside the transaction."""

    wanted: Wanted
    names: frozenset[str] | None
    in_transaction: bool


# Receiver uid -> its test, for the receivers that declared one.
_probes: dict[str, _Probe] = {}


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
    # Receivers (uids) a probe before the write found nothing to do for.
    idle: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def feature(self) -> str:
        """The feature app that announced it (`expenses` for `expense.created`)."""
        return feature_of(self.name)


def _uid(receiver: Receiver) -> str:
    """The receiver's dispatch uid: its dotted path (`todos.receivers.open_trial`)."""
    return f"{receiver.__module__}.{receiver.__qualname__}"


def _connect(
    signals_: list[Signal],
    receiver: Receiver,
    wanted: Wanted | None,
    names: frozenset[str] | None,
    in_transaction: bool = False,
) -> None:
    """Connect `receiver` to the signals; with a `wanted` test, through a wrapper
    that skips an event whose probe found it nothing to do."""
    uid = _uid(receiver)
    target, weak = receiver, True
    if wanted is not None:
        _probes[uid] = _Probe(wanted, names, in_transaction)

        def target(sender: object, event: DomainEvent, **kwargs: Any) -> None:
            if uid not in event.idle:
                receiver(sender, event=event, **kwargs)

        weak = False  # the wrapper lives as long as its registration
    for signal in signals_:
        signal.connect(target, dispatch_uid=uid, weak=weak)


def on(*names: str, wanted: Wanted | None = None) -> Callable[[Receiver], Receiver]:
    """Subscribe the decorated receiver to the named events, after the commit:

        @events.on("subscription.deleted")
        def cancel_trial_todo(sender: object, event: DomainEvent, **kwargs) -> None:

    An app's receivers live in its `receivers.py`, which the kit imports when the
    app is ready. A name no installed app declares is a configuration error.
    `wanted`: the receiver's test of whether it has work (see `probe`)."""

    def subscribe(receiver: Receiver) -> Receiver:
        unknown = sorted(set(names) - set(catalogue()))
        if unknown or not names:
            raise ImproperlyConfigured(f"{_uid(receiver)}: unknown events {unknown}.")
        signals_ = [_named.setdefault(name, Signal()) for name in names]
        _connect(signals_, receiver, wanted, frozenset(names))
        return receiver

    return subscribe


def on_every(
    *, in_transaction: bool = False, wanted: Wanted | None = None
) -> Callable[[Receiver], Receiver]:
    """Subscribe the decorated receiver to every event: after the commit (the
    kit's cache versions, the audit log), or `in_transaction` (the webhook
    outbox: database work only, its failure fails the write). `wanted`: the
    receiver's test of whether it has work (see `probe`)."""
    signal = domain_event_recorded if in_transaction else domain_event

    def subscribe(receiver: Receiver) -> Receiver:
        _connect([signal], receiver, wanted, None, in_transaction)
        return receiver

    return subscribe


@dataclass(frozen=True)
class Probed:
    """What a probe before a write found: the receivers with nothing to do, and
    whether any receiver must run inside the write's transaction."""

    idle: frozenset[str] = frozenset()
    in_transaction: bool = True


def probe(name: str, /, *, user: AbstractBaseUser, **known: Any) -> Probed:
    """Ask every receiver of `name` that declared a `wanted` test whether it has
    work for this write (`known`: the payload as it is before the write, checked
    against the catalogue as `announce` does, ids still None), in one statement;
    pass the answer to `announce(..., probed=...)`. A receiver without
    a test always has work; so has one that starts to between the probe and the
    commit only for the next write (an endpoint made meanwhile hears the next
    event): what any check before a commit allows."""
    _check(name, known)
    tests = {
        uid: test
        for uid, test in _probes.items()
        if test.names is None or name in test.names
    }
    idle: frozenset[str] = frozenset()
    if tests:
        parts = [test.wanted(user.pk, name, known) for test in tests.values()]
        sql = "SELECT " + ", ".join(f"({expression})" for expression, _ in parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for _, params in parts for value in params])
            answers = cursor.fetchone()
        idle = frozenset(u for u, busy in zip(tests, answers, strict=True) if not busy)
    tested_inside = [uid for uid, test in tests.items() if test.in_transaction]
    untested_inside = len(domain_event_recorded.receivers) > len(tested_inside)
    return Probed(
        idle=idle,
        in_transaction=untested_inside or bool(set(tested_inside) - idle),
    )


def signals() -> tuple[Signal, ...]:
    """Every signal a receiver listens on: every event's (after the commit, in the
    transaction) and each subscribed name's."""
    return (domain_event, domain_event_recorded, *_named.values())


def disconnect(dispatch_uid: str) -> bool:
    """Turn a receiver off wherever it listens (a benchmark weighs each one);
    False when none has that uid."""
    found = [signal.disconnect(dispatch_uid=dispatch_uid) for signal in signals()]
    _probes.pop(dispatch_uid, None)
    return any(found)


def announce(
    name: str,
    /,
    *,
    user: AbstractBaseUser,
    probed: Probed | None = None,
    **payload: Any,
) -> DomainEvent:
    """Send `name` with `payload` to every receiver once the transaction commits
    (but those `probed` found nothing to do).

    `name` is positional-only, so a payload may carry a `name` field too
    (`subscription.created`). An unknown name or a payload whose fields differ from
    the catalogue's is a programming error (ValueError), caught by the tests of the
    announcing service.
    """
    _check(name, payload)
    idle = probed.idle if probed is not None else frozenset()
    event = DomainEvent(name=name, user_id=user.pk, payload=payload, idle=idle)
    domain_event_recorded.send(sender=DomainEvent, event=event)
    transaction.on_commit(lambda: _dispatch(event))
    return event


def _check(name: str, payload: Mapping[str, Any]) -> None:
    """A ValueError unless `name` is declared with exactly `payload`'s fields."""
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

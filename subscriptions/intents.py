"""What the subscriptions feature teaches the assistant: add, cancel or pause a
subscription; my subscriptions and their monthly cost, when one renews, the bills
and renewals due in a period."""

import calendar
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mysphere_core import phrases
from mysphere_core.intents import (
    ACTION,
    QUESTION,
    Answer,
    Ask,
    Intent,
    money_words,
    obj,
    proposal,
)
from subscriptions.analytics import monthly_by_currency
from subscriptions.models import SubscriptionModel
from subscriptions.nlp_parser import detect_service
from subscriptions.serializers import SubscriptionSerializer
from subscriptions.services import SubscriptionService

Status = SubscriptionModel.Status
_SUBSCRIPTION_WORDS = re.compile(
    r"\bsubscri(?:be|bed|ption)\b|\bmembership\b|\bplan\b|\btrial\b", re.I
)
CYCLE = re.compile(
    r"\b(?:monthly|yearly|annually|annual|weekly|quarterly|biweekly)\b|\b(?:per|a|"
    r"each|every)\s+(?:\d+\s+)?(?:month|year|week|quarter)s?\b|/\s*(?:mo|month|yr|year"
    r"|wk|week)\b|\bal\s+mes\b|\bmensual(?:es)?\b|\bal\s+ano\b|\banual\b",
    re.I,
)
EXPENSE_VERBS = re.compile(
    r"\b(?:spent|spend|paid|pay|bought|buy|cost|costs|charged|ordered|got|grabbed|"
    r"tipped|refund(?:ed)?|expense|gaste|pague|compre)\b",
    re.I,
)


def _name_tail(group: str) -> str:
    """A subscription's name, its article and "subscription" left out."""
    return (
        rf"(?:my\s+|the\s+|mi\s+|la\s+|el\s+)?(?P<{group}>[\w+&' .-]+?)(?:\s+"
        r"(?:subscription|membership|plan|suscripcion|membresia))?"
    )


_CANCEL = re.compile(
    rf"^(?:please\s+)?(?:cancel|stop|end|unsubscribe\s+from|cancela(?:r)?|"
    rf"da\s+de\s+baja)\s+{_name_tail('name')}[.!]?$"
)
_PAUSE = re.compile(
    rf"^(?:please\s+)?(?:pause|pausa(?:r)?|suspend)\s+{_name_tail('name')}[.!]?$"
    rf"|^(?:put|pon)\s+{_name_tail('name2')}\s+on\s+hold[.!]?$"
)
_RENEWAL = re.compile(
    r"\bwhen\s+(?:does|do|will|is)\s+(?:my\s+|the\s+)?(?P<name>[\w+&' .-]+?)\s+"
    r"(?:renew|due|charge|bill|payment|subscription)"
    r"|\bnext\s+(?P<name2>[\w+&' .-]+?)\s+(?:charge|payment|renewal|bill)\b"
    r"|\bcuando\s+(?:se\s+renueva|vence|toca|cobran)\s+(?:el\s+|la\s+|mi\s+)?"
    r"(?P<name3>[\w+&' .-]+?)\s*\??$"
)
_LIST = re.compile(
    r"\b(?:what|which|my|list|show|all)\b.*\bsubscriptions\b(?!.*\brenew)|\bsubscriptions\b.*"
    r"\b(?:cost|have|pay)\b|\bpay\s+for\s+subscriptions\b|\bsuscripciones\b"
)
_BILLS = re.compile(
    r"\b(?:bills?|renewals?|payments?)\b.*\b(?:due|coming\s+up|upcoming|this|next)"
    r"|\b(?:any|what|which)\s+(?:bills?|renewals?)\b|\bwhat\s+renews\b"
    r"|\brenew(?:s|ing|als?)\b.*\b(?:soon|this|next|coming)\b"
    r"|^(?:which|what|any)\b.*\brenew\b.*\b(?:soon|this|next)\b"
    r"|\b(?:facturas?|pagos?|recibos?|renovaciones)\b.*\b(?:vence|vencen|esta|este)"
)
_NOT_NAMES = {"that", "it", "this", "eso", "esto", "todo", "everything"}


def _name_of(match: re.Match) -> str | None:
    """The subscription a pattern names (a known service by its own name)."""
    name = next((v for k, v in match.groupdict().items() if v and "name" in k), None)
    if not name or name.strip() in _NOT_NAMES:
        return None
    service, _ = detect_service(name)
    return service.name if service else name.strip().title()


def _reader(pattern: re.Pattern) -> Callable[[str], dict[str, Any] | None]:
    """A reader of the subscription a pattern names."""

    def read(text: str) -> dict[str, Any] | None:
        """The subscription's name, or None when the pattern does not match."""
        match = pattern.search(phrases.fold(text))
        name = _name_of(match) if match else None
        return {"name": name} if name else None

    return read


def _find(user: AbstractBaseUser, name: str | None) -> SubscriptionModel | None:
    """The user's live subscription of that name (the active one first)."""
    if not name:
        return None
    rows = SubscriptionService.queryset_for(user=user).filter(name__icontains=name)
    order = {Status.ACTIVE: 0, Status.PAUSED: 1}
    return min(rows, key=lambda row: order.get(row.status, 2), default=None)


def _subscription_words(row: SubscriptionModel) -> str:
    """ "Netflix (15.99 USD monthly, renews 2026-11-25)"."""
    return (
        f"{row.name} ({money_words(row.amount, row.currency)} {row.billing_cycle}, "
        f"renews {row.next_billing_date})"
    )


def _transition(verb: str, action: Callable[..., Any]) -> Callable[[Ask], Answer]:
    """Cancel or pause the named subscription: proposed, then done."""

    def answer(ask: Ask) -> Answer:
        """Propose the change of the named subscription, or make it."""
        row = _find(ask.user, ask.slots.get("name"))
        if row is None:
            return Answer(f"You have no subscription called {ask.slots.get('name')}.")
        slots = {**ask.slots, "name": row.name}
        objects = [obj("subscription", SubscriptionSerializer(row).data, row.pk)]
        if not ask.execute:
            words = f"{verb.title()} {_subscription_words(row)}"
            return proposal(words, objects, slots=slots)
        undo = {"subscription_id": row.pk, "status": row.status, "end": row.end_date}
        changed = action(user=ask.user, pk=row.pk)
        data = SubscriptionSerializer(changed).data
        return Answer(
            f"Done: {row.name} is {changed.status}.",
            [obj("subscription", data, row.pk)],
            executed=True,
            undo=undo,
            slots=slots,
        )

    return answer


def undo_transition(user: AbstractBaseUser, data: dict[str, Any]) -> str:
    """Put the subscription back in the status it had (and its end date)."""
    pk = data["subscription_id"]
    row = SubscriptionService.set_status(user=user, pk=pk, status=data["status"])
    SubscriptionModel.objects.filter(pk=pk).update(
        cancelled_at=None, end_date=data.get("end")
    )
    return f"{row.name} is {row.status} again."


def answer_list(ask: Ask) -> Answer:
    """The active subscriptions and what they cost a month, per currency."""
    rows = list(
        SubscriptionService.queryset_for(user=ask.user)
        .filter(status=Status.ACTIVE)
        .order_by("name")
    )
    if not rows:
        return Answer("You have no active subscriptions.")
    monthly = monthly_by_currency(rows)
    names = ", ".join(f"{r.name} {money_words(r.amount, r.currency)}" for r in rows)
    total = " and ".join(money_words(v, c) for c, v in sorted(monthly.items()))
    reply = f"You have {len(rows)} active subscriptions: {names}; {total} a month."
    objects = [obj("subscription", SubscriptionSerializer(r).data, r.pk) for r in rows]
    return Answer(reply, objects)


def answer_renewal(ask: Ask) -> Answer:
    """When the named subscription renews, and for how much."""
    row = _find(ask.user, ask.slots.get("name"))
    if row is None:
        return Answer(f"You have no subscription called {ask.slots.get('name')}.")
    if row.status != Status.ACTIVE:
        return Answer(f"{row.name} is {row.status}; it does not renew.")
    reply = (
        f"{row.name} renews on {row.next_billing_date} for "
        f"{money_words(row.amount, row.currency)}."
    )
    data = SubscriptionSerializer(row).data
    return Answer(reply, [obj("subscription", data, row.pk)], slots={"name": row.name})


def read_bills(text: str) -> dict[str, Any] | None:
    """ "what bills are due this week?", "¿qué facturas vencen esta semana?"."""
    if _BILLS.search(phrases.fold(text)):
        return {"period": phrases.due_period(text)}
    return None


def answer_bills(ask: Ask) -> Answer:
    """The renewals between today and the period's end, with their total."""
    period = ask.slots.get("period") or "week"
    today = ask.today
    last_day = calendar.monthrange(today.year, today.month)[1]
    days = {"today": 0, "tomorrow": 1, "month": last_day - today.day}.get(period, 7)
    rows = SubscriptionService.upcoming(user=ask.user, days=days)
    if period == "tomorrow":
        rows = [r for r in rows if r.next_billing_date > today]
    if not rows:
        return Answer(f"No bills are due {_period_words(period)}.")
    lines = "; ".join(
        f"{r.name} {money_words(r.amount, r.currency)} on {r.next_billing_date}"
        for r in rows
    )
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.amount
    total = " and ".join(money_words(v, c) for c, v in sorted(totals.items()))
    reply = f"{len(rows)} due {_period_words(period)}: {lines}; {total} in all."
    objects = [obj("subscription", SubscriptionSerializer(r).data, r.pk) for r in rows]
    return Answer(reply, objects)


def _period_words(period: str) -> str:
    """ "in the next 7 days", "this month", "today", "tomorrow"."""
    return {"week": "in the next 7 days", "month": "this month"}.get(period, period)


def read_add(text: str) -> dict[str, Any] | None:
    """An amount with a cycle, or a known service's name: a new subscription."""
    amount = phrases.amount_in(text)
    if amount is None:
        return None
    service, _ = detect_service(text)
    cycle = CYCLE.search(text)
    recurring = cycle or _SUBSCRIPTION_WORDS.search(text)
    spent = EXPENSE_VERBS.search(text)
    if (recurring and (service or not spent or cycle)) or (service and not spent):
        return {"amount": amount}
    return None


def answer_add(ask: Ask) -> Answer:
    """Propose the subscription the words describe (its parser reads them), or
    add it."""
    outcome = SubscriptionService.parse_text(
        user=ask.user, text=ask.text, dry_run=not ask.execute
    )
    data = outcome.result.data or {}
    words = (
        f"Add {data.get('name') or 'the subscription'} at "
        f"{money_words(data['amount'], data['currency'])} "
        f"{data.get('billing_cycle') or 'monthly'}"
    )
    if not ask.execute:
        return proposal(words, [obj("subscription", data)])
    row = outcome.created
    return Answer(
        f"Done: {words}.",
        [obj("subscription", SubscriptionSerializer(row).data, row.pk)],
        executed=True,
        undo={"subscription_id": row.pk},
    )


def undo_add(user: AbstractBaseUser, data: dict[str, Any]) -> str:
    """Delete the subscription the assistant added."""
    row = SubscriptionService.get_for(user=user, pk=data["subscription_id"])
    SubscriptionService.delete(user=user, pk=row.pk)
    return f"Removed the subscription {row.name}."


def _follow_name(text: str) -> dict[str, Any]:
    """ "and spotify?" asks the same of another subscription."""
    name = phrases.fold(text).strip(" ?")
    service, _ = detect_service(name)
    return {"name": service.name if service else name.title()}


def _follow_period(text: str) -> dict[str, Any]:
    """ "and this month?" asks the same of another period."""
    return {"period": phrases.due_period(text)}


INTENTS = [
    Intent(
        name="cancel_subscription",
        kind=ACTION,
        description="cancel a subscription (name)",
        read=_reader(_CANCEL),
        answer=_transition("cancel", SubscriptionService.cancel),
        slots=("name",),
        priority=70,
        undo=undo_transition,
    ),
    Intent(
        name="pause_subscription",
        kind=ACTION,
        description="pause a subscription (name)",
        read=_reader(_PAUSE),
        answer=_transition("pause", SubscriptionService.pause),
        slots=("name",),
        priority=70,
        undo=undo_transition,
    ),
    Intent(
        name="subscription_renewal",
        kind=QUESTION,
        description="when a subscription renews (name)",
        read=_reader(_RENEWAL),
        answer=answer_renewal,
        slots=("name",),
        priority=62,
        follow=_follow_name,
    ),
    Intent(
        name="list_subscriptions",
        kind=QUESTION,
        description="my subscriptions and what they cost a month",
        read=lambda text: {} if _LIST.search(phrases.fold(text)) else None,
        answer=answer_list,
        priority=60,
    ),
    Intent(
        name="bills_due",
        kind=QUESTION,
        description="bills and renewals due (period: today, tomorrow, week, month)",
        read=read_bills,
        answer=answer_bills,
        slots=("period",),
        priority=58,
        follow=_follow_period,
    ),
    Intent(
        name="add_subscription",
        kind=ACTION,
        description="a new recurring service (amount)",
        read=read_add,
        answer=answer_add,
        slots=("amount",),
        priority=10,
        undo=undo_add,
    ),
]

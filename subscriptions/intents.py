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
    AND,
    QUESTION,
    Answer,
    Ask,
    Intent,
    Say,
    done,
    joined,
    money_words,
    obj,
    proposal,
    say,
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
PERIODS = ("today", "tomorrow", "week", "month")


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


def _subscription_words(row: SubscriptionModel) -> Say:
    """ "Netflix (15.99 USD monthly, renews 2026-11-25)"."""
    return say(
        "subscriptions.words",
        name=row.name,
        money=money_words(row.amount, row.currency),
        cycle=say(f"cycle.{row.billing_cycle}"),
        date=row.next_billing_date,
    )


def _no_such(name: str | None) -> Answer:
    """ "You have no subscription called …"."""
    return Answer(say("subscriptions.none_called", name=name))


def _total(amounts: dict[str, Decimal]) -> Any:
    """Amounts per currency in words, never summed across currencies."""
    return joined((money_words(v, c) for c, v in sorted(amounts.items())), AND)


def _transition(key: str, action: Callable[..., Any]) -> Callable[[Ask], Answer]:
    """Cancel or pause the named subscription: proposed, then done."""

    def answer(ask: Ask) -> Answer:
        """Propose the change of the named subscription, or make it."""
        row = _find(ask.user, ask.slots.get("name"))
        if row is None:
            return _no_such(ask.slots.get("name"))
        slots = {**ask.slots, "name": row.name}
        objects = [obj("subscription", SubscriptionSerializer(row).data, row.pk)]
        if not ask.execute:
            words = say(key, what=_subscription_words(row))
            return proposal(words, objects, slots=slots)
        undo = {"subscription_id": row.pk, "status": row.status, "end": row.end_date}
        changed = action(user=ask.user, pk=row.pk)
        data = SubscriptionSerializer(changed).data
        status = say(f"status.{changed.status}")
        return done(
            say("subscriptions.now", name=row.name, status=status),
            [obj("subscription", data, row.pk)],
            undo=undo,
            slots=slots,
        )

    return answer


def undo_transition(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Put the subscription back in the status it had (and its end date)."""
    pk = data["subscription_id"]
    row = SubscriptionService.set_status(user=user, pk=pk, status=data["status"])
    SubscriptionModel.objects.filter(pk=pk).update(
        cancelled_at=None, end_date=data.get("end")
    )
    status = say(f"status.{row.status}")
    return say("subscriptions.again", name=row.name, status=status)


def answer_list(ask: Ask) -> Answer:
    """The active subscriptions and what they cost a month, per currency."""
    rows = list(
        SubscriptionService.queryset_for(user=ask.user)
        .filter(status=Status.ACTIVE)
        .order_by("name")
    )
    if not rows:
        return Answer(say("subscriptions.none_active"))
    names = joined(f"{r.name} {money_words(r.amount, r.currency)}" for r in rows)
    total = _total(monthly_by_currency(rows))
    reply = say("subscriptions.list", count=len(rows), names=names, total=total)
    objects = [obj("subscription", SubscriptionSerializer(r).data, r.pk) for r in rows]
    return Answer(reply, objects)


def answer_renewal(ask: Ask) -> Answer:
    """When the named subscription renews, and for how much."""
    row = _find(ask.user, ask.slots.get("name"))
    if row is None:
        return _no_such(ask.slots.get("name"))
    if row.status != Status.ACTIVE:
        status = say(f"status.{row.status}")
        return Answer(say("subscriptions.not_renewing", name=row.name, status=status))
    reply = say(
        "subscriptions.renews",
        name=row.name,
        date=row.next_billing_date,
        money=money_words(row.amount, row.currency),
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
    when = say(f"due.{period}" if period in PERIODS else "due.week")
    if not rows:
        return Answer(say("subscriptions.no_bills", when=when))
    lines = joined(
        (
            say(
                "subscriptions.bill",
                name=r.name,
                money=money_words(r.amount, r.currency),
                date=r.next_billing_date,
            )
            for r in rows
        ),
        "; ",
    )
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.amount
    reply = say(
        "subscriptions.bills",
        count=len(rows),
        when=when,
        lines=lines,
        total=_total(totals),
    )
    objects = [obj("subscription", SubscriptionSerializer(r).data, r.pk) for r in rows]
    return Answer(reply, objects)


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
    words = say(
        "subscriptions.add",
        name=data.get("name") or say("subscriptions.the"),
        money=money_words(data["amount"], data["currency"]),
        cycle=say(f"cycle.{data.get('billing_cycle') or 'monthly'}"),
    )
    if not ask.execute:
        return proposal(words, [obj("subscription", data)])
    row = outcome.created
    return done(
        words,
        [obj("subscription", SubscriptionSerializer(row).data, row.pk)],
        undo={"subscription_id": row.pk},
    )


def undo_add(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Delete the subscription the assistant added."""
    row = SubscriptionService.get_for(user=user, pk=data["subscription_id"])
    SubscriptionService.delete(user=user, pk=row.pk)
    return say("subscriptions.removed", name=row.name)


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
        answer=_transition("subscriptions.cancel", SubscriptionService.cancel),
        slots=("name",),
        priority=70,
        undo=undo_transition,
    ),
    Intent(
        name="pause_subscription",
        kind=ACTION,
        description="pause a subscription (name)",
        read=_reader(_PAUSE),
        answer=_transition("subscriptions.pause", SubscriptionService.pause),
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

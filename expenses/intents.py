"""What the expenses feature teaches the assistant: log an expense; how much was
spent (a period, a category or a vendor), the top category, the recent expenses."""

import re
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, Sum

from expenses import categories, parsing, vocabulary_es
from expenses.rollups import SIGNED_AMOUNT
from expenses.serializers import ExpenseSerializer
from expenses.services import ExpenseService
from expenses.vocabulary import DEFAULT_CATEGORY, category_named
from mysphere_core import phrases
from mysphere_core.intents import (
    ACTION,
    QUESTION,
    Answer,
    Ask,
    Intent,
    Say,
    done,
    joined,
    money_words,
    obj,
    period_say,
    proposal,
    say,
    totals_words,
)
from users.services import UserService

_SPEND = (
    r"\b(?:spen[dt]|spending|went\s+on|expenses?\s+(?:total|so\s+far))\b"
    r"|\bgast(?:e|o|ado|amos|aste)\b"
)
_TOPIC = re.compile(
    r"\b(?:on|at|for|in|en)\s+(?P<topic>(?!(?:this|last|the\s+week|today|yesterday|"
    r"total|este|esta|el\s+mes|hoy|ayer)\b)[\w&' -]+?)\s*(?:\b(?:this|last|since|today|"
    r"yesterday|so\s+far|este|esta|el\s+mes|hoy|ayer|in\s+total)\b|\?|$)",
    re.IGNORECASE,
)
_TOP = re.compile(
    r"\btop\s+(?:spending\s+)?categor|\b(?:spend|spent)\s+(?:the\s+)?most\b|"
    r"\bbiggest\s+(?:spending\s+)?(?:category|expense)|\bmost\s+of\s+my\s+money\b|"
    r"\ben\s+que\s+gasto\s+mas\b|\bcategoria\s+(?:con\s+)?mas\s+gast"
)
_RECENT = re.compile(
    r"\b(?:recent|latest|last|my|list|show)\s+(?:\w+\s+)?expenses\b|"
    r"\bultimos\s+gastos\b|\bmis\s+gastos\b"
)


def _topic(text: str) -> str | None:
    """The thing, category or vendor spending is asked about ("coffee")."""
    match = _TOPIC.search(phrases.fold(text))
    if not match:
        return None
    topic = re.sub(r"^(?:the|my|a|el|la|los|las|mi)\s+", "", match.group("topic"))
    topic = topic.strip(" ?.")
    return vocabulary_es.topic(topic) or None


def read_spending(text: str) -> dict[str, Any] | None:
    """ "how much did I spend on coffee last month?", "¿cuánto gasté este mes?"."""
    words = phrases.fold(text)
    if not (re.search(_SPEND, words) or re.match(r"how\s+much\s+(?:on|at)\b", words)):
        return None
    if re.search(r"\b(?:left|queda|remaining|safe|(?:can|could|may)\s+i)\b", words):
        return None
    if phrases.amount_in(text) is not None and not phrases.is_question(text):
        return None
    if not phrases.is_question(text) and not re.match(r"(?:my|mi|mis)\b", words):
        return None
    return {"period": phrases.period_in(text), "topic": _topic(text)}


def follow_spending(text: str) -> dict[str, Any]:
    """ "and last month?" changes the period; "and coffee?" the topic."""
    period = phrases.period_in(text)
    if period:
        return {"period": period}
    return {"topic": vocabulary_es.topic(phrases.fold(text))}


def _filtered(user: AbstractBaseUser, topic: str | None) -> tuple[Any, Any]:
    """The user's expenses about `topic` (a vendor or a note naming it first,
    else its category: one of the user's own by name or usual words, "Housing" for
    "housing" or "rent", else a system one) and the words for it."""
    rows = ExpenseService.queryset_for(user=user).filter(is_active=True)
    if not topic:
        return rows, ""
    named = rows.filter(
        Q(vendor__icontains=topic) | Q(notes__icontains=topic)
        | Q(raw_text__icontains=topic)
    )  # fmt: skip
    category = (
        categories.resolve(user, topic)
        or categories.custom_for_text(user, topic)
        or category_named(topic)
    )
    if category and not named.exists():
        return rows.filter(category=category), say("expenses.on", topic=category)
    return named, say("expenses.on", topic=topic)


def answer_spending(ask: Ask) -> Answer:
    """The total spent in the period (this month by default), per currency."""
    period = phrases.normal_period(ask.slots.get("period"), ask.today)
    first, last = phrases.period_range(period, ask.today)
    rows, about = _filtered(ask.user, ask.slots.get("topic"))
    rows = rows.filter(transaction_date__range=(first, last))
    totals = ExpenseService.totals_by_currency(queryset=rows)
    count = sum(t["count"] for t in totals)
    reply = say(
        "spending",
        money=totals_words(totals, UserService.currency_for(user=ask.user)),
        about=about,
        when=period_say(period, ask.today),
        first=first,
        last=last,
        count=say("expenses.count", count=count),
    )
    data = {"date_from": first, "date_to": last, "totals": totals}
    return Answer(reply, [obj("spending", data)], slots={**ask.slots, "period": period})


def read_top(text: str) -> dict[str, Any] | None:
    """ "what's my top category?", "¿en qué gasto más?"."""
    if _TOP.search(phrases.fold(text)):
        return {"period": phrases.period_in(text)}
    return None


def answer_top(ask: Ask) -> Answer:
    """The category with the most spending in the period (this month)."""
    period = phrases.normal_period(ask.slots.get("period"), ask.today)
    first, last = phrases.period_range(period, ask.today)
    rows = ExpenseService.queryset_for(user=ask.user).filter(
        is_active=True, transaction_date__range=(first, last)
    )
    top = (
        rows.values("category", "currency")
        .annotate(total=Sum(SIGNED_AMOUNT))
        .order_by("-total", "category")
        .first()
    )
    when = period_say(period, ask.today)
    if top is None:
        return Answer(say("expenses.none_in", when=when))
    reply = say(
        "expenses.top",
        when=when,
        category=top["category"],
        money=money_words(top["total"], top["currency"]),
    )
    return Answer(reply, [obj("category", top)])


def read_recent(text: str) -> dict[str, Any] | None:
    """ "show my recent expenses", "¿cuáles son mis últimos gastos?"."""
    return {} if _RECENT.search(phrases.fold(text)) else None


def answer_recent(ask: Ask) -> Answer:
    """The last five expenses, newest first."""
    rows = list(
        ExpenseService.queryset_for(user=ask.user)
        .filter(is_active=True)
        .order_by("-transaction_date", "-created_at", "-pk")[:5]
    )
    if not rows:
        return Answer(say("expenses.none_yet"))
    lines = joined(
        (
            f"{row.transaction_date} {row.vendor or row.category} "
            f"{money_words(row.amount, row.currency)}"
            for row in rows
        ),
        "; ",
    )
    objects = [obj("expense", ExpenseSerializer(row).data, row.pk) for row in rows]
    return Answer(say("expenses.recent", count=len(rows), lines=lines), objects)


def read_log(text: str) -> dict[str, Any] | None:
    """Any message with an amount is, at the last, an expense."""
    amount = phrases.amount_in(text)
    return None if amount is None else {"amount": amount}


def _expense_words(data: dict[str, Any]) -> Say:
    """ "Log 50.00 USD at Shell (Travel) on 2026-11-26"."""
    vendor = data.get("vendor")
    return say(
        "expenses.log",
        money=money_words(data["amount"], data["currency"]),
        vendor=say("expenses.at", vendor=vendor) if vendor else "",
        category=data.get("category") or DEFAULT_CATEGORY,
        date=data.get("date"),
    )


def answer_log(ask: Ask) -> Answer:
    """Propose the expense the words describe (the expenses parser reads them; a
    Spanish everyday word names the category it found none for), or log it."""
    text = ask.text
    amount = ask.slots.get("amount")
    if amount is not None and phrases.amount_in(text) != Decimal(str(amount)):
        text = phrases.with_amount(text, Decimal(str(amount)))
    outcome = ExpenseService.parse_text(user=ask.user, text=text, dry_run=True)
    parsed = dict(parsing.check_parsed(outcome.result))
    if parsed.get("category") in (None, "", DEFAULT_CATEGORY):
        parsed["category"] = vocabulary_es.category_in(text) or DEFAULT_CATEGORY
    data = {**(outcome.result.data or {}), "category": parsed["category"]}
    slots = {**ask.slots, "amount": data.get("amount")}
    if not ask.execute:
        return proposal(_expense_words(data), [obj("expense", data)], slots=slots)
    row = ExpenseService.create(
        user=ask.user, data=parsing.expense_data(parsed, " ".join(text.split()))
    )
    return done(
        _expense_words(data),
        [obj("expense", ExpenseSerializer(row).data, row.pk)],
        undo={"expense_id": row.pk},
        slots=slots,
    )


def undo_log(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Delete the expense the assistant logged."""
    row = ExpenseService.get_for(user=user, pk=data["expense_id"])
    ExpenseService.delete(user=user, pk=row.pk)
    return say("expenses.removed", money=money_words(row.amount, row.currency))


INTENTS = [
    Intent(
        name="top_category",
        kind=QUESTION,
        description="which category the most money went on (period)",
        read=read_top,
        answer=answer_top,
        slots=("period",),
        priority=46,
        reads=("expenses",),
    ),
    Intent(
        name="spending",
        kind=QUESTION,
        description="how much was spent in a period (period: today, yesterday, "
        "this_week, last_week, this_month, last_month, this_year), optionally on a "
        "thing, category or vendor (topic)",
        read=read_spending,
        answer=answer_spending,
        slots=("period", "topic"),
        priority=45,
        reads=("expenses",),
        follow=follow_spending,
    ),
    Intent(
        name="recent_expenses",
        kind=QUESTION,
        description="the latest expenses",
        read=read_recent,
        answer=answer_recent,
        priority=44,
    ),
    Intent(
        name="log_expense",
        kind=ACTION,
        description="money already spent (amount)",
        read=read_log,
        answer=answer_log,
        slots=("amount",),
        priority=5,
        undo=undo_log,
    ),
]

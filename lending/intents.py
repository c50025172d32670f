"""What the lending feature teaches the assistant: what I owe and am owed (per
person); record a loan, a repayment (the right way round: matched to the person's
open loan) or a settle-up."""

import re
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from lending import parsing, records
from lending.models import Direction
from lending.serializers import LendingSerializer
from lending.services import LendingService
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
from users.services import UserService

_N = phrases.NAME
_AMT = r"(?:\s+(?:the\s+|los\s+|el\s+)?[$€£]?\d[\d,.]*\s*(?:\w{1,7})?)?"
# They paid the user: a repayment of money the user lent.
PAID_ME = (
    re.compile(rf"\b{_N}\s+(?:paid|pays|gave)\s+me\b"),
    re.compile(rf"\b{_N}\s+(?:repaid|returned)\b"),
    re.compile(rf"\bgot\s+.*?\bback\s+from\s+{_N}"),
    re.compile(rf"\b{_N}\s+me\s+(?:pago|pagó|devolvio|devolvió|ha\s+pagado)\b"),
)
# The user paid them: a repayment of money the user borrowed.
I_PAID = (
    re.compile(rf"\bI\s+(?:paid|repaid|gave|returned)\s+{_N}{_AMT}\s+back\b", re.I),
    re.compile(rf"\b(?:paid|repaid)\s+{_N}\s+back\b"),
    re.compile(rf"\b(?:paid|repaid)\s+back\s+{_N}"),
    re.compile(rf"\bI\s+repaid\s+{_N}"),
    re.compile(rf"\ble\s+(?:devolv[ií]|pagu[ée])\b.*?\ba\s+{_N}"),
)
LENT = (
    re.compile(rf"\b(?:lent|lend|loaned)\s+(?:to\s+)?{_N}"),
    re.compile(rf"\b(?:lent|loaned)\b.*?\bto\s+{_N}"),
    re.compile(rf"\b{_N}\s+owes\s+me\b"),
    re.compile(rf"\b{_N}\s+borrowed\b"),
    re.compile(rf"\bprest[ée]\b.*?\ba\s+{_N}"),
)
BORROWED = (
    re.compile(rf"\bborrow(?:ed)?\b.*?\bfrom\s+{_N}"),
    re.compile(rf"\bI\s+owe\s+{_N}", re.I),
    re.compile(rf"\b{_N}\s+(?:lent|loaned)\s+me\b"),
    re.compile(rf"\b{_N}\s+me\s+prest[óo]\b"),
    re.compile(rf"\bped[ií]\s+prestado\b.*?\ba\s+{_N}"),
)
SETTLE = (
    re.compile(rf"\bsettl(?:e|ing)\s+(?:up\s+)?with\s+{_N}", re.I),
    re.compile(rf"\bsquare\s+up\s+with\s+{_N}", re.I),
    re.compile(rf"\b(?:saldar?|ajustar?)\s+(?:las\s+)?cuentas\s+con\s+{_N}", re.I),
)
_DEBT_WORDS = re.compile(
    r"\bowe\b|\bowes\b|\bowed\b|\bdebts?\b|\bdebo\b|\bdebe\b|\bdeben\b|\bdeudas?\b"
)
_OWED_TO_ME = re.compile(r"\bowes?\s+me\b|\bowed\s+to\s+me\b|\bme\s+deben?\b")


def _question_person(text: str) -> str | None:
    """A capitalised name after the first word ("how much does Ana owe me?")."""
    for match in re.finditer(r"\b[A-Z][\w'-]*", text):
        if match.start() > 0 and match.group(0) != "I":
            return match.group(0)
    return None


def read_debts(text: str) -> dict[str, Any] | None:
    """ "how much do I owe people?", "who owes me?", "¿cuánto le debo a Ben?"."""
    words = phrases.fold(text)
    if not _DEBT_WORDS.search(words):
        return None
    asked = phrases.is_question(text) or re.match(r"(?:my|mis)\s", words)
    if not asked or (phrases.amount_in(text) and not words.endswith("?")):
        return None
    side = "owed" if _OWED_TO_ME.search(words) else "owe"
    return {"person": _question_person(text.lstrip("¿ ")), "side": side}


def _person_words(row: dict[str, Any]) -> Say:
    """ "Ana owes you 70.00 USD", "you owe Ben 30.00 USD", "you are square"."""
    net, name = row["net_balance"], row["counterparty"]
    if net > 0:
        return say(
            "lending.owes_you", name=name, money=money_words(net, row["currency"])
        )
    if net < 0:
        return say(
            "lending.you_owe", name=name, money=money_words(-net, row["currency"])
        )
    return say("lending.square", name=name)


def answer_debts(ask: Ask) -> Answer:
    """Per person, or everyone's total on the side asked about, per currency."""
    rows = LendingService.counterparties(user=ask.user)
    person = ask.slots.get("person")
    if person:
        mine = [r for r in rows if r["counterparty"].lower() == person.lower()]
        if not mine:
            return Answer(say("lending.nothing_with", person=person))
        words = joined((_person_words(r) for r in mine), "; ")
        return Answer(say("sentence", what=words), [obj("person", mine)])
    owed = ask.slots.get("side") == "owed"
    key = "they_owe" if owed else "you_owe"
    open_rows = [r for r in rows if r[key] > 0]
    if not open_rows:
        return Answer(
            say("lending.nobody_owes_you" if owed else "lending.you_owe_nobody")
        )
    totals: dict[str, Decimal] = {}
    for row in open_rows:
        totals[row["currency"]] = totals.get(row["currency"], Decimal(0)) + row[key]
    total = joined((money_words(v, c) for c, v in sorted(totals.items())), AND)
    people = joined(
        f"{r['counterparty']} {money_words(r[key], r['currency'])}" for r in open_rows
    )
    lead = "lending.owed_total" if owed else "lending.owe_total"
    return Answer(
        say(lead, total=total, people=people), [obj("person", r) for r in open_rows]
    )


def read_repayment(text: str) -> dict[str, Any] | None:
    """ "Ana paid me 10" (money lent comes back), "I paid Lisa back the 18.40"."""
    for patterns, direction in ((I_PAID, Direction.BORROWED), (PAID_ME, "lent")):
        person = phrases.person_in(patterns, text)
        if person:
            amount = phrases.amount_in(text)
            return {"person": person, "direction": direction, "amount": amount}
    return None


def _open_item(ask: Ask) -> Any:
    """The person's open item the repayment goes to (400 on `text` when none)."""
    slots = ask.slots
    currency = UserService.currency_for(user=ask.user)
    parsed = {
        "counterparty": slots["person"],
        "direction": slots.get("direction") or Direction.LENT,
        "currency": currency,
        "amount": Decimal(str(slots.get("amount") or "0.01")),
    }
    return parsing.matching_item(ask.user, parsed)


def answer_repayment(ask: Ask) -> Answer:
    """Propose, then record, the repayment on the matching open item."""
    item = _open_item(ask)
    amount = Decimal(str(ask.slots.get("amount") or item.outstanding))
    money = money_words(amount, item.currency)
    name = item.counterparty_name
    owed = money_words(item.outstanding, item.currency)
    key = (
        "lending.repaid_by" if item.direction == Direction.LENT else "lending.repaid_to"
    )
    words = say(key, money=money, name=name, owed=owed)
    slots = {**ask.slots, "amount": amount, "direction": item.direction}
    if not ask.execute:
        records.check_repayment(ask.user, item, amount, ask.today)
        return proposal(words, [obj("lending", LendingSerializer(item).data, item.pk)],
                        slots=slots)  # fmt: skip
    record, repayment = LendingService.repay(
        user=ask.user, pk=item.pk, data={"amount": amount, "note": ask.text[:500]}
    )
    return done(
        words,
        [obj("lending", LendingSerializer(record).data, record.pk)],
        undo={"repayments": [[record.pk, repayment.pk]]},
        slots=slots,
    )


def undo_repayments(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Delete the repayments the assistant recorded."""
    for lending_id, repayment_id in data["repayments"]:
        record = LendingService.delete_repayment(
            user=user, pk=lending_id, repayment_id=repayment_id
        )
    return say("lending.repayment_removed", name=record.counterparty_name)


def read_settle(text: str) -> dict[str, Any] | None:
    """ "settle up with Ben", "saldar cuentas con Ana"."""
    person = phrases.person_in(SETTLE, text)
    return {"person": person} if person else None


def answer_settle(ask: Ask) -> Answer:
    """Propose, then make, the one payment that settles everything with a person."""
    person = ask.slots.get("person") or ""
    rows = [
        r
        for r in LendingService.counterparties(user=ask.user)
        if r["counterparty"].lower() == person.lower() and r["open_items"]
    ]
    if not rows:
        return Answer(say("lending.nothing_with", person=person))
    row = rows[0]
    words = say("lending.settle", what=_person_words(row))
    if not ask.execute:
        return proposal(
            words, [obj("person", row)], slots={"person": row["counterparty"]}
        )
    settled = LendingService.settle(
        user=ask.user,
        data={"counterparty": row["counterparty"], "currency": row["currency"]},
    )
    pairs = [[r.lending_id, r.pk] for r in settled.repayments]
    return done(
        say("lending.settled", what=words),
        [obj("lending", LendingSerializer(r).data, r.pk) for r in settled.records],
        undo={"repayments": pairs},
        slots={"person": row["counterparty"]},
    )


def read_loan(text: str) -> dict[str, Any] | None:
    """ "lent Sam 20", "borrowed 15 from Ben", "le presté 20 a Sam"."""
    for patterns, direction in ((LENT, Direction.LENT), (BORROWED, Direction.BORROWED)):
        person = phrases.person_in(patterns, text)
        if person:
            amount = phrases.amount_in(text)
            return {"person": person, "direction": direction, "amount": amount}
    return None


def answer_loan(ask: Ask) -> Answer:
    """Propose, then record, money lent to or borrowed from a person."""
    amount = ask.slots.get("amount")
    if amount is None:
        return Answer(say("lending.how_much"))
    direction = ask.slots.get("direction") or Direction.LENT
    data = {
        "direction": direction,
        "counterparty_name": ask.slots["person"],
        "amount": Decimal(str(amount)),
        "lent_date": ask.today,
        "notes": ask.text[:2000],
    }
    record = records.build(ask.user, data)
    key = "lending.lent" if direction == Direction.LENT else "lending.borrowed"
    words = say(
        key,
        money=money_words(record.amount, record.currency),
        name=record.counterparty_name,
    )
    slots = {**ask.slots, "amount": record.amount}
    if not ask.execute:
        return proposal(
            words, [obj("lending", LendingSerializer(record).data)], slots=slots
        )
    record = LendingService.create(user=ask.user, data=data)
    return done(
        words,
        [obj("lending", LendingSerializer(record).data, record.pk)],
        undo={"lending_id": record.pk},
        slots=slots,
    )


def undo_loan(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Delete the loan the assistant recorded."""
    record = LendingService.get_for(user=user, pk=data["lending_id"])
    LendingService.delete(user=user, pk=record.pk)
    money = money_words(record.amount, record.currency)
    return say("lending.removed", money=money, name=record.counterparty_name)


def _follow_person(text: str) -> dict[str, Any]:
    """ "what about Ben?" asks the same of another person."""
    person = _question_person("x " + text.strip("¿? "))
    return {"person": person} if person else {}


INTENTS = [
    Intent(
        name="record_repayment",
        kind=ACTION,
        description="a person paid the user back, or the user paid a person back "
        "(person, amount, direction: lent when they paid the user, borrowed when "
        "the user paid them)",
        read=read_repayment,
        answer=answer_repayment,
        slots=("person", "amount", "direction"),
        priority=90,
        undo=undo_repayments,
    ),
    Intent(
        name="settle_up",
        kind=ACTION,
        description="settle everything with a person in one payment (person)",
        read=read_settle,
        answer=answer_settle,
        slots=("person",),
        priority=85,
        undo=undo_repayments,
    ),
    Intent(
        name="debts",
        kind=QUESTION,
        description="what the user owes or is owed, in all or with one person "
        "(person; side: owe or owed)",
        read=read_debts,
        answer=answer_debts,
        slots=("person", "side"),
        priority=80,
        follow=_follow_person,
    ),
    Intent(
        name="record_loan",
        kind=ACTION,
        description="money lent to or borrowed from a person (person, amount, "
        "direction: lent or borrowed)",
        read=read_loan,
        answer=answer_loan,
        slots=("person", "amount", "direction"),
        priority=78,
        undo=undo_loan,
    ),
]

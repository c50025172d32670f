"""The figures behind lending insights, and the rule-based insights built from them.

Ageing counts how long money lent has been out (days since the lent date) in four
buckets, per currency; reliability is each person's on-time repayment rate; money
at risk is what is owed to the user more than 30 days past due, or out more than
90 days with no due date.
"""

from datetime import date
from typing import Any

from lending.balances import ZERO, Person, Row
from mysphere_core.money import format_money

BUCKETS = (("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))
AT_RISK_OVERDUE_DAYS = 30
AT_RISK_AGE_DAYS = 90
MAX_REMINDERS = 5


def bucket_of(age: int) -> str:
    """The ageing bucket of an age in days."""
    for name, low, high in BUCKETS:
        if age >= low and (high is None or age <= high):
            return name
    return BUCKETS[0][0]


def is_at_risk(row: Row, today: date) -> bool:
    """Money owed to the user long past due, or long out with no due date."""
    if row.direction != "lent" or not row.is_open:
        return False
    if row.due_date is not None:
        return (today - row.due_date).days > AT_RISK_OVERDUE_DAYS
    return (today - row.lent_date).days > AT_RISK_AGE_DAYS


def ageing(rows: list[Row], today: date) -> list[dict[str, Any]]:
    """Per currency and bucket: what is owed to the user, and how many items."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if row.direction != "lent" or not row.is_open:
            continue
        for name, _, _ in BUCKETS:
            table.setdefault(
                (row.currency, name),
                {"currency": row.currency, "bucket": name, "amount": ZERO, "count": 0},
            )
        cell = table[row.currency, bucket_of((today - row.lent_date).days)]
        cell["amount"] += row.outstanding
        cell["count"] += 1
    order = [name for name, _, _ in BUCKETS]
    return sorted(
        table.values(), key=lambda c: (c["currency"], order.index(c["bucket"]))
    )


def at_risk(rows: list[Row], today: date) -> list[dict[str, Any]]:
    """Per currency: the money at risk and on how many items."""
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        if is_at_risk(row, today):
            cell = table.setdefault(
                row.currency, {"currency": row.currency, "total": ZERO, "count": 0}
            )
            cell["total"] += row.outstanding
            cell["count"] += 1
    return [table[code] for code in sorted(table)]


def risk_level(person: Person, today: date) -> tuple[str, str]:
    """(low/medium/high, why) for what a person owes the user; the on-time rate
    makes the risk high only once two or more debts can be judged."""
    judged, _ = person.history(today)
    rate = person.on_time_rate(today)
    late = [r for r in person.rows if r.direction == "lent" and r.overdue_on(today)]
    worst = max(((today - r.due_date).days for r in late), default=0)
    if worst > 60 or (rate is not None and rate < 0.5 and judged >= 2):
        level = "high"
    elif late or (rate is not None and rate < 0.8):
        level = "medium"
    else:
        level = "low"
    parts = []
    if late:
        parts.append(f"{len(late)} item(s) overdue, the oldest by {worst} days")
    if rate is not None:
        parts.append(f"repaid on time {round(rate * 100)}% of the time")
    return level, "; ".join(parts) or "nothing overdue and no late history"


def reminder_text(row: Row, today: date) -> str:
    """A friendly message to send the person, naming amount, purpose and dates."""
    money = format_money(row.outstanding, row.currency)
    purpose = f" for {row.description}" if row.description else ""
    when = f" from {row.lent_date:%b} {row.lent_date.day}"
    if row.due_date and row.due_date < today:
        days = (today - row.due_date).days
        due = f" - it was due {days} day{'s' if days != 1 else ''} ago"
    elif row.due_date:
        due = f" - it's due on {row.due_date:%a %b} {row.due_date.day}"
    else:
        due = ""
    return (
        f"Hi {row.counterparty_name}, just a friendly reminder about the "
        f"{money}{purpose}{when}{due}. Could you send it over when you get a chance? "
        "Thanks!"
    )


def reminders(rows: list[Row], today: date) -> list[dict[str, Any]]:
    """Who to remind first (longest overdue, then largest), with the message."""
    due = [
        r
        for r in rows
        if r.direction == "lent" and r.is_open and r.due_date and r.due_date <= today
    ]
    due.sort(key=lambda r: (r.due_date, -r.outstanding))
    return [
        {
            "counterparty": r.counterparty_name,
            "currency": r.currency,
            "amount": r.outstanding,
            "lending_id": r.lending_id,
            "days_overdue": (today - r.due_date).days,
            "message": reminder_text(r, today),
        }
        for r in due[:MAX_REMINDERS]
    ]


def risks(people: dict[tuple[str, str], Person], today: date) -> list[dict[str, Any]]:
    """The risk of each person who owes the user, highest first."""
    order = {"high": 0, "medium": 1, "low": 2}
    found = []
    for person in people.values():
        owed = sum((r.outstanding for r in person.rows if r.direction == "lent"), ZERO)
        if owed <= 0:
            continue
        level, reason = risk_level(person, today)
        found.append(
            {
                "counterparty": person.name,
                "currency": person.currency,
                "level": level,
                "owed": owed,
                "on_time_rate": person.on_time_rate(today),
                "reason": reason,
            }
        )
    return sorted(
        found, key=lambda p: (order[p["level"]], -p["owed"], p["counterparty"])
    )


def _summary(rows: list[Row], risky: list[dict[str, Any]], today: date) -> str:
    """One or two sentences on where the user stands."""
    open_rows = [r for r in rows if r.is_open]
    if not open_rows:
        return "Nothing is outstanding: nobody owes you and you owe nobody."
    sentences = []
    for currency in sorted({r.currency for r in open_rows}):
        lent = sum(
            (
                r.outstanding
                for r in open_rows
                if r.currency == currency and r.direction == "lent"
            ),
            ZERO,
        )
        borrowed = sum(
            (
                r.outstanding
                for r in open_rows
                if r.currency == currency and r.direction != "lent"
            ),
            ZERO,
        )
        sentences.append(
            f"In {currency} you are owed {format_money(lent, currency)} and owe "
            f"{format_money(borrowed, currency)}."
        )
    high = [p["counterparty"] for p in risky if p["level"] == "high"]
    if high:
        sentences.append(f"At high risk: {', '.join(high)}.")
    return " ".join(sentences)


def _tips(rows: list[Row], today: date) -> list[str]:
    """Practical suggestions from the figures."""
    tips = []
    undated = [
        r for r in rows if r.is_open and r.direction == "lent" and not r.due_date
    ]
    if undated:
        tips.append(
            f"{len(undated)} loan(s) have no due date; agree one - dated loans are "
            "repaid more reliably."
        )
    owing = [r for r in rows if r.is_open and r.direction != "lent" and r.due_date]
    soon = [r for r in owing if 0 <= (r.due_date - today).days <= 7]
    for row in soon[:3]:
        tips.append(
            f"You owe {row.counterparty_name} "
            f"{format_money(row.outstanding, row.currency)} "
            f"by {row.due_date.isoformat()}."
        )
    if not tips:
        tips.append(
            "Settle small balances in one go with settle-up to keep things simple."
        )
    return tips


def fallback_insights(
    rows: list[Row], people: dict[tuple[str, str], Person], today: date
) -> dict[str, Any]:
    """Rule-based insights: reminders, risk per person, ageing, money at risk."""
    risky = risks(people, today)
    return {
        "summary": _summary(rows, risky, today),
        "reminders": reminders(rows, today),
        "risk_by_person": risky,
        "ageing": ageing(rows, today),
        "at_risk": at_risk(rows, today),
        "tips": _tips(rows, today),
    }


def prompt_figures(
    rows: list[Row], figures: dict[str, Any], today: date
) -> dict[str, Any]:
    """What the AI may see: open items, risk, ageing (no contacts or notes)."""
    items = [
        {
            "counterparty": r.counterparty_name,
            "direction": r.direction,
            "currency": r.currency,
            "outstanding": str(r.outstanding),
            "description": r.description,
            "lent_date": r.lent_date.isoformat(),
            "due_date": r.due_date.isoformat() if r.due_date else None,
        }
        for r in rows
        if r.is_open
    ]
    return {
        "today": today.isoformat(),
        "open_items": items[:60],
        "risk_by_person": figures["risk_by_person"],
        "ageing": figures["ageing"],
        "at_risk": figures["at_risk"],
    }

"""What the insights know: the user's recent figures, the prompt's context, and the
rule-based insights given when the AI cannot answer.

All of it is aggregated per currency from the user's own rows; nothing here sends
names, emails or notes anywhere.
"""

from copy import deepcopy
from datetime import date, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from expenses.rollups import REFUND, SIGNED_AMOUNT, ZERO
from mysphere_core.money import format_money, percent, to_cents

WINDOW_DAYS = 30
SPIKE_FACTOR = Decimal("3")
SPIKE_HISTORY_DAYS = 180
SPIKE_MIN_HISTORY = 3
MAX_SPIKES = 5
WEEK_JUMP_PERCENT = 50
INCOME_WARNING_PERCENT = 80

EMPTY_INSIGHTS: dict[str, Any] = {
    "summary": "No expenses in the last 30 days yet. Log a few (e.g. "
    "'Coffee at Starbucks for $4.75') and insights will appear here.",
    "spending_trends": [],
    "budget_recommendations": [
        "Record every expense for two weeks to see where your money goes."
    ],
    "category_insights": [],
    "alerts": [{"level": "info", "message": "Nothing to flag yet."}],
}


# --- recent figures -------------------------------------------------------------


def recent_figures(expenses: QuerySet, today: date) -> dict[str, dict[str, Any]]:
    """The last 30 days of `expenses` (the user's active rows), per currency.

    Totals and counts by category, this week against the week before, the biggest
    expense, and spikes: expenses at least 3x the user's own average for that
    category and currency over the 180 days before the window (so a spike does not
    raise its own baseline).
    """
    base = expenses.order_by()
    start = today - timedelta(days=WINDOW_DAYS - 1)
    recent = base.filter(transaction_date__gte=start, transaction_date__lte=today)
    figures = _by_category(recent)
    _add_weeks(figures, base, today)
    for code, item in figures.items():
        item["total"] = to_cents(item["total"])
        item["biggest"] = (
            recent.filter(currency=code)
            .exclude(expense_type=REFUND)
            .order_by("-amount", "-transaction_date")
            .values("amount", "vendor", "category", "transaction_date")
            .first()
        )
    _add_spikes(figures, base, recent, start)
    return figures


def _by_category(recent: QuerySet) -> dict[str, dict[str, Any]]:
    """Per currency: total, count and the categories, largest first."""
    figures: dict[str, dict[str, Any]] = {}
    rows = (
        recent.values("currency", "category")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "category")
    )
    for row in rows:
        item = figures.setdefault(
            row["currency"],
            {
                "total": ZERO,
                "count": 0,
                "categories": [],
                "spikes": [],
                "this_week": ZERO,
                "week_before": ZERO,
            },
        )
        item["total"] += row["total"]
        item["count"] += row["count"]
        item["categories"].append(
            {
                "category": row["category"],
                "total": to_cents(row["total"]),
                "count": row["count"],
            }
        )
    return figures


def _add_weeks(figures: dict[str, dict[str, Any]], base: QuerySet, today: date) -> None:
    """The last 7 days and the 7 days before them, per currency."""
    week_start = today - timedelta(days=7)
    fortnight_start = today - timedelta(days=14)
    week = Q(transaction_date__gt=week_start)
    week_before = Q(transaction_date__lte=week_start)
    rows = (
        base.filter(transaction_date__gt=fortnight_start, transaction_date__lte=today)
        .values("currency")
        .annotate(
            this_week=Sum(SIGNED_AMOUNT, filter=week),
            week_before=Sum(SIGNED_AMOUNT, filter=week_before),
        )
    )
    for row in rows:
        item = figures.get(row["currency"])
        if item is not None:
            item["this_week"] = to_cents(row["this_week"] or ZERO)
            item["week_before"] = to_cents(row["week_before"] or ZERO)


def _add_spikes(
    figures: dict[str, dict[str, Any]], base: QuerySet, recent: QuerySet, start: date
) -> None:
    """The (up to five) largest recent expenses at 3x their usual or more."""
    averages = (
        base.filter(
            transaction_date__gte=start - timedelta(days=SPIKE_HISTORY_DAYS),
            transaction_date__lt=start,
        )
        .exclude(expense_type=REFUND)
        .values("currency", "category")
        .annotate(average=Avg("amount"), count=Count("pk"))
        .filter(count__gte=SPIKE_MIN_HISTORY)
    )
    averages = list(averages)
    if not averages:
        return
    usual = {
        (row["currency"], row["category"]): to_cents(Decimal(row["average"]))
        for row in averages
    }
    conditions = [
        Q(
            currency=row["currency"],
            category=row["category"],
            amount__gte=to_cents(Decimal(row["average"]) * SPIKE_FACTOR),
        )
        for row in averages
    ]
    spikes = (
        recent.exclude(expense_type=REFUND)
        .filter(reduce(or_, conditions))
        .order_by("-amount")
        .values("amount", "currency", "vendor", "category", "transaction_date")
    )
    for spike in spikes[:MAX_SPIKES]:
        spike["usual"] = usual[(spike["currency"], spike["category"])]
        figures[spike["currency"]]["spikes"].append(spike)


# --- the prompt's context -------------------------------------------------------


def prompt_context(
    *,
    today: date,
    profile: dict[str, Any],
    figures: dict[str, dict[str, Any]],
    analytics: dict[str, Any],
) -> dict[str, Any]:
    """What the insights prompt may know: profile and aggregated figures only."""
    return {
        "today": today.isoformat(),
        "profile": profile,
        "last_30_days": {
            code: {
                "total": item["total"],
                "count": item["count"],
                "by_category": item["categories"],
                "last_7_days": item["this_week"],
                "previous_7_days": item["week_before"],
                "biggest_expense": item["biggest"],
                "unusual_expenses": item["spikes"],
            }
            for code, item in figures.items()
        },
        "monthly_totals": {
            c["currency"]: [(m["month"], m["total"]) for m in c["monthly_trend"]]
            for c in analytics["currencies"]
        },
    }


# --- rule-based insights --------------------------------------------------------


def fallback_insights(
    figures: dict[str, dict[str, Any]],
    *,
    income: Decimal | None,
    income_currency: str,
) -> dict[str, Any]:
    """Rule-based insights from the recent figures, in the AI's shape."""
    if not figures:
        return deepcopy(EMPTY_INSIGHTS)
    out: dict[str, list[Any]] = {
        "summary": [],
        "spending_trends": [],
        "budget_recommendations": [],
        "category_insights": [],
        "alerts": [],
    }
    for code, item in sorted(figures.items(), key=lambda pair: -pair[1]["count"]):
        top = item["categories"][0]
        share = percent(top["total"], item["total"]) or 0.0
        out["summary"].append(
            f"In the last 30 days you spent {format_money(item['total'], code)} over "
            f"{_count(item['count'])}, most of it on {top['category']} "
            f"({float(share):g}%)."
        )
        _week_trend(out, code, item)
        _biggest(out, code, item["biggest"])
        _recommendations(out, code, item, share, (income, income_currency))
        _category_remarks(out, code, item)
        _spike_alerts(out, code, item["spikes"])
    if not out["alerts"]:
        out["alerts"].append(
            {"level": "info", "message": "No unusual spending in the last 30 days."}
        )
    return {**out, "summary": " ".join(out["summary"])}


def _count(n: int) -> str:
    """'1 expense', '3 expenses'."""
    return f"{n} expense" if n == 1 else f"{n} expenses"


def _week_trend(out: dict[str, list[Any]], code: str, item: dict[str, Any]) -> None:
    """This week against the week before; an alert when up 50% or more."""
    this_week, week_before = item["this_week"], item["week_before"]
    change = percent(this_week - week_before, week_before)
    if change is None:
        out["spending_trends"].append(f"Last 7 days: {format_money(this_week, code)}.")
        return
    direction = "more" if change >= 0 else "less"
    out["spending_trends"].append(
        f"Last 7 days: {format_money(this_week, code)}, {float(abs(change)):g}% "
        f"{direction} than the 7 days before ({format_money(week_before, code)})."
    )
    if change >= WEEK_JUMP_PERCENT:
        out["alerts"].append(
            {
                "level": "warning",
                "message": f"Your {code} spending this week is up "
                f"{float(change):g}% on the week before.",
            }
        )


def _biggest(
    out: dict[str, list[Any]], code: str, biggest: dict[str, Any] | None
) -> None:
    """The biggest expense of the window."""
    if not biggest:
        return
    where = f" at {biggest['vendor']}" if biggest["vendor"] else ""
    out["spending_trends"].append(
        f"Biggest expense: {format_money(biggest['amount'], code)}{where} "
        f"({biggest['category']}) on {biggest['transaction_date']:%b %d}."
    )


def _recommendations(
    out: dict[str, list[Any]],
    code: str,
    item: dict[str, Any],
    share: float,
    income: tuple[Decimal | None, str],
) -> None:
    """A weekly cap on the top category; the share of income when it is known."""
    top = item["categories"][0]
    weekly_cap = to_cents(top["total"] * 7 / 30 * Decimal("0.9"))
    out["budget_recommendations"].append(
        f"{top['category']} is {float(share):g}% of your {code} spending; a weekly "
        f"cap of {format_money(weekly_cap, code)} (10% under your recent pace) "
        f"would save about {format_money(top['total'] * Decimal('0.1'), code)} "
        "a month."
    )
    monthly, income_currency = income
    if monthly and income_currency == code:
        used = percent(item["total"], monthly) or 0.0
        advice = (
            " Aim for under 80% to keep saving."
            if used > INCOME_WARNING_PERCENT
            else ""
        )
        out["budget_recommendations"].append(
            f"The last 30 days took {float(used):g}% of your monthly income "
            f"({format_money(monthly, code)}).{advice}"
        )


def _category_remarks(
    out: dict[str, list[Any]], code: str, item: dict[str, Any]
) -> None:
    """A remark on each of the three largest categories."""
    for row in item["categories"][:3]:
        average = to_cents(row["total"] / row["count"]) if row["count"] else ZERO
        part = percent(row["total"], item["total"]) or 0.0
        out["category_insights"].append(
            {
                "category": row["category"],
                "insight": f"{format_money(row['total'], code)} over "
                f"{_count(row['count'])} ({float(part):g}% of {code} spending), "
                f"{format_money(average, code)} on average.",
            }
        )


def _spike_alerts(
    out: dict[str, list[Any]], code: str, spikes: list[dict[str, Any]]
) -> None:
    """One alert per repeated purchase (same vendor and amount), not one per row."""
    repeats: dict[tuple[str, Decimal], list[dict[str, Any]]] = {}
    for spike in spikes:
        repeats.setdefault((spike["vendor"], spike["amount"]), []).append(spike)
    for group in repeats.values():
        spike = min(group, key=lambda row: row["transaction_date"])
        where = f" at {spike['vendor']}" if spike["vendor"] else ""
        again = f" (and {len(group) - 1} more like it)" if len(group) > 1 else ""
        out["alerts"].append(
            {
                "level": "warning",
                "message": f"Unusual: {format_money(spike['amount'], code)}{where} "
                f"on {spike['transaction_date']:%b %d}{again} is "
                f"{spike['amount'] / spike['usual']:.1f}x your usual "
                f"{spike['category']} expense "
                f"({format_money(spike['usual'], code)}).",
            }
        )

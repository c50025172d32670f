"""The rule-based insights served whenever the AI cannot answer: the AI answer's shape,
from the user's real data. Savings are monthly, in the profile's currency only, and
Decimals rounded to cents (rendered as strings, never floats)."""

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings

from mysphere_core.money import format_money, percent, to_cents
from subscriptions import billing, nlp_parser
from subscriptions.models import SubscriptionModel

USAGE_WINDOW_DAYS = 30
LOW_USAGE_COUNT = 2
TRIAL_WARNING_DAYS = 3
ANNUAL_CHECK_MIN_DAYS = 180
ANNUAL_PLAN_MONTHS_SAVED = Decimal(2)
INCOME_SHARE_LIMIT = Decimal("0.10")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
ZERO = Decimal(0)


@dataclass
class _Findings:
    """What the rules found so far."""

    insights: list[dict[str, Any]] = field(default_factory=list)
    savings: dict[str, Decimal] = field(default_factory=dict)
    underused: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)

    def add(self, kind: str, severity: str, title: str, **text: Any) -> None:
        """One insight: `description`, `action`, `potential_savings` (monthly)."""
        self.insights.append(
            {
                "type": kind,
                "severity": severity,
                "title": title,
                "description": text["description"],
                "action": text["action"],
                "potential_savings": to_cents(text.get("potential_savings", ZERO)),
            }
        )

    def save(self, subscription: SubscriptionModel, amount: Decimal) -> None:
        """Count `amount` a month as saved on the subscription (the largest wins)."""
        self.savings[subscription.pk] = max(
            self.savings.get(subscription.pk, ZERO), amount
        )

    def flag_duplicates(self, names: list[str]) -> None:
        """Name the services as duplicates (each once)."""
        self.duplicated += [n for n in names if n not in self.duplicated]


def _saving(subscription: SubscriptionModel, data: Mapping[str, Any]) -> Decimal:
    """Monthly cost counted as a saving only in the user's currency."""
    if subscription.currency != data["currency"]:
        return ZERO
    return subscription.monthly_cost


class FallbackInsightsEngine:
    """Rule-based insights from the user's real data, in the AI answer's shape."""

    @staticmethod
    def generate(data: Mapping[str, Any]) -> dict[str, Any]:
        """Run every rule; savings are monthly, in the user's currency."""
        found = _Findings()
        for rule in RULES:
            rule(data, found)
        insights = sorted(found.insights, key=lambda i: SEVERITY_ORDER[i["severity"]])
        total = sum(found.savings.values(), ZERO)
        return {
            "summary": _summary(data, insights),
            "insights": insights,
            "recommendations": [_recommendation(i, data) for i in insights[:5]],
            "cost_optimization": {
                "potential_monthly_savings": to_cents(total),
                "currency": data["currency"],
                "underutilized_services": found.underused,
                "duplicate_services": found.duplicated,
            },
        }


def _recommendation(insight: dict[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """An insight retold as a recommendation."""
    saving = insight["potential_savings"]
    return {
        "title": insight["title"],
        "description": insight["action"],
        "impact": (
            f"Save about {format_money(saving, data['currency'])} a month"
            if saving
            else "Fewer surprises on your statements"
        ),
        "priority": insight["severity"],
    }


def _summary(data: Mapping[str, Any], insights: list[dict[str, Any]]) -> str:
    """One sentence on the portfolio and the top finding."""
    active = data["active"]
    if not active:
        return "You have no active subscriptions."
    costs = ", ".join(
        format_money(value, code) for code, value in sorted(data["monthly"].items())
    )
    text = f"You have {len(active)} active subscriptions costing {costs} a month."
    if insights:
        text += f" Top finding: {insights[0]['title']}."
    return text


# --- the rules ----------------------------------------------------------------------


def _high_total(data: Mapping[str, Any], found: _Findings) -> None:
    """Total monthly cost high vs income (10%) or an absolute threshold."""
    currency = data["currency"]
    total = data["monthly"].get(currency, ZERO)
    income = data["monthly_income"]
    if income:
        share = total / income
        if share <= INCOME_SHARE_LIMIT:
            return
        description = (
            f"Your subscriptions cost {format_money(total, currency)} a month, "
            f"{percent(total, income)}% of your monthly income "
            f"({format_money(income, currency)}); 10% is a sensible ceiling."
        )
        severity = "high" if share > 2 * INCOME_SHARE_LIMIT else "medium"
    else:
        threshold = Decimal(settings.SUBSCRIPTION_HIGH_MONTHLY_COST)
        if total <= threshold:
            return
        description = (
            f"Your subscriptions cost {format_money(total, currency)} a month, above "
            f"{format_money(threshold, currency)}."
        )
        severity = "medium"
    found.add(
        "cost_optimization",
        severity,
        "High monthly subscription spending",
        description=description,
        action="Review each subscription; cancel the ones you rarely use.",
    )


def _kind_groups(data: Mapping[str, Any]) -> dict[str, list[SubscriptionModel]]:
    """Active subscriptions by kind: the well-known service's group, else category."""
    groups: dict[str, list[SubscriptionModel]] = defaultdict(list)
    for subscription in data["active"]:
        service, _ = nlp_parser.detect_service(
            f"{subscription.name} {subscription.provider}"
        )
        if service:
            groups[service.group].append(subscription)
        elif subscription.category:
            groups[subscription.category.name.lower()].append(subscription)
    return groups


def _overlaps(data: Mapping[str, Any], found: _Findings) -> None:
    """Two or more active services of one kind (video streaming, music...)."""
    seen: set[frozenset[str]] = set()
    for label, members in sorted(_kind_groups(data).items()):
        ids = frozenset(s.pk for s in members)
        if len(members) < 2 or ids in seen:
            continue
        seen.add(ids)
        ranked = sorted(members, key=lambda s: s.monthly_cost, reverse=True)
        for s in ranked[1:]:
            found.save(s, _saving(s, data))
        names = [s.name for s in ranked]
        found.flag_duplicates(names)
        found.add(
            "duplicate",
            "medium",
            f"{len(members)} overlapping {label} services",
            description=f"You pay for {', '.join(names)}, which do the same job.",
            action="Keep the one you use most and cancel or rotate the others.",
            potential_savings=sum((_saving(s, data) for s in ranked[1:]), ZERO),
        )


def _same_provider(data: Mapping[str, Any], found: _Findings) -> None:
    """The same provider billing more than one active subscription."""
    providers: dict[str, list[SubscriptionModel]] = defaultdict(list)
    for subscription in data["active"]:
        providers[subscription.provider.strip().lower()].append(subscription)
    for members in providers.values():
        if len(members) < 2:
            continue
        names = [s.name for s in members]
        found.flag_duplicates(names)
        found.add(
            "duplicate",
            "low",
            f"{members[0].provider} bills you {len(members)} times",
            description=f"{', '.join(names)} are all from {members[0].provider}.",
            action=(
                "Check for a bundle or family plan that covers them, or a "
                "duplicate you forgot."
            ),
        )


def _recent_use(subscription: SubscriptionModel, data: Mapping[str, Any]) -> int | None:
    """Uses in 30 days of a tracked subscription old enough to judge, else None."""
    usage = data["usage"].get(subscription.pk)
    tracked = usage is not None or bool(subscription.usage_tracking)
    window_start = data["today"] - timedelta(days=USAGE_WINDOW_DAYS)
    if not tracked or subscription.start_date > window_start:
        return None
    entries = (usage or {}).get("recent_entries") or 0
    return max((usage or {}).get("recent_count") or 0, entries)


def _usage(data: Mapping[str, Any], found: _Findings) -> None:
    """Tracked subscriptions with no or low usage logged in 30 days."""
    for subscription in data["active"]:
        count = _recent_use(subscription, data)
        if count is None or count > LOW_USAGE_COUNT:
            continue
        saving = _saving(subscription, data)
        found.save(subscription, saving)
        found.underused.append(subscription.name)
        name, none = subscription.name, count == 0
        cost = format_money(subscription.monthly_cost, subscription.currency)
        found.add(
            "usage",
            "medium" if none else "low",
            (
                f"No use of {name} in 30 days"
                if none
                else f"{name} used only {count} times in 30 days"
            ),
            description=(
                f"{name} costs {cost} a month and was "
                + ("not used" if none else f"used {count} times")
                + " in the last 30 days."
            ),
            action=f"Pause or cancel {name} if you don't miss it.",
            potential_savings=saving,
        )


def _trials(data: Mapping[str, Any], found: _Findings) -> None:
    """Free trials ending within 3 days."""
    for subscription in data["active"]:
        end = subscription.trial_end_date
        if not subscription.is_trial or not end:
            continue
        left = (end - data["today"]).days
        if not 0 <= left <= TRIAL_WARNING_DAYS:
            continue
        saving = _saving(subscription, data)
        found.save(subscription, saving)
        price = format_money(subscription.amount, subscription.currency)
        found.add(
            "trial",
            "high",
            f"{subscription.name} free trial ends on {end}",
            description=(
                f"In {left} days the trial turns into a paid subscription of "
                f"{price} per {subscription.billing_cycle} cycle."
            ),
            action=(
                f"Cancel {subscription.name} before {end} unless you want to keep it."
            ),
            potential_savings=saving,
        )


def _price_increases(data: Mapping[str, Any], found: _Findings) -> None:
    """Price increases in the last 90 days."""
    for change in data["price_changes"]:
        change_percent = change.change_percent
        if change_percent is None or change_percent <= 0:
            continue
        name = change.subscription.name
        rise = percent(change.new_amount - change.old_amount, change.old_amount)
        found.add(
            "price_increase",
            "medium",
            f"{name} raised its price",
            description=(
                f"On {change.effective_date} {name} went from "
                f"{to_cents(change.old_amount)} to "
                f"{format_money(change.new_amount, change.currency)} "
                f"(+{rise}%)."
            ),
            action="Check whether a cheaper plan or a competitor fits you.",
        )


def _annual_billing(data: Mapping[str, Any], found: _Findings) -> None:
    """Monthly plans kept for 6+ months: an annual plan is often cheaper."""
    cutoff = data["today"] - timedelta(days=ANNUAL_CHECK_MIN_DAYS)
    kept = [
        s
        for s in data["active"]
        if s.billing_cycle == billing.MONTHLY
        and s.start_date <= cutoff
        and s.pk not in found.savings
    ]
    if not kept:
        return
    for subscription in kept:
        found.savings[subscription.pk] = (
            _saving(subscription, data)
            * ANNUAL_PLAN_MONTHS_SAVED
            / billing.MONTHS_PER_YEAR
        )
    found.add(
        "cost_optimization",
        "low",
        "Check annual billing",
        description=(
            f"You have paid monthly for 6+ months for "
            f"{', '.join(s.name for s in kept)}. Annual plans often cost about "
            "two months less per year."
        ),
        action="Compare the annual price of the ones you will keep.",
        potential_savings=sum((found.savings[s.pk] for s in kept), ZERO),
    )


RULES: tuple[Callable[[Mapping[str, Any], _Findings], None], ...] = (
    _high_total,
    _overlaps,
    _same_provider,
    _usage,
    _trials,
    _price_increases,
    _annual_billing,
)

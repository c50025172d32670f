"""Plain-language entry: read a subscription out of text (Gemini first, the built-in
parser otherwise) and create it unless it is a dry run."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from mysphere_core import ai, duplicates
from mysphere_core.errors import InvalidInput
from mysphere_core.limits import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE
from subscriptions import billing, categories, nlp_parser, writes
from subscriptions.ai_insights import PARSE_SCHEMA, SubscriptionAIInsights
from subscriptions.models import SubscriptionModel
from subscriptions.queries import today_for
from users.services import UserService

FEATURE = "subscriptions"


def _refuse(message: str) -> InvalidInput:
    """A 400 about the text."""
    return InvalidInput(message, field="text")


def _check_cycle(text: str) -> None:
    """Cycles the billing model cannot hold exactly are refused before any AI call."""
    phrase = nlp_parser.unsupported_cycle(text)
    if phrase:
        raise _refuse(
            f"'{phrase}' is not a billing cycle we support: cycles of 1 to 365 days, "
            "52 weeks, 120 months or 10 years are (e.g. 'every 4 weeks', 'every 6 "
            "months', 'every 2 years')."
        )


def parse_text(
    *,
    user: AbstractBaseUser,
    text: str,
    dry_run: bool = False,
    confirm_duplicates: bool = False,
) -> duplicates.CheckedParseOutcome:
    """Read a subscription out of plain text (AI first, built-in parser otherwise).

    The subscription is created from what was read unless `dry_run` is True, or
    it names an active subscription (`possible_duplicate`) and is not confirmed.
    """
    _check_cycle(text)
    today = today_for(user)
    currency = UserService.currency_for(user=user)
    result = ai.parse(
        user=user,
        feature=FEATURE,
        today=today,
        text=text,
        build_prompt=lambda t: SubscriptionAIInsights.parse_prompt(
            t, today=today, currency=currency
        ),
        schema=PARSE_SCHEMA,
        fallback_parser=lambda t: nlp_parser.parse_subscription_text(
            t, today=today, default_currency=currency
        ),
        clean=lambda answer: SubscriptionAIInsights.clean_parse_answer(
            answer, default_currency=currency
        ),
        context=f"{today.isoformat()}|{currency}",
    )
    if not result.data or not result.data.get("amount"):
        raise _refuse(
            "No amount found in the text. Say what it costs, e.g. "
            "'Netflix 15.99 monthly'."
        )
    match = None if confirm_duplicates else existing_match(user, result.data)
    created = None
    if not dry_run and match is None:
        created = _create_from_parsed(user=user, parsed=result.data, text=text)
    return duplicates.CheckedParseOutcome(
        result=result,
        dry_run=dry_run,
        created=created,
        possible_duplicate=match.as_match() if match else None,
    )


def existing_match(
    user: AbstractBaseUser, parsed: Mapping[str, Any]
) -> duplicates.Candidate | None:
    """The active subscription the parse names, whatever its price, or None."""
    new = duplicates.Candidate(kind="subscription", id=0, name=parsed.get("name") or "")
    live = SubscriptionModel.objects.filter(
        user=user,
        is_active=True,
        status=SubscriptionModel.Status.ACTIVE,
    ).order_by("created_at")
    return duplicates.find_match(
        new,
        (
            duplicates.Candidate(
                kind="subscription",
                id=sub.pk,
                name=sub.name,
                amount=sub.amount,
                currency=sub.currency,
                day=sub.next_billing_date,
            )
            for sub in live
        ),
    )


def _iso(value: str | None) -> date | None:
    """A parsed YYYY-MM-DD (or nothing)."""
    return date.fromisoformat(value) if value else None


def _dates(parsed: Mapping[str, Any], today: date) -> dict[str, date | None]:
    """Start, trial end and next billing date, consistent with one another."""
    start = _iso(parsed.get("start_date")) or today
    trial_end = _iso(parsed.get("trial_end_date"))
    next_date = _iso(parsed.get("next_billing_date"))
    if trial_end and trial_end < start:
        start = trial_end
    if next_date:
        start = min(start, next_date)
    dates = {"start_date": start, "trial_end_date": trial_end}
    if next_date:
        dates["next_billing_date"] = next_date
    if any(day and not EARLIEST_DATE <= day <= LATEST_DATE for day in dates.values()):
        raise _refuse(DATE_RANGE_MESSAGE)
    return dates


def _create_from_parsed(
    *, user: AbstractBaseUser, parsed: Mapping[str, Any], text: str
) -> SubscriptionModel:
    """Create the subscription `parse_text` read (category found or made).

    One transaction: a refused creation leaves no new category behind.
    """
    if not parsed.get("name"):
        raise _refuse("No service name found in the text, e.g. 'Netflix'.")
    is_trial = bool(parsed.get("is_trial"))
    if is_trial and not parsed.get("trial_end_date"):
        raise _refuse(
            "Say when the free trial ends, e.g. 'free trial until March 15' or "
            "'14-day free trial'."
        )
    data: dict[str, Any] = {
        "name": parsed["name"][:200],
        "provider": (parsed.get("provider") or parsed["name"])[:100],
        "amount": Decimal(parsed["amount"]),
        "currency": parsed.get("currency"),
        "billing_cycle": parsed.get("billing_cycle") or billing.MONTHLY,
        "custom_cycle_days": parsed.get("custom_cycle_days"),
        "interval_count": parsed.get("interval_count"),
        "interval_unit": parsed.get("interval_unit"),
        "is_trial": is_trial,
        "payment_method": parsed.get("payment_method") or "card",
        "notes": f"Added from text: {text}"[:1000],
        **_dates(parsed, today_for(user)),
    }
    with transaction.atomic():
        if parsed.get("category"):
            data["category_id"] = categories.get_or_create(
                user=user, name=parsed["category"]
            ).pk
        return writes.create(user=user, data=data)

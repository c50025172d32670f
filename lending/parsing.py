"""Plain-words entry: check the text, parse it (Gemini, else the built-in parser),
then record the loan, or the repayment on the matching open item."""

import dataclasses
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from lending import records
from lending.ai_insights import LendingAIInsights
from lending.balances import person_rows
from lending.models import LendingModel
from lending.nlp_parser import mentions_amount, parse_lending_text
from lending.validators import MAX_NAME_LENGTH, counterparty_key
from mysphere_core import ai, money
from mysphere_core.errors import InvalidInput
from mysphere_core.limits import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE
from mysphere_core.money import format_money

FEATURE = "lending"


def _text_error(message: str) -> InvalidInput:
    """A 400 on the `text` field."""
    return InvalidInput(message, field="text")


def checked_text(text: str) -> str:
    """The text with its spaces normalised; 400 when it names no amount."""
    text = " ".join(text.split())
    if not mentions_amount(text):
        raise _text_error("No amount found in the text.")
    return text


def parse(
    *, user: AbstractBaseUser, text: str, today: date, currency: str
) -> ai.AIResult:
    """The gateway's parse: Gemini (cached, rationed) or the built-in parser."""
    return ai.parse_in_context(
        user=user,
        feature=FEATURE,
        today=today,
        currency=currency,
        text=text,
        prompts=LendingAIInsights,
        fallback_parser=parse_lending_text,
    )


def check_parsed(result: ai.AIResult) -> dict[str, Any]:
    """The parsed fields; 400 on `text` without an amount or a person, with a date
    out of range or an amount over the maximum."""
    parsed = result.data
    if parsed is None:
        raise _text_error("No amount found in the text.")
    if not parsed["counterparty"]:
        raise _text_error("Say who: no person found in the text (e.g. 'lent Sam 20').")
    if len(parsed["counterparty"]) > MAX_NAME_LENGTH:
        raise _text_error(
            f"The name read is over {MAX_NAME_LENGTH} characters; shorten it."
        )
    for day in (parsed["date"], parsed.get("due_date")):
        if day and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise _text_error(
                f"The date {day.isoformat()} is out of range. {DATE_RANGE_MESSAGE}"
            )
    limit = money.ceiling("loan")
    if parsed["amount"] > limit:
        raise _text_error(
            f"The amount {parsed['amount']} is over the maximum of {limit}."
        )
    return parsed


def matching_item(user: AbstractBaseUser, parsed: dict[str, Any]) -> LendingModel:
    """The open item a repayment is for: the person's, in the parsed currency (or
    the one currency the person's items are in), owing exactly the amount if one
    does, else the oldest owing at least the amount."""
    name, amount = parsed["counterparty"], parsed["amount"]
    items = list(
        person_rows(user, counterparty_key(name))
        .filter(direction=parsed["direction"])
        .order_by("lent_date", "lending_id")
    )
    side = "lent" if parsed["direction"] == "lent" else "borrowed"
    if not items:
        raise _text_error(f"No open item with {name} that you {side}.")
    same = [r for r in items if r.currency == parsed["currency"]]
    if not same and len({r.currency for r in items}) == 1:
        same = items
    exact = [r for r in same if r.outstanding == amount]
    enough = [r for r in same if r.outstanding >= amount]
    if exact or enough:
        return (exact or enough)[0]
    most = max((r.outstanding for r in same), default=None)
    detail = (
        f"at most {format_money(most, same[0].currency)} is outstanding on one item"
        if most is not None
        else f"none is in {parsed['currency']}"
    )
    raise _text_error(
        f"Your open items with {name}: {detail}. Repay each item, or settle up."
    )


def record(
    *, user: AbstractBaseUser, parsed: dict[str, Any], text: str, dry_run: bool
) -> tuple[dict[str, Any], LendingModel | None]:
    """Save the loan or the repayment (or only check it on a dry run, which fails
    as the real run would); returns the parsed fields (with the matched item) and
    the record written. What the records refuse is a 400 on `text`."""
    try:
        if parsed["kind"] == "repayment":
            return _repayment(user, parsed, text, dry_run)
        return _loan(user, parsed, text, dry_run)
    except InvalidInput as exc:
        raise _text_error(" ".join(_messages(exc.detail))) from exc


def _messages(detail: Any, field: str = "") -> list[str]:
    """The messages of a DRF error detail, each after the field it is about."""
    if isinstance(detail, dict):
        return [m for key, value in detail.items() for m in _messages(value, key)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value, field)]
    plain = field in ("", "text", "non_field_errors")
    return [str(detail) if plain else f"{field}: {detail}"]


def _repayment(
    user: AbstractBaseUser, parsed: dict[str, Any], text: str, dry_run: bool
) -> tuple[dict[str, Any], LendingModel | None]:
    """Repay the matching open item (or check that it could be repaid)."""
    item = matching_item(user, parsed)
    parsed = {**parsed, "currency": item.currency, "matched_lending_id": item.pk}
    if dry_run:
        records.check_repayment(user, item, parsed["amount"], parsed["date"])
        return parsed, None
    data = {"amount": parsed["amount"], "date": parsed["date"], "note": text[:500]}
    repaid, _ = records.repay(user, item.pk, data)
    return parsed, repaid


def _loan(
    user: AbstractBaseUser, parsed: dict[str, Any], text: str, dry_run: bool
) -> tuple[dict[str, Any], LendingModel | None]:
    """Record the loan (or check that it could be recorded)."""
    parsed = {**parsed, "matched_lending_id": None}
    data = {
        "direction": parsed["direction"],
        "counterparty_name": parsed["counterparty"],
        "amount": parsed["amount"],
        "currency": parsed["currency"],
        "description": parsed["description"],
        "lent_date": parsed["date"],
        "due_date": parsed["due_date"],
        "notes": text[:2000],
    }
    if dry_run:
        records.build(user, data)
        return parsed, None
    return parsed, records.create(user, data)


def with_data(result: ai.AIResult, data: dict[str, Any]) -> ai.AIResult:
    """The same result carrying `data`."""
    return dataclasses.replace(result, data=data)

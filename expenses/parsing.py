"""Natural-language entry: check the text, parse it (Gemini, else the built-in
parser), check the parse, and turn it into the data of one expense."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from expenses import categories
from expenses.ai_insights import ExpenseAIInsights
from expenses.models import ExpenseModel
from expenses.nlp_parser import impossible_date, mentions_amount, parse_expense_text
from mysphere_core import ai, duplicates, money
from mysphere_core.errors import InvalidInput
from mysphere_core.limits import DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE

FEATURE = "expenses"
NO_AMOUNT = "No amount found in the text."
# The same expense described again this soon is likely sent twice.
REPEAT_WINDOW = timedelta(minutes=10)


def _text_error(message: str) -> InvalidInput:
    """A 400 on the `text` field."""
    return InvalidInput(message, field="text")


def checked_text(text: str, *, today: date, currency: str) -> str:
    """The text with its spaces normalised; 400 when it names no amount or a date
    that is no real day (checked before any AI call)."""
    text = " ".join(text.split())
    if not mentions_amount(text):
        raise _text_error(NO_AMOUNT)
    if problem := impossible_date(text, today=today, default_currency=currency):
        raise _text_error(f"{problem}.")
    return text


class PromptsFor:
    """`ExpenseAIInsights` asking among one user's categories (the nine, then their
    own): the prompt lists them, the schema allows them, the cleaning keeps them."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.PARSE_SCHEMA = ExpenseAIInsights.parse_schema(self.names)

    def parse_prompt(self, text: str, *, today: date, currency: str) -> str:
        """The parse prompt with the user's categories."""
        return ExpenseAIInsights.parse_prompt(
            text, today=today, currency=currency, categories=self.names
        )

    def clean_parsed(
        self, data: dict[str, Any], *, today: date, currency: str
    ) -> dict[str, Any]:
        """The AI's parse, its category one of the user's."""
        return ExpenseAIInsights.clean_parsed(
            data, today=today, currency=currency, categories=self.names
        )


def parse(
    *, user: AbstractBaseUser, text: str, today: date, currency: str
) -> ai.AIResult:
    """The gateway's parse: Gemini (cached, rationed; asked among the user's
    categories) or the built-in parser."""
    return ai.parse_in_context(
        user=user,
        feature=FEATURE,
        today=today,
        currency=currency,
        text=text,
        prompts=PromptsFor(categories.names_for(user)),
        fallback_parser=parse_expense_text,
    )


def check_parsed(result: ai.AIResult) -> dict[str, Any]:
    """The parsed fields; 400 on `text` when there is no amount, the date is out
    of range or the amount is over the maximum (dry run or not)."""
    parsed = result.data
    if parsed is None:
        raise _text_error(NO_AMOUNT)
    day = parsed.get("date")
    if day and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise _text_error(
            f"The date {day.isoformat()} is out of range. {DATE_RANGE_MESSAGE}"
        )
    limit = money.ceiling("expense")
    if parsed["amount"] > limit:
        raise _text_error(
            f"The amount {parsed['amount']} is over the maximum of {limit} for "
            "one expense."
        )
    return parsed


def expense_data(parsed: dict[str, Any], text: str) -> dict[str, Any]:
    """The fields of the expense a parse describes."""
    return {
        "amount": parsed["amount"],
        "currency": parsed["currency"],
        "category": parsed["category"],
        "vendor": parsed["vendor"],
        "transaction_date": parsed["date"],
        "payment_method": parsed["payment_method"],
        # answers cached before expense_type existed have none
        "expense_type": parsed.get("expense_type", ExpenseModel.ExpenseType.EXPENSE),
        "raw_text": text,
        "ai_suggested_category": parsed["category"],
        "confidence": Decimal(str(parsed["confidence"])),
    }


def recent_duplicate(
    user: AbstractBaseUser, parsed: dict[str, Any], text: str
) -> duplicates.Candidate | None:
    """An expense of the last few minutes the parse repeats (same day, amount
    and vendor, or the same words), or None."""
    new = duplicates.Candidate(
        kind="expense",
        id=0,
        name=parsed["vendor"] or text,
        amount=Decimal(parsed["amount"]),
        currency=parsed["currency"],
        day=date.fromisoformat(str(parsed["date"])),
    )
    # Only the rows `find_match` could take (same amount, currency and day) are
    # read, and only the columns it compares: a large import minutes before a
    # Quick add is not loaded whole.
    recent = (
        ExpenseModel.objects.filter(
            user=user,
            is_active=True,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
            amount=new.amount,
            currency__iexact=new.currency,
            transaction_date=new.day,
        )
        .order_by("-created_at")
        .values_list("pk", "vendor", "raw_text", "notes", "amount", "currency")
    )
    return duplicates.find_match(
        new,
        (
            duplicates.Candidate(
                kind="expense",
                id=pk,
                name=vendor or raw_text or notes,
                amount=amount,
                currency=currency,
                day=new.day,
            )
            for pk, vendor, raw_text, notes, amount, currency in recent
        ),
    )

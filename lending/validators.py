"""Field rules of the lending feature: amounts, names, counterparty matching."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from mysphere_core import money

MAX_NAME_LENGTH = 200


def validate_lending_amount(value: Decimal | None) -> None:
    """Amounts are strictly positive and at most `money.ceiling("loan")` (a record
    or a repayment)."""
    money.check_amount(value, "loan")


def validate_counterparty_name(value: str) -> None:
    """A person's name: not blank, at most 200 characters."""
    if not counterparty_key(value):
        raise ValidationError("Name the person.", code="blank")
    if len(value) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"A name has at most {MAX_NAME_LENGTH} characters "
            f"(this one has {len(value)}).",
            code="max_length",
        )


def clean_name(value: str) -> str:
    """A name as stored: surrounding spaces dropped, inner runs of spaces as one."""
    return " ".join(str(value).split())


def counterparty_key(value: str) -> str:
    """The matching key of a name: case- and space-insensitive ("  sam " is "Sam"),
    cut to the column's length (case folding can lengthen a name: "ß" is "ss")."""
    return clean_name(value).casefold()[:MAX_NAME_LENGTH]

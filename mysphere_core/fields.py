"""Serializer fields every feature shares: currency, money, enums, bounded dates;
and the hardening every DRF field gets at start-up (ASCII decimal numbers, short
quotes of bad input)."""

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from mysphere_core import money
from mysphere_core.limits import shown, validate_bounded_date
from mysphere_core.textparse import plain_number

MONEY_DIGITS = {"max_digits": 12, "decimal_places": 2}
# Totals may sum many amounts: more digits, always read-only.
TOTAL_DIGITS = {"max_digits": 20, "decimal_places": 2}


class CurrencyField(serializers.CharField):
    """An ISO 4217 code in any case (`usd`), stored and shown upper case (`USD`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("help_text", "ISO 4217 code, e.g. USD (any case).")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        """Upper-case, then check the code."""
        value = super().to_internal_value(data).strip().upper()
        try:
            money.validate_currency(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code="invalid_currency")
        return value


class MoneyField(serializers.DecimalField):
    """An amount of money: a Decimal with cents, rendered as a string ("25.50")."""

    def __init__(self, **kwargs: Any) -> None:
        for name, value in MONEY_DIGITS.items():
            kwargs.setdefault(name, value)
        super().__init__(**kwargs)


class TotalField(serializers.DecimalField):
    """A read-only sum of money in one currency, rendered as a string."""

    def __init__(self, **kwargs: Any) -> None:
        for name, value in TOTAL_DIGITS.items():
            kwargs.setdefault(name, value)
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class PercentField(serializers.DecimalField):
    """A read-only percentage with one decimal, rendered as a string ("42.5")
    like money: never a JSON number."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", None)
        kwargs.setdefault("decimal_places", 1)
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class EnumField(serializers.ChoiceField):
    """A choice whose error names the bad value and lists the valid ones."""

    def __init__(self, choices: Any, *, label_text: str = "value", **kwargs: Any):
        values = [c[0] if isinstance(c, (tuple, list)) else c for c in choices]
        message = (
            f'"{{input}}" is not a valid {label_text}. Use one of: '
            f"{', '.join(str(v) for v in values)}."
        )
        kwargs.setdefault("error_messages", {"invalid_choice": message})
        super().__init__(choices=choices, **kwargs)


class BoundedDateField(serializers.DateField):
    """A YYYY-MM-DD date between 1900-01-01 and 2999-12-31."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [])
        kwargs["validators"] = [*kwargs["validators"], validate_bounded_date]
        super().__init__(**kwargs)


# --- every field of every serializer ----------------------------------------------

# ASCII decimal notation only (`textparse.plain_number`): Python's Decimal() and
# int() also take other scripts' digits ("١٢٣") and exponents ("1E5"); a number is
# written the same way in every field.
NUMBER_FIELDS = (
    serializers.DecimalField,
    serializers.IntegerField,
    serializers.FloatField,
)


def _ascii_numbers_only(original: Callable[..., Any]) -> Callable[..., Any]:
    """A number field's `to_internal_value` that refuses non-ASCII-decimal text."""

    @functools.wraps(original)
    def to_internal_value(self: serializers.Field, data: Any) -> Any:
        if isinstance(data, str) and plain_number(data) is None:
            self.fail("invalid")
        return original(self, data)

    return to_internal_value


def _short_inputs(original: Callable[..., Any]) -> Callable[..., Any]:
    """`Field.fail` quoting at most a short prefix of the bad input."""

    @functools.wraps(original)
    def fail(self: serializers.Field, key: str, **kwargs: Any) -> None:
        for name in ("input", "pk_value", "data_type"):
            if name in kwargs:
                kwargs[name] = shown(kwargs[name])
        original(self, key, **kwargs)

    return fail


def harden_drf_fields() -> None:
    """Once, at start-up: every DRF field (declared or generated) reads numbers in
    ASCII decimal notation only and quotes a short prefix of bad input."""
    if getattr(serializers.Field.fail, "_hardened", False):
        return
    for field in NUMBER_FIELDS:
        field.to_internal_value = _ascii_numbers_only(field.to_internal_value)
    serializers.Field.fail = _short_inputs(serializers.Field.fail)
    serializers.Field.fail._hardened = True

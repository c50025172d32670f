"""Serializer fields every feature shares: currency, money, enums, bounded dates;
and the hardening every DRF field gets at start-up (ASCII decimal numbers, short
quotes of bad input)."""

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from mysphere_core import money
from mysphere_core.limits import shown, validate_bounded_date
from mysphere_core.textparse import plain_number

# Up to 3 decimals (KWD, BHD, JOD); each currency's own minor units are checked on
# the validated data (`check_minor_units_of`) and rendered per currency.
MONEY_DIGITS = {"max_digits": 13, "decimal_places": money.MAX_MINOR_DIGITS}
# Totals may sum many amounts: more digits, always read-only.
TOTAL_DIGITS = {"max_digits": 21, "decimal_places": money.MAX_MINOR_DIGITS}


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


class CurrencyAmountField(serializers.DecimalField):
    """A Decimal of money rendered in its currency's minor units ("25.50", "1500",
    "12.345"): the currency is the row's `currency_field` (an attribute or a key);
    with none, 2 decimals unless the amount has a third."""

    def __init__(self, *, currency_field: str = "currency", **kwargs: Any) -> None:
        self.currency_field = currency_field
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        """The amount with the row's currency."""
        value = super().get_attribute(instance)
        if value is None:
            return None
        if isinstance(instance, dict):
            currency = instance.get(self.currency_field)
        else:
            currency = getattr(instance, self.currency_field, None)
        return value, currency

    def to_representation(self, value: Any) -> Any:
        """The amount as a string in the currency's minor units."""
        amount, currency = value if isinstance(value, tuple) else (value, None)
        return money.money_text(Decimal(str(amount)), currency)


class MoneyField(CurrencyAmountField):
    """An amount of money: read with up to 3 decimals (its currency's minor units
    are checked on the validated data), rendered in them ("25.50", "1500")."""

    def __init__(self, **kwargs: Any) -> None:
        for name, value in MONEY_DIGITS.items():
            kwargs.setdefault(name, value)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        """The Decimal as written ("17.49", not DRF's "17.490")."""
        return money.plain_amount(super().to_internal_value(data))


class TotalField(CurrencyAmountField):
    """A read-only sum of money in one currency, rendered in its minor units."""

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


def _currency_of(
    serializer: serializers.Serializer, validated: dict[str, Any], name: str
) -> str | None:
    """The currency amounts of this validated data are in: the data's own, the
    object's being changed, else the user's default when the serializer has a
    currency field left out (it defaults to it); None when unknown here (the
    service checks those amounts against their record's currency)."""
    if name not in serializer.fields:
        return None
    if validated.get(name):
        return str(validated[name])
    instance = serializer.instance
    if instance is not None and getattr(instance, name, None):
        return str(getattr(instance, name))
    request = serializer.context.get("request")
    profile = getattr(getattr(request, "user", None), "profile", None)
    return getattr(profile, "currency", None)


def minor_unit_errors(
    serializer: serializers.Serializer, validated: dict[str, Any]
) -> dict[str, list[str]]:
    """Each money field of the validated data finer than its currency's minor unit
    (a JPY amount with decimals), by field name."""
    errors: dict[str, list[str]] = {}
    for field in serializer.fields.values():
        value = validated.get(field.source)
        if not isinstance(field, MoneyField) or field.read_only or value is None:
            continue
        currency = _currency_of(serializer, validated, field.currency_field)
        message = money.minor_units_error(value, currency) if currency else None
        if message:
            errors[field.field_name] = [message]
    return errors


def _minor_units_checked(original: Callable[..., Any]) -> Callable[..., Any]:
    """`Serializer.to_internal_value` that refuses money finer than its currency's
    minor units, naming the field."""

    @functools.wraps(original)
    def to_internal_value(self: serializers.Serializer, data: Any) -> Any:
        validated = original(self, data)
        errors = minor_unit_errors(self, validated)
        if errors:
            raise serializers.ValidationError(errors)
        return validated

    return to_internal_value


def _money_model_fields(original: Callable[..., Any]) -> Callable[..., Any]:
    """`ModelSerializer.build_standard_field` that builds a model's money column (13
    digits, 3 places, on a model with a `currency`) as a `MoneyField`, rendered in
    the row's currency's minor units."""

    @functools.wraps(original)
    def build_standard_field(
        self: serializers.ModelSerializer, field_name: str, model_field: Any
    ) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = original(self, field_name, model_field)
        is_money = (
            getattr(model_field, "max_digits", None) == MONEY_DIGITS["max_digits"]
            and getattr(model_field, "decimal_places", None)
            == MONEY_DIGITS["decimal_places"]
            and any(f.name == "currency" for f in model_field.model._meta.fields)
        )
        return (MoneyField if is_money else field_class), kwargs

    return build_standard_field


def harden_drf_fields() -> None:
    """Once, at start-up: every DRF field (declared or generated) reads numbers in
    ASCII decimal notation only and quotes a short prefix of bad input; every
    serializer refuses money finer than its currency's minor units, and a model's
    money columns render in them."""
    if getattr(serializers.Field.fail, "_hardened", False):
        return
    for field in NUMBER_FIELDS:
        field.to_internal_value = _ascii_numbers_only(field.to_internal_value)
    serializers.Field.fail = _short_inputs(serializers.Field.fail)
    serializers.Serializer.to_internal_value = _minor_units_checked(
        serializers.Serializer.to_internal_value
    )
    serializers.ModelSerializer.build_standard_field = _money_model_fields(
        serializers.ModelSerializer.build_standard_field
    )
    serializers.Field.fail._hardened = True

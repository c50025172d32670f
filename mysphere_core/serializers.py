"""Response shapes every feature shares: money per currency, AI envelope, parse.

Money totals are always a list, one entry per currency, never one number across
currencies:

    [{"currency": "EUR", "total": "9.99"}, {"currency": "USD", "total": "25.98"}]

A feature that says more per currency (a count, a monthly figure) subclasses
`CurrencyTotalSerializer` and adds its fields; `per_currency()` builds the rows.
"""

import copy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rest_framework import serializers

from mysphere_core.ai import SOURCES
from mysphere_core.fields import EnumField, TotalField
from mysphere_core.money import round_money


class OldName(serializers.CharField):
    """A request field's previous name, still accepted for one release and marked
    `deprecated` in the schema: `item_description = OldName("description")`. Its
    value is read as the new field's; sending both is a 400."""

    def __init__(self, new_name: str, **kwargs: Any) -> None:
        self.new_name = new_name
        kwargs.update(required=False, write_only=True)
        kwargs.setdefault(
            "help_text",
            f"Deprecated: the old name of `{new_name}`, accepted for one release.",
        )
        super().__init__(**kwargs)


class StrictSerializer(serializers.Serializer):
    """A serializer that answers 400 naming any field it does not know, instead of
    silently ignoring it (a typo must not look like a saved change). A field
    renamed keeps its old name as an `OldName` field for one release."""

    def to_internal_value(self, data: Any) -> Any:
        """Validate as usual; unknown keys are errors too, reported with the rest."""
        errors: dict[str, Any] = {}
        if isinstance(data, Mapping):
            data = self._renamed(data, errors)
            writable = {n for n, f in self.fields.items() if not f.read_only}
            allowed = ", ".join(sorted(writable))
            for name in sorted(set(data) - writable):
                errors[name] = [f"Unknown field. Use one of: {allowed}."]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            errors.update(exc.detail)
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def _renamed(self, data: Mapping, errors: dict[str, Any]) -> Mapping:
        """`data` with each old field name replaced by its new one."""
        old = {n: f.new_name for n, f in self.fields.items() if isinstance(f, OldName)}
        if not old.keys() & set(data):
            return data
        moved = {key: data[key] for key in data}
        for name, new_name in old.items():
            if name not in moved:
                continue
            if new_name in moved:
                errors[name] = [f"Send `{new_name}` only (`{name}` is its old name)."]
            moved[new_name] = moved.pop(name)
        return moved


def validated(
    serializer_class: type[serializers.BaseSerializer],
    data: Any,
    *,
    partial: bool = False,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A request's body or query checked by `serializer_class`: its validated data,
    or a 400 with DRF's field map (the one way a view validates input by hand);
    `context` reaches the fields (`{"request": request}` for the user's own data)."""
    serializer = serializer_class(
        data=data, partial=partial, context=dict(context or {})
    )
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def per_currency(
    totals: Mapping[str, Decimal], **more: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """`{"USD": 5}` (and `count={"USD": 2}`…) as rows sorted by currency code."""
    return [
        {
            "currency": code,
            "total": round_money(Decimal(totals[code]), code),
            **{name: values.get(code) for name, values in more.items()},
        }
        for code in sorted(totals)
    ]


class FlatRowSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose rows render through a plan made once per class:
    each readable field's attribute and its own `to_representation`, so the output
    is exactly DRF's, without DRF's per-field, per-row lookups. Fields that are not
    a plain attribute (dotted sources, `*`, related objects past their key) use
    DRF's path."""

    def get_fields(self) -> dict[str, serializers.Field]:
        """Copies of the fields ModelSerializer built once for the class (building
        them reads the model's metadata field by field, on every instantiation)."""
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """The row's fields, in order, `None` kept as `None`. The plan is made once
        per class (its fields render a value without the request or the parent), so
        a single row renders without building the serializer's fields at all."""
        cls = type(self)
        plan = cls.__dict__.get("_row_plan")
        if plan is None:
            plan = cls._row_plan = self._plan()
        if not plan:
            return super().to_representation(instance)
        row = {}
        for name, attribute, convert, currency in plan:
            value = getattr(instance, attribute)
            if value is not None and currency:  # money: with the row's currency
                value = (value, getattr(instance, currency))
            row[name] = None if value is None else convert(value)
        return row

    def _plan(self) -> list[tuple[str, str, Any, str]]:
        """(name, attribute, converter, currency attribute of money) per readable
        field; empty when one field needs DRF's general path."""
        plan = []
        for field in self._readable_fields:
            if len(field.source_attrs) != 1:
                return []
            if isinstance(field, serializers.PrimaryKeyRelatedField):
                if field.pk_field is not None:
                    return []
                attname = self.Meta.model._meta.get_field(field.source).attname
                plan.append((field.field_name, attname, _same, ""))
            elif isinstance(field, serializers.RelatedField):
                return []
            else:
                currency = getattr(field, "currency_field", "")
                convert = field.to_representation
                plan.append((field.field_name, field.source, convert, currency))
        return plan


def _same(value: Any) -> Any:
    """The value itself (a related row's key)."""
    return value


class CurrencyTotalSerializer(serializers.Serializer):
    """Money in one currency: `{"currency": "USD", "total": "25.98"}`."""

    currency = serializers.CharField(read_only=True)
    total = TotalField()


class _OmitEmptyError(serializers.Serializer):
    """Leaves `error` out of the body when there was none."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """The fields, without a null `error`."""
        data = super().to_representation(instance)
        if data.get("error") is None:
            data.pop("error", None)
        return data


class AIEnvelopeSerializer(_OmitEmptyError):
    """The envelope of every AI insights endpoint (renders an `ai.AIResult`).

    Subclass it with the feature's `insights` serializer, or use `ai_envelope()`.
    """

    insights = serializers.DictField(read_only=True)
    source = EnumField(SOURCES, label_text="source", read_only=True)
    from_cache = serializers.BooleanField(read_only=True)
    ai_used = serializers.BooleanField(read_only=True)
    fallback_used = serializers.BooleanField(read_only=True)
    calls_remaining = serializers.IntegerField(read_only=True)
    generated_at = serializers.DateTimeField(read_only=True)
    # Not read_only: the schema lists a read-only field as always present, and `error`
    # is left out when the AI was not asked or served (AI off says so in `source`).
    error = serializers.CharField(required=False, allow_null=True)


def ai_envelope(
    name: str, insights: type[serializers.Serializer]
) -> type[AIEnvelopeSerializer]:
    """An envelope serializer class called `name` around the `insights` class."""
    return type(name, (AIEnvelopeSerializer,), {"insights": insights(read_only=True)})


class ParseResponseSerializer(_OmitEmptyError):
    """The body of every `parse_text` endpoint (renders an `ai.ParseOutcome`)."""

    parsed_data = serializers.DictField(source="result.data", read_only=True)
    source = EnumField(
        SOURCES, label_text="source", source="result.source", read_only=True
    )
    ai_used = serializers.BooleanField(source="result.ai_used", read_only=True)
    fallback_used = serializers.BooleanField(
        source="result.fallback_used", read_only=True
    )
    dry_run = serializers.BooleanField(read_only=True)
    error = serializers.CharField(
        source="result.error", required=False, allow_null=True
    )


class DuplicateMatchSerializer(serializers.Serializer):
    """The existing record a new one may repeat (`mysphere_core.duplicates`)."""

    kind = serializers.CharField(
        help_text="expense, subscription or subscription_payment"
    )
    id = serializers.CharField(help_text="The record's id (as text).")
    name = serializers.CharField()
    amount = serializers.CharField(allow_null=True)
    currency = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)


def parse_response(
    name: str,
    parsed: type[serializers.Serializer],
    created_as: str,
    created: type[serializers.Serializer],
    duplicates: bool = False,
) -> type[ParseResponseSerializer]:
    """A parse response class called `name`: the `parsed` class as `parsed_data`,
    the object the parse created (null on a dry run) as `created_as`; with
    `duplicates`, the record it may repeat as `possible_duplicate` (then nothing
    was created)."""
    fields: dict[str, Any] = {
        "parsed_data": parsed(source="result.data", read_only=True),
        created_as: created(source="created", read_only=True, allow_null=True),
    }
    if duplicates:
        fields["possible_duplicate"] = DuplicateMatchSerializer(
            read_only=True, allow_null=True
        )
    return type(name, (ParseResponseSerializer,), fields)

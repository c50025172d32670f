"""One filtering style for every list: django-filter FilterSets, checked strictly.

A feature declares a `FeatureFilterSet` and sets it as its ViewSet's
`filterset_class`; `StrictFilterBackend` (the base ViewSet's only backend) answers
400 naming the parameter for anything it cannot use:

- an unknown parameter: `{"colour": ["Unknown filter. Use one of: category, …"]}`;
- a malformed value: `{"date_from": ["Enter a valid date."]}`;
- a value outside a choice: `{"status": ["\"x\" is not a valid status. Use one of…"]}`.

    class ExpenseFilter(FeatureFilterSet):
        search = SearchFilter(fields=("vendor", "notes"))
        ordering = OrderingFilter(
            {"date": ("transaction_date",), "amount": ("amount",)}, default="-date"
        )
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from django_filters.widgets import BaseCSVWidget
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from mysphere_core.money import validate_currency

# Query parameters that are not filters: pagination and the format suffix.
NOT_FILTERS = frozenset({"page", "page_size", "format"})
TRUE_WORDS = ("true", "1")
FALSE_WORDS = ("false", "0")
# The one day format list filters read.
ISO_DATE = ("%Y-%m-%d",)


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0); anything else is an error, not "no filter"."""

    def to_python(self, value: Any) -> bool | None:
        """The boolean of the query value; blank means no filter."""
        if value in (None, ""):
            return None
        lowered = str(value).strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise forms.ValidationError(
            f'"{value}" is not a boolean. Use true or false.', code="invalid"
        )


class BooleanFilter(filters.BooleanFilter):
    """A boolean filter that answers 400 to values other than true/false."""

    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A plain text widget: the REST BooleanWidget turns 'maybe' into None."""
        kwargs.setdefault("widget", forms.TextInput)
        kwargs.setdefault("help_text", "true or false.")
        super().__init__(*args, **kwargs)


class DayFilter(filters.DateFilter):
    """One day written YYYY-MM-DD (no locale formats such as 11/30/2026), compared
    with `lookup_expr` ("gte": from it on, "lte": up to it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """ISO 8601 dates only."""
        kwargs.setdefault("input_formats", ISO_DATE)
        super().__init__(*args, **kwargs)


class ChoiceFilter(filters.ChoiceFilter):
    """One value of a fixed set; the error lists the set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Allow an empty value (no filter) without offering it as a choice."""
        kwargs.setdefault("null_label", None)
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)


class RepeatedCSVWidget(BaseCSVWidget, forms.TextInput):
    """Reads `?a=x,y` and `?a=x&a=y` alike, as `["x", "y"]`."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        """Every value of the parameter, split at commas, blanks dropped."""
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        parts = [p.strip() for v in values if v for p in str(v).split(",")]
        return [p for p in parts if p] or None


class MultipleChoiceFilter(filters.BaseInFilter, filters.ChoiceFilter):
    """`?category=Travel,Health` or `?category=Travel&category=Health`: any of them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Match with `__in`; repeated and comma-separated values both count."""
        kwargs.setdefault("widget", RepeatedCSVWidget)
        super().__init__(*args, **kwargs)


class CurrencyCodeField(forms.CharField):
    """An ISO 4217 code in any case (`eur`), read upper case."""

    def to_python(self, value: Any) -> str:
        """Upper-case and check the code; blank means no filter."""
        code = super().to_python(value).strip().upper()
        if code:
            try:
                validate_currency(code)
            except DjangoValidationError as exc:
                raise forms.ValidationError(exc.messages, code="invalid") from exc
        return code


class CurrencyFilter(filters.CharFilter):
    """`?currency=eur` or `EUR`: the rows in that currency."""

    field_class = CurrencyCodeField


class SearchFilter(filters.CharFilter):
    """`?search=text`: rows where any of `fields` contains the text (any case)."""

    def __init__(self, *, fields: Sequence[str], **kwargs: Any) -> None:
        """Search over `fields`; at most 200 characters."""
        self.search_fields = tuple(fields)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", f"Text in {', '.join(self.search_fields)}.")
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        """OR of `icontains` over the fields; blank means no filter."""
        text = (value or "").strip()
        if not text:
            return qs
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": text})
        return qs.filter(condition)


class OrderingFilter(filters.ChoiceFilter):
    """`?ordering=name` or `-name` over declared names, ties broken the model's way.

    `orderings` maps a public name to the model fields it sorts by; `-name` reverses
    them. Without the parameter the `default` applies (else the queryset's order).
    The model's default ordering follows as a tie-breaker, so pages are stable.
    """

    def __init__(
        self,
        orderings: Mapping[str, Sequence[str]],
        *,
        default: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Offer each name and its `-name`."""
        self.orderings = {name: tuple(fields) for name, fields in orderings.items()}
        self.default = default
        choices = [(n, n) for name in self.orderings for n in (name, f"-{name}")]
        kwargs.setdefault("help_text", f"One of: {', '.join(c for c, _ in choices)}.")
        kwargs.setdefault("empty_label", None)
        super().__init__(choices=choices, **kwargs)

    def fields_for(self, value: str, qs: QuerySet) -> list[str]:
        """The `order_by` terms of `value`, with the model's ordering after them."""
        terms = list(self.orderings[value.lstrip("-")])
        if value.startswith("-"):
            terms = [t[1:] if t.startswith("-") else f"-{t}" for t in terms]
        used = {term.lstrip("-") for term in terms}
        tiebreak = [t for t in qs.model._meta.ordering if t.lstrip("-") not in used]
        return [*terms, *tiebreak]

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        """Order by the requested (or default) name."""
        value = value or self.default
        return qs.order_by(*self.fields_for(value, qs)) if value else qs


class FeatureFilterSet(filters.FilterSet):
    """The base of every feature's FilterSet: strict values, listed choices."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Every choice filter's error names the bad value and lists the good ones."""
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            choices = [str(c) for c, _ in getattr(field, "choices", []) if c != ""]
            if choices:
                field.error_messages["invalid_choice"] = (
                    f'"%(value)s" is not a valid {name}. Use one of: '
                    f"{', '.join(choices)}."
                )


class StrictFilterBackend(filters.DjangoFilterBackend):
    """DjangoFilterBackend that also answers 400 to unknown query parameters."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        """Reject unknown parameters, then filter (malformed values are a 400 too).

        With no filter in the query string, no form is built: only the default
        ordering applies (the common case of a plain list, on the hot path).
        """
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        declared = set(filterset_class.base_filters)
        allowed = declared | NOT_FILTERS | set(getattr(view, "extra_query_params", ()))
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            names = ", ".join(sorted(declared))
            raise ValidationError(
                {name: [f"Unknown filter. Use one of: {names}."] for name in unknown}
            )
        if not declared & set(request.query_params):
            ordering = filterset_class.base_filters.get("ordering")
            if isinstance(ordering, OrderingFilter):
                return ordering.filter(queryset, "")
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            # The form's own messages: django-filter's translation %-formats every
            # message again and fails on a value that holds a "%".
            raise ValidationError({k: list(v) for k, v in filterset.errors.items()})
        return filterset.qs

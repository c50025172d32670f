"""The query parameters of the expense list and its CSV export: one FilterSet.

Unknown parameters and malformed values are a 400 naming the parameter (the kit's
`StrictFilterBackend`); so are upside-down ranges (`date_to` before `date_from`,
`max_amount` below `min_amount`).
"""

from typing import Any

from django import forms
from django_filters import rest_framework as filters

from expenses import categories
from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from mysphere_core.filters import (
    ChoiceFilter,
    CurrencyFilter,
    DayFilter,
    FeatureFilterSet,
    MultipleChoiceFilter,
    OrderingFilter,
    SearchFilter,
)
from mysphere_core.textparse import plain_number


class ExpenseFilterForm(forms.Form):
    """The filters' form: ranges must not be upside down."""

    def clean(self) -> dict[str, Any]:
        """`date_to` on or after `date_from`; `max_amount` at least `min_amount`."""
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "date_to must be on or after date_from.")
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error("max_amount", "max_amount must be at least min_amount.")
        return data


class AmountFormField(forms.DecimalField):
    """An amount in ASCII decimal notation, as in bodies; `1_000`, `1e3` or `٤٫٧٥`
    are "Enter a number."."""

    def to_python(self, value: Any) -> Any:
        """The Decimal, read from the value in ASCII digits."""
        if isinstance(value, str) and value.strip():
            number = plain_number(value)
            if number is None:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                )
            value = number
        return super().to_python(value)


class AmountFilter(filters.NumberFilter):
    """`?min_amount=4.75`."""

    field_class = AmountFormField


class ExpenseFilter(FeatureFilterSet):
    """Filters of `GET /api/expenses/` and `GET /api/expenses/export/`."""

    category = MultipleChoiceFilter(
        choices=[(name, name) for name in EXPENSE_CATEGORIES],
        help_text="One or several categories (repeat or comma-separate).",
    )
    date_from = DayFilter(
        field_name="transaction_date",
        lookup_expr="gte",
        help_text="From this day on (YYYY-MM-DD).",
    )
    date_to = DayFilter(
        field_name="transaction_date",
        lookup_expr="lte",
        help_text="Up to this day (YYYY-MM-DD).",
    )
    min_amount = AmountFilter(
        field_name="amount",
        lookup_expr="gte",
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    max_amount = AmountFilter(
        field_name="amount",
        lookup_expr="lte",
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    payment_method = ChoiceFilter(choices=ExpenseModel.PaymentMethod.choices)
    expense_type = ChoiceFilter(choices=ExpenseModel.ExpenseType.choices)
    currency = CurrencyFilter(help_text="ISO 4217 code, any case.")
    search = SearchFilter(fields=("vendor", "category", "raw_text", "notes"))
    ordering = OrderingFilter(
        {
            "date": ("transaction_date", "created_at", "expense_id"),
            "amount": ("amount",),
            "created": ("created_at", "expense_id"),
        },
        default="-date",
    )

    class Meta:
        model = ExpenseModel
        fields: list[str] = []
        form = ExpenseFilterForm

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A user filtering by category may name their own categories too (read
        only when the parameter is given)."""
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        asked = ",".join(self.data.getlist("category")) if self.data else ""
        custom = {v.strip() for v in asked.split(",") if v.strip()}
        custom -= set(EXPENSE_CATEGORIES)
        if custom and user is not None and user.is_authenticated:
            names = categories.names_for(user)
            field = self.form.fields["category"]  # this instance's own form
            field.choices = [(n, n) for n in names]
            field.error_messages["invalid_choice"] = (
                f'"%(value)s" is not a valid category. Use one of: {", ".join(names)}.'
            )

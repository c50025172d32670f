"""The shared readers of AI parse fields."""

from decimal import Decimal

import pytest

from mysphere_core.aiclean import confidence, currency_or, positive_amount


@pytest.mark.parametrize(
    "value, expected",
    [(4.75, "4.75"), ("12", "12.00"), (0.005, "0.01"), (1e3, "1000.00")],
)
def test_positive_amounts_in_cents(value, expected):
    assert positive_amount(value) == Decimal(expected)


@pytest.mark.parametrize("value", [None, "", "abc", 0, -3, "NaN", "Infinity"])
def test_no_positive_amount_is_unusable(value):
    with pytest.raises(ValueError):
        positive_amount(value)


def test_currency_or_the_default():
    assert currency_or("eur", "USD") == "EUR"
    assert currency_or(None, "USD") == "USD"
    assert currency_or("XYZ", "GBP") == "GBP"


def test_confidence_is_clamped():
    assert [confidence(v) for v in (0.912, 7, -1, None, "high", True)] == [
        0.91,
        1.0,
        0.0,
        0.8,
        0.8,
        0.8,
    ]

"""The fallback parser: accuracy per field on a phrase set, and its edge cases."""

from datetime import date

import pytest

from subscriptions.nlp_parser import parse_subscription_text, unsupported_cycle
from subscriptions.tests.nlp_cases import (
    CASES,
    FIELDS,
    HELD_OUT,
    actual_fields,
    expected_fields,
)

TODAY = date(2026, 11, 22)
CYCLE_KEYS = ("billing_cycle", "custom_cycle_days", "interval_count", "interval_unit")

# Measured (see README): dev set 62/63 names, everything else 100%; held-out 20/24
# names. The floors fail the suite if the parser gets worse.
DEV_FLOORS = dict.fromkeys(FIELDS, 1.0) | {"name": 0.98}
HELD_OUT_FLOORS = dict.fromkeys(FIELDS, 1.0) | {"name": 0.83}


def _parse(text, currency="USD"):
    return parse_subscription_text(text, today=TODAY, default_currency=currency)


def _accuracy(cases):
    hits = dict.fromkeys(FIELDS, 0)
    for text, expected in cases:
        got, want = actual_fields(_parse(text)), expected_fields(expected)
        for field in FIELDS:
            hits[field] += got[field] == want[field]
    return {field: hits[field] / len(cases) for field in FIELDS}


def test_phrase_sets_are_big_enough():
    assert len(CASES) >= 20
    assert len(HELD_OUT) >= 15


@pytest.mark.parametrize(
    "cases, floors", [(CASES, DEV_FLOORS), (HELD_OUT, HELD_OUT_FLOORS)]
)
def test_accuracy_per_field(cases, floors):
    accuracy = _accuracy(cases)
    below = {f: round(a, 3) for f, a in accuracy.items() if a < floors[f]}
    assert below == {}


@pytest.mark.parametrize("text, expected", CASES[:25])
def test_first_phrases_exactly(text, expected):
    assert actual_fields(_parse(text)) == expected_fields(expected)


def test_nothing_recognised_is_none():
    assert _parse("") is None
    assert _parse("   ") is None
    assert _parse("!!! ???") is None


def test_a_number_longer_than_any_price_is_not_an_amount():
    # Found by the fuzzer: 30 digits made the amount's rounding raise (a 500).
    parsed = _parse("999999999999999999999999999999")
    assert parsed is None or parsed["amount"] is None
    assert _parse("Gym 9999999999.99 monthly")["amount"] == "9999999999.99"


def test_no_amount_keeps_the_name():
    parsed = _parse("Netflix monthly")
    assert parsed["amount"] is None
    assert parsed["name"] == "Netflix"
    assert parsed["category"] == "Streaming"


@pytest.mark.parametrize(
    "text, cycle",
    [
        ("X 5 every 4 weeks", ("custom", 28)),
        ("X 5 every 2 weeks", ("custom", 14)),
        ("X 5 fortnightly", ("custom", 14)),
        ("X 5 every week", ("weekly", None)),
        ("X 5 every 7 days", ("weekly", None)),
        ("X 5 every 30 days", ("custom", 30)),
        ("X 5 every three months", ("quarterly", None)),
        ("X 5 every 12 months", ("yearly", None)),
        ("X 5 per annum", ("yearly", None)),
        ("X 5 /wk", ("weekly", None)),
        ("X 5 daily", ("custom", 1)),
        ("X 5", ("monthly", None)),
        ("X 5 every 52 weeks", ("custom", 364)),
        ("X 5 every 365 days", ("custom", 365)),
        ("X 5 every year", ("yearly", None)),
        ("X 5 every 2 years", ("custom", "2 years")),
        ("X 5 every 18 months", ("custom", "18 months")),
        ("X 5 every 2 months", ("custom", "2 months")),
        ("X 5 every 6 months", ("custom", "6 months")),
        ("X 5 every six months", ("custom", "6 months")),
        ("X 5 every 10 years", ("custom", "10 years")),
        ("X 5 every 120 months", ("custom", "120 months")),
        ("X 5 every 3 weeks", ("custom", 21)),
        ("X 5 every other week", ("custom", 14)),
        ("X 5 biweekly", ("custom", 14)),
        ("X 5 bi-weekly", ("custom", 14)),
        ("X 5 every other month", ("custom", "2 months")),
        ("X 5 every second year", ("custom", "2 years")),
        ("X 5 semi-annual", ("custom", "6 months")),
        ("X 5 semiannually", ("custom", "6 months")),
        ("X 5 half-yearly", ("custom", "6 months")),
        ("X 5 twice a year", ("custom", "6 months")),
        ("X 5 every 0 days", (None, None)),
        ("X 5 every 0 weeks", (None, None)),
        ("X 5 every 0 months", (None, None)),
        ("X 5 every 400 days", (None, None)),
        ("X 5 every 53 weeks", (None, None)),
        ("X 5 every 121 months", (None, None)),
        ("X 5 every 11 years", (None, None)),
    ],
)
def test_cycles(text, cycle):
    assert actual_fields(_parse(text))["cycle"] == cycle


def test_a_custom_interval_is_exact():
    parsed = _parse("Babbel 83.40 every 6 months")
    assert {k: parsed[k] for k in CYCLE_KEYS} == {
        "billing_cycle": "custom",
        "custom_cycle_days": None,
        "interval_count": 6,
        "interval_unit": "months",
    }
    named = _parse("Netflix 15.99 quarterly")
    assert [named[k] for k in CYCLE_KEYS] == ["quarterly", None, 3, "months"]
    days = _parse("Gym 30 every 4 weeks")
    assert [days[k] for k in CYCLE_KEYS] == ["custom", 28, 28, "days"]
    refused = _parse("Box 5 every 0 days")
    assert [refused[k] for k in CYCLE_KEYS] == [None] * 4


@pytest.mark.parametrize(
    "text, currency, amount, code",
    [
        ("X $12", "CAD", "12.00", "CAD"),
        ("X $12", "EUR", "12.00", "USD"),
        ("X 1,299.00 yearly", "USD", "1299.00", "USD"),
        ("X 12,50 €", "USD", "12.50", "EUR"),
        ("X 9.99 GBP", "USD", "9.99", "GBP"),
        ("X Rs 199 monthly", "USD", "199.00", "INR"),
        ("X 20 CHF a month", "EUR", "20.00", "CHF"),
    ],
)
def test_amounts_and_currencies(text, currency, amount, code):
    parsed = _parse(text, currency)
    assert (parsed["amount"], parsed["currency"]) == (amount, code)


def test_numbers_in_names_are_not_amounts():
    assert _parse("Office 365 99 a year")["amount"] == "99.00"
    assert _parse("1Password 2.99 monthly")["amount"] == "2.99"
    assert _parse("Google One 2TB 9.99 monthly")["amount"] == "9.99"


@pytest.mark.parametrize(
    "text, field, value",
    [
        ("X 5 monthly free trial until Jan 10", "trial_end_date", "2027-01-10"),
        ("X 5 monthly started Dec 1", "start_date", "2025-12-01"),
        ("X 5 monthly starting Jan 5", "start_date", "2027-01-05"),
        ("X 5 monthly starting next monday", "start_date", "2026-11-23"),
        ("X 5 monthly since 2 months ago", "start_date", "2026-09-22"),
        ("X 5 monthly, 7 day trial", "trial_end_date", "2026-11-29"),
        ("X 5 monthly, trial for 2 weeks", "trial_end_date", "2026-12-06"),
        ("X 5 monthly, free for 1 month", "trial_end_date", "2026-12-22"),
        ("X 5 monthly due on Dec 2", "next_billing_date", "2026-12-02"),
    ],
)
def test_dates_are_read_from_the_users_today(text, field, value):
    parsed = _parse(text)
    assert parsed[field] == value
    if field == "trial_end_date":
        assert parsed["is_trial"] is True


def test_trial_without_end():
    parsed = _parse("Max 9.99 monthly free trial")
    assert parsed["is_trial"] is True
    assert parsed["trial_end_date"] is None


def test_payment_methods():
    assert _parse("X 5 monthly via paypal")["payment_method"] == "paypal"
    assert _parse("X 5 monthly on my visa")["payment_method"] == "card"
    assert _parse("X 5 monthly by sepa")["payment_method"] == "bank_transfer"
    assert _parse("X 5 monthly")["payment_method"] is None


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Web hosting 30 every 20 years", "every 20 years"),
        ("Box 5 every 0 days", "every 0 days"),
        ("Paper 5 every 53 weeks", "every 53 weeks"),
        ("Plan 9 semi-annually", None),
        ("Web hosting 30 every 2 years", None),
        ("Netflix 15.99 monthly", None),
        ("Gym 30 every 4 weeks", None),
        ("Xbox live 9.99 every three months", None),
    ],
)
def test_unsupported_cycle_names_the_phrase(text, phrase):
    assert unsupported_cycle(text) == phrase

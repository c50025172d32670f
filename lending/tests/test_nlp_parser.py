"""The rule-based parser: phrase sets with expected fields, accuracy per field."""

from datetime import date
from decimal import Decimal

import pytest

from lending.nlp_parser import mentions_amount, parse_lending_text
from lending.tests.parser_cases import (
    HELD_OUT_CASES,
    STRESS_CASES,
    TODAY,
    TUNED_CASES,
    field_accuracy,
    parsed_fields,
)


@pytest.mark.parametrize("case", TUNED_CASES, ids=lambda c: c[0])
def test_tuned_phrases(case):
    assert parsed_fields(case[0]) == tuple(case[1:])


def test_phrase_sets_are_large_varied_and_separate():
    everything = TUNED_CASES + HELD_OUT_CASES + STRESS_CASES
    assert len(TUNED_CASES) + len(HELD_OUT_CASES) >= 50
    assert len({c[0] for c in everything}) == len(everything)
    assert {c[1] for c in HELD_OUT_CASES} == {"loan", "repayment"}
    assert {c[2] for c in HELD_OUT_CASES} == {"lent", "borrowed"}
    assert {c[5] for c in everything} >= {"USD", "EUR", "GBP", "INR"}


def test_accuracy_meets_the_aims():
    held_out = field_accuracy(HELD_OUT_CASES)
    assert min(held_out.values()) >= 0.9, held_out
    stress = field_accuracy(STRESS_CASES)
    assert stress["amount"] >= 0.95 and stress["currency"] >= 0.95, stress
    assert min(stress.values()) >= 0.85, stress


def _parse(text, currency="USD"):
    return parse_lending_text(text, today=TODAY, default_currency=currency)


class TestRules:
    def test_no_amount_is_none(self):
        assert _parse("lent Sam some money") is None
        assert not mentions_amount("lent Sam some money")
        assert mentions_amount("lent Sam twenty bucks")

    def test_the_users_dollar(self):
        assert _parse("lent Sam $20", currency="CAD")["currency"] == "CAD"
        assert _parse("lent Sam 20", currency="EUR")["currency"] == "EUR"

    def test_date_numbers_are_not_the_amount(self):
        parsed = _parse("lent Sam 30 on Nov 3, due Dec 15")
        assert parsed["amount"] == Decimal("30.00")
        assert (parsed["date"], parsed["due_date"]) == (
            date(2026, 11, 3),
            date(2026, 12, 15),
        )

    def test_a_due_date_before_the_loan_is_dropped(self):
        assert _parse("lent Sam 30 on Nov 20, due 2026-11-01")["due_date"] is None
        assert _parse("lent Sam 30, due Nov 1")["due_date"] == date(2027, 11, 1)

    def test_repayments_carry_no_due_date(self):
        assert _parse("Sam paid me back 10 by Friday")["due_date"] is None

    def test_confidence_grows_with_what_was_found(self):
        assert (
            _parse("20 for pizza")["confidence"] < _parse("lent Sam $20")["confidence"]
        )
        assert _parse("lent Sam $20")["confidence"] == 1.0

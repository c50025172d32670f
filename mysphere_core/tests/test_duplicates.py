"""The one duplicate matcher: the same text twice to an expense parse, a
subscription that already exists, a bank line like an earlier expense."""

import datetime
from decimal import Decimal

import pytest

from mysphere_core.duplicates import Candidate, find_match, same_vendor

DAY = datetime.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("bank", "known"),
    [
        ("SPOTIFY P2F1A3", "Spotify"),
        ("AMZN Mktp US*2K4HG", "Amazon"),
        ("POS NETFLIX.COM 866-579", "Netflix"),
        ("Starbuks", "Starbucks"),
    ],
)
def test_bank_text_names_the_vendor(bank, known):
    assert same_vendor(bank, known)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Spotify", "Netflix"), ("SPOTIFY P2F1A3", ""), ("12345", "12345")],
)
def test_other_vendors_are_not_the_same(first, second):
    assert not same_vendor(first, second)


def test_amount_currency_and_days_must_agree():
    old = Candidate("expense", 7, "Spotify", Decimal("9.99"), "USD", DAY)
    new = Candidate("bank", 0, "SPOTIFY P2F1A3", Decimal("9.99"), "usd", DAY)
    assert find_match(new, [old]) == old
    for changed in (
        Candidate("bank", 0, "SPOTIFY", Decimal("10.99"), "USD", DAY),
        Candidate("bank", 0, "SPOTIFY", Decimal("9.99"), "EUR", DAY),
        Candidate("bank", 0, "SPOTIFY", Decimal("9.99"), "USD", DAY.replace(day=24)),
    ):
        assert find_match(changed, [old], days=3) is None
    later = Candidate("bank", 0, "SPOTIFY", Decimal("9.99"), "USD", DAY.replace(day=22))
    assert find_match(later, [old], days=3) == old
    assert find_match(later, [old]) is None

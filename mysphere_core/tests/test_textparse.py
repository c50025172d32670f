"""Amounts, currencies, number words and dates shared by the features' parsers."""

import re
from datetime import date
from decimal import Decimal

import pytest

from mysphere_core import textparse

TODAY = date(2026, 3, 11)  # a Wednesday


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,250.00", Decimal("1250.00")),
        ("1.250,50", Decimal("1250.50")),
        ("12,99", Decimal("12.99")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("40", Decimal("40")),
    ],
)
def test_to_decimal_reads_both_separator_habits(raw, expected):
    assert textparse.to_decimal(raw) == expected


@pytest.mark.parametrize(
    ("marker", "default", "expected"),
    [
        ("$", "CAD", "CAD"),
        ("$", "EUR", "USD"),
        ("bucks", "AUD", "AUD"),
        ("US$", "CAD", "USD"),
        ("€", "USD", "EUR"),
        ("¥", "CNY", "CNY"),
        ("¥", "USD", "JPY"),
        ("Rs.", "PKR", "PKR"),
        ("rs", "USD", "INR"),
        ("quid", "USD", "GBP"),
        ("usd", "EUR", "USD"),
        ("CHF", "EUR", "CHF"),
        ("all", "USD", None),
        ("ALL", "USD", "ALL"),
        ("for", "USD", None),
        ("", "USD", None),
    ],
)
def test_resolve_currency(marker, default, expected):
    assert textparse.resolve_currency(marker, default) == expected


def test_number_words():
    assert textparse.words_to_number("twenty five") == 25
    assert textparse.words_to_number("a hundred") == 100
    assert textparse.words_to_number("two thousand and fifty") == 2050
    assert textparse.words_to_number("and") is None
    assert [textparse.count_value(t) for t in ("3", "Fourteen", "an", None)] == [
        3,
        14,
        1,
        1,
    ]


def test_word_amount_finds_spelled_out_money():
    match = textparse.WORD_AMOUNT.search("gave him twenty five bucks")
    assert match.group("words").strip() == "twenty five"
    assert match.group("unit") == "bucks"


def _dates(text: str, prefer: str = "past") -> list[date | None]:
    return [
        textparse.resolve_date(m, TODAY, prefer)
        for m in textparse.find_dates(text, TODAY)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2026, 3, 10)),
        ("day before yesterday", date(2026, 3, 9)),
        ("last night", date(2026, 3, 10)),
        ("this morning", date(2026, 3, 11)),
        ("tomorrow", date(2026, 3, 12)),
        ("3 days ago", date(2026, 3, 8)),
        ("two weeks ago", date(2026, 2, 25)),
        ("a month ago", date(2026, 2, 11)),
        ("in 10 days", date(2026, 3, 21)),
        ("last week", date(2026, 3, 4)),
        ("next month", date(2026, 4, 11)),
        ("last Friday", date(2026, 3, 6)),
        ("last Wednesday", date(2026, 3, 4)),
        ("next Wed", date(2026, 3, 18)),
        ("on Monday", date(2026, 3, 9)),
        ("2026-01-05", date(2026, 1, 5)),
        ("2026/01/05", date(2026, 1, 5)),
        ("Jan 5 2026", date(2026, 1, 5)),
        ("January 5th, 2025", date(2025, 1, 5)),
        ("5 January 2026", date(2026, 1, 5)),
        ("5th of Sept", date(2025, 9, 5)),
    ],
)
def test_date_phrases_in_the_past(text, expected):
    assert _dates(f"paid {text} ok") == [expected]


def test_prefer_settles_dates_without_a_year_and_this_weekday():
    assert _dates("Sep 5", "future") == [date(2026, 9, 5)]
    assert _dates("Dec 5", "closest") == [date(2025, 12, 5)]
    assert _dates("Apr 1", "closest") == [date(2026, 4, 1)]
    assert _dates("on Monday", "future") == [date(2026, 3, 16)]
    assert _dates("this Wednesday", "future") == [TODAY]
    assert _dates("this Wednesday", "past") == [TODAY]


def test_find_dates_skips_impossible_days_and_overlaps_in_text_order():
    assert _dates("2026-02-30 then 2026-02-28") == [date(2026, 2, 28)]
    mentions = textparse.find_dates("renews March 3 2026, started 2 weeks ago", TODAY)
    assert [m.kind for m in mentions] == ["month_day", "units_ago"]
    assert mentions[0].start == 7


def test_shift_clamps_month_ends():
    assert textparse.shift(date(2026, 1, 31), 1, "month") == date(2026, 2, 28)
    assert textparse.shift(date(2024, 2, 29), 1, "year") == date(2025, 2, 28)
    assert textparse.shift(date(2026, 3, 1), -1, "Day") == date(2026, 2, 28)


def test_date_without_year_leap_day():
    assert textparse.date_without_year(2, 29, TODAY, "past") is None
    assert textparse.date_without_year(2, 29, date(2025, 3, 1), "past") == date(
        2024, 2, 29
    )


@pytest.mark.parametrize(
    "text",
    ["2026-01-05T10:30", "2026-01-05T99:99", "2026-01-05T10:30:00Z",
     "2026-01-05T10:30:15.5+05:30"],
)  # fmt: skip
def test_an_iso_date_time_is_one_date_mention(text):
    (mention,) = textparse.find_dates(f"paid {text} ok", TODAY)
    assert (mention.kind, mention.start, mention.end) == ("iso", 5, 5 + len(text))
    assert textparse.resolve_date(mention, TODAY, "past") == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("digits", "today", "expected"),
    [
        (99, date(2026, 11, 22), 1999),
        (26, date(2026, 11, 22), 2026),
        (27, date(2026, 11, 22), 1927),
        (0, date(2026, 11, 22), 2000),
        (5, date(2105, 1, 1), 2105),
        (6, date(2105, 1, 1), 2006),
    ],
)
def test_full_year_is_the_nearest_not_after_today(digits, today, expected):
    assert textparse.full_year(digits, today) == expected


def test_ascii_digits_reads_every_numeral_system_and_keeps_positions():
    text = "٤٫٧٥ ۱۲ १२ ১২ １２．５ ١٬٢٥٠ ok"
    assert textparse.ascii_digits(text) == "4.75 12 12 12 12.5 1,250 ok"
    assert len(textparse.ascii_digits(text)) == len(text)
    assert textparse.ascii_digits("plain 12") == "plain 12"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("٤٫٧٥", Decimal("4.75")),
        ("١٬٢٥٠٫٠٠", Decimal("1250.00")),
        ("۱۲", Decimal("12")),
    ],
)
def test_to_decimal_reads_other_numeral_systems(raw, expected):
    assert textparse.to_decimal(raw) == expected
    assert re.fullmatch(textparse.NUMBER_RE, raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("٤٫٧٥", None), ("١٢", None), (" 12 ", "12"), ("-5", "-5"), ("12.", "12."),
     (".5", ".5"), ("1_000", None), ("1e3", None), ("NaN", None), ("12..5", None),
     ("", None)],
)  # fmt: skip
def test_plain_number(raw, expected):
    assert textparse.plain_number(raw) == expected

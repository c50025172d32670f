"""How well bank CSV layouts are read without a mapping: per-field accuracy on the
tuned layouts and on held-out ones (the README's table comes from here)."""

from decimal import Decimal

import pytest

from integrations import csv_layout, importing
from integrations.tests.layout_cases import HELD_OUT_CASES, TUNED_CASES

FIELDS = (
    "date",
    "money",
    "description",
    "vendor",
    "date_format",
    "decimal_separator",
    "first",
)


def read(case):
    """What the detector reads from a case, in the case's terms."""
    layout, rows = csv_layout.read_layout(
        case["text"], mapping=None, date_format=None, decimal_separator=None
    )
    mapping = layout.mapping()
    money = mapping.get("amount") or (mapping.get("debit"), mapping.get("credit"))
    body = [
        (layout.header_row + i + 1, row)
        for i, row in enumerate(rows[layout.header_row :])
        if any(c.strip() for c in row)
    ]
    signed = importing.is_signed(layout, body)
    first = next(
        (r.date, r.amount)
        for r in (
            importing.read_row(layout, line, cells, signed=signed, currency="USD")
            for line, cells in body
        )
        if r.status == importing.NEW
    )
    return {
        "date": mapping.get("date"),
        "money": money,
        "description": mapping.get("description"),
        "vendor": mapping.get("vendor"),
        "date_format": layout.date_format,
        "decimal_separator": layout.decimal_separator,
        "first": first,
    }


def accuracy(cases):
    """Share of cases read right, per field."""
    hits = dict.fromkeys(FIELDS, 0)
    for case in cases:
        got = read(case)
        for field in FIELDS:
            hits[field] += got[field] == case[field]
    return {field: Decimal(hits[field]) / len(cases) for field in FIELDS}


@pytest.mark.parametrize("case", TUNED_CASES, ids=lambda c: c["name"])
def test_tuned_layouts_are_read_right(case):
    got = read(case)
    assert got == {field: case[field] for field in FIELDS}


def test_accuracy_meets_the_aims():
    tuned, held_out = accuracy(TUNED_CASES), accuracy(HELD_OUT_CASES)
    assert all(value == 1 for value in tuned.values()), tuned
    for field in ("date", "money", "vendor", "decimal_separator"):
        assert held_out[field] == 1, (field, held_out)
    assert held_out["description"] >= Decimal("0.85"), held_out
    # US banks' dates that fit both ways (11/03/2026) are read day first: the dry
    # run shows the format, and `date_format` corrects it
    assert held_out["date_format"] >= Decimal("0.75"), held_out
    assert held_out["first"] >= Decimal("0.75"), held_out


def test_print_the_table(capsys):
    """`pytest -s -k print_the_table` prints the README's table."""
    tuned, held_out = accuracy(TUNED_CASES), accuracy(HELD_OUT_CASES)
    with capsys.disabled():
        print(
            f"\n| field | tuned ({len(TUNED_CASES)}) "
            f"| held-out ({len(HELD_OUT_CASES)}) |"
        )
        for field in FIELDS:
            print(f"| {field} | {tuned[field]:.0%} | {held_out[field]:.0%} |")

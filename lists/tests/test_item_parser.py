"""The item-text parser and the aisle keyword map: phrase sets and rules."""

from decimal import Decimal

import pytest

from lists.aisles import AISLE_WORDS, AISLES, KEYWORD_MAP, aisle_for, singular
from lists.item_parser import parse_items, split_entries, to_quantity
from lists.tests.parser_cases import (
    HELD_OUT_CASES,
    STRESS_CASES,
    TUNED_CASES,
    expected_fields,
    field_accuracy,
    parsed_fields,
)


@pytest.mark.parametrize("case", TUNED_CASES + STRESS_CASES, ids=lambda c: c[0])
def test_tuned_phrases(case):
    assert parsed_fields(case[0]) == expected_fields(case)


def test_phrase_sets_are_large_and_separate():
    assert len(TUNED_CASES) >= 50
    assert len(HELD_OUT_CASES) >= 40
    assert len(STRESS_CASES) >= 30
    tuned = {c[0] for c in TUNED_CASES}
    held = {c[0] for c in HELD_OUT_CASES}
    stress = {c[0] for c in STRESS_CASES}
    assert len(tuned) == len(TUNED_CASES) and not tuned & held
    assert not stress & (tuned | held)
    assert {c[4] for c in TUNED_CASES + HELD_OUT_CASES} == set(AISLES) - {"Other"}


def test_accuracy_per_field_meets_the_aims():
    tuned = field_accuracy(TUNED_CASES)
    held_out = field_accuracy(HELD_OUT_CASES)
    assert all(value == 1.0 for value in tuned.values()), tuned
    assert held_out["name"] >= 0.9 and held_out["quantity"] >= 0.9
    assert held_out["unit"] >= 0.9 and held_out["aisle"] >= 0.85
    # Measured first at name 77%, quantity 90%, unit 93%, aisle 97%; then fixed.
    assert all(value == 1.0 for value in field_accuracy(STRESS_CASES).values())


class TestSplitting:
    def test_commas_lines_semicolons_and_bullets(self):
        text = "2 milk, eggs, 1kg rice, bread x3\nbananas; - soap\n* jam\n• tea"
        assert split_entries(text) == [
            "2 milk",
            "eggs",
            "1kg rice",
            "bread x3",
            "bananas",
            "soap",
            "jam",
            "tea",
        ]

    def test_a_decimal_comma_is_not_a_separator(self):
        assert split_entries("1,5 kg flour, 2,25l juice") == [
            "1,5 kg flour",
            "2,25l juice",
        ]

    def test_numbered_lines_lose_their_numbers(self):
        assert split_entries("1. milk\n2) eggs\n[ ] rice\n[x] jam") == [
            "milk",
            "eggs",
            "rice",
            "jam",
        ]

    def test_blank_entries_are_dropped(self):
        assert split_entries(" , ,\n\n milk ,, ") == ["milk"]
        assert parse_items(" , ") == []

    def test_the_issue_example(self):
        items = parse_items("2 milk, eggs, 1kg rice, bread x3\nbananas")
        assert [(i.name, i.quantity, i.unit, i.aisle) for i in items] == [
            ("milk", 2, "", "Dairy"),
            ("eggs", 1, "", "Dairy"),
            ("rice", 1, "kg", "Pantry"),
            ("bread", 3, "", "Bakery"),
            ("bananas", 1, "", "Produce"),
        ]


class TestQuantities:
    @pytest.mark.parametrize(
        ("token", "value"),
        [
            ("2", "2"),
            ("1,5", "1.5"),
            ("1/2", "0.5"),
            ("½", "0.5"),
            ("two", "2"),
            ("a", "1"),
            (None, "1"),
            ("٣", "3"),
        ],
    )
    def test_numbers_as_written(self, token, value):
        assert to_quantity(token) == Decimal(value)

    def test_a_number_glued_to_a_word_is_part_of_the_name(self):
        assert parsed_fields("7up") == ("7up", Decimal(1), "", "")

    def test_a_letter_unit_is_not_read_out_of_a_word(self):
        assert parsed_fields("2 lemons")[1:3] == (Decimal(2), "")
        assert parsed_fields("2 grapes")[1:3] == (Decimal(2), "")

    def test_huge_quantities_are_read_for_the_validator_to_refuse(self):
        assert parsed_fields("20000 eggs")[1] == Decimal(20000)

    def test_a_size_is_not_a_count(self):
        assert parsed_fields("diapers size 5")[:2] == ("diapers size 5", Decimal(1))

    def test_brackets_stay_balanced(self):
        assert parsed_fields("(organic) apples")[0] == "(organic) apples"
        assert parsed_fields("apples)")[0] == "apples"

    def test_a_unit_alone_is_the_name(self):
        assert parsed_fields("2 rolls") == ("rolls", Decimal(2), "", "Bakery")


class TestAisleMap:
    def test_it_knows_at_least_300_words(self):
        assert len(KEYWORD_MAP) >= 300
        words = [w for words in AISLE_WORDS.values() for w in words]
        assert len(words) == len(set(words)), "a word is listed twice"
        assert set(AISLE_WORDS) == set(AISLES) - {"Other"}
        assert all(len(words) >= 20 for words in AISLE_WORDS.values())

    def test_every_listed_word_maps_to_its_aisle(self):
        wrong = [
            (word, aisle, aisle_for(word))
            for aisle, words in AISLE_WORDS.items()
            for word in words
            if aisle_for(word) != aisle
        ]
        assert wrong == []

    @pytest.mark.parametrize(
        ("name", "aisle"),
        [
            ("Organic Bananas", "Produce"),
            ("frozen blueberries", "Frozen"),
            ("canned corn", "Pantry"),
            ("chocolate milk", "Dairy"),
            ("milk chocolate", "Pantry"),
            ("coconut milk", "Pantry"),
            ("chicken soup", "Pantry"),
            ("hand cream", "Personal Care"),
            ("sour cream", "Dairy"),
            ("FREE-RANGE EGGS", "Dairy"),
            ("kitchen roll", "Household"),
            ("frozen", "Frozen"),
            ("gizmo", ""),
        ],
    )
    def test_names(self, name, aisle):
        assert aisle_for(name) == aisle

    @pytest.mark.parametrize(
        ("plural", "one"),
        [
            ("berries", "berry"),
            ("tomatoes", "tomato"),
            ("peaches", "peach"),
            ("dishes", "dish"),
            ("eggs", "egg"),
            ("glass", "glass"),
            ("hummus", "hummus"),
            ("gas", "gas"),
        ],
    )
    def test_singular(self, plural, one):
        assert singular(plural) == one


def test_a_dash_before_a_number_is_a_minus_and_before_a_space_a_bullet():
    assert [(i.name, i.quantity) for i in parse_items("- 3 eggs\n-- milk")] == [
        ("eggs", Decimal("3")),
        ("milk", Decimal("1")),
    ]
    (item,) = parse_items("-3 eggs")
    assert (item.name, item.quantity) == ("eggs", Decimal("-3"))

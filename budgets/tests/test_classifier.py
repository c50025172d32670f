"""The rule-based classifier: per-field accuracy on the tuned and held-out phrase
sets (reported in the README), and its confidence."""

import pytest

from budgets.classifier import classify, clean_ai_answer
from budgets.tests.classify_cases import (
    DEV_CASES,
    HELD_OUT_CASES,
    field_accuracy,
    misses,
)


def test_accuracy_on_the_tuned_set() -> None:
    """Every tuned phrase is right (README: 100 % / 100 %)."""
    assert misses(DEV_CASES) == []
    assert field_accuracy(DEV_CASES) == {"category": 1.0, "necessity_score": 1.0}


def test_accuracy_on_the_held_out_set() -> None:
    """Never tuned on: at least 90 % per field (README: 93 % / 93 %)."""
    accuracy = field_accuracy(HELD_OUT_CASES)
    assert accuracy["category"] >= 0.9
    assert accuracy["necessity_score"] >= 0.9


def test_confidence_grows_with_evidence() -> None:
    """No known word: Other at 0.2; a clear winner beats a contested one."""
    assert classify("zzz qqq") == {
        "category": "Other",
        "confidence": 0.2,
        "alternative_categories": [],
    }
    clear = classify("coursera course")
    contested = classify("Weekly grocery shopping at Whole Foods")
    assert clear["confidence"] > contested["confidence"] >= 0.6
    assert contested["alternative_categories"] == ["Shopping"]


@pytest.mark.parametrize(
    "answer",
    [
        {"category": "Pets", "confidence": 0.9},
        {"category": "Travel", "confidence": 1.5},
        {"category": "Travel", "confidence": "high"},
    ],
)
def test_unusable_ai_answers_are_refused(answer) -> None:
    """An unknown category or a confidence outside 0..1 is unusable."""
    with pytest.raises((ValueError, KeyError)):
        clean_ai_answer(answer)

"""Per-field accuracy of the fallback expense parser on its phrase sets.

    .venv/bin/python bench/parser_accuracy.py

Prints a Markdown table (dev, held-out, stress and reviewer sets, and all of them)
and every field the parser read wrong. The sets live in expenses/tests/parser_cases.py.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from expenses.tests.parser_cases import (  # noqa: E402
    DEV_CASES,
    FIELDS,
    HELD_OUT_CASES,
    REVIEW_CASES,
    STRESS_CASES,
    field_accuracy,
    misses,
)


def main() -> None:
    """Print the accuracy table and the misses."""
    sets = {
        "dev (tuned on)": DEV_CASES,
        "held-out": HELD_OUT_CASES,
        "stress (never tuned on)": STRESS_CASES,
        "reviewer misses (found later, then fixed)": REVIEW_CASES,
        "all": DEV_CASES + HELD_OUT_CASES + STRESS_CASES + REVIEW_CASES,
    }
    print("| set | phrases | " + " | ".join(FIELDS) + " |")
    print("| --- | ---: |" + " ---: |" * len(FIELDS))
    for name, cases in sets.items():
        accuracy = field_accuracy(cases)
        cells = " | ".join(f"{accuracy[field]:.0%}" for field in FIELDS)
        print(f"| {name} | {len(cases)} | {cells} |")
    print("\nMisses:")
    for text, field, expected, got in misses(sets["all"]):
        print(f"- {text!r}: {field} {got!r}, expected {expected!r}")


if __name__ == "__main__":
    main()

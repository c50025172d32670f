"""The assistant's everyday-message accuracy, through the API with no AI key.

    .venv/bin/python bench/assistant_accuracy.py [--misses] [--only NAME]

Each case of the tuned set and the two held-out sets (the first round's and the
Quick add / Spanish replies one; integrations/tests/assistant_*.py)
runs on a fresh user seeded with the known week, on a throwaway SQLite with time
frozen at that week's Sunday. Prints Markdown tables of intent accuracy and answer
correctness per intent and per language, and with --misses every wrong answer.
"""

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import configure  # noqa: E402


def _table(title: str, groups: dict[str, tuple]) -> None:
    """One Markdown table: group, cases, intent accuracy, answer correctness."""
    print(f"\n| {title} | cases | intent | answer |")
    print("| --- | ---: | ---: | ---: |")
    for name, (count, intent, answer) in groups.items():
        print(f"| {name} | {count} | {intent:.0%} | {answer:.0%} |")


def main() -> None:
    """Run the sets and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print wrong answers")
    parser.add_argument(
        "--only", choices=("tuned", "held-out", "quick-add"), help="run one set"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # a fresh user per case sends a few messages; the strict throttle keeps a
        # cache slot per request of its rate, so a huge rate is a huge read
        configure(
            Path(folder) / "assistant.sqlite3",
            env={"THROTTLE_ASSISTANT": "100/minute"},
        )
        import time_machine
        from rest_framework.test import APIClient

        from integrations.tests import assistant_eval as ev
        from integrations.tests.assistant_held_out import HELD_OUT
        from integrations.tests.assistant_quick_add import QUICK_ADD
        from integrations.tests.assistant_tuned import TUNED
        from integrations.tests.assistant_week import NOW, seed_week
        from users.tests.factories import UserFactory

        numbers = itertools.count()

        def fresh_client() -> APIClient:
            """A new user with the known week, signed in."""
            client = APIClient()
            client.force_authenticate(UserFactory(username=f"week{next(numbers)}"))
            seed_week(client)
            return client

        with time_machine.travel(NOW, tick=False):
            for key, name, cases in (
                ("tuned", "tuned", TUNED),
                ("held-out", "held-out", HELD_OUT),
                ("quick-add", "held-out (quick add, Spanish replies)", QUICK_ADD),
            ):
                if args.only not in (None, key):
                    continue
                outcomes = ev.evaluate(cases, fresh_client)
                print(f"\n### {name}: {len(cases)} messages")
                _table("language", ev.rates(outcomes, lambda c: c.lang))
                _table("intent", ev.rates(outcomes, lambda c: c.intent))
                if args.misses:
                    print("\nMisses:\n" + "\n".join(ev.misses(outcomes)))


if __name__ == "__main__":
    main()

"""How well the assistant understands everyday messages, measured through the API.

Each `Case` is one message (after the messages of its conversation so far, sent
first), the intent expected, the slots the answer must carry (a subset of the
response's `slots`; amounts compared as decimals) and the figure its reply must
contain (or, given several, every one of them). A case runs on a fresh user with
the known week (`assistant_week.py`).

- intent accuracy: the response's `intent` is the expected one;
- answer correctness: the intent, every expected slot, the figure in the reply, and
  (when the case says) whether the write was carried out.

`bench/assistant_accuracy.py` prints both per intent and per language for the tuned
and the held-out sets; `test_assistant_accuracy.py` holds them to the aims.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from rest_framework.test import APIClient

CHAT = "/api/assistant/chat/"


@dataclass(frozen=True)
class Case:
    """One everyday message and what the assistant must make of it."""

    message: str
    intent: str
    figure: str | tuple[str, ...] | None = None
    lang: str = "en"
    before: tuple[str, ...] = ()
    executed: bool | None = None
    slots: dict[str, Any] = field(default_factory=dict)


def case(
    message: str,
    intent: str,
    figure: str | tuple[str, ...] | None = None,
    *,
    lang: str = "en",
    before: tuple[str, ...] = (),
    executed: bool | None = None,
    **slots: Any,
) -> Case:
    """A case, its expected slots as keyword arguments."""
    return Case(message, intent, figure, lang, before, executed, slots)


@dataclass(frozen=True)
class Outcome:
    """What the assistant made of one case."""

    case: Case
    body: dict[str, Any]
    intent_ok: bool
    answer_ok: bool


def _same(expected: Any, got: Any) -> bool:
    """Slot values equal (numbers as decimals, words without case)."""
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except (InvalidOperation, ValueError):
        pass
    if isinstance(expected, str) and isinstance(got, str):
        return expected.lower() == got.lower()
    return expected == got


def judge(item: Case, body: dict[str, Any]) -> Outcome:
    """The outcome of one answer."""
    intent_ok = body.get("intent") == item.intent
    slots = body.get("slots") or {}
    slots_ok = all(_same(v, slots.get(k)) for k, v in item.slots.items())
    figures = (item.figure,) if isinstance(item.figure, str) else item.figure or ()
    figure_ok = all(f.lower() in body["reply"].lower() for f in figures)
    executed_ok = item.executed is None or body.get("executed") is item.executed
    answer_ok = intent_ok and slots_ok and figure_ok and executed_ok
    return Outcome(item, body, intent_ok, answer_ok)


def chat(client: APIClient, message: str, **extra: Any) -> dict[str, Any]:
    """One chat message through the API; its answer (a 200)."""
    response = client.post(CHAT, {"message": message, **extra}, format="json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def run_case(client: APIClient, item: Case) -> Outcome:
    """Send the conversation, then the message; judge the answer."""
    for earlier in item.before:
        chat(client, earlier)
    return judge(item, chat(client, item.message))


def evaluate(
    cases: Iterable[Case], client_for_case: Callable[[], APIClient]
) -> list[Outcome]:
    """Each case on its own fresh client (a new user with the known week)."""
    return [run_case(client_for_case(), item) for item in cases]


def rates(outcomes: list[Outcome], key: Callable[[Case], str]) -> dict[str, tuple]:
    """Per group: (cases, intent accuracy, answer correctness)."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[key(outcome.case)].append(outcome)
    ordered = [*sorted(groups.items()), ("all", outcomes)]
    return {
        name: (
            len(rows),
            sum(o.intent_ok for o in rows) / len(rows),
            sum(o.answer_ok for o in rows) / len(rows),
        )
        for name, rows in ordered
    }


def misses(outcomes: list[Outcome]) -> list[str]:
    """A line per wrong answer: the message, what was expected and what came."""
    return [
        f"{o.case.message!r} (after {list(o.case.before)}): expected "
        f"{o.case.intent} {o.case.slots} {o.case.figure!r}; got "
        f"{o.body.get('intent')} {o.body.get('slots')} {o.body['reply'][:160]!r}"
        for o in outcomes
        if not o.answer_ok
    ]

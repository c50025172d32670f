"""The schema written for people: a summary, a description and examples everywhere.

- Summaries and descriptions: the standard actions of every ViewSet (list, retrieve,
  create, update, partial_update, destroy) are described from the object they serve
  ("Create an expense"), never from the kit's own docstrings; other actions use their
  docstring (its first sentence is the summary).
- `document`, a drf-spectacular post-processing hook: readable tag names with a
  sentence each (the headings of ReDoc), an example value on every property of every
  component (never `"currency": "str"`), and a request and a response example on every
  operation that has a JSON body, built from those values.
"""

import re
from typing import Any

from mysphere_core import schema_examples as examples

STANDARD_ACTIONS = {
    "list": (
        "List {things}",
        "Your {things}, a page at a time (`page`, `page_size`). Other users' "
        "{things} are never listed.",
    ),
    "retrieve": (
        "Get one {thing}",
        "One of your {things} by its id. Another user's is a 404, as is one that "
        "does not exist.",
    ),
    "create": (
        "Create {a_thing}",
        "Creates {a_thing} from the fields sent and answers it as stored (201). "
        "Each invalid field is named in a 400.",
    ),
    "update": (
        "Replace {a_thing}",
        "Sends every writable field of one of your {things}; answers it as stored. "
        "Each invalid field is named in a 400.",
    ),
    "partial_update": (
        "Change {a_thing}",
        "Changes only the fields sent of one of your {things}; answers it as "
        "stored. Each invalid field is named in a 400.",
    ),
    "destroy": (
        "Delete {a_thing}",
        "Deletes one of your {things}: it leaves the API at once (204); the row is "
        "kept, inactive, as every delete of the API does.",
    ),
}
# Nouns the serializer's class name would not give well.
NOUNS = {"lending": ("lending record", "lending records")}
SUMMARY_LENGTH = 80

TAGS = {
    "users": ("Users", "Sign-up, sign-in, tokens, the profile and account settings."),
    "expenses": ("Expenses", "Money out: expenses, categories, analytics, import."),
    "budgets": ("Budgets", "Monthly plans, summaries, purchase checks and advice."),
    "subscriptions": ("Subscriptions", "Recurring payments, renewals and alerts."),
    "todos": ("Todos", "Tasks, today's agenda, statistics and quick add."),
    "lists": ("Lists", "Shopping and other lists, items, sharing and shopping."),
    "lending": ("Lending", "Money lent and borrowed, repayments and balances."),
    "integrations": (
        "Integrations",
        "Notifications, webhooks, the calendar feed, import, export and restore.",
    ),
    "dashboard": ("Dashboard", "Every feature at a glance, in one answer."),
    "assistant": ("Assistant", "Ask in words; the assistant answers or acts."),
    "health": ("Health", "Is the server up (no sign-in needed)."),
    "ready": ("Readiness", "Can the server take writes (no sign-in needed)."),
}


def noun(view: Any) -> tuple[str, str]:
    """The object a ViewSet serves, singular and plural ("expense", "expenses")."""
    serializer = getattr(view, "serializer_class", None)
    name = serializer.__name__.removesuffix("Serializer") if serializer else "item"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    if words in NOUNS:
        return NOUNS[words]
    plural = words[:-1] + "ies" if words.endswith("y") else words + "s"
    return words, plural


def standard_text(view: Any, action: str | None) -> tuple[str, str] | None:
    """(summary, description) of a standard action the kit or DRF implements."""
    if action not in STANDARD_ACTIONS or _own_docstring(view, action):
        return None
    thing, things = noun(view)
    article = "an" if thing[0] in "aeiou" else "a"
    words = {"thing": thing, "things": things, "a_thing": f"{article} {thing}"}
    summary, description = STANDARD_ACTIONS[action]
    return summary.format(**words), description.format(**words)


def _own_docstring(view: Any, action: str) -> bool:
    """True when the ViewSet itself (not the kit or DRF) wrote the action."""
    method = getattr(type(view), action, None)
    module = getattr(method, "__module__", "") or ""
    return bool(method.__doc__) and not module.startswith(
        ("mysphere_core.", "rest_framework.")
    )


def summary_of(description: str) -> str:
    """The first sentence of a description, short enough for a heading."""
    first = re.split(r"(?<=[.!?])\s|\n\n", description.strip(), maxsplit=1)[0]
    first = " ".join(first.split()).rstrip(".")
    if len(first) > SUMMARY_LENGTH:
        first = re.split(r" \(|[:;,] ", first, maxsplit=1)[0]
    return first[:SUMMARY_LENGTH].rstrip()


def per_method(summary: str, view: Any, method: str) -> str:
    """`summary`, with the HTTP method when one action answers several (each
    operation keeps a heading of its own)."""
    methods = set(getattr(view, "action_map", None) or {}) - {"options", "head"}
    return f"{summary} ({method})" if summary and len(methods) > 1 else summary


# --- the post-processing hook --------------------------------------------------------


def document(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """Readable tags, example values on every property, examples on operations."""
    used = {
        t for item in result["paths"].values() for o in _ops(item) for t in o["tags"]
    }
    result["tags"] = [
        {"name": tag, "x-displayName": TAGS.get(tag, (tag.title(), ""))[0]}
        | ({"description": TAGS[tag][1]} if tag in TAGS else {})
        for tag in sorted(used, key=lambda t: list(TAGS).index(t) if t in TAGS else 99)
    ]
    schemas = result.get("components", {}).get("schemas", {})
    for schema in schemas.values():
        _annotate(schema)
    for item in result["paths"].values():
        for operation in _ops(item):
            _examples(operation, schemas)
    return result


def _ops(item: dict) -> list[dict]:
    """The operations of a path item."""
    methods = ("get", "post", "put", "patch", "delete")
    return [item[m] for m in methods if m in item]


def _annotate(schema: dict) -> None:
    """An `example` on each property that has none and is not an object or a list."""
    for name, prop in schema.get("properties", {}).items():
        if "$ref" in prop or "allOf" in prop or "oneOf" in prop:
            continue
        if prop.get("type") in ("object", "array"):
            _annotate(prop.get("items", {}) if prop["type"] == "array" else prop)
            continue
        if "example" not in prop:
            prop["example"] = examples.value(name, prop)


def _examples(operation: dict, schemas: dict) -> None:
    """A request and a success-response example for each JSON body."""
    bodies = [operation.get("requestBody", {})]
    bodies += [r for code, r in operation["responses"].items() if code.startswith("2")]
    for body in bodies:
        media = body.get("content", {}).get("application/json")
        if not media or "schema" not in media or "examples" in media:
            continue
        value = examples.build(media["schema"], schemas)
        if value is not None:
            media["examples"] = {"Example": {"value": value}}
